package org.anisoscope.turbulence;

import java.lang.invoke.MethodHandles;
import org.anisoscope.util.VectorApi;

/**
 * A cosine that gives the same bits wherever it is written the same way: the plane-wave field
 * sums cos(k·r + β) over its modes, and Java's Math.cos may differ in the last bit between CPUs
 * (and from libm and CUDA's cos), which would make a realisation's field depend on the machine and
 * the engine. Here only additions, multiplications and fused multiply-adds (each correctly rounded,
 * so the same in Java, the Vector API and CUDA's fma) are used, in a fixed order:
 *
 * <pre>   n = rint(x / 2π)   (by adding and subtracting 1.5·2^52, exact for |x| &lt; 2^50)
 *   r = x − n·2π        (Cody–Waite: 2π in three parts, each subtracted with an FMA), |r| ≤ π
 *   cos r = Σ_{j=0..14} (−1)^j r^(2j) / (2j)!   (Horner in r², FMAs)</pre>
 *
 * The Taylor series' remainder at |r| = π is below 3e-18, and the Horner rounding keeps the result
 * within 2e-15 of the true cosine for |x| up to 1e6 (tested against StrictMath); the reduction
 * loses about |x|·2^-104 more beyond. {@link #cos(double[], double[], int, int)} runs the same
 * arithmetic lane-wise through the Vector API where the JVM has it, with the same bits.
 */
public final class PortableCos {
    private PortableCos() {}

    // public for the SIMD kernels that write this arithmetic out lane-wise (tracking.PlaneWaveSimd)
    public static final double INV_TWO_PI = 1 / (2 * Math.PI);
    /** 2π = C1 + C2 + C3 to about 160 bits: C1 = 2π rounded, C2 the rest rounded, C3 what then remains. */
    public static final double C1 = 6.283185307179586, C2 = 2.4492935982947064e-16, C3 = -5.989539619436679e-33;
    public static final double ROUND = 0x1.8p52;
    /** (−1)^j / (2j)!, j = 14 down to 0 (Horner order). */
    static final double[] COEF = new double[15];

    static {
        double f = 1;
        double[] up = new double[15];
        for (int j = 0; j < 15; j++) {
            if (j > 0) f *= (2.0 * j - 1) * (2.0 * j);
            up[j] = (j % 2 == 0 ? 1 : -1) / f;
        }
        for (int j = 0; j < 15; j++) COEF[j] = up[14 - j];
    }

    /** The polynomial's coefficients, (−1)^j / (2j)! for j = 14 down to 0 (Horner order), a copy. */
    public static double[] coefficients() { return COEF.clone(); }

    /** cos x, the same bits on every machine (|x| below 2^50; NaN and infinities give NaN). */
    public static double cos(double x) {
        double n = (x * INV_TWO_PI + ROUND) - ROUND;
        double r = Math.fma(-n, C1, x);
        r = Math.fma(-n, C2, r);
        r = Math.fma(-n, C3, r);
        double s = r * r, p = COEF[0];
        for (int j = 1; j < COEF.length; j++) p = Math.fma(p, s, COEF[j]);
        return p;
    }

    /** The lane-wise path, or null where the Vector API is absent. */
    interface Lanes {
        void cos(double[] x, double[] out, int from, int to);
    }

    private static final Lanes SIMD = VectorApi.load(MethodHandles.lookup(), "org.anisoscope.turbulence.PortableCosSimd", Lanes.class);

    /** Whether {@link #cos(double[], double[], int, int)} runs lane-wise. */
    public static boolean simd() { return SIMD != null; }

    /** out[i] = cos(x[i]) for i in [from, to), bit for bit {@link #cos(double)}, lane-wise where the JVM can. */
    public static void cos(double[] x, double[] out, int from, int to) {
        if (SIMD != null) SIMD.cos(x, out, from, to);
        else for (int i = from; i < to; i++) out[i] = cos(x[i]);
    }
}
