package org.anisoscope.tracking;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.anisoscope.turbulence.SlabField;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The CUDA engine. Its host-side parts are checked everywhere; the comparison with the CPU engine
 * on a device runs only where JCuda finds one, and says why it skipped otherwise.
 */
class CudaBacktrackerTest {
    static final double RHO = 0.089, DT = 0.05;

    static CudaBacktracker gpuOrSkip() {
        try {
            return CudaBacktracker.open();
        } catch (CudaBacktracker.Unavailable e) {
            Assumptions.abort("no CUDA device here: " + e.getMessage());
            return null;
        }
    }

    /**
     * Both engines integrate the sampled paths apart from the ensemble (SampledPaths): they must be
     * the ensemble's own particles, point for point, however unevenly they are advanced (the GPU
     * engine advances in its own launch sizes). Here every step is recorded (1800 steps, at most 2000
     * points), so each path ends at its particle's position in the snapshot.
     */
    @Test
    void sampledPathsAreTheEnsemblesParticles() {
        SlabField f = SlabField.generate(RHO, 0.5, 1.0 / 150, 3);
        int nside = 4;
        double[] times = {2, 30, 90};
        List<Snapshot> cpu = new ArrayList<>();
        new CpuBacktracker(1).run(f, nside, DT, times, 9, cpu::add, (a, b) -> {}, () -> false);
        int n = 12 * nside * nside;
        double[][] start = CpuBacktracker.initialState(nside);
        long[] at = CpuBacktracker.stepCounts(times, DT);
        SampledPaths paths = new SampledPaths(f, DT, n, 9, at[at.length - 1], start[3], start[4], start[5]);
        for (int k = 0; k < times.length; k++) {
            Snapshot s = cpu.get(k);
            for (int i = 0; i < 9; i++) {
                float[] path = s.trajectories()[i];
                int pix = s.trajectoryPixels()[i], last = path.length / 3 - 1;
                assertEquals(at[k] + 1, path.length / 3, "one point per step, and the start");
                assertEquals((float) s.x()[pix], path[3 * last], 0f, "x of path " + i + " at snapshot " + k);
                assertEquals((float) s.y()[pix], path[3 * last + 1], 0f);
                assertEquals((float) s.z()[pix], path[3 * last + 2], 0f);
            }
            paths.advanceTo(at[k] / 3);
            paths.advanceTo(at[k]);
            assertArrayEquals(s.trajectoryPixels(), paths.pixels());
            float[][] a = s.trajectories(), b = paths.copy();
            assertEquals(a.length, b.length);
            for (int i = 0; i < a.length; i++) assertArrayEquals(a[i], b[i], 0f, "path " + i + " at snapshot " + k);
        }
    }

    @Test
    void memoryNeededCountsStateAndGrids() {
        SlabField f = SlabField.generate(RHO, 0.5, 1.0 / 150, 3);
        long npix = 12L * 512 * 512;
        long cells = f.ngrids() * 4L * SlabField.POINTS * 8; // the grids as the kernel reads them
        assertEquals(6 * npix * 8 + cells + 8L * f.ngrids() + (64L << 20), CudaBacktracker.bytesNeeded(npix, f));
    }

    /** Each cell holds a point and its successor, the last point's successor being the first (periodic grid). */
    @Test
    void cellsHoldBothCornersOfAnInterpolation() {
        double[] grid = SlabField.generate(RHO, 0.5, 1.0 / 150, 3).grid(0);
        double[] c = CudaBacktracker.cells(grid);
        int points = grid.length / 2;
        assertEquals(4 * points, c.length);
        for (int i : new int[] {0, 1, 777, points - 2}) {
            assertArrayEquals(new double[] {grid[2 * i], grid[2 * i + 1], grid[2 * i + 2], grid[2 * i + 3]},
                    java.util.Arrays.copyOfRange(c, 4 * i, 4 * i + 4), "cell " + i);
        }
        assertArrayEquals(new double[] {grid[2 * points - 2], grid[2 * points - 1], grid[0], grid[1]},
                java.util.Arrays.copyOfRange(c, 4 * points - 4, 4 * points), "the last cell wraps");
    }

    @Test
    void thePtxIsInTheJar() {
        byte[] ptx = CudaBacktracker.ptx();
        String text = new String(ptx, 0, ptx.length - 1, java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(text.contains(".entry aniso_backtrack"), "kernel entry point");
        assertEquals(0, ptx[ptx.length - 1], "NUL-terminated for cuModuleLoadData");
    }

    @Test
    void onADeviceCpuAndGpuAgreeOverTenThousandSteps() {
        CudaBacktracker gpu = gpuOrSkip();
        SlabField f = SlabField.generate(RHO, 0.5, 1.0 / 150, 11);
        double[] times = {100 * DT, 10000 * DT};
        List<Snapshot> a = new ArrayList<>(), b = new ArrayList<>();
        new CpuBacktracker(2).run(f, 8, DT, times, 4, a::add, (x, y) -> {}, () -> false);
        assertTrue(gpu.run(f, 8, DT, times, 4, b::add, (x, y) -> {}, () -> false));
        double worst = 0;
        for (int k = 0; k < times.length; k++) worst = Math.max(worst, a.get(k).maxRelativeDifference(b.get(k)));
        assertTrue(worst <= 1e-9, "largest relative difference " + worst);
    }

    @Test
    void onADeviceCancellationStopsBetweenLaunchesAndFreesEverything() {
        CudaBacktracker gpu = gpuOrSkip();
        SlabField f = SlabField.generate(RHO, 0.5, 1.0 / 150, 11);
        int[] calls = {0};
        boolean done = gpu.run(f, 64, DT, new double[] {1e6 * DT}, 0, s -> {}, (x, y) -> {}, () -> calls[0]++ > 2);
        assertFalse(done);
        // a second run right after must find the memory free again
        assertTrue(gpu.run(f, 8, DT, new double[] {10 * DT}, 0, s -> {}, (x, y) -> {}, () -> false));
    }
}
