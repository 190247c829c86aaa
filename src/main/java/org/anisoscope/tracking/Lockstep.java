package org.anisoscope.tracking;

import java.lang.invoke.MethodHandles;
import org.anisoscope.turbulence.SlabField;
import org.anisoscope.util.VectorApi;

/**
 * The engine's Boris steps for a range of particles, advanced in lock-step blocks: every particle of
 * a block takes step s before any takes step s + 1, so the field lookups of independent particles
 * overlap instead of each waiting for its own previous step. Each particle's arithmetic is the
 * same operations in the same order as {@link Boris#rotate} and {@link SlabField#field} (no FMA),
 * so the result is bit-identical to carrying one particle through all its steps, whatever the
 * block, path or thread count.
 *
 * <p>Two paths: SIMD through the JDK's Vector API ({@code jdk.incubator.vector}, present when the
 * JVM was started with {@code --add-modules jdk.incubator.vector}), and plain scalar Java where the
 * module is absent. {@link #path()} says which one runs.
 */
public final class Lockstep {
    /**
     * Particles advanced together (CpuBacktracker's parallel block): the SIMD path makes two passes
     * over them per step, and longer blocks amortise each pass's start (measured: 256 against 64,
     * +20 %; the state, 12 KiB, still fits L1).
     */
    static final int BLOCK = 256;
    private static final Stepper SIMD = VectorApi.load(MethodHandles.lookup(), "org.anisoscope.tracking.LockstepSimd", Stepper.class);

    private Lockstep() {}

    /** A way of advancing particles p0 .. p1-1 (at most BLOCK of them) by steps steps. */
    interface Stepper {
        void advance(SlabField field, double[] x, double[] y, double[] z, double[] ux, double[] uy, double[] uz,
                     int p0, int p1, int steps, double dt);
    }

    /**
     * Gets the SIMD kernel for this field's number of grids compiled before the field's particles
     * need it. The JIT compiles a method once it has been called, or has looped, often enough; a
     * run's kernel is called once per block and chunk and loops for thousands of steps, so it takes
     * the slow route (on-stack replacement, after tens of thousands of loop turns) and a run spent its
     * first seconds in the interpreter and C1, where every vector operation is the API's boxed Java
     * fallback, a hundred times slower (docs/benchmarks.md). Many calls of one vector for two steps
     * take the quick route: called until a call is fast, at most three seconds. Throw-away particles;
     * the field is only read. Once per JVM and kernel; at once on the scalar path.
     */
    public static void warmUp(SlabField field) {
        if (SIMD == null) return;
        int kernel = field.ngrids() == 2 ? 1 : 0; // LockstepSimd: one pass for two grids, two passes otherwise
        if (WARM[kernel].get()) return;
        synchronized (WARM[kernel]) {
            if (WARM[kernel].get()) return;
            int n = ((LockstepSimd) SIMD).lanes();
            double[] x = new double[n], y = new double[n], z = new double[n], ux = new double[n], uy = new double[n], uz = new double[n];
            double[][] u0 = new double[3][n]; // one particle per lane, each along its own direction
            for (int p = 0; p < n; p++) {
                double mu = (p + 0.5) / n * 2 - 1, s = Math.sqrt(1 - mu * mu);
                u0[0][p] = s * Math.cos(p);
                u0[1][p] = s * Math.sin(p);
                u0[2][p] = mu;
            }
            long give = System.nanoTime() + WARM_UP_LIMIT_NANOS;
            while (true) {
                long t0 = System.nanoTime();
                for (int c = 0; c < WARM_UP_CALLS; c++) {
                    java.util.Arrays.fill(x, 0);
                    java.util.Arrays.fill(y, 0);
                    java.util.Arrays.fill(z, 0);
                    System.arraycopy(u0[0], 0, ux, 0, n);
                    System.arraycopy(u0[1], 0, uy, 0, n);
                    System.arraycopy(u0[2], 0, uz, 0, n);
                    SIMD.advance(field, x, y, z, ux, uy, uz, 0, n, 2, 0.05);
                }
                long t1 = System.nanoTime();
                if (t1 - t0 < WARM_UP_CALLS * FAST_CALL_NANOS || t1 > give) break;
            }
            WARM[kernel].set(true);
        }
    }

    /** Whether the kernel for this field's number of grids has been warmed up (always true on the scalar path). */
    static boolean warm(SlabField field) {
        return SIMD == null || WARM[field.ngrids() == 2 ? 1 : 0].get();
    }

    /** Calls between looks at the clock, and the time per call (one vector, two steps) that says C2 has compiled it. */
    private static final int WARM_UP_CALLS = 200;
    private static final long FAST_CALL_NANOS = 2_000, WARM_UP_LIMIT_NANOS = 3_000_000_000L;
    private static final java.util.concurrent.atomic.AtomicBoolean[] WARM = {new java.util.concurrent.atomic.AtomicBoolean(),
            new java.util.concurrent.atomic.AtomicBoolean()};

    /** Whether the SIMD path runs. */
    public static boolean simd() { return SIMD != null; }

    /** The path in words, for --version, bench and the window's engine line. */
    public static String path() {
        return VectorApi.path(SIMD == null ? 0 : ((LockstepSimd) SIMD).lanes());
    }

    /** steps Boris steps (charge -1: backtracking) for particles p0 .. p1-1, on the SIMD path where it runs. */
    public static void advance(SlabField field, double[] x, double[] y, double[] z, double[] ux, double[] uy, double[] uz,
                               int p0, int p1, int steps, double dt) {
        warmUp(field);
        advance(SIMD, field, x, y, z, ux, uy, uz, p0, p1, steps, dt);
    }

    /** The same on the scalar path, whatever the JVM offers (to compare the paths). */
    static void advanceScalar(SlabField field, double[] x, double[] y, double[] z, double[] ux, double[] uy, double[] uz,
                              int p0, int p1, int steps, double dt) {
        advance(null, field, x, y, z, ux, uy, uz, p0, p1, steps, dt);
    }

    private static void advance(Stepper simd, SlabField field, double[] x, double[] y, double[] z, double[] ux, double[] uy,
                                double[] uz, int p0, int p1, int steps, double dt) {
        for (int a = p0; a < p1; a += BLOCK) {
            int b = Math.min(p1, a + BLOCK);
            if (simd != null && floorExact(field, z, a, b, steps, dt)) simd.advance(field, x, y, z, ux, uy, uz, a, b, steps, dt);
            else scalar(field, x, y, z, ux, uy, uz, a, b, steps, dt);
        }
    }

    /**
     * Whether every |z / spacing| the particles a .. b-1 can reach in steps steps (|u| = 1) stays below
     * 2^50, where the SIMD path's floor (adding and subtracting 1.5 * 2^52) and its grid index (the low
     * bits of that sum) are exact; beyond it the block takes the scalar path.
     */
    static boolean floorExact(SlabField field, double[] z, int a, int b, int steps, double dt) {
        double far = 0;
        for (int p = a; p < b; p++) far = Math.max(far, Math.abs(z[p]));
        double reach = far + (steps + 1.0) * Math.abs(dt) * 1.001;
        double inv = 0;
        for (int j = 0; j < field.ngrids(); j++) inv = Math.max(inv, field.invSpacing(j));
        return reach * inv < 0x1p50; // false for NaN too
    }

    /** Plain Java, lock-step: the loads of a block's particles overlap in the core's out-of-order window. */
    static void scalar(SlabField field, double[] x, double[] y, double[] z, double[] ux, double[] uy, double[] uz,
                       int p0, int p1, int steps, double dt) {
        int ng = field.ngrids();
        double[][] g = new double[ng][];
        double[] inv = new double[ng];
        for (int j = 0; j < ng; j++) {
            g[j] = field.grid(j);
            inv[j] = field.invSpacing(j);
        }
        final int mask = SlabField.POINTS - 1;
        double half = 0.5 * dt;
        double h = 0.5 * -1.0 * dt;
        double tz = h * field.b0();
        for (int s = 0; s < steps; s++) {
            for (int p = p0; p < p1; p++) {
                double vx = ux[p], vy = uy[p], vz = uz[p];
                double px = x[p] + half * vx, py = y[p] + half * vy, pz = z[p] + half * vz;
                double bx = 0, by = 0;
                for (int j = 0; j < ng; j++) {
                    double u = pz * inv[j];
                    double fl = Math.floor(u);
                    double f = u - fl;
                    int i0 = (int) ((long) fl & mask);
                    int i1 = (i0 + 1) & mask;
                    double[] gj = g[j];
                    bx += gj[2 * i0] + f * (gj[2 * i1] - gj[2 * i0]);
                    by += gj[2 * i0 + 1] + f * (gj[2 * i1 + 1] - gj[2 * i0 + 1]);
                }
                Boris.rotateAndDrift(px, py, pz, vx, vy, vz, h * bx, h * by, tz, half, x, y, z, ux, uy, uz, p);
            }
        }
    }
}
