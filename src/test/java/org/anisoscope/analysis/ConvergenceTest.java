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
        // reference 100, differences 1 +- 0.5: 1 + 2*0.5 = 2 <= 5 -> converged
        double[] b = {100, 100, 100, 100}, a = {101.5, 100.5, 101.5, 100.5};
        Convergence.Cell c = Convergence.cell(a, b, 0, true, 0.05, q);
        assertEquals(1, c.difference(), 1e-12);
        assertEquals(Math.sqrt(1.0 / 3 / 4), c.error(), 1e-12);
        assertEquals(Convergence.Verdict.CONVERGED, c.verdict());
        // differences 10 +- 0.29: 10 - 0.58 > 5 -> not converged
        double[] a2 = {110.5, 109.5, 110.5, 109.5};
        assertEquals(Convergence.Verdict.NOT_CONVERGED, Convergence.cell(a2, b, 0, true, 0.05, q).verdict());
        // differences 4 +- 2.9: neither bounded below 5 nor significantly above -> unresolved
        double[] a3 = {114, 94, 114, 94};
        assertEquals(Convergence.Verdict.UNRESOLVED, Convergence.cell(a3, b, 0, true, 0.05, q).verdict());
        // C_l whose noise-subtracted value is within twice its error of zero: noise, not judged
        double[] b4 = {10, 12, 8, 11}, a4 = {20, 25, 15, 20};
        assertEquals(Convergence.Verdict.NOISE, Convergence.cell(a4, b4, 10, false, 0.05, q).verdict());
        // the same numbers as a noise-free quantity are judged (and fail)
        assertEquals(Convergence.Verdict.NOT_CONVERGED, Convergence.cell(a4, b4, 10, true, 0.05, q).verdict());
    }

    /** Two runs of the same settings are the same realisations to the bit: every judged difference is 0 and converged. */
    @Test
    void aRunComparedWithItselfIsConverged() {
        double[] t = {0.5, 5, 20};
        Convergence.Result r = Convergence.compare(run(0.05, 150, t, 3), run(0.05, 150, t, 3), new int[] {1, 2}, 0.01, 0.95);
        assertEquals(Convergence.Verdict.CONVERGED, r.overall());
        for (Convergence.Cell[] row : r.cells()) for (Convergence.Cell c : row) assertEquals(0, c.difference(), 0);
        assertEquals(new org.apache.commons.math3.distribution.TDistribution(2).inverseCumulativeProbability(0.975), r.quantile(), 1e-12);
        assertEquals(0, r.bound(0), 0);
    }

    /**
     * Halving dt in the Boris pusher (second order) changes the running K_zz by far less than 1 % while the
     * paths still agree (T ≤ 3/Omega_rms; measured 0.01-0.07 % ± 0.01-0.08 % at nside 8): converged at a 1 %
     * tolerance. Later, chaos separates the paths and the paired error grows to the ensemble's own.
     */
    @Test
    void halvingTheStepLeavesTheEarlyRunningKzzWithinOnePercent() {
        double[] t = SimulationParameters.logTimes(0.1, 3, 5, 0.05);
        Convergence.Result r = Convergence.compare(run(0.05, 150, t, 4), run(0.025, 150, t, 4), new int[] {1}, 0.01, 0.95);
        for (int s = 0; s < t.length; s++) assertEquals(Convergence.Verdict.CONVERGED, r.cells()[s][0].verdict(), "K_zz(T) at T = " + t[s]);
        assertTrue(r.bound(0) < 0.01, "bound " + r.bound(0));
    }

    @Test
    void refusesRunsThatDifferInMoreThanTheStep() {
        Ensemble a = run(0.05, 150, new double[] {1, 2}, 3), b = run(0.05, 150, new double[] {1, 3}, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Convergence.compare(a, b, new int[] {1}, 0.05, 0.95));
        assertTrue(e.getMessage().contains("only dt or lambda_min"), e.getMessage());
        Ensemble c = run(0.05, 150, new double[] {1, 2}, 2);
        assertThrows(IllegalArgumentException.class, () -> Convergence.compare(c, c, new int[] {1}, 0.05, 0.95));
        assertThrows(IllegalArgumentException.class, () -> Convergence.compare(a, a, new int[] {12}, 0.05, 0.95));
    }
}
