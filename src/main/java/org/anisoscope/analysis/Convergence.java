package org.anisoscope.analysis;

import java.util.ArrayList;
import java.util.List;
import org.anisoscope.physics.SimulationParameters;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Is what a run shows converged in a numerical setting? Two runs with the same seeds that differ
 * only in it (the step dt, or λ_min) are compared snapshot by snapshot in what the app shows:
 * the running K_zz(T), C_ℓ at a few ℓ, and the total power Σ_{ℓ≥1} (2ℓ+1)/4π C_ℓ.
 *
 * <p>What is compared is what each run shows, as `simulate` writes it: the ensemble mean with the
 * K_zz of its Liouville maps and shot noise from the same source, the run's own plateau (RUN: at
 * early times, when the map is mostly 3K u_z, C_ℓ then move with the square of the plateau
 * difference; the report gives it) or QLT's (the same K in both runs: the C_ℓ differences are the
 * trajectories' alone; the window's default).
 * Pairing: realisation r of both runs is the same field and the same start, so the difference is
 * taken realisation by realisation; its error is the jackknife over the realisations (leaving one
 * out of both runs, K plateaus refitted) — far tighter than two independent ensemble errors while
 * the paths still agree, and no worse once chaos has decorrelated them.
 *
 * <p>Verdict, an equivalence test against a tolerance ε relative to the refined run's value (its
 * K_zz(T); its noise-subtracted C_ℓ^sub, the signal a user reads), with t quantiles of n − 1
 * degrees of freedom: CONVERGED when |d̄| + qσ ≤ ε|ref|, q two-sided at the chosen confidence (the
 * difference is bounded below the tolerance; all cells converged is then a test at that level, as
 * each must pass); NOT_CONVERGED when |d̄| − q_Fσ > ε|ref|, q_F the Bonferroni quantile over the m
 * judged cells, so that a false "not converged" anywhere in the table has at most the chosen
 * probability (with per-cell q, ~80 cells of 8 realisations gave about one false alarm per check:
 * a +27 ± 8 % total power at 100 TV was one); else UNRESOLVED (more realisations would tell). A
 * statistically significant but tiny difference (early times, when both paths nearly agree) is no
 * failure. Where C_ℓ^sub is not above twice its own error the signal is shot noise and there is
 * nothing to hold the difference against: NOISE, not judged.
 */
public final class Convergence {
    private Convergence() {}

    public enum Verdict { CONVERGED, UNRESOLVED, NOT_CONVERGED, NOISE }

    /**
     * One quantity at one snapshot: the refined run's value (the reference), the mean paired
     * difference base − refined, its standard error, and the verdict.
     */
    public record Cell(double reference, double difference, double error, Verdict verdict) {
        /** Difference relative to the reference. */
        public double relative() { return difference / Math.abs(reference); }
        /** Standard error relative to the reference. */
        public double relativeError() { return error / Math.abs(reference); }
    }

    /**
     * @param quantities names of the columns: "K_zz(T)", "C_1", .., "total"
     * @param cells      [snapshot][quantity]
     * @param kSource    where each run's K_zz comes from (as `simulate --k-source`)
     * @param kzz        the K_zz (r_g c) of the base and the refined run's maps and noise: each run's own
     *                   plateau (RUN), or QLT's for both
     * @param kzzDifferenceError the jackknife error of their difference (0 for QLT)
     * @param quantile   q of the per-cell bound (CONVERGED)
     * @param familyQuantile q_F of NOT_CONVERGED (Bonferroni over the judged cells)
     */
    public record Result(List<String> quantities, double[] times, Cell[][] cells, Ensemble.KSource kSource, double[] kzz, double kzzDifferenceError,
                         double tolerance,
                         double confidence, double quantile, double familyQuantile, int realisations, Verdict overall) {
        /** The cell of this verdict with the largest |relative difference| (null if none has it). */
        public Cell worst(Verdict v) {
            Cell w = null;
            for (Cell[] row : cells) for (Cell c : row) if (c.verdict() == v && (w == null || Math.abs(c.relative()) > Math.abs(w.relative()))) w = c;
            return w;
        }

        /**
         * For quantity j, the largest upper confidence bound (|d̄| + qσ)/|ref| over the times where it
         * is judged (NaN if none): "the difference is below this at every judged time".
         */
        public double bound(int j) {
            double b = Double.NaN;
            for (Cell[] row : cells) {
                Cell c = row[j];
                if (c.verdict() == Verdict.NOISE) continue;
                double u = (Math.abs(c.difference()) + quantile * c.error()) / Math.abs(c.reference());
                if (!(u <= b)) b = u;
            }
            return b;
        }

        /** Number of cells of quantity j (all quantities: -1) with this verdict. */
        public int count(int j, Verdict v) {
            int n = 0;
            for (Cell[] row : cells) for (int q = 0; q < row.length; q++) if ((j < 0 || q == j) && row[q].verdict() == v) n++;
            return n;
        }

        /** Number of cells with this verdict. */
        public int count(Verdict v) { return count(-1, v); }
    }

    /**
     * Compares two completed ensembles of the same parameters but the one setting, realisation by
     * realisation (the first min(n_base, n_refined)).
     *
     * @param ls         the multipoles to compare (each 1 .. lmax)
     * @param tolerance  ε, e.g. 0.05
     * @param confidence two-sided, e.g. 0.95
     */
    public static Result compare(Ensemble base, Ensemble refined, Ensemble.KSource kSource, int[] ls, double tolerance, double confidence) {
        SimulationParameters pb = base.parameters(), p = refined.parameters();
        if (pb.rho() != p.rho() || pb.eta() != p.eta() || pb.nside() != p.nside() || pb.seed() != p.seed()
                || !java.util.Arrays.equals(pb.times(), p.times()) || pb.gradientAngleDeg() != p.gradientAngleDeg()) {
            throw new IllegalArgumentException("the two runs must share rho, eta, nside, seed, gradient and snapshot times; only dt or lambda_min may differ");
        }
        int n = Math.min(base.completed(), refined.completed());
        if (n < 3) throw new IllegalArgumentException("a convergence check needs at least 3 complete realisations in both runs; got " + n);
        if (!(tolerance > 0 && tolerance < 1)) throw new IllegalArgumentException("the tolerance must be between 0 and 1; got " + tolerance);
        if (!(confidence > 0 && confidence < 1)) throw new IllegalArgumentException("the confidence must be between 0 and 1; got " + confidence);
        int lmax = Math.min(base.lmax(), refined.lmax());
        for (int l : ls) if (l < 1 || l > lmax) throw new IllegalArgumentException("multipole " + l + " is outside 1.." + lmax);
        double q = new TDistribution(n - 1).inverseCumulativeProbability(0.5 + confidence / 2);
        List<String> names = new ArrayList<>();
        names.add("K_zz(T)");
        for (int l : ls) names.add("C_" + l);
        names.add("total");
        double[] times = p.times();
        Side a = new Side(base, kSource, n, times, ls, lmax), b = new Side(refined, kSource, n, times, ls, lmax);
        int ns = times.length, nq = names.size();
        double[][][] raw = new double[ns][nq][]; // ref, d, err, refErr
        double[] vb = new double[n];
        int judged = 0;
        for (int s = 0; s < ns; s++) {
            for (int j = 0; j < nq; j++) {
                int ss = s, jj = j;
                // the mean difference of what each run shows with its K_zz (its own plateau, an ensemble
                // statistic, or QLT's), so the error is the jackknife over realisations (for K_zz(T), a plain
                // mean, it equals the standard error of the paired differences)
                double d = a.shown(s, j, -1) - b.shown(s, j, -1);
                double err = Jackknife.error(n, skip -> a.shown(ss, jj, skip) - b.shown(ss, jj, skip));
                for (int r = 0; r < n; r++) vb[r] = b.value(r, s, j, b.k[0]);
                raw[s][j] = new double[] {b.shown(s, j, -1), d, err, stdError(vb)};
                if (j == 0 || isSignal(raw[s][j][0], raw[s][j][3])) judged++;
            }
        }
        TDistribution t = new TDistribution(n - 1);
        double qF = t.inverseCumulativeProbability(1 - (1 - confidence) / (2.0 * Math.max(1, judged)));
        Cell[][] cells = new Cell[ns][nq];
        for (int s = 0; s < ns; s++) {
            for (int j = 0; j < nq; j++) {
                double[] v = raw[s][j];
                cells[s][j] = cell(v[0], v[1], v[2], v[3], j == 0, tolerance, q, qF);
            }
        }
        Verdict overall = Verdict.CONVERGED;
        for (Cell[] row : cells) {
            for (Cell c : row) {
                if (c.verdict() == Verdict.NOT_CONVERGED) overall = Verdict.NOT_CONVERGED;
                else if (c.verdict() == Verdict.UNRESOLVED && overall == Verdict.CONVERGED) overall = Verdict.UNRESOLVED;
            }
        }
        double kErr = Jackknife.error(n, skip -> a.k[skip + 1] - b.k[skip + 1]);
        return new Result(List.copyOf(names), times.clone(), cells, kSource, new double[] {a.k[0], b.k[0]}, kErr, tolerance, confidence, q, qF,
                n, overall);
    }

    /**
     * One run's side of the comparison: per realisation, snapshot and quantity the coefficients
     * of value = α + 2Kβ + K²γ (K_zz(T) has β = γ = 0), and its K_zz plateau with each
     * realisation left out (k[0]: none left out; k[i + 1]: realisation i left out).
     */
    private static final class Side {
        final double[][][][] coef; // [r][s][j][3]
        final double[] k;
        final double[] times;
        final double[][] wPerp; // [r][s] white variance across B0, for the noise of a gradient not along B0
        final int n, lmax;
        final org.anisoscope.physics.SimulationParameters p;

        Side(Ensemble e, Ensemble.KSource kSource, int n, double[] times, int[] ls, int lmax) {
            this.n = n;
            this.times = times;
            this.lmax = lmax;
            this.p = e.parameters();
            wPerp = new double[n][];
            for (int r = 0; r < n; r++) wPerp[r] = e.perpendicularWhiteVariance(r);
            int ns = times.length, nq = ls.length + 2, nl = e.lmax() + 1;
            coef = new double[n][ns][nq][3];
            double[][] z2 = new double[n][];
            for (int r = 0; r < n; r++) {
                z2[r] = e.meanZ2(r);
                for (int s = 0; s < ns; s++) {
                    double[] sp = e.spectra(r, s);
                    coef[r][s][0][0] = z2[r][s] / (2 * times[s]);
                    for (int i = 0; i < ls.length; i++) {
                        for (int part = 0; part < 3; part++) coef[r][s][i + 1][part] = sp[part * nl + ls[i]];
                    }
                    for (int l = 1; l <= lmax; l++) {
                        double w = (2 * l + 1) / (4 * Math.PI);
                        for (int part = 0; part < 3; part++) coef[r][s][nq - 1][part] += w * sp[part * nl + l];
                    }
                }
            }
            k = new double[n + 1];
            for (int skip = -1; skip < n; skip++) {
                double[] mean = new double[ns];
                for (int r = 0; r < n; r++) {
                    if (r == skip) continue;
                    for (int s = 0; s < ns; s++) mean[s] += z2[r][s] / (skip < 0 ? n : n - 1);
                }
                k[skip + 1] = kSource == Ensemble.KSource.RUN ? Ensemble.plateau(times, mean) // as Ensemble.result(RUN)
                        : p.kzzQlt();
            }
        }

        double value(int r, int s, int j, double kzz) {
            double[] c = coef[r][s][j];
            return c[0] + 2 * kzz * c[1] + kzz * kzz * c[2];
        }

        /** What the run shows (mean over realisations, noise subtracted for C_l and the total), realisation skip left out. */
        double shown(int s, int j, int skip) {
            double kzz = k[skip + 1], sum = 0;
            for (int r = 0; r < n; r++) if (r != skip) sum += value(r, s, j, kzz);
            double mean = sum / (skip < 0 ? n : n - 1);
            if (j == 0) return mean;
            double w = 0;
            for (int r = 0; r < n; r++) if (r != skip) w += wPerp[r][s] / (skip < 0 ? n : n - 1);
            double noise = Ensemble.noise(p, times[s], kzz, w); // Eq. 7, as Ensemble.result
            int nq = coef[0][0].length;
            return mean - (j == nq - 1 ? noise * ((lmax + 1.0) * (lmax + 1.0) - 1) / (4 * Math.PI) : noise); // Σ_{l=1}^{lmax} (2l+1) = (lmax+1)² − 1
        }
    }

    private static double stdError(double[] v) {
        double m = 0, s2 = 0;
        for (double x : v) m += x / v.length;
        for (double x : v) s2 += (x - m) * (x - m);
        return Math.sqrt(s2 / (v.length - 1) / v.length);
    }

    /** A noise-subtracted value is signal when it is above twice its own standard error. */
    private static boolean isSignal(double ref, double refErr) {
        return ref > 2 * refErr;
    }

    /**
     * The verdict on a mean difference d ± err against the reference ref, whose own standard error
     * refErr decides whether a noise-subtracted quantity is signal at all (noiseFree: always
     * judged); q bounds the cell, qF (≥ q) must be exceeded to call it not converged.
     */
    static Cell cell(double ref, double d, double err, double refErr, boolean noiseFree, double tolerance, double q, double qF) {
        if (!noiseFree && !isSignal(ref, refErr)) return new Cell(ref, d, err, Verdict.NOISE);
        double allowed = tolerance * Math.abs(ref);
        Verdict v = Math.abs(d) + q * err <= allowed ? Verdict.CONVERGED
                : Math.abs(d) - qF * err > allowed ? Verdict.NOT_CONVERGED : Verdict.UNRESOLVED;
        return new Cell(ref, d, err, v);
    }
}
