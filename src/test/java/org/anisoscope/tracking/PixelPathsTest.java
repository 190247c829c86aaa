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

    /** The field line through the observer: dx/dz = δB_x/B0 (the trapezoid's mean of its ends), through (0, 0, 0). */
    @Test
    void theFieldLineFollowsTheField() {
        SlabField f = SlabField.generate(0.089, 0.5, 1.0 / 150, 7);
        float[] line = PixelPaths.fieldLine(f, -30, 50, 0.05);
        int n = line.length / 3, zero = -1;
        double[] a = new double[3], b = new double[3];
        for (int k = 0; k < n; k++) if (line[3 * k + 2] == 0 && line[3 * k] == 0 && line[3 * k + 1] == 0) zero = k;
        assertEquals(600, zero, "the observer: 30 r_g of 0.05 below it");
        assertEquals(-30, line[2], 1e-4);
        assertEquals(50, line[3 * n - 1], 1e-4);
        for (int k = 1; k < n; k += 97) {
            double z0 = line[3 * (k - 1) + 2], z1 = line[3 * k + 2];
            f.field(z0, a);
            f.field(z1, b);
            double slope = (line[3 * k] - line[3 * (k - 1)]) / (z1 - z0), want = 0.5 * (a[0] + b[0]) / f.b0();
            assertEquals(want, slope, 2e-3 * (Math.abs(want) + 0.1), "dx/dz at z = " + z1); // float positions
        }
    }
}
