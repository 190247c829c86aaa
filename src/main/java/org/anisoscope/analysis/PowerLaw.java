package org.anisoscope.analysis;

/**
 * The power-law index of a measured spectrum, the paper's headline number (C_ℓ ∝ ℓ^n with
 * n ≈ −2.7 for ℓ ≳ 5, Fig. 5): χ² = Σ (C_ℓ − A ℓ^n − B)²/σ_ℓ² over ℓ = lmin..lmax, with A and
 * the flat B (a misestimated shot noise, flat in ℓ, as in `fit`) profiled out in closed form and n
 * found on a grid refined by golden section; its 1σ interval is where the profile χ² rises by 1.
 * Fitting C_ℓ itself, not log C_ℓ, keeps the noisy and negative C_ℓ^sub of the high multipoles
 * (dropping them, or the ones below some significance, would bias n toward flat).
 */
public final class PowerLaw {
    private PowerLaw() {}

    /** Where the paper's power law begins (C_ℓ ∝ ℓ^−2.7 for ℓ ≳ 5; below, the fall is steeper). */
    public static final int LMIN = 5;

    /** Searched range of the index. */
    public static final double N_MIN = -8, N_MAX = 2;

    /**
     * @param index        best n; low, high: its 1σ interval (NaN where χ² does not rise by 1 inside the searched range)
     * @param amplitude    A (C_ℓ at ℓ = 1 of the power law); offset: B
     * @param points       multipoles used (σ_ℓ > 0 and finite)
     */
    public record Result(double index, double low, double high, double amplitude, double offset, double chi2, int points, int lmin,
                         int lmax, boolean offsetFree) {
        public int dof() { return points - (offsetFree ? 3 : 2); }

        /** True when the best index is at an end of the searched range: the data show no power law to measure. */
        public boolean atEdge() {
            return index <= N_MIN + 1e-3 || index >= N_MAX - 1e-3;
        }
    }

    /** Fits cl[l] ± sigma[l] over l = lmin..lmax (entries with sigma ≤ 0 or non-finite skipped). */
    public static Result fit(double[] cl, double[] sigma, int lmin, int lmax, boolean offsetFree) {
        if (lmin < 1 || lmax < lmin) throw new IllegalArgumentException("the multipole range must have 1 <= lmin <= lmax; got " + lmin + ".." + lmax);
        int hi = Math.min(lmax, Math.min(cl.length, sigma.length) - 1);
        int n = 0;
        for (int l = lmin; l <= hi; l++) if (usable(cl, sigma, l)) n++;
        int need = offsetFree ? 4 : 3;
        if (n < need) {
            throw new IllegalArgumentException("a power law needs at least " + need + " multipoles with an error in " + lmin + ".." + lmax
                    + "; there are " + n);
        }
        double[] ls = new double[n], c = new double[n], w = new double[n];
        int i = 0;
        for (int l = lmin; l <= hi; l++) {
            if (!usable(cl, sigma, l)) continue;
            ls[i] = l;
            c[i] = cl[l];
            w[i] = 1 / (sigma[l] * sigma[l]);
            i++;
        }
        // grid, then golden section around the best grid point
        int grid = 201;
        double best = N_MIN, bestChi = Double.POSITIVE_INFINITY;
        double step = (N_MAX - N_MIN) / (grid - 1);
        for (int k = 0; k < grid; k++) {
            double x = N_MIN + k * step, chi = profile(x, ls, c, w, offsetFree)[0];
            if (chi < bestChi) {
                bestChi = chi;
                best = x;
            }
        }
        double a = Math.max(N_MIN, best - step), b = Math.min(N_MAX, best + step);
        double g = (Math.sqrt(5) - 1) / 2;
        for (int it = 0; it < 80; it++) {
            double x1 = b - g * (b - a), x2 = a + g * (b - a);
            if (profile(x1, ls, c, w, offsetFree)[0] < profile(x2, ls, c, w, offsetFree)[0]) b = x2;
            else a = x1;
        }
        double nBest = (a + b) / 2;
        double[] p = profile(nBest, ls, c, w, offsetFree);
        double low = crossing(nBest, N_MIN, p[0] + 1, ls, c, w, offsetFree), high = crossing(nBest, N_MAX, p[0] + 1, ls, c, w, offsetFree);
        return new Result(nBest, low, high, p[1], p[2], p[0], n, lmin, hi, offsetFree);
    }

    private static boolean usable(double[] cl, double[] sigma, int l) {
        return sigma[l] > 0 && Double.isFinite(sigma[l]) && Double.isFinite(cl[l]);
    }

    /** {χ², A, B} at index x with A and B (or A alone) at their weighted least-squares values. */
    private static double[] profile(double x, double[] ls, double[] c, double[] w, boolean offsetFree) {
        double sff = 0, sf = 0, s1 = 0, sfc = 0, sc = 0;
        for (int i = 0; i < ls.length; i++) {
            double f = Math.pow(ls[i], x);
            sff += w[i] * f * f;
            sf += w[i] * f;
            s1 += w[i];
            sfc += w[i] * f * c[i];
            sc += w[i] * c[i];
        }
        double amp, off = 0;
        if (offsetFree) {
            double det = sff * s1 - sf * sf;
            amp = (sfc * s1 - sf * sc) / det;
            off = (sff * sc - sf * sfc) / det;
        } else {
            amp = sfc / sff;
        }
        double chi = 0;
        for (int i = 0; i < ls.length; i++) {
            double r = c[i] - amp * Math.pow(ls[i], x) - off;
            chi += w[i] * r * r;
        }
        return new double[] {chi, amp, off};
    }

    /** Where the profile χ² first reaches target between from and to (NaN if it does not). */
    private static double crossing(double from, double to, double target, double[] ls, double[] c, double[] w, boolean offsetFree) {
        int steps = 400;
        double prev = from;
        for (int k = 1; k <= steps; k++) {
            double x = from + (to - from) * k / steps;
            if (profile(x, ls, c, w, offsetFree)[0] >= target) {
                double lo = prev, hi = x;
                for (int it = 0; it < 60; it++) {
                    double mid = (lo + hi) / 2;
                    if (profile(mid, ls, c, w, offsetFree)[0] >= target) hi = mid;
                    else lo = mid;
                }
                return (lo + hi) / 2;
            }
            prev = x;
        }
        return Double.NaN;
    }
}
