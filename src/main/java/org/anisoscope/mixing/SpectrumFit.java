package org.anisoscope.mixing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Fit of Omega_0 dT (and, unless fixed, the normalisation) of <C_l>^mat to a measured spectrum:
 * chi² = Σ_l (C_l - A C_l^mat(Omega dT) - B)² / sigma_l² over l = 1 .. lfit. The flat B (on by
 * default) absorbs an error in the subtracted shot noise, which is flat in l: before the plateau
 * of K_zz(T) is reached, Eq. 7's 2 T K_zz overestimates the displacement variance and the
 * simulated C_l^sub go negative at high l (measured: -0.6 N_l at T ≈ 3 tau_s). A and B are
 * profiled out in closed form; Omega dT is found on a log grid, refined by golden section, and its 1-sigma interval
 * is where the profile chi² rises by 1 (both sides searched separately, since the profile is not
 * symmetric in Omega dT).
 */
public final class SpectrumFit {
    private SpectrumFit() {}

    /** Searched range of Omega_0 dT. */
    public static final double OMEGA_DT_MIN = 1, OMEGA_DT_MAX = 200;

    /** A measured spectrum: cl[l], sigma[l] for l = 0 .. (entries with sigma <= 0 or non-finite are skipped). */
    public record Data(double[] cl, double[] sigma, String source) {}

    /**
     * What the data saw of the full-sky prediction: a map from the prediction's C_l to the model
     * compared with the data (e.g. an observatory's cut, MaskCoupling), and what to call it.
     */
    public record Fold(java.util.function.UnaryOperator<double[]> apply, String description) {}

    /** The full-sky C_l as they are. */
    public static final Fold FULL_SKY = new Fold(cl -> cl, "full sky");

    /** @param fold what the model was passed through before the comparison ({@link #FULL_SKY}: nothing) */
    public record Result(double omegaDt, double omegaDtLow, double omegaDtHigh, double norm, double normErr, boolean normFixed,
                         double offset, double offsetErr, boolean offsetFree, double chi2, int dof, int lmin, int lfit, Prediction best, Data data,
                         Fold fold) {

        /**
         * P(chi2' >= chi2) for dof degrees of freedom, as if the multipoles were independent (the
         * chi2's own assumption): how likely a fit this bad is if the prediction's shape were right.
         * NaN without degrees of freedom.
         */
        public double probabilityToExceed() {
            return chi2Probability(chi2, dof);
        }

        /** Whether the χ² says the prediction's shape does not describe the data (probability to exceed below 1e-3). */
        public boolean shapeRejected() {
            return probabilityToExceed() < 1e-3;
        }

        /** True when the best Omega dT is at an end of the searched range (a bound, not a measurement). */
        public boolean atEdge() {
            return omegaDt <= OMEGA_DT_MIN * 1.01 || omegaDt >= OMEGA_DT_MAX / 1.01;
        }

        public Map<String, Object> toJson(String version) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", version);
            m.put("source", data.source());
            m.put("rho", best.rho());
            m.put("eta", best.eta());
            m.put("spectral_index", best.spectralIndex());
            m.put("omega0_tau_s", best.omega0TauS());
            m.put("omega_dt", omegaDt);
            m.put("omega_dt_1sigma", new double[] {omegaDtLow, omegaDtHigh});
            m.put("omega_dt_search_range", new double[] {OMEGA_DT_MIN, OMEGA_DT_MAX});
            m.put("omega_dt_at_search_edge", atEdge());
            m.put("omega_dt_1sigma_note", "null: chi2 does not rise by 1 within the search range on that side (the shape of C_l "
                    + "stops changing for Omega_0 dT below ~3, so small values are often only bounded from above)");
            double c = Math.cbrt(best.omega0TauS());
            m.put("constant", omegaDt / c);
            m.put("constant_1sigma", new double[] {omegaDtLow / c, omegaDtHigh / c});
            m.put("constant_meaning", "Omega_0 dT / (Omega_0 tau_s)^(1/3); the paper finds ~4 (Eq. 51, Fig. 6)");
            m.put("normalisation", norm);
            m.put("normalisation_err", normErr);
            m.put("normalisation_fixed", normFixed);
            m.put("offset", offset);
            m.put("offset_err", offsetErr);
            m.put("offset_free", offsetFree);
            m.put("offset_meaning", "flat term B in C_l = A C_l^mat + B: absorbs a misestimate of the shot noise N_l, which is flat in l (Eq. 7)");
            m.put("chi2", chi2);
            m.put("dof", dof);
            double p = probabilityToExceed();
            m.put("chi2_probability", Double.isNaN(p) ? null : p);
            m.put("l_range", new int[] {lmin, lfit});
            m.put("model_lmax", best.lmax());
            double[] model = new double[lfit + 1];
            double[] seen = fold.apply().apply(best.cl());
            for (int l = 1; l <= lfit; l++) model[l] = norm * seen[l] + offset;
            if (fold != FULL_SKY) m.put("model_as_seen", fold.description());
            m.put("l", Prediction.range(lfit + 1));
            m.put("cl_data", java.util.Arrays.copyOf(data.cl(), lfit + 1));
            m.put("sigma_data", java.util.Arrays.copyOf(data.sigma(), lfit + 1));
            m.put("cl_model", model);
            return m;
        }
    }

    /**
     * @param lmaxModel truncation of the model (l fitted up to lmaxModel/2, away from its edge)
     * @param fixNorm   true: A = 1 (absolute prediction); false: A free
     */
    public static Result fit(Data data, double rho, double eta, int lmaxModel, boolean fixNorm, boolean offset, int threads) {
        return fit(data, rho, eta, org.anisoscope.physics.Qlt.KOLMOGOROV, lmaxModel, fixNorm, offset, threads, FULL_SKY);
    }

    /**
     * {@link #fit} of the prediction passed through fold (an observatory's cut) to data taken
     * through it; l stays below lmaxModel/2, where multipoles beyond the truncation hardly couple in.
     * q: the spectral index of the turbulence the prediction is made for.
     */
    public static Result fit(Data data, double rho, double eta, double q, int lmaxModel, boolean fixNorm, boolean offset, int threads, Fold fold) {
        int lfit = Math.min(data.cl().length - 1, lmaxModel / 2);
        int used = 0;
        for (int l = 1; l <= lfit; l++) if (usable(data, l)) used++;
        int dof = used - 1 - (fixNorm ? 0 : 1) - (offset ? 1 : 0);
        if (dof < 1) throw new IllegalArgumentException("the spectrum has " + used + " usable multipoles (l >= 1 with a positive, finite error); need at least " + (used - dof + 1));
        final int lf = lfit;
        Map<Double, Double> memo = new java.util.HashMap<>();
        DoubleUnaryOperator chi2 = x -> memo.computeIfAbsent(x,
                v -> evaluate(data, fold.apply().apply(Predictor.predict(rho, eta, q, lmaxModel, Math.exp(v), threads).cl()), lf, fixNorm, offset)[0]);
        // Omega dT from 1 to 200 (the paper: 2 pi <~ Omega dT < Omega tau_s, and Fig. 6 spans ~10-60)
        double lo = Math.log(OMEGA_DT_MIN), hi = Math.log(OMEGA_DT_MAX);
        int grid = 16;
        double bestX = lo, bestC = Double.POSITIVE_INFINITY;
        double[] xs = new double[grid], cs = new double[grid];
        for (int i = 0; i < grid; i++) {
            xs[i] = lo + (hi - lo) * i / (grid - 1);
            cs[i] = chi2.applyAsDouble(xs[i]);
            if (cs[i] < bestC) {
                bestC = cs[i];
                bestX = xs[i];
            }
        }
        double step = (hi - lo) / (grid - 1);
        double[] m = goldenMin(chi2, Math.max(lo, bestX - step), Math.min(hi, bestX + step));
        double xBest = m[0], cBest = m[1];
        if (bestC < cBest) {
            xBest = bestX;
            cBest = bestC;
        }
        // the grid's own end points, so that the memo already holds chi2 there
        double xLow = crossing(chi2, xBest, xs[0], cBest + 1), xHigh = crossing(chi2, xBest, xs[grid - 1], cBest + 1);
        Prediction p = Predictor.predict(rho, eta, q, lmaxModel, Math.exp(xBest), threads);
        double[] e = evaluate(data, fold.apply().apply(p.cl()), lfit, fixNorm, offset);
        return new Result(Math.exp(xBest), Math.exp(xLow), Math.exp(xHigh), e[1], e[2], fixNorm, e[3], e[4], offset, e[0], dof, 1, lfit, p, data, fold);
    }

    /** {x, chi2(x)} at the minimum of chi2 in [a, b] by golden section (to 2e-3 in ln Omega dT). */
    private static double[] goldenMin(DoubleUnaryOperator chi2, double a, double b) {
        double g = (Math.sqrt(5) - 1) / 2;
        double c = b - g * (b - a), d = a + g * (b - a), fc = chi2.applyAsDouble(c), fd = chi2.applyAsDouble(d);
        for (int it = 0; it < 20 && b - a > 2e-3; it++) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - g * (b - a);
                fc = chi2.applyAsDouble(c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + g * (b - a);
                fd = chi2.applyAsDouble(d);
            }
        }
        return fc < fd ? new double[] {c, fc} : new double[] {d, fd};
    }

    /**
     * {Omega dT, A} of the best fit to data near a previous best omegaDt (within a factor e either
     * way), predictions taken from and left in cache (keyed by ln Omega dT): what a jackknife over
     * realisations needs, many fits of nearly the same data, without the full search each time. A
     * minimum at the end of that bracket (not of the searched range) falls back to {@link #fit}.
     */
    public static double[] refit(Data data, double rho, double eta, double q, int lmaxModel, boolean fixNorm, boolean offset, int threads,
                                 double omegaDt, Map<Double, Prediction> cache) {
        int lfit = Math.min(data.cl().length - 1, lmaxModel / 2);
        java.util.function.DoubleFunction<Prediction> pred = x -> {
            synchronized (cache) {
                return cache.computeIfAbsent(x, v -> Predictor.predict(rho, eta, q, lmaxModel, Math.exp(v), threads));
            }
        };
        DoubleUnaryOperator chi2 = x -> evaluate(data, pred.apply(x).cl(), lfit, fixNorm, offset)[0];
        double lo = Math.log(OMEGA_DT_MIN), hi = Math.log(OMEGA_DT_MAX), x0 = Math.log(omegaDt);
        double a = Math.max(lo, x0 - 1), b = Math.min(hi, x0 + 1);
        double x = goldenMin(chi2, a, b)[0];
        if ((x - a < 1e-2 && a > lo) || (b - x < 1e-2 && b < hi)) {
            Result f = fit(data, rho, eta, q, lmaxModel, fixNorm, offset, threads, FULL_SKY);
            return new double[] {f.omegaDt(), f.norm()};
        }
        return new double[] {Math.exp(x), evaluate(data, pred.apply(x).cl(), lfit, fixNorm, offset)[1]};
    }

    /** Where chi2 reaches level between x0 (below it) and the bound; the bound (or NaN) when it never does. */
    private static double crossing(DoubleUnaryOperator chi2, double x0, double bound, double level) {
        double fb = chi2.applyAsDouble(bound);
        if (fb < level) return Double.NaN; // not constrained on this side within the searched range
        double a = x0, b = bound;
        for (int i = 0; i < 14 && Math.abs(b - a) > 2e-3; i++) {
            double mid = 0.5 * (a + b);
            if (chi2.applyAsDouble(mid) < level) a = mid;
            else b = mid;
        }
        return 0.5 * (a + b);
    }

    private static boolean usable(Data d, int l) {
        return Double.isFinite(d.cl()[l]) && Double.isFinite(d.sigma()[l]) && d.sigma()[l] > 0;
    }

    /**
     * {chi2, A, sigma_A, B, sigma_B} of the linear least-squares fit C_l ≈ A C_l^mat + B (B = 0
     * unless offset; A = 1 when fixNorm).
     */
    static double[] evaluate(Data d, double[] model, int lfit, boolean fixNorm, boolean offset) {
        double s00 = 0, s01 = 0, s11 = 0, y0 = 0, y1 = 0;
        for (int l = 1; l <= lfit; l++) {
            if (!usable(d, l)) continue;
            double w = 1 / (d.sigma()[l] * d.sigma()[l]), m = model[l], y = d.cl()[l];
            s00 += w * m * m;
            s01 += w * m;
            s11 += w;
            y0 += w * y * m;
            y1 += w * y;
        }
        double a, b, sa, sb;
        if (fixNorm && offset) {
            a = 1;
            b = (y1 - s01) / s11;
            sa = 0;
            sb = 1 / Math.sqrt(s11);
        } else if (fixNorm) {
            a = 1;
            b = sa = sb = 0;
        } else if (offset) {
            double det = s00 * s11 - s01 * s01;
            a = (y0 * s11 - y1 * s01) / det;
            b = (s00 * y1 - s01 * y0) / det;
            sa = Math.sqrt(s11 / det);
            sb = Math.sqrt(s00 / det);
        } else {
            a = y0 / s00;
            b = 0;
            sa = 1 / Math.sqrt(s00);
            sb = 0;
        }
        double chi2 = 0;
        for (int l = 1; l <= lfit; l++) {
            if (!usable(d, l)) continue;
            double r = (d.cl()[l] - a * model[l] - b) / d.sigma()[l];
            chi2 += r * r;
        }
        return new double[] {chi2, a, sa, b, sb};
    }

    /** P(chi2' >= chi2) for dof degrees of freedom (the regularised upper incomplete gamma function); NaN without dof. */
    public static double chi2Probability(double chi2, int dof) {
        if (dof < 1 || !(chi2 >= 0)) return Double.NaN;
        return org.apache.commons.math3.special.Gamma.regularizedGammaQ(dof / 2.0, chi2 / 2.0);
    }
}
