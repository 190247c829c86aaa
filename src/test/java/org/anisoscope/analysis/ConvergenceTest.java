package org.anisoscope.analysis;

import static org.junit.jupiter.api.Assertions.*;

import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.run.SimulationRun;
import org.anisoscope.tracking.CpuBacktracker;
import org.junit.jupiter.api.Test;

class ConvergenceTest {
    private static Ensemble run(double dt, double lambdaMinRg, double[] times, int nreal) {
        SimulationParameters p = new SimulationParameters(0.089, 0.5, 4, 150, 4, nreal, 11, lambdaMinRg, dt, times);
        return new SimulationRun(p, new CpuBacktracker(2), 2, 0).run(new SimulationRun.Listener() {}, () -> false).ensemble();
    }

    /** The verdicts follow their definitions: bound below, significantly above, neither, and shot noise. */
    @Test
    void verdictsFollowTheEquivalenceTest() {
        double q = 2.0;
        // 1 ± 0.5 against 5 % of 100: 1 + 2·0.5 = 2 ≤ 5 -> converged
        assertEquals(Convergence.Verdict.CONVERGED, Convergence.cell(100, 1, 0.5, 1, true, 0.05, q, q).verdict());
        assertEquals(Convergence.Verdict.CONVERGED, Convergence.cell(100, -4, 0.5, 1, true, 0.05, q, q).verdict()); // 5 ≤ 5
        // 10 ± 0.3: 10 − 0.6 > 5 -> not converged, either sign
        assertEquals(Convergence.Verdict.NOT_CONVERGED, Convergence.cell(100, 10, 0.3, 1, true, 0.05, q, q).verdict());
        assertEquals(Convergence.Verdict.NOT_CONVERGED, Convergence.cell(100, -10, 0.3, 1, true, 0.05, q, q).verdict());
        // 4 ± 2.9: neither bounded below 5 nor significantly above -> unresolved
        assertEquals(Convergence.Verdict.UNRESOLVED, Convergence.cell(100, 4, 2.9, 1, true, 0.05, q, q).verdict());
        // a noise-subtracted value within twice its own error of zero: shot noise, not judged ...
        assertEquals(Convergence.Verdict.NOISE, Convergence.cell(1.9, 10, 0.3, 1, false, 0.05, q, q).verdict());
        assertEquals(Convergence.Verdict.NOISE, Convergence.cell(-5, 10, 0.3, 1, false, 0.05, q, q).verdict());
        // ... while the same numbers for a noise-free quantity are judged
        assertEquals(Convergence.Verdict.NOT_CONVERGED, Convergence.cell(1.9, 10, 0.3, 1, true, 0.05, q, q).verdict());
        // the family quantile (Bonferroni over the table) must be exceeded to call a cell not converged
        assertEquals(Convergence.Verdict.UNRESOLVED, Convergence.cell(100, 10, 0.3, 1, true, 0.05, q, 20).verdict());
        assertEquals(Convergence.Verdict.CONVERGED, Convergence.cell(100, 1, 0.5, 1, true, 0.05, q, 20).verdict());
        Convergence.Cell c = Convergence.cell(200, 3, 1, 1, true, 0.05, q, q);
        assertEquals(0.015, c.relative(), 1e-15);
        assertEquals(0.005, c.relativeError(), 1e-15);
    }

    /**
     * The comparison is of what each run shows: its ensemble mean with its own K_zz plateau, as
     * Ensemble.result(RUN) (and so `simulate`) gives it — the differences and references are exactly those.
     */
    @Test
    void comparesWhatEachRunShows() {
        double[] t = SimulationParameters.logTimes(0.1, 30, 5, 0.05);
        Ensemble a = run(0.05, 150, t, 4), b = run(0.025, 150, t, 4);
        int[] ls = {1, 3};
        for (Ensemble.KSource ks : Ensemble.KSource.values()) {
        Convergence.Result c = Convergence.compare(a, b, ks, ls, 0.05, 0.95);
        Ensemble.Result ra = a.result(ks), rb = b.result(ks);
        assertArrayEquals(new double[] {ra.diffusion().kzz(), rb.diffusion().kzz()}, c.kzz(), 0);
        if (ks == Ensemble.KSource.RUN) {
            assertTrue(c.kzzDifferenceError() > 0 && c.kzzDifferenceError() < 0.2 * rb.diffusion().kzz(), "plateau difference error " + c.kzzDifferenceError());
        } else {
            assertEquals(0, c.kzzDifferenceError(), 0);
        }
        for (int s = 0; s < t.length; s++) {
            Convergence.Cell[] row = c.cells()[s];
            assertEquals(rb.diffusion().kzzRunning()[s], row[0].reference(), 1e-12 * rb.diffusion().kzzRunning()[s]);
            assertEquals(ra.diffusion().kzzRunning()[s] - rb.diffusion().kzzRunning()[s], row[0].difference(), 1e-12 * rb.diffusion().kzzRunning()[s]);
            for (int i = 0; i < ls.length; i++) {
                double scale = Math.abs(rb.spectra().clNum()[s][ls[i]]);
                assertEquals(rb.spectra().clSub()[s][ls[i]], row[i + 1].reference(), 1e-10 * scale);
                assertEquals(ra.spectra().clSub()[s][ls[i]] - rb.spectra().clSub()[s][ls[i]], row[i + 1].difference(), 1e-10 * scale);
            }
            double scale = Math.abs(rb.spectra().totalNum()[s]);
            assertEquals(rb.spectra().totalSub()[s], row[3].reference(), 1e-10 * scale);
            assertEquals(ra.spectra().totalSub()[s] - rb.spectra().totalSub()[s], row[3].difference(), 1e-10 * scale);
            // K_zz(T) is a plain mean: its jackknife error is the standard error of the paired differences
            double[] d = new double[4];
            for (int r = 0; r < 4; r++) d[r] = (a.meanZ2(r)[s] - b.meanZ2(r)[s]) / (2 * t[s]);
            double m = java.util.Arrays.stream(d).average().orElseThrow(), v = 0;
            for (double x : d) v += (x - m) * (x - m);
            assertEquals(Math.sqrt(v / 3 / 4), row[0].error(), 1e-9 * Math.sqrt(v / 3 / 4) + 1e-300);
        }
        }
    }

    /** Two runs of the same settings are the same realisations to the bit: every judged difference is 0 and converged. */
    @Test
    void aRunComparedWithItselfIsConverged() {
        double[] t = {0.5, 5, 20};
        Convergence.Result r = Convergence.compare(run(0.05, 150, t, 3), run(0.05, 150, t, 3), Ensemble.KSource.RUN, new int[] {1, 2}, 0.01, 0.95);
        assertEquals(Convergence.Verdict.CONVERGED, r.overall());
        for (Convergence.Cell[] row : r.cells()) for (Convergence.Cell c : row) assertEquals(0, c.difference(), 0);
        var t2 = new org.apache.commons.math3.distribution.TDistribution(2);
        assertEquals(t2.inverseCumulativeProbability(0.975), r.quantile(), 1e-12);
        int judged = r.cells().length * r.cells()[0].length - r.count(Convergence.Verdict.NOISE);
        assertEquals(t2.inverseCumulativeProbability(1 - 0.05 / (2.0 * judged)), r.familyQuantile(), 1e-9);
        assertEquals(0, r.bound(0), 0);
    }

    /**
     * Halving dt in the Boris pusher (second order) changes the running K_zz and C_1 by far less than 1 % while the
     * paths still agree (T ≤ 3/Omega_rms; measured 0.01-0.07 % ± 0.01-0.08 % at nside 8): converged at a 1 %
     * tolerance. Later, chaos separates the paths and the paired error grows to the ensemble's own.
     */
    @Test
    void halvingTheStepLeavesTheEarlyRunningKzzWithinOnePercent() {
        double[] t = SimulationParameters.logTimes(0.1, 3, 5, 0.05);
        Convergence.Result r = Convergence.compare(run(0.05, 150, t, 4), run(0.025, 150, t, 4), Ensemble.KSource.QLT, new int[] {1}, 0.01, 0.95);
        for (int s = 0; s < t.length; s++) assertEquals(Convergence.Verdict.CONVERGED, r.cells()[s][0].verdict(), "K_zz(T) at T = " + t[s]);
        assertTrue(r.bound(0) < 0.01, "bound " + r.bound(0));
        // with the same (QLT) K in both maps, the dipole's difference is the trajectories' alone: bounded
        // below 2 % (measured 1.0 %, set by T = 3: +0.17 ± 0.27 % from 4 realisations, t quantile 3.18)
        assertTrue(r.bound(1) < 0.02, "C_1 bound " + r.bound(1));
    }

    @Test
    void refusesRunsThatDifferInMoreThanTheStep() {
        Ensemble a = run(0.05, 150, new double[] {1, 2}, 3), b = run(0.05, 150, new double[] {1, 3}, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Convergence.compare(a, b, Ensemble.KSource.RUN, new int[] {1}, 0.05, 0.95));
        assertTrue(e.getMessage().contains("only dt or lambda_min"), e.getMessage());
        Ensemble c = run(0.05, 150, new double[] {1, 2}, 2);
        assertThrows(IllegalArgumentException.class, () -> Convergence.compare(c, c, Ensemble.KSource.RUN, new int[] {1}, 0.05, 0.95));
        assertThrows(IllegalArgumentException.class, () -> Convergence.compare(a, a, Ensemble.KSource.RUN, new int[] {12}, 0.05, 0.95));
    }
}
