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
 * <p>Pairing. Realisation r of both runs is the same field and the same start, so the difference
 * d_r = X_r(base) − X_r(refined) is taken per realisation; its mean and standard error (scatter
 * over realisations / √n) are far tighter than two independent ensemble errors while the paths
 * still agree, and no worse once chaos has decorrelated them. Both runs' maps use one K_zz (the
 * refined run's plateau), so a difference is the trajectories', not a different Liouville map.
 *
 * <p>Verdict, an equivalence test against a tolerance ε relative to the refined run's value (its
 * K_zz(T); its noise-subtracted C_ℓ^sub, the signal a user reads): with q the two-sided t quantile
 * of n − 1 degrees of freedom at the chosen confidence, CONVERGED when |d̄| + qσ ≤ ε|ref| (the
 * difference is bounded below the tolerance), NOT_CONVERGED when |d̄| − qσ > ε|ref| (it significantly
 * exceeds it), else UNRESOLVED (more realisations would tell). A statistically significant but
 * tiny difference (early times, when both paths nearly agree) is therefore no failure. Where
 * C_ℓ^sub is not above twice its own error the signal is shot noise and there is nothing to hold
 * the difference against: NOISE, not judged.
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
     * @param kzz        the K_zz (r_g c) both runs' maps use
     * @param quantile   q of the verdict
     */
    public record Result(List<String> quantities, double[] times, Cell[][] cells, double kzz, double tolerance,
                         double confidence, double quantile, int realisations, Verdict overall) {
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
    public static Result compare(Ensemble base, Ensemble refined, int[] ls, double tolerance, double confidence) {
        SimulationParameters pb = base.parameters(), p = refined.parameters();
        if (pb.rho() != p.rho() || pb.eta() != p.eta() || pb.nside() != p.nside() || pb.seed() != p.seed()
                || !java.util.Arrays.equals(pb.times(), p.times())) {
            throw new IllegalArgumentException("the two runs must share rho, eta, nside, seed and snapshot times; only dt or lambda_min may differ");
        }
        double rho = p.rho();
        int npix = p.npix();
        double[] times = p.times();
        int n = Math.min(base.completed(), refined.completed());
        if (n < 3) throw new IllegalArgumentException("a convergence check needs at least 3 complete realisations in both runs; got " + n);
        if (!(tolerance > 0 && tolerance < 1)) throw new IllegalArgumentException("the tolerance must be between 0 and 1; got " + tolerance);
        if (!(confidence > 0 && confidence < 1)) throw new IllegalArgumentException("the confidence must be between 0 and 1; got " + confidence);
        int lmax = Math.min(base.lmax(), refined.lmax());
        for (int l : ls) if (l < 1 || l > lmax) throw new IllegalArgumentException("multipole " + l + " is outside 1.." + lmax);
        double kzz = refined.result(Ensemble.KSource.RUN).kzz();
        double q = new TDistribution(n - 1).inverseCumulativeProbability(0.5 + confidence / 2);
        List<String> names = new ArrayList<>();
        names.add("K_zz(T)");
        for (int l : ls) names.add("C_" + l);
        names.add("total");
        int ns = times.length, nq = names.size();
        Cell[][] cells = new Cell[ns][nq];
        double[] db = new double[n], dr = new double[n];
        for (int s = 0; s < ns; s++) {
            double noise = 4 * Math.PI / npix * 2 * times[s] * kzz * rho * rho; // Eq. 7, as Ensemble.result
            double totalNoise = 0;
            for (int l = 1; l <= lmax; l++) totalNoise += (2 * l + 1) / (4 * Math.PI) * noise;
            for (int j = 0; j < nq; j++) {
                for (int r = 0; r < n; r++) {
                    db[r] = value(base, r, s, j, ls, times[s], kzz, lmax);
                    dr[r] = value(refined, r, s, j, ls, times[s], kzz, lmax);
                }
                double sub = j == 0 ? 0 : j == nq - 1 ? totalNoise : noise; // K_zz(T) has no noise to subtract
                cells[s][j] = cell(db, dr, sub, j == 0, tolerance, q);
            }
        }
        Verdict overall = Verdict.CONVERGED;
        for (Cell[] row : cells) {
            for (Cell c : row) {
                if (c.verdict() == Verdict.NOT_CONVERGED) overall = Verdict.NOT_CONVERGED;
                else if (c.verdict() == Verdict.UNRESOLVED && overall == Verdict.CONVERGED) overall = Verdict.UNRESOLVED;
            }
        }
        return new Result(List.copyOf(names), times.clone(), cells, kzz, tolerance, confidence, q, n, overall);
    }

    /** Quantity j of realisation r at snapshot s: K_zz(T) = <z²>/2T, C_ℓ, or the total power over ℓ ≥ 1. */
    private static double value(Ensemble e, int r, int s, int j, int[] ls, double t, double kzz, int lmax) {
        if (j == 0) return e.meanZ2(r)[s] / (2 * t);
        double[] cl = e.cl(r, s, kzz);
        if (j <= ls.length) return cl[ls[j - 1]];
        double total = 0;
        for (int l = 1; l <= lmax; l++) total += (2 * l + 1) / (4 * Math.PI) * cl[l];
        return total;
    }

    /** The verdict on paired values a (base) and b (refined); noise is subtracted from b's mean for the reference. */
    static Cell cell(double[] a, double[] b, double noise, boolean noiseFree, double tolerance, double q) {
        int n = a.length;
        double md = 0, mb = 0;
        for (int r = 0; r < n; r++) {
            md += (a[r] - b[r]) / n;
            mb += b[r] / n;
        }
        double vd = 0, vb = 0;
        for (int r = 0; r < n; r++) {
            vd += (a[r] - b[r] - md) * (a[r] - b[r] - md);
            vb += (b[r] - mb) * (b[r] - mb);
        }
        double err = Math.sqrt(vd / (n - 1) / n), refErr = Math.sqrt(vb / (n - 1) / n);
        double ref = mb - noise;
        if (!noiseFree && !(ref > 2 * refErr)) return new Cell(ref, md, err, Verdict.NOISE);
        double allowed = tolerance * Math.abs(ref);
        Verdict v = Math.abs(md) + q * err <= allowed ? Verdict.CONVERGED
                : Math.abs(md) - q * err > allowed ? Verdict.NOT_CONVERGED : Verdict.UNRESOLVED;
        return new Cell(ref, md, err, v);
    }
}
