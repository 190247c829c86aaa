package org.anisoscope.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.turbulence.SlabField;
import org.junit.jupiter.api.Test;

/** One pixel's particle in detail is the same particle as its recorded path: the same steps, the same positions. */
class PixelPathsTest {
    @Test
    void theDetailFollowsThePathStepForStep() {
        double[] times = SimulationParameters.logTimes(0.1, 60, 5, 0.05);
        SlabField f = SlabField.generate(0.089, 0.5, 1.0 / 150, 7);
        long last = CpuBacktracker.stepCounts(times, 0.05)[times.length - 1];
        float[][] paths = PixelPaths.compute(f, 8, 0.05, times, new int[] {77, 300}, last);
        double[][] d = PixelPaths.detail(f, 8, 0.05, times, 300, last);
        assertEquals(paths[1].length / 3, d[0].length, "a point per recorded step");
        for (int j = 0; j < d[0].length; j++) {
            assertEquals(paths[1][3 * j], (float) d[1][j], 0f, "x at point " + j);
            assertEquals(paths[1][3 * j + 2], (float) d[2][j], 0f, "z at point " + j);
            assertTrue(Math.abs(d[3][j]) <= 1 + 1e-12, "mu is a cosine");
        }
        assertEquals(CpuBacktracker.trajectoryStride(times, 0.05) * (d[0].length - 1), (long) d[0][d[0].length - 1]);
    }
}
