package org.anisoscope.physics;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class SimulationParametersTest {
    private static SimulationParameters with(double dt, double... times) {
        return new SimulationParameters(0.089, 0.5, 4, 150, 4, 1, 1, 150, dt, times);
    }

    /** Snapshots stand where the engines stop, whole steps: K_zz(T) and the noise then use the time really travelled. */
    @Test
    void timesAreMovedOntoWholeSteps() {
        double[] t = with(0.05, 0.17, 1, 20, 33.333).times();
        assertEquals(0.15, t[0], 1e-15);     // 3 steps (3.4 rounded), not 0.17
        assertEquals(1, t[1], 0);            // on a step already: kept as given
        assertEquals(20, t[2], 0);
        assertEquals(667 * 0.05, t[3], 1e-12); // 666.66 steps
        assertEquals(0.5, with(0.5, 0.1).times()[0], 0); // at least one step
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> with(0.5, 0.1, 0.3));
        assertTrue(e.getMessage().contains("same step") && e.getMessage().contains("fewer snapshots or a smaller dt"), e.getMessage());
    }

    @Test
    void logTimesOnStepsStayDistinctAndReachTMax() {
        double dt = 0.5;
        double[] t = SimulationParameters.logTimes(0.1, 2000, 16, dt);
        assertEquals(16, t.length);
        assertEquals(2000, t[15], 0);
        for (int i = 0; i < t.length; i++) {
            assertEquals(Math.rint(t[i] / dt), t[i] / dt, 1e-9, "on a step: " + t[i]);
            if (i > 0) assertTrue(t[i] >= t[i - 1] + dt * (1 - 1e-9), "increasing by a step at least");
        }
        // close to the log spacing away from the first steps
        double[] free = SimulationParameters.logTimes(0.1, 2000, 16);
        for (int i = 8; i < 16; i++) assertEquals(free[i], t[i], dt / 2 + 1e-9);
        // as many snapshots as steps: every step; more: refused with what to change
        double[] all = SimulationParameters.logTimes(0.1, 2, 4, 0.5);
        assertArrayEquals(new double[] {0.5, 1, 1.5, 2}, all, 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimulationParameters.logTimes(0.1, 2, 5, 0.5));
        assertTrue(e.getMessage().contains("fewer snapshots"), e.getMessage());
        // the times a run is built from are kept as given
        assertArrayEquals(t, with(dt, t).times(), 0);
    }

    @Test
    void lmaxIsAnafastsUnlessSetAndStaysWithinWhatNsideResolves() {
        SimulationParameters p = with(0.05, 1, 2);
        assertEquals(11, p.lmax());
        assertEquals(5, p.withLmax(5).lmax());
        assertEquals(p.times()[1], p.withLmax(5).times()[1], 0);
        for (int bad : new int[] {0, 12}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.withLmax(bad));
            assertEquals("lmax must be from 1 to 3 nside - 1 = 11 at nside 4; got " + bad, e.getMessage());
        }
        assertTrue(p.withLmax(2).estimatedBytes() < p.estimatedBytes());
    }
}
