package org.anisoscope.turbulence;

import org.anisoscope.physics.Qlt;

/**
 * One realisation of isotropic 3D magnetostatic turbulence as a sum of plane waves (Giacalone &
 * Jokipii 1994; CRPropa's PlaneWaveTurbulence), in units of B_rms with lengths in r_g:
 *
 * <pre>   δB(r) = Σ_n √2 A_n ξ̂_n cos(k_n k̂_n · r + β_n)</pre>
 *
 * Mode n has the wave number k_n, log-spaced from k_min = 2π/L_max to k_max = 2π/λ_min (both
 * included); a direction k̂_n uniform on the sphere; a polarisation ξ̂_n perpendicular to it, at a
 * uniform angle about k̂_n; and a uniform phase β_n. Every term is divergence-free (ξ̂_n · k̂_n = 0).
 * The energy spectrum E(k) ∝ k^(-q) on log-spaced k gives A_n² ∝ E(k_n) Δk_n ∝ k_n^(1-q),
 * normalised to Σ A_n² = η, so that ⟨δB²⟩ = η B_rms² and, by isotropy, ⟨δB_i δB_j⟩ = η/3 δ_ij over
 * realisations; the one-dimensional spectrum along any line falls as k^(-q) as well.
 *
 * <p>Each mode's four random numbers come from the slab field's counter-based generator, keyed by
 * (seed, mode, which), and are turned into the mode in StrictMath: the same seed gives the same
 * field on every machine and thread count, and a mode does not depend on how many there are
 * after it; the field's cosines are {@link PortableCos}'s, the same bits on every machine (and, written
 * the same way, in CUDA).
 */
public final class IsotropicField implements Turbulence {
    private final double eta, q;
    private final long seed;
    private final int modes;
    /** Per mode: the wave vector k_n k̂_n (1/r_g), the amplitude vector √2 A_n ξ̂_n (B_rms), the phase β_n. */
    private final double[] kx, ky, kz, ax, ay, az, phase, k;
    /** The same arrays in {@link #sum}'s order. */
    private final double[][] all;

    private IsotropicField(double eta, double q, long seed, double[] k, double[][] kv, double[][] av, double[] phase) {
        this.eta = eta;
        this.q = q;
        this.seed = seed;
        this.modes = k.length;
        this.k = k;
        this.kx = kv[0];
        this.ky = kv[1];
        this.kz = kv[2];
        this.ax = av[0];
        this.ay = av[1];
        this.az = av[2];
        this.phase = phase;
        this.all = new double[][] {kx, ky, kz, ax, ay, az, phase};
    }

    /**
     * The realisation for normalised rigidity rho (L_max = 5 r_g / rho), turbulence level eta,
     * smallest wavelength lambdaMin (r_g), seed, spectral index q and number of modes.
     */
    public static IsotropicField generate(double rho, double eta, double lambdaMin, long seed, double q, int modes) {
        if (!(eta > 0 && eta < 1)) throw new IllegalArgumentException("eta must be in (0, 1); got " + eta);
        String badQ = Qlt.spectralIndexProblem(q);
        if (badQ != null) throw new IllegalArgumentException(badQ);
        if (modes < 2 || modes > 100_000) throw new IllegalArgumentException("the number of modes must be from 2 to 100000; got " + modes);
        double outer = 5.0 / rho;
        if (!(rho > 0 && lambdaMin > 0 && lambdaMin < outer))
            throw new IllegalArgumentException("lambda_min must be positive and below the outer scale 5 r_g / rho; got " + lambdaMin);
        double kmin = 2 * Math.PI / outer, kmax = 2 * Math.PI / lambdaMin, ratio = kmax / kmin;
        double[] k = new double[modes], a2 = new double[modes], phase = new double[modes];
        double[][] kv = new double[3][modes], av = new double[3][modes];
        double sum = 0;
        for (int n = 0; n < modes; n++) {
            k[n] = kmin * StrictMath.pow(ratio, (double) n / (modes - 1));
            a2[n] = StrictMath.pow(k[n], 1 - q);
            sum += a2[n];
        }
        for (int n = 0; n < modes; n++) {
            double cosT = 2 * uniform(seed, n, 0) - 1, sinT = StrictMath.sqrt(1 - cosT * cosT);
            double phi = 2 * Math.PI * uniform(seed, n, 1), alpha = 2 * Math.PI * uniform(seed, n, 2);
            double cp = StrictMath.cos(phi), sp = StrictMath.sin(phi);
            // k̂ and two unit vectors across it: e1 = ∂k̂/∂θ, e2 = ∂k̂/∂φ / sin θ
            double[] dir = {sinT * cp, sinT * sp, cosT}, e1 = {cosT * cp, cosT * sp, -sinT}, e2 = {-sp, cp, 0};
            double ca = StrictMath.cos(alpha), sa = StrictMath.sin(alpha), amp = StrictMath.sqrt(2 * eta * a2[n] / sum);
            for (int c = 0; c < 3; c++) {
                kv[c][n] = k[n] * dir[c];
                av[c][n] = amp * (ca * e1[c] + sa * e2[c]);
            }
            phase[n] = 2 * Math.PI * uniform(seed, n, 3);
        }
        return new IsotropicField(eta, q, seed, k, kv, av, phase);
    }

    /** A uniform number in (0, 1) for mode n, the which-th of its draws. */
    static double uniform(long seed, int n, int which) {
        long key = seed ^ 0x3C6EF372FE94F82BL ^ ((long) n << 16) ^ which;
        long h = SlabField.mix(SlabField.mix(key * 2 + 1));
        return ((h >>> 11) + 0.5) * 0x1.0p-53;
    }

    /** δB at (x, y, z): out[0..2] = (δB_x, δB_y, δB_z). */
    public void field(double x, double y, double z, double[] out) {
        sum(all, x, y, z, out);
    }

    /**
     * The modes' sum at (x, y, z), modes as {@link #modeArrays()} gives them: the one order every
     * path of the field keeps (the SIMD step writes the same lane-wise).
     */
    public static void sum(double[][] modes, double x, double y, double z, double[] out) {
        double[] kx = modes[0], ky = modes[1], kz = modes[2], ax = modes[3], ay = modes[4], az = modes[5], ph = modes[6];
        double bx = 0, by = 0, bz = 0;
        for (int n = 0; n < kx.length; n++) {
            double c = PortableCos.cos(kx[n] * x + ky[n] * y + kz[n] * z + ph[n]);
            bx += ax[n] * c;
            by += ay[n] * c;
            bz += az[n] * c;
        }
        out[0] = bx;
        out[1] = by;
        out[2] = bz;
    }

    /** ∇·δB at (x, y, z), summed mode by mode: zero up to round-off, since every term is transverse. */
    public double divergence(double x, double y, double z) {
        double d = 0;
        for (int n = 0; n < modes; n++) {
            double s = Math.sin(kx[n] * x + ky[n] * y + kz[n] * z + phase[n]);
            d -= (ax[n] * kx[n] + ay[n] * ky[n] + az[n] * kz[n]) * s;
        }
        return d;
    }

    /**
     * The realisation's own ⟨δB_i δB_j⟩ over all space: Σ_n A_n² ξ̂_ni ξ̂_nj (each mode's cos² averages
     * to 1/2, two different modes' product to 0). Its mean over realisations is η/3 δ_ij.
     */
    public double[][] spaceAverage() {
        double[][] m = new double[3][3];
        for (int n = 0; n < modes; n++) {
            double[] a = {ax[n], ay[n], az[n]};
            for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) m[i][j] += a[i] * a[j] / 2;
        }
        return m;
    }

    @Override
    public void fieldAt(double x, double y, double z, double[] out) {
        field(x, y, z, out);
    }

    /**
     * The field averaged over the ball of diameter length about the observer, exactly: a mode's
     * cos(k·r + β) averages over a ball of radius R to cos β · 3 (sin x − x cos x)/x³, x = k R.
     */
    @Override
    public double[] meanField(double length) {
        double r = length / 2, mx = 0, my = 0, mz = 0;
        for (int n = 0; n < modes; n++) {
            double w = Math.cos(phase[n]) * ballAverage(k[n] * r);
            mx += ax[n] * w;
            my += ay[n] * w;
            mz += az[n] * w;
        }
        return new double[] {mx, my, mz};
    }

    /** 3 (sin x − x cos x)/x³: a plane wave's mean over a ball of radius x/k (its series below x = 1e-2). */
    static double ballAverage(double x) {
        if (x < 1e-2) return 1 - x * x / 10 + x * x * x * x / 280;
        return 3 * (Math.sin(x) - x * Math.cos(x)) / (x * x * x);
    }

    /**
     * The expected ⟨δB_i²⟩ (B_rms², one component) of {@link #meanField}(length) over realisations:
     * Σ A_n² W(k_n length/2)² / 3 over the same modes and normalisation as {@link #generate}.
     */
    public static double meanFieldComponentVariance(double rho, double eta, double lambdaMin, double length, double q, int modes) {
        double kmin = 2 * Math.PI * rho / 5, kmax = 2 * Math.PI / lambdaMin, ratio = kmax / kmin, sum = 0, avg = 0;
        for (int n = 0; n < modes; n++) {
            double k = kmin * StrictMath.pow(ratio, (double) n / (modes - 1)), a2 = StrictMath.pow(k, 1 - q), w = ballAverage(k * length / 2);
            sum += a2;
            avg += a2 * w * w;
        }
        return eta * avg / sum / 3;
    }

    /**
     * ⟨cos² α⟩ over realisations, α the angle between B0 and the local mean field B0 ẑ + ⟨δB⟩ over the
     * ball of diameter length: ⟨δB⟩'s three components are independent Gaussians of variance σ²
     * ({@link #meanFieldComponentVariance}), so for a given a = (B0 + δB_z)² the part across B0, s,
     * is exponential with mean 2σ² and ⟨a/(a + s)⟩ = x e^x E_1(x) with x = a/2σ²; that is averaged over
     * δB_z (the trapezoid rule over ±10σ, exact to round-off for this smooth integrand).
     */
    public static double expectedMeanCosSq(double rho, double eta, double lambdaMin, double length, double q, int modes) {
        return overLocalField(rho, eta, lambdaMin, length, q, modes, false);
    }

    /**
     * 1/⟨cos α⟩² of the same local mean field: ⟨cos α⟩ given δB_z is sign(B0 + δB_z) √π x e^(x²) erfc(x)
     * with x² = a/2σ² ({@link SlabField#expectedInvMeanCosSq}'s, per δB_z), averaged over δB_z alike.
     */
    public static double expectedInvMeanCosSq(double rho, double eta, double lambdaMin, double length, double q, int modes) {
        double m = overLocalField(rho, eta, lambdaMin, length, q, modes, true);
        return 1 / (m * m);
    }

    /** ⟨cos² α⟩ or ⟨cos α⟩ over the local mean field's Gaussian components (the trapezoid rule in δB_z). */
    private static double overLocalField(double rho, double eta, double lambdaMin, double length, double q, int modes, boolean cosine) {
        double s2 = meanFieldComponentVariance(rho, eta, lambdaMin, length, q, modes), s = Math.sqrt(s2), b0 = Math.sqrt(1 - eta);
        int n = 4000;
        double sum = 0, norm = 0;
        for (int i = 0; i <= n; i++) {
            double z = -10 * s + 20 * s * i / n, w = Math.exp(-z * z / (2 * s2)), a = (b0 + z) * (b0 + z);
            double v = a == 0 ? 0 : cosine ? Math.signum(b0 + z) * SlabField.meanInvSqrtOnePlusExp(2 * s2 / a) : SlabField.meanInvOnePlusExp(2 * s2 / a);
            sum += w * v;
            norm += w;
        }
        return sum / norm;
    }

    @Override
    public org.anisoscope.physics.Geometry geometry() { return org.anisoscope.physics.Geometry.ISOTROPIC; }
    public int modes() { return modes; }
    @Override
    public double eta() { return eta; }
    @Override
    public double spectralIndex() { return q; }
    @Override
    public long seed() { return seed; }

    @Override
    public double b0() { return Math.sqrt(1 - eta); }

    /**
     * The modes as the engines read them, in mode order: {k_x, k_y, k_z, a_x, a_y, a_z, β} per mode
     * (wave vector, amplitude vector √2 A_n ξ̂_n, phase), copies.
     */
    public double[][] modeArrays() {
        double[][] copy = new double[all.length][];
        for (int i = 0; i < all.length; i++) copy[i] = all[i].clone();
        return copy;
    }

    /** Mode n's wave number k_n (1/r_g). */
    public double wavenumber(int n) { return k[n]; }

    /** Mode n's wave vector k_n k̂_n (1/r_g). */
    public double[] waveVector(int n) { return new double[] {kx[n], ky[n], kz[n]}; }

    /** Mode n's amplitude vector √2 A_n ξ̂_n (B_rms). */
    public double[] amplitude(int n) { return new double[] {ax[n], ay[n], az[n]}; }
}
