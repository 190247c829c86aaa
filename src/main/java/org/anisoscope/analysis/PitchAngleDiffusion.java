package org.anisoscope.analysis;

import org.anisoscope.physics.Qlt;
import org.anisoscope.sky.Healpix;
import org.anisoscope.tracking.Snapshot;

/**
 * The pitch-angle diffusion coefficient D_μμ(μ) measured from backtracked particles, to set beside
 * quasi-linear theory ({@link Qlt#dmumu}); and the K_zz that the measured D_μμ implies.
 *
 * <p>Estimator. μ is the pitch-angle cosine along B0 = ẑ. Snapshots are taken at the times
 * t_k = k τ (k = 1 .. n; k = 0 is the start, each particle's pixel) with a lag τ of a whole number
 * of gyro-periods 2π/Ω0. From every k, the changes over one and two lags, binned in μ(t_k), give
 * A1 = ⟨(μ(t_k+τ) − μ(t_k))²⟩ and A2 = ⟨(μ(t_k+2τ) − μ(t_k))²⟩, and D_μμ = (A2 − A1) / (2τ).
 * Why this form: beyond the correlation time of the pitch-angle force ⟨Δμ²⟩(τ) = 2 D_μμ τ − c,
 * and the difference of two lags removes the offset c; the large-scale field, which only tilts the
 * orbit, adds a bounded wiggle ∝ 1 − cos Ω0τ to ⟨Δμ²⟩ that vanishes at whole gyro-periods; short
 * lags keep the spread √(4 D_μμ τ) small, so D_μμ is local in μ even when the run is long; and
 * starting from every snapshot, not only from t = 0, uses each particle many times. (The start is
 * no transient: isotropic arrival directions are the stationary state of pitch-angle scattering.)
 * The rate so measured depends on the lag once the pitch angles spread over it (the change of μ
 * then samples D's variation and the bounded range, and A2 − A1 grows slower than 2 D τ): it is
 * quoted with its lag, and {@link Result#maxSpread()} (√(4 D τ)) says how local it is. Particles
 * in one realisation share its field, so the error is the scatter between realisations (standard
 * error of the mean; at least two are needed).
 *
 * <p>K_zz follows from D_μμ as in QLT, K_zz = (v²/8) ∫ (1 − μ²)² / D_μμ dμ (midpoint rule over the
 * bins); its error is the jackknife over realisations.
 */
public final class PitchAngleDiffusion {
    private final int bins;
    private final double lag;
    private final double[] times;      // t_k = k lag, k = 1 .. n
    private final double[][] mu;       // [k][particle] of the realisation in progress; k = 0 is the start
    private final double[][] dRealisation; // [realisation][bin]
    private int realisations;

    /**
     * @param nside the run's HEALPix resolution (one particle per pixel)
     * @param bins  number of equal bins in μ over [−1, 1]
     * @param lag   τ in 1/Omega_rms; the snapshot times are {@link #times()}
     * @param lags  n, the number of lags (at least 2)
     */
    public PitchAngleDiffusion(int nside, int bins, double lag, int lags, int maxRealisations) {
        if (bins < 2 || bins > 200) throw new IllegalArgumentException("bins must be between 2 and 200; got " + bins);
        if (lags < 2 || lags > 1000) throw new IllegalArgumentException("the number of lags must be between 2 and 1000; got " + lags);
        if (!(lag > 0) || Double.isInfinite(lag)) throw new IllegalArgumentException("the lag must be positive; got " + lag);
        Healpix hp = new Healpix(nside);
        int n = (int) hp.npix();
        if ((long) n * (lags - 1) / bins < 50)
            throw new IllegalArgumentException(bins + " bins for " + n + " particles leave too few changes per bin: raise nside or lower bins");
        this.bins = bins;
        this.lag = lag;
        times = new double[lags];
        for (int k = 0; k < lags; k++) times[k] = (k + 1) * lag;
        mu = new double[lags + 1][n];
        double[] v = new double[3];
        for (int p = 0; p < n; p++) {
            hp.pix2vec(p, v);
            mu[0][p] = -v[2]; // the physical momentum is -u, and u starts along the pixel direction
        }
        dRealisation = new double[maxRealisations][];
    }

    /** The snapshot times the run must produce: k τ for k = 1 .. n. */
    public double[] times() { return times.clone(); }

    /** Adds a snapshot of the realisation in progress; other times are ignored. */
    public void add(Snapshot s) {
        int k = indexOf(s.time());
        if (k < 0) return;
        double[] m = mu[k + 1];
        double[] ux = s.ux(), uy = s.uy(), uz = s.uz();
        for (int p = 0; p < m.length; p++) m[p] = -uz[p] / Math.sqrt(ux[p] * ux[p] + uy[p] * uy[p] + uz[p] * uz[p]);
    }

    private int indexOf(double t) {
        for (int k = 0; k < times.length; k++) if (Math.abs(times[k] - t) <= 1e-9 * Math.max(1, t)) return k;
        return -1;
    }

    private int bin(double m) {
        return Math.max(0, Math.min(bins - 1, (int) ((m + 1) / 2 * bins)));
    }

    /** Closes the realisation in progress: D per bin from the one- and two-lag changes. */
    public void endRealisation() {
        if (realisations == dRealisation.length) throw new IllegalStateException("more realisations than announced");
        double[] a1 = new double[bins], a2 = new double[bins];
        long[] n1 = new long[bins], n2 = new long[bins];
        for (int k = 0; k + 1 < mu.length; k++) {
            for (int p = 0; p < mu[k].length; p++) {
                int b = bin(mu[k][p]);
                double d1 = mu[k + 1][p] - mu[k][p];
                a1[b] += d1 * d1;
                n1[b]++;
                if (k + 2 < mu.length) {
                    double d2 = mu[k + 2][p] - mu[k][p];
                    a2[b] += d2 * d2;
                    n2[b]++;
                }
            }
        }
        double[] d = new double[bins];
        for (int b = 0; b < bins; b++) d[b] = n1[b] == 0 || n2[b] == 0 ? Double.NaN : (a2[b] / n2[b] - a1[b] / n1[b]) / (2 * lag);
        dRealisation[realisations++] = d;
    }

    public int realisations() { return realisations; }

    /** The measured D_μμ per bin with its error and QLT's value at the bin centre, and the implied K_zz. */
    public record Result(double[] muLow, double[] muHigh, double[] dmumu, double[] dmumuErr, double[] dmumuQlt,
                         double lag, double tMax, int realisations, double kzz, double kzzErr, double kzzQlt, double maxSpread) {}

    /**
     * @param rho, eta the run's parameters, for QLT (units: Omega_rms)
     */
    public Result result(double rho, double eta) {
        if (realisations < 2) throw new IllegalStateException("the error of D_mumu needs at least two realisations; got " + realisations);
        double[] lo = new double[bins], hi = new double[bins], mean = mean(-1), err = new double[bins], qlt = new double[bins];
        double spread = 0;
        for (int b = 0; b < bins; b++) {
            lo[b] = -1 + 2.0 * b / bins;
            hi[b] = -1 + 2.0 * (b + 1) / bins;
            double s = 0;
            for (int r = 0; r < realisations; r++) s += Math.pow(dRealisation[r][b] - mean[b], 2);
            err[b] = Math.sqrt(s / (realisations - 1) / realisations);
            qlt[b] = Qlt.dmumu((lo[b] + hi[b]) / 2, rho, eta);
            spread = Math.max(spread, Math.sqrt(4 * Math.max(0, mean[b]) * lag));
        }
        double k = kzz(mean);
        double kErr = Jackknife.error(realisations, r -> kzz(mean(r)));
        double kq = Qlt.kzz(rho, eta);
        return new Result(lo, hi, mean, err, qlt, lag, times[times.length - 1], realisations, k, kErr, kq, spread);
    }

    /** Mean D per bin over the realisations, leaving out realisation {@code skip} (or none: −1). */
    private double[] mean(int skip) {
        double[] m = new double[bins];
        int n = 0;
        for (int r = 0; r < realisations; r++) {
            if (r == skip) continue;
            n++;
            for (int b = 0; b < bins; b++) m[b] += dRealisation[r][b];
        }
        for (int b = 0; b < bins; b++) m[b] /= n;
        return m;
    }

    /** K_zz = (1/8) ∫ (1 − μ²)² / D dμ by the midpoint rule; infinite where some D ≤ 0 (no scattering measured). */
    private double kzz(double[] d) {
        double k = 0, w = 2.0 / bins;
        for (int b = 0; b < bins; b++) {
            double mu = -1 + (b + 0.5) * w;
            if (!(d[b] > 0)) return Double.POSITIVE_INFINITY;
            k += Math.pow(1 - mu * mu, 2) / d[b] * w;
        }
        return k / 8;
    }
}
