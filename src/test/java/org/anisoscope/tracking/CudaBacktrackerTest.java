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

    @Test
    void sampledPathsOnTheHostAreTheCpuEnginesPaths() {
        SlabField f = SlabField.generate(RHO, 0.5, 1.0 / 150, 3);
        int nside = 4;
        double[] times = {2, 30, 90};
        List<Snapshot> cpu = new ArrayList<>();
        new CpuBacktracker(1).run(f, nside, DT, times, 9, cpu::add, (a, b) -> {}, () -> false);
        int n = 12 * nside * nside;
        double[] ux = new double[n], uy = new double[n], uz = new double[n];
        org.anisoscope.sky.Healpix hp = new org.anisoscope.sky.Healpix(nside);
        for (int p = 0; p < n; p++) {
            double[] v = hp.pix2vec(p);
            ux[p] = v[0];
            uy[p] = v[1];
            uz[p] = v[2];
        }
        long[] at = CpuBacktracker.stepCounts(times, DT);
        CudaBacktracker.SampledPaths paths = new CudaBacktracker.SampledPaths(f, DT, n, 9, at[at.length - 1], ux, uy, uz);
        for (int k = 0; k < times.length; k++) {
            // the GPU engine advances in its own launch sizes: uneven steps must not matter
            paths.advanceTo(at[k] / 3);
            paths.advanceTo(at[k]);
            assertArrayEquals(cpu.get(k).trajectoryPixels(), paths.pixels());
            float[][] a = cpu.get(k).trajectories(), b = paths.copy();
            assertEquals(a.length, b.length);
            for (int i = 0; i < a.length; i++) assertArrayEquals(a[i], b[i], 0f, "path " + i + " at snapshot " + k);
        }
    }

    @Test
    void memoryNeededCountsStateAndGrids() {
        SlabField f = SlabField.generate(RHO, 0.5, 1.0 / 150, 3);
        long npix = 12L * 512 * 512;
        assertEquals(6 * npix * 8 + f.bytes() + 8L * f.ngrids() + (64L << 20), CudaBacktracker.bytesNeeded(npix, f));
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
