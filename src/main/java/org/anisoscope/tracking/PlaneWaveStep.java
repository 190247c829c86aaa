package org.anisoscope.tracking;

import java.lang.invoke.MethodHandles;
import org.anisoscope.turbulence.IsotropicField;
import org.anisoscope.turbulence.PortableCos;
import org.anisoscope.util.VectorApi;

/**
 * The Boris step through an isotropic plane-wave field ({@link IsotropicField}), in lock-step blocks
 * as {@link Lockstep} does for the slab field: half a drift, the field there (the modes summed in
 * order, each cosine {@link PortableCos}'s), the rotation about B0 ẑ + δB (now with a δB_z, so the
 * rotation's z part changes from step to step), the other half of the drift; charge −1. Two paths,
 * scalar and SIMD (a lane per particle, {@code PlaneWaveSimd}), bit for bit the same and the same
 * as one particle taken through {@link IsotropicField#field} a step at a time (PlaneWaveStepTest). The CPU engine's step
 * through isotropic turbulence ({@link CpuBacktracker#advance}); kernels/backtrack.cu's aniso_advance_waves is the same for CUDA.
 */
public final class PlaneWaveStep {
    private PlaneWaveStep() {}

    interface Stepper {
        void advance(double[][] modes, double b0, double[] x, double[] y, double[] z, double[] ux, double[] uy, double[] uz,
                     int p0, int p1, int steps, double dt);
    }

    private static final Stepper SIMD = VectorApi.load(MethodHandles.lookup(), "org.anisoscope.tracking.PlaneWaveSimd", Stepper.class);

    /** Whether the SIMD path runs. */
    public static boolean simd() { return SIMD != null; }

    /** steps Boris steps for particles p0 .. p1-1 through field, on the SIMD path where it runs. */
    public static void advance(IsotropicField field, double[] x, double[] y, double[] z, double[] ux, double[] uy, double[] uz,
                               int p0, int p1, int steps, double dt) {
        warmUp();
        double[][] m = field.modeArrays();
        if (SIMD != null) SIMD.advance(m, field.b0(), x, y, z, ux, uy, uz, p0, p1, steps, dt);
        else scalar(m, field.b0(), x, y, z, ux, uy, uz, p0, p1, steps, dt);
    }

    /**
     * Gets the SIMD kernel compiled before a run's particles need it, as {@link Lockstep#warmUp} does
     * for the slab kernels and for the same reason: a run's calls are few and long, so the JIT reaches
     * them by on-stack replacement after many slow turns in the interpreter, where every vector
     * operation is boxed (docs/benchmarks.md: the first realisation).
     * Many calls of one vector, two steps and a field of 8 modes take the quick route: called until a
     * call is fast, at most three seconds. Once per JVM; at once on the scalar path.
     */
    public static void warmUp() {
        if (SIMD == null || WARM.get()) return;
        synchronized (WARM) {
            if (WARM.get()) return;
            double[][] m = IsotropicField.generate(0.1, 0.5, 0.01, 1, 5.0 / 3, 8).modeArrays();
            int n = ((PlaneWaveSimd) SIMD).lanes();
            double[] x = new double[n], y = new double[n], z = new double[n], ux = new double[n], uy = new double[n], uz = new double[n];
            long give = System.nanoTime() + 3_000_000_000L;
            while (true) {
                long t0 = System.nanoTime();
                for (int c = 0; c < WARM_UP_CALLS; c++) {
                    for (int p = 0; p < n; p++) {
                        double mu = (p + 0.5) / n * 2 - 1, s = Math.sqrt(1 - mu * mu);
                        x[p] = y[p] = z[p] = 0;
                        ux[p] = s * Math.cos(p);
                        uy[p] = s * Math.sin(p);
                        uz[p] = mu;
                    }
                    SIMD.advance(m, 0.7, x, y, z, ux, uy, uz, 0, n, 2, 0.05);
                }
                long t1 = System.nanoTime();
                if (t1 - t0 < WARM_UP_CALLS * FAST_CALL_NANOS || t1 > give) break;
            }
            WARM.set(true);
        }
    }

    /** Whether the SIMD kernel has been warmed up (always true on the scalar path). */
    static boolean warm() { return SIMD == null || WARM.get(); }

    /** Calls between looks at the clock, and the time per call (one vector, two steps, 8 modes) that says C2 has compiled it. */
    private static final int WARM_UP_CALLS = 200;
    private static final long FAST_CALL_NANOS = 2_000;
    private static final java.util.concurrent.atomic.AtomicBoolean WARM = new java.util.concurrent.atomic.AtomicBoolean();

    /** The same on the scalar path (to compare the paths). */
    static void advanceScalar(IsotropicField field, double[] x, double[] y, double[] z, double[] ux, double[] uy, double[] uz,
                              int p0, int p1, int steps, double dt) {
        scalar(field.modeArrays(), field.b0(), x, y, z, ux, uy, uz, p0, p1, steps, dt);
    }

    /** Plain Java, lock-step: every particle of p0 .. p1-1 takes step s before any takes s + 1. */
    static void scalar(double[][] m, double b0, double[] x, double[] y, double[] z, double[] ux, double[] uy, double[] uz,
                       int p0, int p1, int steps, double dt) {
        double half = 0.5 * dt, h = 0.5 * -1.0 * dt;
        double[] b = new double[3];
        for (int s = 0; s < steps; s++) {
            for (int p = p0; p < p1; p++) {
                double vx = ux[p], vy = uy[p], vz = uz[p];
                double px = x[p] + half * vx, py = y[p] + half * vy, pz = z[p] + half * vz;
                IsotropicField.sum(m, px, py, pz, b);
                Boris.rotateAndDrift(px, py, pz, vx, vy, vz, h * b[0], h * b[1], h * (b0 + b[2]), half, x, y, z, ux, uy, uz, p);
            }
        }
    }
}
