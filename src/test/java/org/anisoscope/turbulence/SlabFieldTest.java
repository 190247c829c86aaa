package org.anisoscope.turbulence;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.jtransforms.fft.DoubleFFT_1D;

class SlabFieldTest {

    /** <dB^2> over many realisations is eta within the sampling error of the large scales. */
    @Test
    void varianceIsEta() {
        double eta = 0.5, rho = 0.089;
        int nreal = 40;
        double sum = 0, sum2 = 0;
        double[] b = new double[2];
        for (int r = 0; r < nreal; r++) {
            SlabField f = SlabField.generate(rho, eta, 1.0 / 20, 1000 + r);
            // average over one full period of the coarsest grid
            double period = f.spacing(0) * SlabField.POINTS;
            int n = 200_000;
            double s = 0;
            for (int i = 0; i < n; i++) {
                f.field(period * i / n, b);
                s += b[0] * b[0] + b[1] * b[1];
            }
            s /= n;
            sum += s;
            sum2 += s * s;
        }
        double mean = sum / nreal, err = Math.sqrt((sum2 / nreal - mean * mean) / nreal);
        // linear interpolation removes a little power from the finest modes (16 points per wavelength: < 1%)
        assertEquals(eta, mean, 3 * err + 0.01 * eta, "mean " + mean + " +- " + err);
    }

    /** The 1D power spectrum of a realisation falls as k^(-5/3) inside the inertial range. */
    @Test
    void spectralSlopeIsKolmogorov() {
        SlabField f = SlabField.generate(0.089, 0.5, 1.0 / 20, 5);
        double[] g = f.grid(0);
        int n = SlabField.POINTS;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = g[2 * i];
        new DoubleFFT_1D(n).realForward(x);
        // fit log P vs log n over modes 16 .. 4096, binned logarithmically
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int bins = 0;
        for (int lo = 16; lo < 4096; lo *= 2) {
            double p = 0;
            for (int k = lo; k < 2 * lo; k++) p += x[2 * k] * x[2 * k] + x[2 * k + 1] * x[2 * k + 1];
            p /= lo;
            double lx = Math.log(lo * Math.sqrt(2)), ly = Math.log(p);
            sx += lx; sy += ly; sxx += lx * lx; sxy += lx * ly;
            bins++;
        }
        double slope = (bins * sxy - sx * sy) / (bins * sxx - sx * sx);
        assertEquals(-5.0 / 3.0, slope, 0.1, "slope " + slope);
    }

    /**
     * Other spectral indices: each mode's power |X_n|² of the coarse grid, fitted as a line in
     * ln |X_n|² against ln k_n over the whole band (8 192 modes, both components), has slope -q. Each
     * |X_n|² is the mode's expected power times an exponential variable, so ln |X_n|² scatters by
     * π/√6 about a constant offset and the slope's standard error follows from the residuals: the
     * fit must agree within four of them (about 0.01 here), which tells 3/2, 5/3 and 1.8 apart.
     */
    @Test
    void theSpectrumFollowsTheGivenIndex() {
        for (double q : new double[] {1.5, 5.0 / 3.0, 1.8}) {
            SlabField f = SlabField.generate(0.089, 0.5, 1.0 / 20, 11, q);
            assertEquals(q, f.spectralIndex());
            double[] g = f.grid(0);
            int n = SlabField.POINTS;
            java.util.List<double[]> pts = new java.util.ArrayList<>();
            for (int comp = 0; comp < 2; comp++) {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) x[i] = g[2 * i + comp];
                new DoubleFFT_1D(n).realForward(x);
                for (int k = 8; k < 8 * SlabField.BAND_RATIO; k++) pts.add(new double[] {Math.log(k), Math.log(x[2 * k] * x[2 * k] + x[2 * k + 1] * x[2 * k + 1])});
            }
            double sx = 0, sy = 0, sxx = 0, sxy = 0, m = pts.size();
            for (double[] p : pts) {
                sx += p[0];
                sy += p[1];
                sxx += p[0] * p[0];
                sxy += p[0] * p[1];
            }
            double slope = (m * sxy - sx * sy) / (m * sxx - sx * sx), icpt = (sy - slope * sx) / m, res = 0;
            for (double[] p : pts) res += Math.pow(p[1] - icpt - slope * p[0], 2);
            double se = Math.sqrt(res / (m - 2) / (sxx - sx * sx / m));
            assertTrue(se < 0.02, "standard error " + se);
            assertEquals(-q, slope, 4 * se, "q = " + q + ": slope " + slope + " +- " + se);
        }
    }

    @Test
    void atFiveThirdsTheGivenIndexIsThePapersFieldBitForBit() {
        for (double rho : new double[] {0.089, 8.9e-5}) {
            SlabField a = SlabField.generate(rho, 0.5, 1.0 / 150, 3), b = SlabField.generate(rho, 0.5, 1.0 / 150, 3, 5.0 / 3.0);
            for (int j = 0; j < a.ngrids(); j++) assertArrayEquals(a.grid(j), b.grid(j), 0.0);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SlabField.generate(0.089, 0.5, 1.0 / 150, 3, 2.5));
        assertTrue(e.getMessage().contains("2.5"), e.getMessage());
    }

    @Test
    void sameSeedSameFieldAndRefiningKeepsTheLargeScales() {
        SlabField a = SlabField.generate(0.01, 0.5, 1.0 / 150, 7), b = SlabField.generate(0.01, 0.5, 1.0 / 150, 7);
        assertArrayEquals(a.grid(0), b.grid(0), 0.0);
        SlabField fine = SlabField.generate(0.01, 0.5, 1.0 / 300, 7);
        assertEquals(a.ngrids(), fine.ngrids());
        // grid 0 holds band 0 only, complete in both: identical up to the tiny global normalisation change
        double ratio = fine.grid(0)[1000] / a.grid(0)[1000];
        assertEquals(1.0, ratio, 1e-3);
        for (int i = 0; i < 2000; i += 7) assertEquals(ratio * a.grid(0)[i], fine.grid(0)[i], 1e-12);
        SlabField other = SlabField.generate(0.01, 0.5, 1.0 / 150, 8);
        assertNotEquals(a.grid(0)[1000], other.grid(0)[1000]);
    }

    @Test
    void theTenTeraVoltFieldIsSmall() {
        SlabField f = SlabField.generate(8.9e-5, 0.5, 1.0 / 150, 1);
        assertEquals(3, f.ngrids());
        assertEquals(3, SlabField.grids(8.9e-5, 1.0 / 150), "the count the window shows before building the field");
        assertEquals(2, SlabField.grids(8.9e-3, 1.0 / 150));
        assertTrue(f.bytes() < 2L << 30);
        assertEquals(6L * SlabField.POINTS * 8, f.bytes());
    }
    /** ⟨(1 + Y)^(−1/2)⟩, Y exponential with mean m, against the integral ∫ 2v e^(−v²) (1 + m v²)^(−1/2) dv by Simpson. */
    @Test
    void theMeanCosineIsItsIntegral() {
        for (double m : new double[] {1e-4, 2.4e-3, 2.6e-3, 0.05, 0.3, 1, 3, 20}) {
            int n = 20000;
            double h = 12.0 / n, s = 0;
            for (int i = 0; i <= n; i++) {
                double v = i * h, f = 2 * v * Math.exp(-v * v) / Math.sqrt(1 + m * v * v);
                s += (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * f;
            }
            assertEquals(s * h / 3, SlabField.meanInvSqrtOnePlusExp(m), 1e-10, "m = " + m);
        }
        // the bound at eta = 0.5, no averaging: 1/(√π e erfc 1)² = 1.741
        assertEquals(1.7413, SlabField.expectedInvMeanCosSq(0.3, 0.5, 0.1, 1e-9), 1e-3);
        // and ⟨cos² α⟩ = ⟨1/(1 + Y)⟩ = ∫ e^(−u)/(1 + m u) du, on both sides of the series/continued-fraction switch at m = 1
        for (double m : new double[] {1e-4, 0.01, 0.3, 0.99, 1.01, 3, 20, 300}) {
            // in v = ln(1 + m u) the integrand, e^(−(e^v − 1)/m)/m, is smooth for any m
            int n = 40000;
            double top = Math.log(1 + 60 * m), h = top / n, s = 0;
            for (int i = 0; i <= n; i++) {
                double f = Math.exp(-Math.expm1(i * h) / m) / m;
                s += (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * f;
            }
            assertEquals(s * h / 3, SlabField.meanInvOnePlusExp(m), 1e-10, "m = " + m);
        }
    }

    /**
     * The local mean field of 400 realisations against the generator's expectation, averaged over
     * L_c/30 (the paper's) and over L_c (where the averaging removes most of the power): the mean
     * |⟨δB⟩|² within 3σ (σ = its value/√400: |⟨δB⟩|² is exponential) and 1/⟨cos α⟩² within 3σ of
     * the mean cosine's scatter.
     */
    @Test
    void theLocalMeanFieldHasTheExpectedSpread() {
        double rho = 0.3, eta = 0.5, lambdaMin = 0.1, lc = 1 / rho;
        double[] lengths = {lc / 30, lc};
        int n = 400;
        double[] s2 = new double[2], cs = new double[2], cs2 = new double[2], c2 = new double[2], c4 = new double[2];
        for (int r = 0; r < n; r++) {
            SlabField f = SlabField.generate(rho, eta, lambdaMin, 1000 + r);
            for (int i = 0; i < 2; i++) {
                double[] b = f.meanField(lengths[i]);
                double x = b[0] * b[0] + b[1] * b[1];
                s2[i] += x;
                double c = f.b0() / Math.sqrt(f.b0() * f.b0() + x);
                cs[i] += c;
                cs2[i] += c * c;
                c2[i] += c * c;
                c4[i] += c * c * c * c;
            }
        }
        for (int i = 0; i < 2; i++) {
            double expected = SlabField.meanFieldVariance(rho, eta, lambdaMin, lengths[i]);
            assertEquals(expected, s2[i] / n, 3 * expected / Math.sqrt(n), "length " + lengths[i]);
            double meanCos = cs[i] / n, errCos = Math.sqrt((cs2[i] / n - meanCos * meanCos) / (n - 1));
            double inv = 1 / (meanCos * meanCos), errInv = 2 * inv * errCos / meanCos;
            assertEquals(SlabField.expectedInvMeanCosSq(rho, eta, lambdaMin, lengths[i]), inv, 3 * errInv, "length " + lengths[i]);
            double meanCos2 = c2[i] / n, errCos2 = Math.sqrt((c4[i] / n - meanCos2 * meanCos2) / (n - 1));
            assertEquals(SlabField.expectedMeanCosSq(rho, eta, lambdaMin, lengths[i]), meanCos2, 3 * errCos2, "<cos^2>, length " + lengths[i]);
        }
        assertTrue(SlabField.meanFieldVariance(rho, eta, lambdaMin, lc) < 0.5 * SlabField.meanFieldVariance(rho, eta, lambdaMin, lc / 30));
    }
}
