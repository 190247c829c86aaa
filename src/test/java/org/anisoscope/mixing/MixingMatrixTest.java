package org.anisoscope.mixing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.anisoscope.physics.Qlt;
import org.anisoscope.special.Wigner3j;
import org.junit.jupiter.api.Test;

class MixingMatrixTest {
    static final double ETA = 0.5, OMEGA = Math.sqrt(1 - ETA);

    @Test
    void transformRecurrenceMatchesDirectQuadrature() {
        // J_L(k) for k > 1.1 Omega comes from the recurrence; the quadrature is the definition
        double dT = 20 / OMEGA;
        for (double k : new double[] {1.2 * OMEGA, 3 * OMEGA, 20 * OMEGA}) {
            double[] r1 = new double[90], i1 = new double[90], r2 = new double[90], i2 = new double[90];
            MixingMatrix.transforms(k, OMEGA, dT, 80, r1, i1);
            MixingMatrix.quadrature(k, OMEGA, dT, 80, r2, i2);
            double max = 0;
            for (int l = 0; l <= 80; l++) max = Math.max(max, Math.hypot(r2[l], i2[l]));
            for (int l = 0; l <= 80; l++) {
                assertEquals(r2[l], r1[l], 1e-12 * max, "Re J_" + l + " at k=" + k);
                assertEquals(i2[l], i1[l], 1e-12 * max, "Im J_" + l + " at k=" + k);
            }
        }
    }

    @Test
    void lambdaClosedFormMatchesQuadratureInTau() {
        // K(k) = ∫_0^dT (dT - τ) cos(Omega τ) [2/3 j0 - 1/3 j2](kτ) dτ, straight from Eq. 39
        double dT = 13;
        for (double k : new double[] {0.001, 0.3, 0.9, 2.5, 40}) {
            int panels = (int) Math.ceil(dT * (k + OMEGA) / Math.PI) + 4;
            double h = dT / panels, sum = 0;
            double[] j = new double[3];
            for (int p = 0; p < panels; p++)
                for (int q = 0; q < 8; q++) {
                    double tau = (p + 0.5 * (GaussLegendre.NODES_8[q] + 1)) * h;
                    SpecialFunctions.sphericalBessel(2, k * tau, j);
                    sum += 0.5 * h * GaussLegendre.WEIGHTS_8[q] * (dT - tau) * Math.cos(OMEGA * tau) * (2.0 / 3 * j[0] - 1.0 / 3 * j[2]);
                }
            assertEquals(sum, MixingMatrix.lambda(k, OMEGA, dT), 1e-11 * dT * dT, "k=" + k);
        }
    }

    @Test
    void xClosedFormMatchesTheSumOverM() {
        double[] row = new double[300], scratch = new double[300];
        for (int[] p : new int[][] {{1, 1}, {3, 7}, {20, 20}, {45, 12}, {90, 100}}) {
            int l = p[0], l0 = p[1], lo = Math.abs(l - l0), n = l + l0 - lo + 1;
            double[][] x = new double[n][n];
            for (int m = -Math.min(l, l0); m <= Math.min(l, l0); m++) {
                Wigner3j.row(l, l0, m, -m, row, scratch);
                for (int a = 0; a < n; a++) for (int b = 0; b < n; b++) x[a][b] += (double) m * m * row[a] * row[b];
            }
            for (int a = 0; a < n; a++) {
                assertEquals(x[a][a], MixingMatrix.xDiag(l, l0, lo + a), 1e-12 * Math.max(1, x[a][a]));
                if (a + 2 < n) assertEquals(x[a][a + 2], MixingMatrix.xOff(l, l0, lo + a), 1e-12 * Math.max(1, Math.abs(x[a][a + 2])));
                if (a + 1 < n) assertEquals(0, x[a][a + 1], 1e-12);
                if (a + 3 < n) assertEquals(0, x[a][a + 3], 1e-12);
            }
        }
    }

    @Test
    void aUniformFieldTurnsAllParticlesAlikeSoNothingMixes() {
        // k → 0: every particle sees the same field, pairs keep their angle, M = 1 exactly;
        // this fixes the normalisation of (1c) against (1a) + (1b)
        MixingMatrix m = MixingMatrix.compute(SlabSpectrum.single(1e-9, 0.3), OMEGA, 7.0, 12, 1);
        assertTrue(Math.abs(m.m1a(3)) > 1, "the test needs sizeable terms: " + m.m1a(3));
        for (int l = 0; l <= 12; l++)
            for (int l0 = 0; l0 <= 12; l0++)
                assertEquals(l == l0 ? 1 : 0, m.m(l, l0), 1e-12 * Math.abs(m.m1a(12)), "M_" + l + "," + l0);
    }

    @Test
    void mixingMovesSkyVarianceBetweenMultipolesWithoutMakingOrLosingIt() {
        // Σ_l (2l+1) M_l l0 = 2 l0 + 1: checks (1c), summed over all the l it reaches, against (1a)+(1b)
        double dT = 5 / OMEGA;
        SlabSpectrum sp = SlabSpectrum.kolmogorov(8.9e-3, ETA, 20 * OMEGA, 0.02);
        MixingMatrix m = MixingMatrix.compute(sp, OMEGA, dT, 4, 160, 2);
        for (int l0 = 1; l0 <= 4; l0++) {
            double sum = 0, offDiagonal = 0;
            for (int l = 0; l <= 160; l++) {
                sum += (2 * l + 1) * m.m(l, l0);
                if (l != l0) offDiagonal += (2 * l + 1) * m.m1c(l, l0);
            }
            assertTrue(offDiagonal > 0.01 * (2 * l0 + 1), "power must actually leave l0 = " + l0);
            assertEquals(2 * l0 + 1, sum, 1e-9 * (2 * l0 + 1) * Math.abs(m.m1a(l0)), "l0 = " + l0);
        }
    }

    @Test
    void the1aTermIsQuasiLinearPitchAngleScattering() {
        // Appendix B: for Omega dT → ∞, -M^(1a)_ll / dT → l(l+1) <nu(mu) (1 + mu²)/2>_mu with
        // nu = D_mumu / (1 - mu²) from slab QLT. Rate from the slope of Λ between dT and 2 dT
        // (the constant term of Λ(dT) cancels); k up to 1e4 Omega so that the resonances missing
        // from the quadrature (|mu| < 1e-4) are negligible.
        for (double rho : new double[] {8.9e-2, 8.9e-3}) {
            double dT = 1500 / OMEGA;
            SlabSpectrum sp = SlabSpectrum.kolmogorov(rho, ETA, 1e4 * OMEGA, 0.1 / (OMEGA * dT));
            double l1 = 0, l2 = 0;
            for (int i = 0; i < sp.size(); i++) {
                l1 += sp.wAt(i) * MixingMatrix.lambda(sp.kAt(i), OMEGA, dT);
                l2 += sp.wAt(i) * MixingMatrix.lambda(sp.kAt(i), OMEGA, 2 * dT);
            }
            double rate = (l2 - l1) / dT;
            // the QLT average, independently from Qlt.dmumu (Gauss-Legendre in mu, singularity-free)
            double qlt = 0;
            int panels = 400;
            for (int p = 0; p < panels; p++)
                for (int q = 0; q < 8; q++) {
                    double mu = -1 + (p + 0.5 * (GaussLegendre.NODES_8[q] + 1)) * 2.0 / panels;
                    double nu = Qlt.dmumu(mu, rho, ETA) / (1 - mu * mu);
                    qlt += GaussLegendre.WEIGHTS_8[q] / panels * 0.5 * nu * (1 + mu * mu) / 2;
                }
            assertEquals(qlt, rate, 0.01 * qlt, "rho " + rho);
        }
    }

    /** The matrix does not depend on the threads, to the last bit: a scan's fits are the same bytes however they ran. */
    @Test
    void theSameMatrixOnAnyNumberOfThreads() {
        double dT = 15.5 / OMEGA;
        SlabSpectrum sp = Predictor.spectrum(8.9e-3, ETA, org.anisoscope.physics.Qlt.KOLMOGOROV, OMEGA, dT, 30);
        MixingMatrix one = MixingMatrix.compute(sp, OMEGA, dT, 30, 1);
        for (int threads : new int[] {2, 3, 7}) {
            MixingMatrix m = MixingMatrix.compute(sp, OMEGA, dT, 30, threads);
            assertEquals(one.lambda(), m.lambda(), 0.0);
            for (int l = 1; l <= 30; l++) for (int l0 = 1; l0 <= 30; l0++) assertEquals(one.m(l, l0), m.m(l, l0), 0.0, threads + " threads");
        }
    }

    @Test
    void kGridIsConverged() {
        // the panels Predictor uses (2/(Omega dT) in ln k) against half as wide, and a doubled upper end
        double dT = 15.5 / OMEGA;
        MixingMatrix a = MixingMatrix.compute(Predictor.spectrum(8.9e-3, ETA, org.anisoscope.physics.Qlt.KOLMOGOROV, OMEGA, dT, 30), OMEGA, dT, 30, 2);
        MixingMatrix b = MixingMatrix.compute(SlabSpectrum.kolmogorov(8.9e-3, ETA, 100 * OMEGA, 1.0 / 15.5), OMEGA, dT, 30, 2);
        MixingMatrix c = MixingMatrix.compute(SlabSpectrum.kolmogorov(8.9e-3, ETA, 200 * OMEGA, 2.0 / 15.5), OMEGA, dT, 30, 2);
        for (int l = 1; l <= 30; l++)
            for (int l0 = 1; l0 <= 30; l0++) {
                double scale = Math.abs(a.m1a(Math.max(l, l0)));
                assertEquals(b.m(l, l0), a.m(l, l0), 1e-7 * scale, "halving the panels");
                // the k > 100 Omega resonances (|mu| < 1/100) carry ~(1/100)^(5/3) of the rate
                assertEquals(c.m(l, l0), a.m(l, l0), 2e-3 * scale, "doubling the upper end");
            }
    }
}
