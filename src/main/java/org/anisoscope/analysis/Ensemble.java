package org.anisoscope.analysis;

import java.util.ArrayList;
import java.util.List;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.sky.Alm;
import org.anisoscope.sky.Healpix;
import org.anisoscope.sky.MaskCoupling;
import org.anisoscope.sky.Observation;
import org.anisoscope.sky.Sht;
import org.anisoscope.tracking.Snapshot;
import org.anisoscope.turbulence.IsotropicField;
import org.anisoscope.turbulence.SlabField;
import org.anisoscope.turbulence.Turbulence;

/**
 * Turns backtracked particle states into sky maps and accumulates the ensemble statistics of the
 * paper's Sec. 2.1 and 3: C_l(T), shot noise, noise-subtracted C_l, K_zz(T), dipoles, and the local
 * mean field.
 *
 * <p>Liouville mapping (Eq. 3) with the CR gradient g along B0 (z) and |g| = 1/L_c: the relative
 * intensity of pixel i is delta_i = r_i . g - 3 p_i . K . g = rho (z_i + 3 K_zz u_z,i) in the
 * simulation's units (r in r_g, so 1/L_c = rho / r_g; p = -u is the physical direction at t0).
 * Maps and C_l therefore scale with (|g| L_c) and (|g| L_c)^2 for other gradients.
 *
 * <p>delta is linear in K, delta = A + K B with A = rho z and B = 3 rho u_z. K is only known at
 * the end of the run (its plateau is measured from the run itself), so each map's A and B spectra
 * and cross-spectrum are kept, and C_l(delta) = C_AA + 2K C_AB + K^2 C_BB is formed at the end.
 *
 * <p>Pixel directions are the directions the particles arrive from (as an observer's sky map shows
 * them); a particle's initial reversed velocity is that direction.
 */
public final class Ensemble {
    private final SimulationParameters p;
    private final int nsnap, lmax, npix, threads;
    private final Sht sht;
    private final double[][] pixDir;
    private final List<double[][]> spectra = new ArrayList<>(); // [real][snap][3*(lmax+1)]: C_AA, C_AB, C_BB
    private final List<double[][]> phiA = new ArrayList<>(), phiB = new ArrayList<>(); // [real][snap][3]
    private final List<double[]> z2 = new ArrayList<>(); // [real][snap] mean z^2
    private final List<double[]> wPerp = new ArrayList<>(); // [real][snap] white variance of the gradient's part across B0 (noise())
    private final List<double[]> localField = new ArrayList<>(); // [real] mean field vector (x,y,z)
    private final double[][] mapA, mapB; // first realisation, per snapshot
    private int[] firstPathPixels = new int[0]; // first realisation's sampled trajectories (at its latest snapshot)
    private float[][] firstPaths = new float[0][];
    private double[][] current; // [snap][3*(lmax+1)] of the realisation in progress
    private double[][] curPhiA, curPhiB;
    private double[] curZ2, curWPerp;
    // an observatory's view (optional): each realisation's kept spectra of the cut maps, as `spectra`
    private Observation.Observatory observatory;
    private Sht turnSht;
    private double seenFsky;
    private final List<double[][]> seenSpectra = new ArrayList<>();
    private double[][] currentSeen;

    public Ensemble(SimulationParameters p, int threads) {
        this.p = p;
        this.nsnap = p.times().length;
        this.npix = p.npix();
        this.lmax = p.lmax();
        this.sht = new Sht(p.nside(), lmax, threads);
        this.threads = threads;
        Healpix hp = new Healpix(p.nside());
        pixDir = new double[npix][];
        for (int i = 0; i < npix; i++) pixDir[i] = hp.pix2vec(i);
        mapA = new double[nsnap][];
        mapB = new double[nsnap][];
    }

    public int lmax() { return lmax; }

    /** The length the local mean field is averaged over: L_c/30 (Sec. 3.3), in r_g. */
    static double localFieldLength(SimulationParameters p) {
        return p.lcRg() / 30.0; // = 1/(30 ρ), as expectedMeanCosSq(rho, eta, lambdaMinRg) takes it
    }

    /**
     * What 1/⟨cos α⟩² tends to over many realisations of this run's field ({@link
     * SlabField#expectedInvMeanCosSq}): 1.70 at η = 0.5, where the paper quotes 2.2. And isotropic turbulence's ({@link IsotropicField#expectedInvMeanCosSq}).
     */
    public static double expectedInvMeanCosSq(SimulationParameters p) {
        if (!p.slab()) return IsotropicField.expectedInvMeanCosSq(p.rho(), p.eta(), p.lambdaMin(), localFieldLength(p), p.spectralIndex(), p.modes());
        return SlabField.expectedInvMeanCosSq(p.rho(), p.eta(), 1.0 / p.lambdaMinRg(), localFieldLength(p), p.spectralIndex());
    }

    /**
     * Also keeps each realisation's spectra as the observatory sees its sky ({@link
     * Observation.Observatory#observe}: turned, cut, the declination means out if so): the
     * result's {@link Result#seen}. Before the first realisation.
     */
    public void observeAs(Observation.Observatory o) {
        if (!spectra.isEmpty() || current != null) throw new IllegalStateException("the observatory is set before the first realisation");
        observatory = o;
        // the sky is turned through all its a_lm (3 nside - 1), whatever lmax the spectra stop at: a cut
        // couples every multipole of the sky into the seen ones
        int full = SimulationParameters.defaultLmax(p.nside());
        turnSht = o == null ? null : lmax == full ? sht : new Sht(p.nside(), full, threads);
        seenFsky = o == null ? 0 : o.observe(new double[npix], turnSht).fsky();
    }

    /**
     * ⟨cos² α⟩ of this run's local mean field ({@link SlabField#expectedMeanCosSq}, {@link
     * IsotropicField#expectedMeanCosSq} over the ball of diameter L_c/30): 0.62 at η = 0.5 in slab turbulence.
     * A dipole along each realisation's local field would have this ⟨cos²⟩ to B0; the simulated
     * dipoles have less (0.49 at 1 PV, 20 τ_s: {@link Result#dipoleCosSqToB0}).
     */
    public static double expectedMeanCosSq(SimulationParameters p) {
        if (!p.slab()) return IsotropicField.expectedMeanCosSq(p.rho(), p.eta(), p.lambdaMin(), localFieldLength(p), p.spectralIndex(), p.modes());
        return expectedMeanCosSq(p.rho(), p.eta(), p.lambdaMinRg(), p.spectralIndex());
    }

    /** The same for ρ, η and λ_min = r_g/lambdaMinRg, without a whole run's parameters (predict, fit, the window's curve). */
    public static double expectedMeanCosSq(double rho, double eta, double lambdaMinRg, double q) {
        return SlabField.expectedMeanCosSq(rho, eta, 1.0 / lambdaMinRg, 1.0 / rho / 30.0, q);
    }

    /** The first realisation this ensemble holds: 0, or a shard's first (its realisations first, first + 1, ..). */
    private int first;

    /**
     * Holds realisations first, first + 1, .. of a run (a shard of it, {@code simulate --shard}): kept
     * to be merged with the others', realisation by realisation ({@link #realisation}); such an
     * ensemble has no result of its own. Only before the first realisation.
     */
    public Ensemble startingAt(int first) {
        if (!spectra.isEmpty() || current != null) throw new IllegalStateException("a shard's first realisation is set before any");
        if (first < 0) throw new IllegalArgumentException("realisations count from 0; got " + first);
        this.first = first;
        return this;
    }

    /** Starts realisation r (in order first, first + 1, ..) with its field (for the local mean field). */
    public void beginRealisation(int r, Turbulence field) {
        if (r != first + spectra.size()) throw new IllegalStateException("realisations must come in order");
        current = new double[nsnap][];
        currentSeen = observatory == null ? null : new double[nsnap][];
        curPhiA = new double[nsnap][];
        curPhiB = new double[nsnap][];
        curZ2 = new double[nsnap];
        curWPerp = new double[nsnap];
        double[] mean = field.meanField(localFieldLength(p));
        localField.add(new double[] {mean[0], mean[1], field.b0() + mean[2]});
    }

    /** Adds one snapshot of the current realisation. */
    public void add(Snapshot s) {
        int k = s.index();
        double[][] parts = liouvilleParts(p, s);
        lastParts = parts;
        double[] a = parts[0], b = parts[1];
        double sz2 = 0;
        double[] pa = new double[3], pb = new double[3];
        for (int i = 0; i < npix; i++) {
            sz2 += s.z()[i] * s.z()[i];
            for (int c = 0; c < 3; c++) {
                pa[c] += pixDir[i][c] * a[i];
                pb[c] += pixDir[i][c] * b[i];
            }
        }
        // Eq. 52: Phi = (1/4pi) ∫ dn n delta = (1/Npix) sum_i n_i delta_i
        for (int c = 0; c < 3; c++) {
            pa[c] /= npix;
            pb[c] /= npix;
        }
        current[k] = keptSpectra(a, b);
        // the cut is linear (the turn through the a_ℓm, the ring means), so the seen map is A' + K B' as well
        if (observatory != null) currentSeen[k] = keptSpectra(observatory.observe(a, turnSht).map(), observatory.observe(b, turnSht).map());
        curPhiA[k] = pa;
        curPhiB[k] = pb;
        curZ2[k] = sz2 / npix;
        curWPerp[k] = perpendicularWhiteVariance(p, s);
        if (first + spectra.size() == 0) { // realisation 0's maps and paths are the run's
            mapA[k] = a;
            mapB[k] = b;
            if (s.trajectories() != null && s.trajectories().length > 0) {
                firstPathPixels = s.trajectoryPixels();
                firstPaths = s.trajectories();
            }
        }
    }

    private double[][] lastParts;

    /**
     * The Liouville map's two parts {A, B} ({@link #liouvilleParts}) of the snapshot added last, as
     * {@link #add} made them (a listener shows them without making them again); shared, do not modify.
     */
    public double[][] lastParts() { return lastParts; }

    /** The first realisation's Liouville parts {A, B} at snapshot k (null before it is added); shared, do not modify. */
    public double[][] firstParts(int k) {
        return mapA[k] == null ? null : new double[][] {mapA[k], mapB[k]};
    }

    /** [C_AA | C_AB | C_BB] over l = 0..lmax of a map's two parts (UNSEEN pixels count as 0). */
    private double[] keptSpectra(double[] a, double[] b) {
        Alm[] ab = sht.map2alm(new double[][] {a, b}, 3); // together: one Legendre recurrence for both
        Alm almA = ab[0], almB = ab[1];
        double[] spec = new double[3 * (lmax + 1)];
        System.arraycopy(almA.alm2cl(), 0, spec, 0, lmax + 1);
        System.arraycopy(almA.alm2cl(almB), 0, spec, lmax + 1, lmax + 1);
        System.arraycopy(almB.alm2cl(), 0, spec, 2 * (lmax + 1), lmax + 1);
        return spec;
    }

    /**
     * The Liouville map of Eq. 3, δ_i = r_i·g − 3 p̂_i·K·g, in two parts, δ = A + K_zz B, so that the
     * K_zz the maps use can be chosen once the run's plateau is known. With g = (1/L_c)(gx, 0, gz) in
     * 1/r_g units (ρ ĝ; ĝ along B0 in the paper), A = ρ ĝ·r and B = 3ρ gz u_z (u = −p̂, the reversed
     * velocity). K = diag(0, 0, K_zz) in the second term: in slab turbulence the particles follow
     * the field lines, there is no perpendicular diffusion to put there (⟨x²⟩ grows slower than T),
     * and the drift across B0 and g (the antisymmetric K_A ≈ r_g0 c/3, under 4 % of K_zz here) is
     * left to the displacements, which carry it once the particles have gyrated.
     */
    public static double[][] liouvilleParts(SimulationParameters p, Snapshot s) {
        int n = s.z().length;
        double rho = p.rho(), gz = p.gradientZ(), gx = p.gradientX();
        double[] a = new double[n], b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rho * (gz * s.z()[i] + gx * s.x()[i]);
            b[i] = 3 * rho * gz * s.uz()[i];
        }
        return new double[][] {a, b};
    }

    /** Ends the current realisation; only complete realisations enter the ensemble. */
    public void endRealisation() {
        for (int k = 0; k < nsnap; k++) {
            if (current[k] == null) throw new IllegalStateException("snapshot " + k + " missing");
        }
        spectra.add(current);
        if (observatory != null) seenSpectra.add(currentSeen);
        phiA.add(curPhiA);
        phiB.add(curPhiB);
        z2.add(curZ2);
        wPerp.add(curWPerp);
        current = null;
        currentSeen = null;
    }

    /** Drops a realisation that was cancelled midway. */
    public void abandonRealisation() {
        if (current != null && localField.size() > spectra.size()) localField.remove(localField.size() - 1);
        current = null;
        currentSeen = null;
    }

    public int completed() { return spectra.size(); }

    /**
     * What complete realisation r added to the ensemble, exactly (a run's checkpoint): its kept
     * spectra [snapshot][C_AA | C_AB | C_BB], the observatory's (null without one), the dipoles'
     * two parts [snapshot][3], mean z² and the white variance per snapshot, the local mean field;
     * for realisation 0 also its maps' two parts per snapshot and its sampled paths (else null).
     */
    public record Realisation(int index, double[][] spectra, double[][] seenSpectra, double[][] phiA, double[][] phiB, double[] z2,
                              double[] wPerp, double[] localField, double[][] mapA, double[][] mapB, int[] pathPixels,
                              float[][] paths) {}

    /** Complete realisation r as {@link #restore} takes it back. */
    public Realisation realisation(int r) {
        int i = r - first;
        if (i < 0 || i >= spectra.size()) throw new IllegalArgumentException("realisation " + r + " is not complete");
        boolean zero = r == 0;
        return new Realisation(r, spectra.get(i), observatory == null ? null : seenSpectra.get(i), phiA.get(i), phiB.get(i), z2.get(i),
                wPerp.get(i), localField.get(i), zero ? mapA : null, zero ? mapB : null, zero ? firstPathPixels : null,
                zero ? firstPaths : null);
    }

    /**
     * Adds a complete realisation as {@link #realisation} gave it (in order 0, 1, ..): the ensemble is
     * then exactly as if it had been computed here, so a resumed run's result is the same to the bit.
     */
    public void restore(Realisation x) {
        if (current != null) throw new IllegalStateException("a realisation is in progress");
        if (x.index() != first + spectra.size())
            throw new IllegalArgumentException("realisation " + x.index() + " restored after " + (first + spectra.size()));
        if (x.spectra().length != nsnap || x.z2().length != nsnap || x.spectra()[0].length != 3 * (lmax + 1))
            throw new IllegalArgumentException("realisation " + x.index() + " has " + x.spectra().length + " snapshots of "
                    + x.spectra()[0].length / 3 + " multipoles; this run has " + nsnap + " of " + (lmax + 1));
        if ((observatory != null) != (x.seenSpectra() != null))
            throw new IllegalArgumentException("realisation " + x.index() + (observatory != null ? " has no" : " has") + " observatory spectra; this run "
                    + (observatory != null ? "has an observatory" : "has none"));
        if (x.index() == 0) {
            for (int k = 0; k < nsnap; k++) {
                if (x.mapA()[k].length != npix || x.mapB()[k].length != npix)
                    throw new IllegalArgumentException("realisation 0's maps have " + x.mapA()[k].length + " pixels; this run has " + npix);
                mapA[k] = x.mapA()[k];
                mapB[k] = x.mapB()[k];
            }
            firstPathPixels = x.pathPixels();
            firstPaths = x.paths();
        }
        localField.add(x.localField());
        spectra.add(x.spectra());
        if (observatory != null) seenSpectra.add(x.seenSpectra());
        phiA.add(x.phiA());
        phiB.add(x.phiB());
        z2.add(x.z2());
        wPerp.add(x.wPerp());
    }

    /**
     * C_l at snapshot k of the realisation in progress, for the Liouville map with this K_zz
     * (null when that snapshot has not been reached): what a live view shows before the first
     * realisation is complete.
     */
    public double[] currentCl(int k, double kzz) {
        double[][] cur = current;
        if (cur == null || cur[k] == null) return null;
        return clOf(cur[k], kzz);
    }

    /** C_l(delta) = C_AA + 2K C_AB + K^2 C_BB from one map's kept spectra. */
    private double[] clOf(double[] spec, double kzz) {
        int nl = lmax + 1;
        double[] cl = new double[nl];
        for (int l = 0; l < nl; l++) cl[l] = spec[l] + 2 * kzz * spec[nl + l] + kzz * kzz * spec[2 * nl + l];
        return cl;
    }

    /** Mean z^2 (r_g^2) of complete realisation r at each snapshot: its own running K_zz is this over 2T. */
    public double[] meanZ2(int r) {
        return z2.get(r).clone();
    }

    /** {@link #perpendicularWhiteVariance} of complete realisation r at each snapshot. */
    public double[] perpendicularWhiteVariance(int r) {
        return wPerp.get(r).clone();
    }

    /**
     * The pixel-to-pixel (white) variance, in r_g², of the map's displacement term from the gradient's
     * part across B0: gx² W_xx + 2 gx gz W_xz with W_ab = ½⟨(a_i − a_j)(b_i − b_j)⟩ over neighbouring
     * pixels (each with the next in its ring). Not ⟨x²⟩: the particles share the wandering field lines
     * through the observer, so much of their spread across B0 is one large-scale pattern per
     * realisation, not noise — with the gradient across B0 the high-ℓ C_ℓ^num are 0.45 of what ⟨x²⟩
     * would give (ρ = 0.089, Nside 8, 15 τ_s). Differences of neighbours keep only what varies from
     * pixel to pixel. Zero for the paper's g ∥ B0.
     */
    public static double perpendicularWhiteVariance(SimulationParameters p, Snapshot s) {
        double gx = p.gradientX(), gz = p.gradientZ();
        if (gx == 0) return 0;
        Healpix hp = new Healpix(p.nside());
        double wxx = 0, wxz = 0;
        for (int r = 1; r <= hp.nring(); r++) {
            int start = (int) hp.ringStart(r), n = hp.ringNpix(r);
            for (int j = 0; j < n; j++) {
                int i = start + j, nb = start + (j + 1) % n;
                double dx = s.x()[i] - s.x()[nb], dz = s.z()[i] - s.z()[nb];
                wxx += dx * dx;
                wxz += dx * dz;
            }
        }
        int npix = s.x().length;
        return (gx * gx * wxx + 2 * gx * gz * wxz) / (2.0 * npix);
    }

    /**
     * Eq. 7's shot noise, N_l = (4π/N_pix) 2T K_ij g_i g_j, for g = (1/L_c)(gx, 0, gz): the part along
     * B0 with the K_zz the maps use, as the paper; the part across it (no K there: in slab turbulence
     * the perpendicular transport has no plateau) from the run's own pixel-to-pixel variance wPerp
     * ({@link #perpendicularWhiteVariance}). g = ρ in units of 1/r_g.
     */
    public static double noise(SimulationParameters p, double t, double kzz, double wPerp) {
        double gz = p.gradientZ(), rho = p.rho();
        return 4 * Math.PI / p.npix() * rho * rho * (gz * gz * 2 * t * kzz + wPerp);
    }

    /**
     * The kept spectra of complete realisation r at snapshot s, [C_AA | C_AB | C_BB] over l = 0..lmax:
     * C_l of the Liouville map with any K_zz is C_AA + 2K C_AB + K² C_BB. What a paired comparison
     * of two runs with the same seeds needs (the ensemble mean is in {@link #result}).
     */
    public double[] spectra(int r, int s) {
        return spectra.get(r)[s].clone();
    }

    /** The parameters of the run this ensemble belongs to. */
    public SimulationParameters parameters() { return p; }

    /** Local mean field (B_rms units, averaged over L_c/30) of realisation r, once it has begun (null before). */
    public double[] localMeanField(int r) {
        return r < localField.size() ? localField.get(r).clone() : null;
    }

    /** Where K_zz in the Liouville mapping and the noise comes from. */
    public enum KSource { RUN, QLT }

    /**
     * Everything the run reports, composed of small values; arrays are [snapshot][l] unless said
     * otherwise, shared and never modified once a Result holds them (each {@link #result} makes new ones).
     *
     * @param clRealisations [realisation][snapshot][l], each realisation's C_l^num with the K_zz the maps
     *                       use (their mean is spectra' clNum): what errors from the scatter between
     *                       realisations need
     * @param seen           the spectra as the run's observatory saw its skies, or null
     */
    public record Result(int realisations, double[] times, int lmax, KSource kSource, Spectra spectra, Diffusion diffusion,
                         Orientation orientation, FirstRealisation first, double[][][] clRealisations, Seen seen) {
        /** K_zz(T)'s logarithmic slope over the last third of the run ({@link #plateauReached}): 0 on a plateau, 1 ballistic. */
        public double kzzLogSlope() {
            return logSlope(times, diffusion.kzzRunning());
        }

        /**
         * The ensemble-mean dipole along g × B0 over the gradient's part across B0, −⟨Φ_y⟩/g_x (g in
         * the x-z plane), per snapshot: the drift coefficient K_A once the particles have gyrated
         * ({@link org.anisoscope.physics.SimulationParameters#driftCoefficient}); NaN for g ∥ B0.
         */
        public double[] driftDipoleOverG(double gAcrossB0) {
            double[] d = new double[times.length];
            for (int s = 0; s < times.length; s++) {
                double sum = 0;
                for (double[][] real : orientation.dipoles()) sum += real[s][1];
                d[s] = gAcrossB0 == 0 ? Double.NaN : -sum / realisations / gAcrossB0;
            }
            return d;
        }

        /**
         * ⟨Φ_z²⟩/⟨|Φ|²⟩ over the realisations' dipoles at each snapshot: ⟨cos²⟩ of their angle to B0
         * weighted by their power, what folding the dipole through an observatory's cut needs
         * ({@link org.anisoscope.sky.MaskCoupling#dipolePseudo(double, double)}); 1/3 for no
         * preferred direction, 1 for dipoles all along B0.
         */
        public double[] dipoleCosSqToB0() {
            double[] q = new double[times.length];
            for (int s = 0; s < times.length; s++) {
                double z2 = 0, all = 0;
                for (double[][] real : orientation.dipoles()) {
                    double[] d = real[s];
                    z2 += d[2] * d[2];
                    all += d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
                }
                q[s] = all > 0 ? z2 / all : Double.NaN;
            }
            return q;
        }

        /** The jackknife error of invMeanCosSq over the realisations (NaN with fewer than 2). */
        public double invMeanCosSqErr() {
            double[][] localMeanField = orientation.localMeanField();
            int n = localMeanField.length;
            if (n < 2) return Double.NaN;
            double[] cos = new double[n];
            double sum = 0;
            for (int r = 0; r < n; r++) {
                double[] b = localMeanField[r];
                cos[r] = b[2] / Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
                sum += cos[r];
            }
            double total = sum;
            return Jackknife.error(n, skip -> Math.pow((total - cos[skip]) / (n - 1), -2));
        }

        /**
         * The ensemble-mean dipole ⟨Φ⟩ at each snapshot in units of Fick's K_zz g_z with the run's own
         * K_zz plateau, gAlongB0 = g_z the gradient's component along B0 (ρ cos θ in 1/r_g; ρ for the
         * paper's g ∥ B0): about (0, 0, 1) once T ≫ τ_s, whatever K the maps use,
         * because the dipole is then carried by the displacements (Eq. 56, in arrival directions;
         * 0.86-1.00 measured, tested: the displacement dipole is ∫⟨u_z(0)u_z(t)⟩dt from the observer's
         * start, the plateau's slope only for a stationary process); at T → 0, where the map is
         * 3K g·n, it is K_used/K_plateau along B0; below in between.
         */
        public double[][] meanDipoleOverFick(double gAlongB0) {
            double[][] m = new double[times.length][3];
            for (double[][] real : orientation.dipoles()) {
                for (int s = 0; s < times.length; s++) {
                    for (int c = 0; c < 3; c++) m[s][c] += real[s][c] / (realisations * gAlongB0 * diffusion.kzzPlateau());
                }
            }
            return m;
        }
    }

    /**
     * The ensemble's angular power spectra: ⟨C_ℓ⟩^num and its scatter between realisations, the flat
     * noise N (per snapshot), C_ℓ^sub = ⟨C_ℓ⟩^num − N and its standard error, and the total power
     * Σ_{ℓ≥1} (2ℓ+1)/4π C_ℓ of each (per snapshot).
     */
    public record Spectra(double[][] clNum, double[][] clStd, double[] noise, double[][] clSub, double[][] clSubErr,
                          double[] totalNum, double[] totalNoise, double[] totalSub) {}

    /**
     * Diffusion along B0: ⟨z²⟩/2T per snapshot, the K_zz the maps and noise use, whether the run's
     * K_zz(T) has reached its plateau, the scattering time τ_s and the run's plateau K_zz.
     */
    public record Diffusion(double[] kzzRunning, double kzz, boolean plateauReached, double tauS, double kzzPlateau) {}

    /**
     * How the anisotropy is oriented: each realisation's dipole [realisation][snapshot][3], its local
     * mean field (B_rms units, over L_c/30), the field's angle to B0 and the last dipole's angle to the
     * field axis (degrees, per realisation), and 1/⟨cos α⟩² over the realisations (Sec. 3.3).
     */
    public record Orientation(double[][][] dipoles, double[][] localMeanField, double[] misalignmentDeg,
                              double[] dipoleFieldAngleDeg, double invMeanCosSq) {}

    /**
     * The first realisation: its map per snapshot (null where not kept), and its sampled trajectories
     * ({x0,y0,z0,x1,..} in r_g, to the last snapshot; empty when none were sampled) arriving in pathPixels.
     */
    public record FirstRealisation(double[][] maps, int[] pathPixels, float[][] paths) {}

    /**
     * The ensemble's spectra as an observatory sees its skies ({@link #observeAs}), [snapshot][l]:
     * the cut maps' pseudo-C_l over f_sky (what {@code observe --out} writes for one map), their
     * mean, its standard error, the shot noise as the cut sees it (Eq. 7's flat N_l through the
     * band's coupling, {@link MaskCoupling#expectedSeen}), and the mean less that noise; and each
     * realisation's, [realisation][snapshot][l].
     */
    public record Seen(Observation.Observatory observatory, double fsky, double[][] clNum, double[][] noise, double[][] clSub,
                       double[][] clSubErr, double[][][] clRealisations) {}

    /**
     * Ensemble statistics of the completed realisations. K_zz: RUN takes the plateau of this run
     * (half the slope of <z^2>(T) over the snapshots with T ≥ T_max/3, or <z^2>/2T at the last
     * snapshot when only one is there); QLT takes {@link org.anisoscope.physics.Qlt}.
     */
    public Result result(KSource source) {
        if (first != 0) throw new IllegalStateException("a shard's realisations (from " + first + ") have no result of their own: merge the shards");
        int n = spectra.size();
        if (n == 0) throw new IllegalStateException("no complete realisation");
        double[] t = p.times();
        double[] meanZ2 = new double[nsnap], meanWPerp = new double[nsnap];
        for (double[] zz : z2) for (int k = 0; k < nsnap; k++) meanZ2[k] += zz[k] / n;
        for (double[] w : wPerp) for (int k = 0; k < nsnap; k++) meanWPerp[k] += w[k] / n;
        double[] kRun = new double[nsnap];
        for (int k = 0; k < nsnap; k++) kRun[k] = meanZ2[k] / (2 * t[k]);
        double kPlateau = plateau(t, meanZ2);
        if (source == KSource.QLT && !p.slab())
            throw new IllegalArgumentException("quasi-linear theory's K_zz is slab turbulence's: an isotropic run takes K_zz from the run");
        double k = source == KSource.RUN ? kPlateau : p.kzzQlt();
        double tauS = 3 * k;
        boolean reached = plateauReached(t, kRun, kPlateau);
        int nl = lmax + 1;
        double[][] clNum = new double[nsnap][nl], clStd = new double[nsnap][nl], clSub = new double[nsnap][nl];
        double[][] clSubErr = new double[nsnap][nl];
        double[] noise = new double[nsnap], totNum = new double[nsnap], totNoise = new double[nsnap], totSub = new double[nsnap];
        double[][][] clReal = new double[n][nsnap][];
        for (int r = 0; r < n; r++) for (int s = 0; s < nsnap; s++) clReal[r][s] = clOf(spectra.get(r)[s], k);
        for (int s = 0; s < nsnap; s++) {
            noise[s] = noise(p, t[s], k, meanWPerp[s]);
            for (int l = 0; l < nl; l++) {
                double[] ms = meanAndStd(clReal, s, l);
                double mean = ms[0];
                clNum[s][l] = mean;
                clStd[s][l] = ms[1];
                clSub[s][l] = mean - noise[s];
                // standard error of the ensemble mean: from the scatter when there is one, else Eq. 7's variance
                clSubErr[s][l] = n > 1 ? clStd[s][l] / Math.sqrt(n) : Math.sqrt(2.0 / (2 * l + 1)) * noise[s];
                if (l >= 1) {
                    double w = (2 * l + 1) / (4 * Math.PI);
                    totNum[s] += w * clNum[s][l];
                    totNoise[s] += w * noise[s];
                    totSub[s] += w * clSub[s][l];
                }
            }
        }
        double[][][] dip = new double[n][nsnap][3];
        for (int r = 0; r < n; r++) {
            for (int s = 0; s < nsnap; s++) {
                for (int c = 0; c < 3; c++) dip[r][s][c] = phiA.get(r)[s][c] + k * phiB.get(r)[s][c];
            }
        }
        double[][] lmf = new double[n][];
        double[] alpha = new double[n], dipAngle = new double[n];
        double cosSum = 0;
        for (int r = 0; r < n; r++) {
            double[] b = localField.get(r);
            lmf[r] = b.clone();
            double bn = Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
            double cosA = b[2] / bn;
            alpha[r] = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cosA))));
            cosSum += cosA;
            double[] d = dip[r][nsnap - 1];
            double dn = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            double cosD = dn > 0 ? Math.abs(d[0] * b[0] + d[1] * b[1] + d[2] * b[2]) / (dn * bn) : 1;
            dipAngle[r] = Math.toDegrees(Math.acos(Math.min(1, cosD))); // angle to the field axis, 0..90
        }
        double meanCos = cosSum / n;
        double[][] first = new double[nsnap][];
        for (int s = 0; s < nsnap; s++) {
            if (mapA[s] == null) continue;
            first[s] = new double[npix];
            for (int i = 0; i < npix; i++) first[s][i] = mapA[s][i] + k * mapB[s][i];
        }
        return new Result(n, t, lmax, source, new Spectra(clNum, clStd, noise, clSub, clSubErr, totNum, totNoise, totSub),
                new Diffusion(kRun, k, reached, tauS, kPlateau), new Orientation(dip, lmf, alpha, dipAngle, 1.0 / (meanCos * meanCos)),
                new FirstRealisation(first, firstPathPixels, firstPaths), clReal, observatory == null ? null : seen(k, noise));
    }

    private Seen seen(double k, double[] noise) {
        int n = seenSpectra.size(), nl = lmax + 1;
        double[][][] real = new double[n][nsnap][];
        for (int r = 0; r < n; r++) {
            for (int s = 0; s < nsnap; s++) {
                real[r][s] = clOf(seenSpectra.get(r)[s], k);
                for (int l = 0; l < nl; l++) real[r][s][l] /= seenFsky;
            }
        }
        // a flat N_l of 1 over all the sky's multipoles, as seen (the cut couples those above lmax in too)
        int full = SimulationParameters.defaultLmax(p.nside());
        double[] flat = new double[full + 1];
        java.util.Arrays.fill(flat, 1);
        double[] white = observatory.coupling(p.nside(), full, 1).expectedSeen(flat, Double.NaN);
        double[][] num = new double[nsnap][nl], nse = new double[nsnap][nl], sub = new double[nsnap][nl], err = new double[nsnap][nl];
        for (int s = 0; s < nsnap; s++) {
            for (int l = 0; l < nl; l++) {
                double[] ms = meanAndStd(real, s, l);
                num[s][l] = ms[0];
                nse[s][l] = noise[s] * white[l];
                sub[s][l] = ms[0] - nse[s][l];
                err[s][l] = n > 1 ? ms[1] / Math.sqrt(n) : Double.NaN;
            }
        }
        return new Seen(observatory, seenFsky, num, nse, sub, err, real);
    }

    /** {mean, sample standard deviation (0 for one)} over the realisations of c[realisation][s][l]. */
    private static double[] meanAndStd(double[][][] c, int s, int l) {
        int n = c.length;
        double sum = 0, sum2 = 0;
        for (double[][] r : c) {
            double v = r[s][l];
            sum += v;
            sum2 += v * v;
        }
        double mean = sum / n;
        return new double[] {mean, n > 1 ? Math.sqrt(Math.max(0, (sum2 - n * mean * mean) / (n - 1))) : 0};
    }

    /**
     * The least-squares slope of ln K_zz(T) against ln T over the snapshots with T ≥ T_max/3, the
     * same ones {@link #plateau} is fitted to: 1 while the particles fly ballistically (K(T) ∝ T),
     * 0 on the plateau. NaN with fewer than two such snapshots.
     */
    static double logSlope(double[] t, double[] kRun) {
        int last = t.length - 1;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int m = 0;
        for (int k = 0; k <= last; k++) {
            if (t[k] < t[last] / 3 || !(kRun[k] > 0)) continue;
            double x = Math.log(t[k]), y = Math.log(kRun[k]);
            sx += x; sy += y; sxx += x * x; sxy += x * y;
            m++;
        }
        if (m < 2 || !(m * sxx - sx * sx > 0)) return Double.NaN;
        return (m * sxy - sx * sy) / (m * sxx - sx * sx);
    }

    /** Below it, K_zz(T) counts as no longer growing ({@link #plateauReached}). */
    static final double PLATEAU_SLOPE = 0.25;

    /**
     * Whether the running K_zz(T) has stopped growing, so that its fitted plateau is a diffusion
     * coefficient: the run reaches 3 τ_s (τ_s = 3 K_zz) and K_zz(T)'s logarithmic slope over the last
     * third of the run is below 0.25. Ballistic flight gives 1; for velocities decorrelating
     * exponentially over τ_s the slope over [T/3, T] is 0.40 at T = 5 τ_s, 0.22 at 10 τ_s and 0.10 at
     * 20 τ_s (the default run), so 0.25 asks for about 9 τ_s, where K_zz(T) is within 11 % of its
     * plateau. A run with one snapshot in its last third cannot tell: not reached.
     */
    static boolean plateauReached(double[] t, double[] kRun, double kPlateau) {
        double slope = logSlope(t, kRun);
        return t[t.length - 1] >= 3 * 3 * kPlateau && slope < PLATEAU_SLOPE;
    }

    /** Half the least-squares slope of <z^2>(T) over T ≥ T_max/3 (diffusive growth 2 K T). */
    static double plateau(double[] t, double[] z2) {
        int last = t.length - 1;
        double tcut = t[last] / 3;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int m = 0;
        for (int k = 0; k <= last; k++) {
            if (t[k] < tcut) continue;
            sx += t[k]; sy += z2[k]; sxx += t[k] * t[k]; sxy += t[k] * z2[k];
            m++;
        }
        if (m < 2) return z2[last] / (2 * t[last]);
        return 0.5 * (m * sxy - sx * sy) / (m * sxx - sx * sx);
    }
}
