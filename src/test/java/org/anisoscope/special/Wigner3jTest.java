package org.anisoscope.special;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.apache.commons.math3.fraction.BigFraction;
import org.junit.jupiter.api.Test;

class Wigner3jTest {

    /** Racah's formula in exact rational arithmetic; the square root taken to 40 digits. */
    static double exact(int j1, int j2, int j3, int m1, int m2, int m3) {
        if (m1 + m2 + m3 != 0 || j3 < Math.abs(j1 - j2) || j3 > j1 + j2 || Math.abs(m1) > j1 || Math.abs(m2) > j2 || Math.abs(m3) > j3) return 0;
        BigFraction sum = BigFraction.ZERO;
        for (int k = 0; k <= j1 + j2 + j3; k++) {
            int[] d = {k, j3 - j2 + k + m1, j3 - j1 + k - m2, j1 + j2 - j3 - k, j1 - k - m1, j2 - k + m2};
            boolean ok = true;
            for (int v : d) ok &= v >= 0;
            if (!ok) continue;
            BigInteger den = BigInteger.ONE;
            for (int v : d) den = den.multiply(fact(v));
            BigFraction term = new BigFraction(BigInteger.ONE, den);
            sum = (k & 1) == 0 ? sum.add(term) : sum.subtract(term);
        }
        BigFraction delta = new BigFraction(fact(j1 + j2 - j3).multiply(fact(j1 - j2 + j3)).multiply(fact(-j1 + j2 + j3)), fact(j1 + j2 + j3 + 1));
        BigInteger prod = fact(j1 + m1).multiply(fact(j1 - m1)).multiply(fact(j2 + m2)).multiply(fact(j2 - m2))
                .multiply(fact(j3 + m3)).multiply(fact(j3 - m3));
        BigFraction sq = delta.multiply(prod).multiply(sum.multiply(sum));
        MathContext mc = new MathContext(40);
        BigDecimal v = new BigDecimal(sq.getNumerator()).divide(new BigDecimal(sq.getDenominator()), mc).sqrt(mc);
        int sign = ((j1 - j2 - m3) & 1) == 0 ? 1 : -1;
        if (sum.getNumerator().signum() * sum.getDenominator().signum() < 0) sign = -sign;
        return sign * v.doubleValue();
    }

    static BigInteger fact(int n) {
        BigInteger f = BigInteger.ONE;
        for (int i = 2; i <= n; i++) f = f.multiply(BigInteger.valueOf(i));
        return f;
    }

    @Test
    void everyRowAgreesWithRacahsFormulaForSmallJ() {
        double[] out = new double[64], scratch = new double[64];
        double worst = 0;
        for (int j2 = 0; j2 <= 9; j2++)
            for (int j3 = 0; j3 <= 9; j3++)
                for (int m2 = -j2; m2 <= j2; m2++)
                    for (int m3 = -j3; m3 <= j3; m3++) {
                        int n = Wigner3j.row(j2, j3, m2, m3, out, scratch);
                        int lo = Wigner3j.j1min(j2, j3, m2, m3);
                        assertEquals(Math.max(0, j2 + j3 - lo + 1), n);
                        for (int i = 0; i < n; i++) {
                            double e = exact(lo + i, j2, j3, -m2 - m3, m2, m3);
                            double err = Math.abs(out[i] - e);
                            // relative where the symbol is not zero by symmetry
                            if (e != 0) worst = Math.max(worst, err / Math.abs(e));
                            else assertTrue(err < 1e-14, "should vanish: " + out[i]);
                        }
                    }
        assertTrue(worst < 1e-12, "worst relative error " + worst);
    }

    @Test
    void largeJAgreesWithRacahsFormula() {
        double[] out = new double[512], scratch = new double[512];
        int[][] cases = {{200, 150, 7, -7}, {200, 200, 0, 0}, {100, 180, 100, -3}, {37, 180, 30, -30}, {150, 60, -44, 44}};
        for (int[] c : cases) {
            int n = Wigner3j.row(c[0], c[1], c[2], c[3], out, scratch);
            int lo = Wigner3j.j1min(c[0], c[1], c[2], c[3]);
            double max = 0;
            for (int i = 0; i < n; i++) max = Math.max(max, Math.abs(out[i]));
            for (int i = 0; i < n; i += Math.max(1, n / 23)) {
                double e = exact(lo + i, c[0], c[1], -c[2] - c[3], c[2], c[3]);
                // relative to the value, or to the row's largest value where the value is tiny
                assertEquals(e, out[i], 1e-12 * Math.max(Math.abs(e), 1e-3 * max), "case " + java.util.Arrays.toString(c) + " j1=" + (lo + i));
            }
        }
    }

    @Test
    void orthogonalOverMAtLargeL() {
        // sum_m (l l0 L; m -m 0)(l l0 L'; m -m 0) = δ_LL' / (2L + 1)
        int[][] pairs = {{200, 150}, {200, 200}, {37, 180}, {100, 1}};
        double[] row = new double[512], scratch = new double[512];
        for (int[] p : pairs) {
            int l = p[0], l0 = p[1], lo = Math.abs(l - l0), n = l + l0 - lo + 1;
            double[][] s = new double[n][n];
            for (int m = -Math.min(l, l0); m <= Math.min(l, l0); m++) {
                Wigner3j.row(l, l0, m, -m, row, scratch);
                for (int a = 0; a < n; a++) for (int b = 0; b < n; b++) s[a][b] += row[a] * row[b];
            }
            for (int a = 0; a < n; a++)
                for (int b = 0; b < n; b++)
                    assertEquals(a == b ? 1.0 / (2 * (lo + a) + 1) : 0, s[a][b], 1e-13, "l=" + l + " l0=" + l0 + " L=" + (lo + a) + " L'=" + (lo + b));
        }
    }
}
