package org.anisoscope.mixing;

import static org.junit.jupiter.api.Assertions.*;

import org.anisoscope.physics.Qlt;
import org.junit.jupiter.api.Test;

class SlabSpectrumTest {
    /** The rule's weights add up to the power between kmin and kHigh: eta/2 (1 - (kHigh/kmin)^(1-q)), for every q. */
    @Test
    void theWeightsHoldThePowerBelowTheCut() {
        double rho = 8.9e-3, eta = 0.5, kmin = Qlt.kmin(rho);
        for (double q : new double[] {1.3, 1.5, 5.0 / 3.0, 1.8}) {
            double kHigh = 1e4 * kmin;
            SlabSpectrum s = SlabSpectrum.powerLaw(rho, eta, q, kHigh, 0.05);
            double want = eta / 2 * (1 - Math.pow(kHigh / kmin, 1 - q));
            assertEquals(want, s.variance(), 1e-10 * want, "q = " + q);
        }
    }

    @Test
    void atFiveThirdsItIsTheKolmogorovRuleBitForBit() {
        SlabSpectrum a = SlabSpectrum.kolmogorov(8.9e-3, 0.5, 50, 0.02), b = SlabSpectrum.powerLaw(8.9e-3, 0.5, Qlt.KOLMOGOROV, 50, 0.02);
        assertArrayEquals(a.k(), b.k(), 0);
        assertArrayEquals(a.w(), b.w(), 0);
        assertEquals(a.description(), b.description());
        assertThrows(IllegalArgumentException.class, () -> SlabSpectrum.powerLaw(8.9e-3, 0.5, 1.0, 50, 0.02));
    }
}
