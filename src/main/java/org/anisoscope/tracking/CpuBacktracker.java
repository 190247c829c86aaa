package org.anisoscope.tracking;

import java.util.function.BooleanSupplier;
import org.anisoscope.sky.Healpix;
import org.anisoscope.turbulence.IsotropicField;
import org.anisoscope.turbulence.SlabField;
import org.anisoscope.turbulence.Turbulence;
import org.anisoscope.util.Parallel;

/**
 * The CPU engine: structure-of-arrays particle state, blocks of particles in parallel on all cores,
 * no allocation per step. Work is cut into chunks of at most CHUNK_STEPS steps between snapshots,
 * so a run is cancellable and reports progress at least that often. Every particle's arithmetic is
 * independent of the block and thread layout, so results are bit-identical for any thread count.
 */
public final class CpuBacktracker implements Backtracker {
    static final int BLOCK = 256;
    static final int CHUNK_STEPS = 2000;
    /** Points kept per sampled trajectory over the whole run (the stride adapts). */
    static final int TRAJECTORY_POINTS = 2000;

    private final int threads;

    public CpuBacktracker(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1; got " + threads);
        this.threads = threads;
    }

    @Override
    public String name() { return "cpu"; }

    @Override
    public String description() { return "CPU engine, " + threads + " thread" + (threads == 1 ? "" : "s") + ", " + Lockstep.path(); }

    /**
     * Compiles the SIMD kernels for fields of two grids (1 and 10 PV) and of one or three (the rest)
     * before a first run needs them: the window calls it on a background thread as it opens, so that
     * its first run, slab turbulence by default, starts at full speed (Lockstep does it for every field
     * it meets, once per JVM and kernel; PlaneWaveStep for isotropic fields at their first run, which
     * no start-up needs to pay for).
     */
    public static void warmUp() {
        if (!Lockstep.simd()) return;
        Lockstep.warmUp(SlabField.generate(8.9e-3, 0.5, 1.0 / 150, 1));
        Lockstep.warmUp(SlabField.generate(8.9e-5, 0.5, 1.0 / 150, 1));
    }

    @Override
    public boolean run(Turbulence field, int nside, double dt, double[] times, int trajectorySamples,
                       Listener listener, Progress progress, BooleanSupplier cancelled) {
        double[][] st = initialState(nside);
        double[] x = st[0], y = st[1], z = st[2], ux = st[3], uy = st[4], uz = st[5];
        int n = x.length;
        long[] stepsAt = stepCounts(times, dt);
        long totalSteps = stepsAt[stepsAt.length - 1];
        SampledPaths paths = new SampledPaths(field, dt, n, trajectorySamples, totalSteps, ux, uy, uz);
        int nblocks = (n + BLOCK - 1) / BLOCK;
        long done = 0;
        for (int k = 0; k < times.length; k++) {
            while (done < stepsAt[k]) {
                if (cancelled.getAsBoolean()) return false;
                long chunk = Math.min(CHUNK_STEPS, stepsAt[k] - done);
                final int steps = (int) chunk;
                Parallel.forEach(nblocks, threads, (w, b) -> {
                    int p0 = b * BLOCK, p1 = Math.min(n, p0 + BLOCK);
                    advance(field, x, y, z, ux, uy, uz, p0, p1, steps, dt);
                });
                done += chunk;
                paths.advanceTo(done);
                progress.update(done * n, totalSteps * n);
            }
            listener.snapshot(new Snapshot(k, times[k], x.clone(), y.clone(), z.clone(), ux.clone(), uy.clone(), uz.clone(),
                    paths.pixels(), paths.copy()));
        }
        return true;
    }

    /**
     * {x, y, z, ux, uy, uz} of one particle per RING pixel at the observer: position 0, reversed
     * velocity along the pixel's direction (the sky direction the particle came from).
     */
    static double[][] initialState(int nside) {
        Healpix hp = new Healpix(nside);
        int n = (int) hp.npix();
        double[][] s = new double[6][n];
        double[] v = new double[3];
        for (int p = 0; p < n; p++) {
            hp.pix2vec(p, v);
            s[3][p] = v[0];
            s[4][p] = v[1];
            s[5][p] = v[2];
        }
        return s;
    }

    /**
     * Steps between the recorded points of a sampled trajectory in a run to these times, in both
     * engines (they share {@link Trajectories}): point i of a path is at step i times this, and a
     * snapshot's path holds the points up to its step.
     */
    public static long trajectoryStride(double[] times, double dt) {
        long[] s = stepCounts(times, dt);
        return Trajectories.stride(s[s.length - 1]);
    }

    /** Number of steps to reach each time (rounded to the nearest step, at least one, never fewer than the time before). */
    public static long[] stepCounts(double[] times, double dt) {
        long[] s = new long[times.length];
        for (int k = 0; k < times.length; k++) {
            s[k] = Math.max(1, Math.round(times[k] / dt));
            if (k > 0 && s[k] < s[k - 1]) s[k] = s[k - 1];
        }
        return s;
    }

    /**
     * steps Boris steps (charge -1: backtracking) for particles p0 .. p1-1: the engine's own step,
     * also for particles that are not one per pixel (analysis.PairSeparation's pairs). The
     * particles go in lock-step blocks ({@link Lockstep} for slab fields, {@link PlaneWaveStep} for
     * isotropic ones); each one's result is that of one particle taken through the field a step at a time.
     */
    public static void advance(Turbulence field, double[] x, double[] y, double[] z, double[] ux, double[] uy, double[] uz,
                        int p0, int p1, int steps, double dt) {
        if (field instanceof SlabField slab) Lockstep.advance(slab, x, y, z, ux, uy, uz, p0, p1, steps, dt);
        else PlaneWaveStep.advance((IsotropicField) field, x, y, z, ux, uy, uz, p0, p1, steps, dt);
    }

    /** Sampled trajectories, recorded every `stride` steps (SampledPaths stops on each). */
    static final class Trajectories {
        final int[] pixels;
        final long stride;
        final float[][] pts;
        final int[] count;

        Trajectories(int npix, int samples, long totalSteps) {
            this(evenly(npix, samples), totalSteps);
        }

        /** These pixels' paths in a run of totalSteps (recorded at its stride). */
        Trajectories(int[] pixels, long totalSteps) {
            this.pixels = pixels.clone();
            stride = stride(totalSteps);
            pts = new float[pixels.length][3 * (TRAJECTORY_POINTS + 4)];
            count = new int[pixels.length];
        }

        /** samples pixels spread evenly over the sky's RING order. */
        private static int[] evenly(int npix, int samples) {
            int s = Math.max(0, Math.min(samples, npix));
            int[] pixels = new int[s];
            for (int i = 0; i < s; i++) pixels[i] = (int) ((long) i * npix / s + npix / (2L * s)) % npix;
            return pixels;
        }

        /** Steps between recorded points, so that a run keeps at most TRAJECTORY_POINTS + 1 per path. */
        static long stride(long totalSteps) {
            return Math.max(1, (totalSteps + TRAJECTORY_POINTS - 1) / TRAJECTORY_POINTS);
        }

        /** Shortens a chunk so it ends on the next recording step. */
        long clip(long done, long chunk) {
            if (pixels.length == 0) return chunk;
            long next = (done / stride + 1) * stride;
            return Math.min(chunk, next - done);
        }

        /** Records positions indexed by sample (0 .. samples-1) when done is a recording step. */
        void recordSamples(long done, double[] sx, double[] sy, double[] sz) {
            if (pixels.length == 0 || done % stride != 0 && done != 0) return;
            for (int i = 0; i < pixels.length; i++) {
                int c = count[i];
                if (3 * c + 3 > pts[i].length) continue;
                pts[i][3 * c] = (float) sx[i];
                pts[i][3 * c + 1] = (float) sy[i];
                pts[i][3 * c + 2] = (float) sz[i];
                count[i] = c + 1;
            }
        }

        int[] pixels() { return pixels.clone(); }

        float[][] copy() {
            float[][] c = new float[pixels.length][];
            for (int i = 0; i < c.length; i++) c[i] = java.util.Arrays.copyOf(pts[i], 3 * count[i]);
            return c;
        }
    }
}
