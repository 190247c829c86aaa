package org.anisoscope.analysis;

import java.util.ArrayList;
import java.util.List;
import org.anisoscope.tracking.Snapshot;

/**
 * The running diffusion coefficients along and across B0 (ẑ) of backtracked particles, from their
 * displacements: K_∥(T) = ⟨z²⟩/2T and K_⊥(T) = ⟨x² + y²⟩/4T (each particle starts at the origin,
 * their directions uniform over the sphere), per realisation and over the realisations; and their
 * plateaus, half the slope of ⟨z²⟩(T) and a quarter of that of ⟨x² + y²⟩(T) over T ≥ T_max/3, as
 * {@link Ensemble}'s K_zz. Particles in one realisation share its field, so the errors are the
 * scatter between realisations (standard error of the mean; the plateaus' by the jackknife).
 */
public final class Transport {
    private final double[] times;
    private final List<double[]> z2 = new ArrayList<>(), r2 = new ArrayList<>(); // [realisation][snapshot]: ⟨z²⟩, ⟨x² + y²⟩/2
    private double[] curZ2, curR2;

    public Transport(double[] times) {
        if (times.length < 2) throw new IllegalArgumentException("the running coefficients need at least two snapshots; got " + times.length);
        this.times = times.clone();
    }

    /** A snapshot of the realisation in progress (in order; index 0 starts a realisation). */
    public void add(Snapshot s) {
        int k = s.index();
        if (k == 0) {
            curZ2 = new double[times.length];
            curR2 = new double[times.length];
        }
        double sz = 0, sr = 0;
        int n = s.z().length;
        for (int i = 0; i < n; i++) {
            sz += s.z()[i] * s.z()[i];
            sr += s.x()[i] * s.x()[i] + s.y()[i] * s.y()[i];
        }
        curZ2[k] = sz / n;
        curR2[k] = sr / n / 2; // per transverse component
    }

    /** Ends the realisation in progress (all its snapshots added). */
    public void endRealisation() {
        if (curZ2 == null) throw new IllegalStateException("no snapshot in this realisation");
        z2.add(curZ2);
        r2.add(curR2);
        curZ2 = null;
        curR2 = null;
    }

    public int realisations() { return z2.size(); }

    /**
     * @param kPar     K_∥(T) per snapshot, r_g c; kParErr its standard error over the realisations
     * @param kPerp    K_⊥(T) per snapshot (per transverse component), r_g c; kPerpErr likewise
     * @param kParPlateau  the plateau of K_∥ and its jackknife error; likewise kPerpPlateau
     * @param parReached   whether K_∥(T) stopped growing ({@link Ensemble}'s test: log slope below 0.25 over the last third, T ≥ 9 K)
     */
    public record Result(double[] times, double[] kPar, double[] kParErr, double[] kPerp, double[] kPerpErr, double kParPlateau,
                         double kParPlateauErr, double kPerpPlateau, double kPerpPlateauErr, boolean parReached, boolean perpReached,
                         double parLogSlope, double perpLogSlope, int realisations) {}

    public Result result() {
        int n = z2.size(), ns = times.length;
        if (n < 2) throw new IllegalStateException("the errors need at least two realisations; " + n + " complete");
        double[] kPar = new double[ns], kParErr = new double[ns], kPerp = new double[ns], kPerpErr = new double[ns];
        for (int k = 0; k < ns; k++) {
            double[] a = new double[n], b = new double[n];
            for (int r = 0; r < n; r++) {
                a[r] = z2.get(r)[k] / (2 * times[k]);
                b[r] = r2.get(r)[k] / (2 * times[k]);
            }
            double[] ma = meanAndError(a), mb = meanAndError(b);
            kPar[k] = ma[0];
            kParErr[k] = ma[1];
            kPerp[k] = mb[0];
            kPerpErr[k] = mb[1];
        }
        double[] par = plateauWithError(z2), perp = plateauWithError(r2);
        return new Result(times.clone(), kPar, kParErr, kPerp, kPerpErr, par[0], par[1], perp[0], perp[1],
                Ensemble.plateauReached(times, kPar, par[0]), Ensemble.plateauReached(times, kPerp, perp[0]),
                Ensemble.logSlope(times, kPar), Ensemble.logSlope(times, kPerp), n);
    }

    /** The plateau of the mean displacement² over all realisations and its jackknife error (each left out in turn). */
    private double[] plateauWithError(List<double[]> d2) {
        int n = d2.size(), ns = times.length;
        double[] all = new double[ns];
        for (double[] d : d2) for (int k = 0; k < ns; k++) all[k] += d[k] / n;
        double full = Ensemble.plateau(times, all), sum = 0, sum2 = 0;
        for (int leave = 0; leave < n; leave++) {
            double[] m = new double[ns];
            for (int r = 0; r < n; r++) if (r != leave) for (int k = 0; k < ns; k++) m[k] += d2.get(r)[k] / (n - 1);
            double p = Ensemble.plateau(times, m);
            sum += p;
            sum2 += p * p;
        }
        double mean = sum / n, var = (n - 1.0) / n * (sum2 - n * mean * mean);
        return new double[] {full, Math.sqrt(Math.max(0, var))};
    }

    private static double[] meanAndError(double[] v) {
        double m = 0, s = 0;
        for (double x : v) m += x / v.length;
        for (double x : v) s += (x - m) * (x - m) / (v.length - 1);
        return new double[] {m, Math.sqrt(s / v.length)};
    }
}
