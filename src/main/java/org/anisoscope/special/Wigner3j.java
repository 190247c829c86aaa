package org.anisoscope.special;

/**
 * Wigner 3j symbols for all j1 at fixed (j2, j3, m2, m3), m1 = -m2 - m3, by the three-term
 * recursion of Schulten & Gordon (J. Math. Phys. 16, 1961, 1975):
 *
 * <pre>
 *   j1 A(j1+1) f(j1+1) + B(j1) f(j1) + (j1+1) A(j1) f(j1-1) = 0
 *   A(j1) = sqrt[(j1^2 - (j2-j3)^2) ((j2+j3+1)^2 - j1^2) (j1^2 - m1^2)]
 *   B(j1) = -(2 j1 + 1) [j2(j2+1) m1 - j3(j3+1) m1 - j1(j1+1)(m3 - m2)]
 * </pre>
 *
 * Each direction of the recursion is stable only while it runs out of a classically forbidden end
 * (where the wanted solution grows), so it is run forward from the lowest j1 and backward from the
 * highest, and the two are matched by least squares over three points in the classically allowed
 * middle (where both are accurate). Normalisation: sum (2 j1 + 1) f^2 = 1; sign: f(j2 + j3) has
 * the sign (-1)^(j2 - j3 - m1). Accurate to ~1e-14 relative for j up to a few hundred.
 */
public final class Wigner3j {
    private Wigner3j() {}

    /** Smallest j1 of {@link #row}: max(|j2 - j3|, |m2 + m3|). */
    public static int j1min(int j2, int j3, int m2, int m3) {
        return Math.max(Math.abs(j2 - j3), Math.abs(m2 + m3));
    }

    /**
     * (j1 j2 j3; m1 m2 m3) for j1 = j1min .. j2 + j3 in out[0 ..]; returns the count (0 when the
     * symbols all vanish because |m2| > j2, |m3| > j3 or j1min > j2 + j3). {@code out} must hold
     * j2 + j3 + 1 values; {@code scratch} the same.
     */
    public static int row(int j2, int j3, int m2, int m3, double[] out, double[] scratch) {
        if (j2 < 0 || j3 < 0 || Math.abs(m2) > j2 || Math.abs(m3) > j3) return 0;
        int m1 = -m2 - m3;
        int lo = j1min(j2, j3, m2, m3), hi = j2 + j3;
        if (lo > hi) return 0;
        int n = hi - lo + 1;
        int signHi = ((j2 - j3 - m1) & 1) == 0 ? 1 : -1;
        if (n == 1) {
            out[0] = signHi / Math.sqrt(2.0 * lo + 1);
            return 1;
        }
        double[] fwd = out, bwd = scratch;
        // A(j1) for j1 = lo .. hi + 1 and B(j1) for lo .. hi, each computed once
        double[] av = new double[n + 1], bv = new double[n];
        for (int i = 0; i <= n; i++) av[i] = a(lo + i, j2, j3, m1);
        for (int i = 0; i < n; i++) bv[i] = b(lo + i, j2, j3, m1, m2, m3);
        // forward from lo (the A(lo) term vanishes)
        fwd[0] = 1;
        if (lo == 0) {
            // here j2 == j3 and m1 == 0, the recursion at j1 = 0 is 0 = 0; use the closed forms
            // (0 j j; 0 m -m) and (1 j j; 0 m -m), whose ratio is m / sqrt(j (j+1))
            fwd[1] = m2 / Math.sqrt(j2 * (j2 + 1.0));
        } else {
            fwd[1] = -bv[0] / (lo * av[1]);
        }
        for (int i = 1; i < n - 1; i++) {
            int j1 = lo + i;
            double next = -(bv[i] * fwd[i] + (j1 + 1) * av[i] * fwd[i - 1]) / (j1 * av[i + 1]);
            fwd[i + 1] = next;
            if (Math.abs(next) > 1e200) rescale(fwd, i + 2, 1e-200);
        }
        // backward from hi (the A(hi + 1) term vanishes)
        bwd[n - 1] = 1;
        bwd[n - 2] = -bv[n - 1] / ((hi + 1) * av[n - 1]);
        for (int i = n - 2; i > 0; i--) {
            int j1 = lo + i;
            double prev = -(j1 * av[i + 1] * bwd[i + 1] + bv[i] * bwd[i]) / ((j1 + 1) * av[i]);
            bwd[i - 1] = prev;
            if (Math.abs(prev) > 1e200) rescaleTail(bwd, i - 1, n, 1e-200);
        }
        // match point: in the classically allowed region (complex characteristic roots), where the
        // forward solution is largest relative to what came before; both recursions are accurate there
        int match = -1;
        double best = -1, runMax = Math.abs(fwd[0]);
        for (int i = 1; i < n - 1; i++) {
            int j1 = lo + i;
            runMax = Math.max(runMax, Math.abs(fwd[i]));
            double disc = bv[i] * bv[i] - 4.0 * j1 * (j1 + 1) * av[i] * av[i + 1];
            if (disc <= 0) {
                double mag = Math.abs(fwd[i]) / runMax;
                if (mag > best) {
                    best = mag;
                    match = i;
                }
            }
        }
        if (match < 0) match = n / 2;
        int from = Math.max(0, match - 1), to = Math.min(n - 1, match + 1);
        double num = 0, den = 0;
        for (int i = from; i <= to; i++) {
            num += fwd[i] * bwd[i];
            den += bwd[i] * bwd[i];
        }
        double scale = num / den;
        for (int i = match + 1; i < n; i++) out[i] = bwd[i] * scale;
        // normalise and fix the sign
        double norm = 0;
        for (int i = 0; i < n; i++) norm += (2.0 * (lo + i) + 1) * out[i] * out[i];
        double f = 1 / Math.sqrt(norm);
        if (Math.signum(out[n - 1]) != signHi) f = -f;
        for (int i = 0; i < n; i++) out[i] *= f;
        return n;
    }

    /** (j1 j2 j3; 0 0 0) for j1 = |j2 - j3| .. j2 + j3 (zero when j1 + j2 + j3 is odd). */
    public static int row000(int j2, int j3, double[] out, double[] scratch) {
        return row(j2, j3, 0, 0, out, scratch);
    }

    private static double a(int j1, int j2, int j3, int m1) {
        double d = j2 - j3, s = j2 + j3 + 1.0;
        return Math.sqrt(((double) j1 * j1 - d * d) * (s * s - (double) j1 * j1) * ((double) j1 * j1 - (double) m1 * m1));
    }

    private static double b(int j1, int j2, int j3, int m1, int m2, int m3) {
        return -(2.0 * j1 + 1) * ((double) j2 * (j2 + 1) * m1 - (double) j3 * (j3 + 1) * m1 - (double) j1 * (j1 + 1) * (m3 - m2));
    }

    private static void rescale(double[] v, int count, double f) {
        for (int i = 0; i < count; i++) v[i] *= f;
    }

    private static void rescaleTail(double[] v, int from, int to, double f) {
        for (int i = from; i < to; i++) v[i] *= f;
    }
}
