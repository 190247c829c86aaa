package org.anisoscope.mixing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PredictorTest {

    @Test
    void fallsLikeAPowerLawNearMinus27AndSteeperAtLowRigidity() {
        // Fig. 5: a steep fall at small l, steeper at lower rigidity, then ~l^-2.7 for l >~ 5
        Prediction high = Predictor.predict(8.9e-2, 0.5, 100, Double.NaN, 2);
        Prediction low = Predictor.predict(8.9e-3, 0.5, 100, Double.NaN, 2);
        for (Prediction p : new Prediction[] {high, low}) {
            assertTrue(p.index() < -2.4 && p.index() > -3.1, "index " + p.index());
            for (int l = 2; l <= 100; l++) assertTrue(p.cl()[l] > 0 && p.cl()[l] < p.cl()[l - 1], "monotone at l=" + l);
        }
        assertTrue(low.clOverC1()[2] < 0.8 * high.clOverC1()[2], "lower rigidity falls more steeply: " + low.clOverC1()[2] + " vs " + high.clOverC1()[2]);
        // Omega_0 dT from Eq. 51
        assertEquals(4 * Math.cbrt(low.omega0TauS()), low.omegaDt(), 1e-12);
    }

    @Test
    void extrapolationInLmaxReproducesTheLargerTruncation() {
        // the paper's check: extrapolate from lmax = 50 to 100 and compare with the lmax = 100 result
        double rho = 8.9e-2;
        Prediction full = Predictor.predict(rho, 0.5, 100, Double.NaN, 2);
        double source = 8 * Math.PI / 3 * full.kzzQlt() * rho * rho;
        double[] c50 = SteadyState.solve(full.matrix(), 50, source);
        double[] ext = SteadyState.extrapolate(subMatrixOf(full, 50), source, 100);
        double worstPlain = 0;
        for (int l = 1; l <= 20; l++) {
            assertEquals(full.cl()[l], ext[l], 0.03 * full.cl()[l], "l=" + l);
            worstPlain = Math.max(worstPlain, Math.abs(c50[l] / full.cl()[l] - 1));
        }
        assertTrue(worstPlain > 0.2, "without extrapolation the truncation shows: " + worstPlain);
        // and the limit lmax → ∞ does not exist at this order: refused with the reason
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SteadyState.extrapolate(full.matrix(), source, Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().contains("does not converge"), e.getMessage());
    }

    static MixingMatrix subMatrixOf(Prediction p, int lmax) {
        double omega = Math.sqrt(1 - p.eta()), dT = p.omegaDt() / omega;
        return MixingMatrix.compute(Predictor.spectrum(p.rho(), p.eta(), p.spectralIndex(), omega, dT, 100), omega, dT, lmax, 2);
    }

    @Test
    void badInputIsRefusedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> Predictor.predict(8.9e-3, 0.5, 1, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> Predictor.predict(8.9e-3, 0.5, 5000, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> Predictor.predict(8.9e-3, 0.5, 50, -3, 1));
        assertThrows(IllegalArgumentException.class, () -> Predictor.predict(8.9e-3, 1.0, 50, Double.NaN, 1));
    }

    @Test
    void fitRecoversTheOmegaDtOfASyntheticSpectrum() {
        // a prediction at Omega dT = 12 with 5 % errors and a factor 1.7 in normalisation
        double rho = 8.9e-2, eta = 0.5;
        Prediction truth = Predictor.predict(rho, eta, 60, 12, 2);
        double[] cl = new double[31], sg = new double[31];
        java.util.Random rnd = new java.util.Random(3);
        for (int l = 1; l <= 30; l++) {
            sg[l] = 0.05 * truth.cl()[l] * 1.7;
            cl[l] = 1.7 * truth.cl()[l] - 2e-3 + sg[l] * rnd.nextGaussian(); // and a flat offset
        }
        SpectrumFit.Result f = SpectrumFit.fit(new SpectrumFit.Data(cl, sg, "synthetic"), rho, eta, 60, false, true, 2);
        assertTrue(f.omegaDtLow() < 12 && 12 < f.omegaDtHigh(), f.omegaDtLow() + " .. " + f.omegaDtHigh());
        assertTrue(f.omegaDtHigh() / f.omegaDtLow() < 1.5, "a tight constraint expected");
        assertEquals(1.7, f.norm(), 0.1);
        assertEquals(-2e-3, f.offset(), 3 * f.offsetErr() + 1e-4);
        assertTrue(f.chi2() < 2 * f.dof() + 10, "chi2 " + f.chi2());
        // the jackknife's short search from a start within a factor e finds the same minimum and normalisation
        java.util.Map<Double, Prediction> cache = new java.util.HashMap<>();
        for (double start : new double[] {f.omegaDt() * 2.2, f.omegaDt() / 2.2}) {
            double[] r = SpectrumFit.refit(f.data(), rho, eta, org.anisoscope.physics.Qlt.KOLMOGOROV, 60, false, true, 2, start, cache);
            assertEquals(f.omegaDt(), r[0], 5e-3 * f.omegaDt(), "from " + start);
            assertEquals(f.norm(), r[1], 5e-3 * f.norm());
        }
        // a start far off: the minimum lies at the end of the short bracket, so the full search is made
        assertEquals(f.omegaDt(), SpectrumFit.refit(f.data(), rho, eta, org.anisoscope.physics.Qlt.KOLMOGOROV, 60, false, true, 2, 150, cache)[0], 5e-3 * f.omegaDt());
    }
}
