package org.anisoscope.tracking;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.anisoscope.turbulence.IsotropicField;
import org.junit.jupiter.api.Test;

/**
 * The CPU engine through isotropic turbulence: every particle's path is the one-particle step's
 * (PlaneWaveStep's scalar path, which PlaneWaveStepTest holds to the definition), whatever the
 * thread count, and the sampled paths, a picked pixel's path and its detail are the run's.
 */
class IsotropicEngineTest {
    static final IsotropicField FIELD = IsotropicField.generate(0.089, 0.5, 1.0 / 150, 7, 5.0 / 3, 48);
    static final double DT = 0.05;
    static final double[] TIMES = {0.5, 3.0};

    private static List<Snapshot> run(int threads, int samples) {
        List<Snapshot> out = new ArrayList<>();
        assertTrue(new CpuBacktracker(threads).run(FIELD, 4, DT, TIMES, samples, out::add, (a, b) -> {}, () -> false));
        return out;
    }

    @Test
    void theEngineIsTheOneParticleStepForAnyThreadCount() {
        List<Snapshot> one = run(1, 0), two = run(2, 0);
        double[][] st = CpuBacktracker.initialState(4);
        int n = st[0].length;
        long[] steps = CpuBacktracker.stepCounts(TIMES, DT);
        for (int p = 0; p < n; p += 7) {
            double[] x = {0}, y = {0}, z = {0}, ux = {st[3][p]}, uy = {st[4][p]}, uz = {st[5][p]};
            long done = 0;
            for (int k = 0; k < TIMES.length; k++) {
                PlaneWaveStep.advanceScalar(FIELD, x, y, z, ux, uy, uz, 0, 1, (int) (steps[k] - done), DT);
                done = steps[k];
                for (List<Snapshot> s : List.of(one, two)) {
                    Snapshot snap = s.get(k);
                    assertEquals(x[0], snap.x()[p], 0, "x of particle " + p);
                    assertEquals(y[0], snap.y()[p], 0);
                    assertEquals(z[0], snap.z()[p], 0);
                    assertEquals(ux[0], snap.ux()[p], 0);
                    assertEquals(uy[0], snap.uy()[p], 0);
                    assertEquals(uz[0], snap.uz()[p], 0);
                }
            }
        }
        // the particles went somewhere: a δB_z of the field turned them (not only the gyration about B0)
        assertTrue(Math.abs(one.get(1).z()[5]) > 0.1);
    }

    @Test
    void sampledAndPickedPathsAreTheRunsOwn() {
        Snapshot last = run(2, 6).get(1);
        int[] pix = last.trajectoryPixels();
        assertEquals(6, pix.length);
        long total = CpuBacktracker.stepCounts(TIMES, DT)[1];
        float[][] picked = PixelPaths.compute(FIELD, 4, DT, TIMES, pix, total);
        for (int i = 0; i < pix.length; i++) assertArrayEquals(last.trajectories()[i], picked[i], "pixel " + pix[i]);
        double[][] d = PixelPaths.detail(FIELD, 4, DT, TIMES, pix[2], total);
        int end = d[0].length - 1;
        assertEquals(last.x()[pix[2]], d[1][end], 0);
        assertEquals(last.z()[pix[2]], d[2][end], 0);
        assertEquals(last.uz()[pix[2]], d[3][end], 0);
    }

    @Test
    void theFieldLineFollowsTheField() {
        // λ_min = 2 r_g: the steps of 0.05 resolve the line's bends
        IsotropicField field = IsotropicField.generate(0.089, 0.5, 2, 7, 5.0 / 3, 48);
        float[] line = PixelPaths.fieldLine(field, -20, 30, 0.05);
        int n = line.length / 3, observer = -1;
        for (int i = 0; i < n; i++) if (line[3 * i] == 0 && line[3 * i + 1] == 0 && line[3 * i + 2] == 0) observer = i;
        assertTrue(observer > 0 && observer < n - 1, "the observer lies on the line, between its two ends");
        double[] b = new double[3];
        for (int i = 1; i < n - 1; i += 37) {
            if (i == observer || i == observer + 1 || i == observer - 1) continue;
            // the chord through the neighbours points along B at the point (to the step's second order)
            double dx = line[3 * i + 3] - line[3 * i - 3], dy = line[3 * i + 4] - line[3 * i - 2], dz = line[3 * i + 5] - line[3 * i - 1];
            field.fieldAt(line[3 * i], line[3 * i + 1], line[3 * i + 2], b);
            b[2] += field.b0();
            double cos = (dx * b[0] + dy * b[1] + dz * b[2]) / Math.sqrt((dx * dx + dy * dy + dz * dz) * (b[0] * b[0] + b[1] * b[1] + b[2] * b[2]));
            assertTrue(Math.abs(cos) > 1 - 1e-6, "point " + i + ": cos " + cos);
        }
        // each end leaves the asked z range (or the line ran its 20 lengths)
        assertTrue(line[2] < -20 + 0.1 || line[3 * n - 1] > 30 - 0.1);
    }
}
