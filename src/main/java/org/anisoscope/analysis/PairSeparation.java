package org.anisoscope.analysis;

import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.tracking.CpuBacktracker;
import org.anisoscope.turbulence.Turbulence;
import org.anisoscope.util.Parallel;

/**
 * How fast neighbouring arrival directions part: pairs of particles backtracked from the observer
 * with directions θ apart, and the time until they are d apart (r_g), for several θ and d.
 *
 * <p>Why it matters for the small scales: two directions share their past until their particles
 * part, so the covariance of their map values is what their displacements share, ≈ 2K_zz g²
 * t_sep(θ) + const (its derivative in t_sep is 2K_zz for any velocity correlation that decays, as
 * the shared velocity's memory carries into both paths). Where the orbits are chaotic, t_sep grows
 * only like τ_L ln(1/θ), τ_L = dt_sep/d ln(1/θ) the e-folding time of the separation; a pair
 * correlation −2K_zz g² τ_L ln θ is, on small patches of sky, C_ℓ = 4π K_zz g² τ_L / ℓ² — an ℓ^−2
 * tail, which a quasi-linear mixing matrix does not contain. In a regular field the separation grows
 * linearly instead, t_sep ∝ 1/θ (tested), and there is no such tail.
 *
 * <p>τ_L is measured per direction (the same reference particle with one partner per θ, so the
 * partners' times are compared in one orbit family) as the least-squares slope of t_sep against
 * ln(1/θ), and averaged over directions and fields with its standard error. Pairs that have not
 * parted by T_max are counted as "not parted"; a slope needs every θ of its direction parted.
 */
public final class PairSeparation {
    private PairSeparation() {}

    /**
     * @param angles     θ (radians), decreasing
     * @param distances  d (r_g)
     * @param meanTime   [angle][distance]: mean t_sep over the pairs that parted (Ω_rms⁻¹); meanErr its standard error
     * @param notParted  [angle][distance]: pairs not d apart by tMax
     * @param efold      [distance]: τ_L = dt_sep/d ln(1/θ), Ω_rms⁻¹ (NaN when fewer than 2 directions had every θ parted); efoldErr its error
     * @param kzz        K_zz (r_g c) from the reference particles' ⟨z²⟩/2T_max (a rough value; `simulate` measures the plateau)
     * @param pairs      pairs per (θ, d): directions × fields
     * @param times      [pair][angle][distance]: each pair's t_sep (NaN: not parted)
     */
    public record Result(double[] angles, double[] distances, double[][] meanTime, double[][] meanErr, int[][] notParted, double[] efold,
                         double[] efoldErr, double kzz, double kzzErr, int pairs, double tMax, double[][][] times) {
        /**
         * The ℓ^−2 tail C_ℓ ℓ² = 4π K_zz g² τ_L that a chaotic separation with this τ_L (at distance
         * index k) gives a map with |g| = 1/L_c, with the K_zz given (in r_g c).
         */
        public double tailClL2(int k, double kzzUsed, double rho) {
            return 4 * Math.PI * kzzUsed * rho * rho * efold[k];
        }

        /**
         * {τ_L, its error} between angles k and k + 1 at distance index q: the mean over pairs of
         * (t_sep(θ_k+1) − t_sep(θ_k))/ln(θ_k/θ_k+1), each difference taken within one direction's
         * family (the partners share the reference particle), over the pairs parted at both angles.
         */
        public double[] localEfold(int k, int q) {
            double s = 0, s2 = 0, lg = Math.log(angles[k] / angles[k + 1]);
            int c = 0;
            for (double[][] t : times) {
                double d = (t[k + 1][q] - t[k][q]) / lg;
                if (Double.isNaN(d)) continue;
                s += d;
                s2 += d * d;
                c++;
            }
            double m = c > 0 ? s / c : Double.NaN;
            return new double[] {m, c > 1 ? Math.sqrt(Math.max(0, (s2 - c * m * m) / (c - 1) / c)) : Double.NaN};
        }
    }

    /**
     * Backtracks, in each of p's realisations (the same fields as `simulate` with p's seed), one
     * reference particle per random direction and one partner per angle, to p's last time.
     */
    public static Result measure(SimulationParameters p, int directions, double[] angles, double[] distances, int threads,
                                 IntConsumer realisationDone, BooleanSupplier cancelled) {
        check(directions, angles, distances);
        int na = angles.length, nd = distances.length, per = 1 + na;
        double tMax = p.times()[p.times().length - 1], dt = p.dt();
        int nfields = p.realisations(), n = directions * per;
        double[][][] tsep = new double[nfields * directions][na][nd]; // NaN: not parted
        double z2 = 0, z4 = 0;
        int refs = 0;
        for (int r = 0; r < nfields; r++) {
            if (cancelled.getAsBoolean()) throw new java.util.concurrent.CancellationException("cancelled");
            Turbulence f = Turbulence.of(p, p.realisationSeed(r));
            double[] x = new double[n], y = new double[n], z = new double[n], ux = new double[n], uy = new double[n], uz = new double[n];
            Random rnd = new Random(p.realisationSeed(r) ^ 0x5EA7AB1EL);
            for (int d = 0; d < directions; d++) {
                double cz = 2 * rnd.nextDouble() - 1, phi = 2 * Math.PI * rnd.nextDouble(), sz = Math.sqrt(1 - cz * cz);
                double[] u = {sz * Math.cos(phi), sz * Math.sin(phi), cz};
                // the partners turn away from u toward a random direction w ⟂ u
                double[] a = Math.abs(u[2]) < 0.9 ? new double[] {0, 0, 1} : new double[] {1, 0, 0};
                double[] e1 = unit(cross(u, a)), e2 = cross(u, e1);
                double psi = 2 * Math.PI * rnd.nextDouble();
                double[] w = new double[3];
                for (int c = 0; c < 3; c++) w[c] = Math.cos(psi) * e1[c] + Math.sin(psi) * e2[c];
                int i0 = d * per;
                ux[i0] = u[0];
                uy[i0] = u[1];
                uz[i0] = u[2];
                for (int k = 0; k < na; k++) {
                    double c = Math.cos(angles[k]), s = Math.sin(angles[k]);
                    ux[i0 + 1 + k] = c * u[0] + s * w[0];
                    uy[i0 + 1 + k] = c * u[1] + s * w[1];
                    uz[i0 + 1 + k] = c * u[2] + s * w[2];
                }
            }
            double[][][] first = new double[directions][na][nd];
            for (double[][] a : first) for (double[] b : a) java.util.Arrays.fill(b, Double.NaN);
            // checked every Ω_rms⁻¹ (a fraction of a gyration): t_sep to within that
            int chunk = Math.max(1, (int) Math.round(1 / dt));
            long total = Math.max(1, Math.round(tMax / dt));
            for (long done = 0; done < total; ) {
                if (cancelled.getAsBoolean()) throw new java.util.concurrent.CancellationException("cancelled");
                int steps = (int) Math.min(chunk, total - done);
                Parallel.forEach(directions, threads, (worker, d) -> CpuBacktracker.advance(f, x, y, z, ux, uy, uz, d * per, (d + 1) * per, steps, dt));
                done += steps;
                double t = done * dt;
                for (int d = 0; d < directions; d++) {
                    int i0 = d * per;
                    for (int k = 0; k < na; k++) {
                        int j = i0 + 1 + k;
                        double dx = x[j] - x[i0], dy = y[j] - y[i0], dz = z[j] - z[i0];
                        double sep = Math.sqrt(dx * dx + dy * dy + dz * dz);
                        for (int q = 0; q < nd; q++) if (Double.isNaN(first[d][k][q]) && sep >= distances[q]) first[d][k][q] = t;
                    }
                }
            }
            for (int d = 0; d < directions; d++) {
                tsep[r * directions + d] = first[d];
                double zz = z[d * per] * z[d * per];
                z2 += zz;
                z4 += zz * zz;
                refs++;
            }
            if (realisationDone != null) realisationDone.accept(r);
        }
        int m = tsep.length;
        double[][] mean = new double[na][nd], err = new double[na][nd];
        int[][] never = new int[na][nd];
        for (int k = 0; k < na; k++) {
            for (int q = 0; q < nd; q++) {
                double s = 0, s2 = 0;
                int c = 0;
                for (double[][] t : tsep) {
                    double v = t[k][q];
                    if (Double.isNaN(v)) {
                        never[k][q]++;
                        continue;
                    }
                    s += v;
                    s2 += v * v;
                    c++;
                }
                mean[k][q] = c > 0 ? s / c : Double.NaN;
                err[k][q] = c > 1 ? Math.sqrt(Math.max(0, (s2 - c * mean[k][q] * mean[k][q]) / (c - 1) / c)) : Double.NaN;
            }
        }
        // the slope of t_sep against ln(1/θ), one per direction, then their mean
        double[] lx = new double[na];
        double lxm = 0;
        for (int k = 0; k < na; k++) lxm += (lx[k] = Math.log(1 / angles[k])) / na;
        double sxx = 0;
        for (int k = 0; k < na; k++) sxx += (lx[k] - lxm) * (lx[k] - lxm);
        double[] efold = new double[nd], efoldErr = new double[nd];
        for (int q = 0; q < nd; q++) {
            double s = 0, s2 = 0;
            int c = 0;
            for (double[][] t : tsep) {
                double tm = 0, sxy = 0;
                boolean all = true;
                for (int k = 0; k < na; k++) {
                    if (Double.isNaN(t[k][q])) all = false;
                    tm += t[k][q] / na;
                }
                if (!all) continue;
                for (int k = 0; k < na; k++) sxy += (lx[k] - lxm) * (t[k][q] - tm);
                double slope = sxy / sxx;
                s += slope;
                s2 += slope * slope;
                c++;
            }
            efold[q] = c >= 2 ? s / c : Double.NaN;
            efoldErr[q] = c >= 2 ? Math.sqrt(Math.max(0, (s2 - c * efold[q] * efold[q]) / (c - 1) / c)) : Double.NaN;
        }
        double mz2 = z2 / refs, kzz = mz2 / (2 * tMax);
        double kzzErr = refs > 1 ? Math.sqrt(Math.max(0, (z4 / refs - mz2 * mz2) / (refs - 1))) / (2 * tMax) : Double.NaN;
        return new Result(angles.clone(), distances.clone(), mean, err, never, efold, efoldErr, kzz, kzzErr, m, tMax, tsep);
    }

    /** Refuses, with the reason, what {@link #measure} cannot measure. */
    public static void check(int directions, double[] angles, double[] distances) {
        if (directions < 2) throw new IllegalArgumentException("need at least 2 directions; got " + directions);
        if (angles.length < 2) throw new IllegalArgumentException("need at least 2 angles to measure how t_sep changes with them; got " + angles.length);
        for (int i = 0; i < angles.length; i++) {
            if (!(angles[i] > 0 && angles[i] < 1)) throw new IllegalArgumentException("angles must be in (0, 1) radian; got " + angles[i]);
            if (i > 0 && !(angles[i] < angles[i - 1])) throw new IllegalArgumentException("angles must decrease; got " + angles[i - 1] + " then " + angles[i]);
        }
        if (distances.length == 0) throw new IllegalArgumentException("need at least one distance");
        for (double d : distances) if (!(d > 0) || Double.isInfinite(d)) throw new IllegalArgumentException("distances must be positive; got " + d);
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double[] unit(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }
}
