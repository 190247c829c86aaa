package org.anisoscope.mixing;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * The mixing equation (Eq. 20): (δ_l l0 - M_l l0(dT)) / dT <C_l0> = source δ_l1, solved for
 * l = 1 .. lmax of a truncated M. The monopole row is left out: at this order M^(1a) has no loss
 * for l = 0 while M^(1c) feeds it, so Eq. 20 has no steady monopole; the relative intensity of
 * a sky map has its monopole removed anyway, and C_0 is reported as 0.
 */
public final class SteadyState {
    private SteadyState() {}

    /** C_l for l = 0 .. lmax (C_0 = 0), for a dipole source {@code source} per unit time. */
    public static double[] solve(MixingMatrix m, double source) {
        return solve(m, m.lmax(), source);
    }

    /** The same for the matrix truncated further, at lsub <= m.lmax() (its entries do not depend on lmax). */
    public static double[] solve(MixingMatrix m, int lsub, double source) {
        if (lsub < 2 || lsub > m.lmax()) throw new IllegalArgumentException("lsub must be in [2, " + m.lmax() + "]");
        int n = lsub;
        RealMatrix a = new Array2DRowRealMatrix(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                a.setEntry(i, j, ((i == j ? 1 : 0) - m.m(i + 1, j + 1)) / m.dT());
        RealVector b = new ArrayRealVector(n);
        b.setEntry(0, source);
        RealVector c;
        try {
            c = new LUDecomposition(a, 1e-300).getSolver().solve(b);
        } catch (SingularMatrixException e) {
            throw new IllegalArgumentException("the mixing equation is singular for these parameters (Omega dT too small?)");
        }
        double[] cl = new double[n + 1];
        for (int l = 1; l <= n; l++) cl[l] = c.getEntry(l - 1);
        return cl;
    }

    /**
     * Extrapolation of C_l in the truncation lmax. The paper extrapolates "as a function of lmax to
     * infinity assuming a power law", C_l(L) = C_inf - a L^(-p). That needs the increments per
     * doubling of L to shrink. They do not here: the mixing conserves sum (2l+1) C_l at this
     * order (Σ_l (2l+1) M_l l0 = 2 l0 + 1, tested), so the truncation is the only sink, and we
     * measure C_l(L) rising by a nearly constant (slowly growing) amount per doubling of L, i.e.
     * like ln L (e.g. rho 8.9e-2: C_1 +3.3 %, +3.4 %, +3.7 % from L = 50 to 400). So:
     * target = +inf attempts the paper's limit from L/4, L/2, L and refuses, with the numbers,
     * when the increments do not shrink; a finite target T extrapolates with the law we observe,
     * C_l(T) = C_l(L) + [C_l(L) - C_l(L/2)] log2(T/L), for l ≤ L/2 (NaN above: those l are
     * still shaped by the truncation edge). From L = 50 to T = 100 this reproduces the direct
     * lmax = 100 result to < 3 % for l ≤ 20 (the paper's own check, tested), where the
     * un-extrapolated lmax = 50 values are off by up to 35 %.
     */
    public static double[] extrapolate(MixingMatrix m, double source, double target) {
        int big = m.lmax(), half = big / 2, quarter = big / 4;
        if (half < 2) throw new IllegalArgumentException("extrapolation needs lmax >= 4");
        double[] cBig = solve(m, big, source), cHalf = solve(m, half, source);
        double[] out = new double[big + 1];
        java.util.Arrays.fill(out, Double.NaN);
        out[0] = 0;
        if (Double.isInfinite(target)) {
            if (quarter < 2) throw new IllegalArgumentException("extrapolation to infinity needs lmax >= 8");
            double[] cQuarter = solve(m, quarter, source);
            for (int l = 1; l <= quarter; l++) {
                double d1 = cHalf[l] - cQuarter[l], d2 = cBig[l] - cHalf[l], r = d2 / d1;
                if (!(r > 0 && r < 0.95)) {
                    throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                            "C_%d does not converge as lmax grows (increments per doubling of lmax: %.3g then %.3g), so there is "
                                    + "no lmax -> infinity limit at this order; extrapolate to a finite lmax instead (e.g. %d)", l, d1, d2, 4 * big));
                }
                out[l] = cBig[l] + d2 * r / (1 - r);
            }
            return out;
        }
        if (!(target > big)) throw new IllegalArgumentException("the extrapolation target must exceed lmax = " + big + "; got " + target);
        double steps = Math.log(target / big) / Math.log(2);
        for (int l = 1; l <= half; l++) out[l] = cBig[l] + (cBig[l] - cHalf[l]) * steps;
        return out;
    }
}
