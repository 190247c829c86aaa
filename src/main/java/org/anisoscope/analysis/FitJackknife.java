package org.anisoscope.analysis;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;
import org.anisoscope.mixing.Prediction;
import org.anisoscope.mixing.SpectrumFit;

/**
 * Errors of the fits to ⟨C_ℓ⟩^sub — Ω0ΔT and the normalisation of the mixing-matrix prediction
 * ({@link SpectrumFit}), the power-law index ({@link PowerLaw}) — from the scatter between
 * realisations: each fit is made again with one realisation left out of the ensemble mean
 * (delete-one jackknife, {@link Jackknife}).
 *
 * <p>Why: the fits weight each multipole with its own standard error and read 1σ where χ² rises by
 * one, which is right only if the multipoles scatter independently. They do not: a realisation's
 * C_ℓ rise and fall together (its local mean field tilts and scales its whole spectrum, Sec. 3.3).
 * The jackknife keeps every correlation between multipoles without estimating their covariance
 * matrix, which ten-odd realisations cannot do for fifty multipoles. Measured (1 PV, Nside 32, 24
 * realisations, 20 τ_s): the normalisation's χ² error is 3× too small (0.036 against 0.10), while
 * Ω0ΔT's and the index's χ² intervals are close to the jackknife's (±1.5 and ±0.25 against 1.7 and
 * 0.25): the shared part is mostly a scale.
 *
 * <p>What is held fixed: the per-ℓ weights (the full ensemble's), the flat noise (the run's K_zz:
 * with the offset free, a different noise level changes nothing but the offset) and the fitted
 * multipoles.
 */
public final class FitJackknife {
    private FitJackknife() {}

    /**
     * Jackknife 1σ errors; NaN where the full fit gives only a bound (its best value at the end of
     * the searched range), or the index where a leave-one-out fit finds no power law.
     *
     * @param realisations how many were left out in turn
     */
    public record Result(int realisations, double omegaDtErr, double normErr, double indexErr) {}

    /**
     * @param clReal   [realisation][l]: each realisation's C_ℓ^num at the fitted snapshot
     * @param noise    the flat noise the run subtracts there
     * @param sigma    the per-ℓ errors the full fits used (before dividing by factor)
     * @param factor   what the full fits divided C_ℓ^sub and σ by (cos²θ for a gradient at θ to B0, else 1)
     * @param fit      the full prediction fit (null: not fitted); its model settings are used again
     * @param index    the full power-law fit (null: not fitted)
     * @param progress told each realisation left out, 0-based (may be null)
     */
    public static Result of(double[][] clReal, double noise, double[] sigma, double factor, SpectrumFit.Result fit, PowerLaw.Result index,
                            double rho, double eta, double q, int lmaxModel, int threads, IntConsumer progress) {
        int n = clReal.length;
        if (n < 3) throw new IllegalArgumentException("a jackknife over realisations needs at least 3; the run has " + n);
        double[] s = new double[sigma.length];
        for (int l = 0; l < s.length; l++) s[l] = sigma[l] / factor;
        double[] omegaDt = new double[n], norm = new double[n], nIndex = new double[n];
        boolean indexBounded = index != null && !index.atEdge();
        Map<Double, Prediction> cache = new HashMap<>();
        for (int j = 0; j < n; j++) {
            if (progress != null) progress.accept(j);
            double[] cl = meanWithout(clReal, j);
            for (int l = 0; l < cl.length; l++) cl[l] = (cl[l] - noise) / factor;
            if (fit != null && !fit.atEdge()) {
                double[] r = SpectrumFit.refit(new SpectrumFit.Data(cl, s, "jackknife"), rho, eta, q, lmaxModel, fit.normFixed(), fit.offsetFree(), threads,
                        fit.omegaDt(), cache);
                omegaDt[j] = r[0];
                norm[j] = r[1];
            }
            if (indexBounded) {
                PowerLaw.Result p = PowerLaw.fit(cl, s, index.lmin(), index.lmax(), index.offsetFree());
                nIndex[j] = p.index();
                if (p.atEdge()) indexBounded = false;
            }
        }
        double nan = Double.NaN;
        boolean fitted = fit != null && !fit.atEdge();
        return new Result(n, fitted ? Jackknife.error(n, j -> omegaDt[j]) : nan,
                fitted && !fit.normFixed() ? Jackknife.error(n, j -> norm[j]) : nan,
                indexBounded ? Jackknife.error(n, j -> nIndex[j]) : nan);
    }

    /** The mean of rows[r][l] over every r but left. */
    static double[] meanWithout(double[][] rows, int left) {
        double[] m = new double[rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            if (r == left) continue;
            for (int l = 0; l < m.length; l++) m[l] += rows[r][l];
        }
        for (int l = 0; l < m.length; l++) m[l] /= rows.length - 1;
        return m;
    }
}
