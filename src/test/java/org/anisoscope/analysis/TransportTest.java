package org.anisoscope.analysis;

import static org.junit.jupiter.api.Assertions.*;

import org.anisoscope.tracking.Snapshot;
import org.junit.jupiter.api.Test;

/** The running and plateau diffusion coefficients of Transport on displacements whose K is known. */
class TransportTest {
    /** Snapshots of n particles at ±√(2 K t) along each axis, realisation r's K scaled by (1 + 0.1 (r − 1)). */
    @Test
    void diffusiveDisplacementsGiveTheirK() {
        double kPar = 3.0, kPerp = 0.2;
        double[] t = {1, 2, 4, 8, 16, 32};
        Transport tr = new Transport(t);
        int n = 40;
        for (int r = 0; r < 3; r++) {
            double f = 1 + 0.1 * (r - 1);
            for (int k = 0; k < t.length; k++) {
                double[] x = new double[n], y = new double[n], z = new double[n];
                for (int i = 0; i < n; i++) {
                    double s = i % 2 == 0 ? 1 : -1;
                    z[i] = s * Math.sqrt(2 * kPar * f * t[k]);
                    x[i] = s * Math.sqrt(2 * kPerp * f * t[k]);
                    y[i] = -x[i];
                }
                tr.add(new Snapshot(k, t[k], x, y, z, new double[n], new double[n], new double[n], new int[0], new float[0][]));
            }
            tr.endRealisation();
        }
        Transport.Result res = tr.result();
        assertEquals(3, res.realisations());
        for (int k = 0; k < t.length; k++) {
            assertEquals(kPar, res.kPar()[k], 1e-12);
            assertEquals(kPerp, res.kPerp()[k], 1e-12);
            assertEquals(0.1 * kPar / Math.sqrt(3), res.kParErr()[k], 1e-12, "the standard error of K f over f = 0.9, 1, 1.1");
        }
        assertEquals(kPar, res.kParPlateau(), 1e-12);
        assertEquals(kPerp, res.kPerpPlateau(), 1e-12);
        assertTrue(res.kParPlateauErr() > 0.05 * kPar && res.kParPlateauErr() < 0.1 * kPar, "jackknife " + res.kParPlateauErr());
        assertEquals(0, res.parLogSlope(), 1e-12);
        assertTrue(res.perpReached());
    }

    @Test
    void oneRealisationHasNoErrorsToGive() {
        Transport tr = new Transport(new double[] {1, 2});
        assertThrows(IllegalStateException.class, tr::result);
        assertThrows(IllegalArgumentException.class, () -> new Transport(new double[] {1}));
    }
}
