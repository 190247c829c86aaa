package org.anisoscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;
import org.anisoscope.mixing.Prediction;
import org.anisoscope.mixing.Predictor;
import org.anisoscope.mixing.SpectrumFit;
import org.junit.jupiter.api.Test;

/** The one fit that `fit`, `scan` and the window make: its parts agree with each other and with what each renders. */
class OmegaDtFitTest {
    static final double RHO = 8.9e-2, ETA = 0.5;

    /** Realisations scattered about the prediction at Ω0ΔT = 12, and their mean with its standard error. */
    static double[][] realisations(int n, long seed) {
        Prediction truth = Predictor.predict(RHO, ETA, 60, 12, 2);
        java.util.Random rnd = new java.util.Random(seed);
        double[][] cl = new double[n][31];
        for (int i = 0; i < n; i++) {
            for (int l = 1; l <= 30; l++) cl[i][l] = truth.cl()[l] * (1 + 0.2 * rnd.nextGaussian());
        }
        return cl;
    }

    static SpectrumFit.Data mean(double[][] cl) {
        int n = cl.length;
        double[] m = new double[31], s = new double[31];
        for (int l = 1; l <= 30; l++) {
            double a = 0, b = 0;
            for (double[] c : cl) a += c[l] / n;
            for (double[] c : cl) b += (c[l] - a) * (c[l] - a) / (n - 1);
            m[l] = a;
            s[l] = Math.sqrt(b / n);
        }
        return new SpectrumFit.Data(m, s, "synthetic");
    }

    /** The fit of a run's mean spectrum with its realisations, as `scan` makes it. */
    static OmegaDtFit.Outcome fitRun(double[][] cl) {
        SpectrumFit.Data data = mean(cl);
        return OmegaDtFit.fit(OmegaDtFit.Request.ofRun(data, RHO, ETA, org.anisoscope.physics.Qlt.KOLMOGOROV, 60, new OmegaDtFit.Realisations(cl, 0, data.sigma(), 1), null), 2, null);
    }

    @Test
    void aRunsSpectrumGetsTheFitThePowerLawAndTheJackknifeAndRendersThemAlike() {
        double[][] cl = realisations(6, 5);
        SpectrumFit.Data data = mean(cl);
        OmegaDtFit.Outcome o = fitRun(cl);
        // the parts as each was fitted alone
        SpectrumFit.Result f = SpectrumFit.fit(data, RHO, ETA, 60, false, true, 2);
        assertEquals(f.omegaDt(), o.fit().omegaDt(), 0.0);
        // the truth within 3 sigma (the 1 sigma interval misses it one time in three)
        assertEquals(12, o.fit().omegaDt(), 1.5 * (o.fit().omegaDtHigh() - o.fit().omegaDtLow()));
        PowerLaw.Result pl = PowerLaw.fit(data.cl(), data.sigma(), PowerLaw.LMIN, f.lfit(), true);
        assertEquals(pl.index(), o.powerLaw().index(), 0.0);
        assertEquals(!pl.atEdge(), o.powerLawMeasured());
        assertNotNull(o.jackknife());
        assertEquals(6, o.jackknife().realisations());
        assertNull(o.jackknifeWhyNot());
        // the JSON and the status line say the same numbers
        Map<String, Object> json = o.toJson("test");
        assertEquals(o.fit().omegaDt(), ((Number) json.get("omega_dt")).doubleValue(), 0.0);
        @SuppressWarnings("unchecked") Map<String, Object> jk = (Map<String, Object>) json.get("jackknife");
        assertEquals(o.jackknife().omegaDtErr(), (double) jk.get("omega_dt_err"), 0.0);
        @SuppressWarnings("unchecked") Map<String, Object> p = (Map<String, Object>) json.get("power_law");
        assertEquals(o.powerLaw().index(), (double) p.get("index"), 0.0);
        String line = o.statusLine();
        assertTrue(line.startsWith("fit to the synthetic: Ω0ΔT = " + String.format(Locale.ROOT, "%.3g", o.fit().omegaDt())), line);
        assertTrue(line.contains("; jackknife over 6 realisations: Ω0ΔT ± "), line);
    }

    @Test
    void withoutEnoughRealisationsTheErrorsAreTheChi2IntervalsAndTheLineSaysWhy() {
        double[][] cl = realisations(2, 7);
        SpectrumFit.Data data = mean(cl);
        OmegaDtFit.Outcome two = fitRun(cl);
        assertNull(two.jackknife());
        assertEquals("a jackknife needs at least 3 realisations; there are 2", two.jackknifeWhyNot());
        assertTrue(two.statusLine().endsWith("; errors: χ² intervals only (a jackknife needs at least 3 realisations; there are 2)"),
                two.statusLine());
        assertFalse(two.toJson("test").containsKey("jackknife"));
        // an observatory's spectrum: no realisations and nothing to say about them
        OmegaDtFit.Outcome observed = OmegaDtFit.fit(new OmegaDtFit.Request(data, RHO, ETA, org.anisoscope.physics.Qlt.KOLMOGOROV, 60, false, false, null, null, null), 2, null);
        assertNull(observed.jackknifeWhyNot());
        assertFalse(observed.statusLine().contains("jackknife"), observed.statusLine());
        assertFalse(observed.fit().offsetFree());
    }

    @Test
    void tooFewMultipolesForAPowerLawIsSaidNotGuessed() {
        double[][] cl = realisations(4, 9);
        SpectrumFit.Data full = mean(cl);
        // l = 1..6 only: the power law from l = 5 has two points
        SpectrumFit.Data data = new SpectrumFit.Data(java.util.Arrays.copyOf(full.cl(), 7), java.util.Arrays.copyOf(full.sigma(), 7), "short");
        OmegaDtFit.Outcome o = OmegaDtFit.fit(OmegaDtFit.Request.ofRun(data, RHO, ETA, org.anisoscope.physics.Qlt.KOLMOGOROV, 60, null, "none kept"), 2, null);
        assertNull(o.powerLaw());
        assertFalse(o.powerLawMeasured());
        assertNotNull(o.powerLawWhyNot());
        @SuppressWarnings("unchecked") Map<String, Object> p = (Map<String, Object>) o.toJson("test").get("power_law");
        assertEquals(o.powerLawWhyNot(), p.get("not_fitted"));
        assertTrue(o.statusLine().endsWith("; errors: χ² intervals only (none kept)"), o.statusLine());
    }
}
