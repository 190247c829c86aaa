package org.anisoscope.turbulence;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * One realisation of magnetostatic slab turbulence, dB = (dBx(z), dBy(z), 0), on nested periodic
 * grids, in units of B_rms with lengths in r_g.
 *
 * <p>Spectrum: dBx and dBy are independent Gaussian fields with 1D spectrum ∝ |k|^(-q) (q = 5/3,
 * Kolmogorov's, unless given) for
 * kmin = 2 pi / L_max ≤ |k| ≤ kmax = 2 pi / lambda_min, normalised so that the expected
 * <dBx^2 + dBy^2> = eta (in B_rms^2).
 *
 * <p>Nesting (the paper's Sec. 2.1.2): the k range is cut into bands [kmin R^j, kmin R^(j+1)) with a
 * fixed ratio R = 1024. Grid j holds band j only: its period is 8 times the band's longest
 * wavelength, it has N = 2^17 points, i.e. 16 points per shortest wavelength (≥ 10 required).
 * Its modes are k_n = n kmin R^j / 8 for n = 8 .. 8R-1 (the last band stops at kmax). Because the
 * bands depend on kmin and R only, refining lambda_min adds modes but never moves existing
 * ones, and every mode's random coefficients come from a counter-based generator keyed by
 * (seed, band, n, component): the same seed gives the same large scales at any lambda_min and the
 * same field on every machine and thread count. The overall amplitude is normalised to eta over
 * the discrete modes present, so it shifts by O((kmin/kmax)^(2/3)) when kmax changes.
 *
 * <p>Memory: 2 N doubles per grid (2 MiB); the paper's 10 TV case (three bands) needs 6 MiB where a
 * single grid would need ~7e8 points.
 */
public final class SlabField implements Turbulence {
    public static final int BAND_RATIO = 1024;
    public static final int LOG2_POINTS = 17;
    public static final int POINTS = 1 << LOG2_POINTS;
    /** Band period in units of the band's longest wavelength. */
    public static final int PERIOD_WAVELENGTHS = 8;

    private final double b0;
    private final double eta, q;
    private final long seed;
    private final double kmin, kmax;
    private final int ngrids;
    private final double[] spacing;   // grid spacing h_j in r_g
    private final double[] invSpacing;
    /** Field samples per grid, interleaved (dBx, dBy) per point: grids[j][2 i], grids[j][2 i + 1]. */
    private final double[][] grids;
    /** The grids with point 0 repeated after the last, made on first use (the SIMD engine's). */
    private final double[][] wrapped;

    private SlabField(double b0, double eta, double q, long seed, double kmin, double kmax, double[] spacing, double[][] grids) {
        this.b0 = b0;
        this.eta = eta;
        this.q = q;
        this.seed = seed;
        this.kmin = kmin;
        this.kmax = kmax;
        this.ngrids = grids.length;
        this.spacing = spacing;
        this.grids = grids;
        this.wrapped = new double[grids.length][];
        this.invSpacing = new double[ngrids];
        for (int j = 0; j < ngrids; j++) invSpacing[j] = 1.0 / spacing[j];
    }

    /**
     * Builds the realisation for normalised rigidity rho (L_max = 5 r_g / rho), turbulence level eta,
     * smallest wavelength lambdaMin (in r_g) and seed.
     */
    public static SlabField generate(double rho, double eta, double lambdaMin, long seed) {
        return generate(rho, eta, lambdaMin, seed, org.anisoscope.physics.Qlt.KOLMOGOROV);
    }

    /**
     * The same for the 1D spectrum ∝ |k|^(-q): the modes, their random coefficients and the
     * normalisation to eta are as for 5/3, only each mode's amplitude follows k^(-q/2) (at q = 5/3
     * the field of {@link #generate(double, double, double, long)}, bit for bit).
     */
    public static SlabField generate(double rho, double eta, double lambdaMin, long seed, double q) {
        if (!(eta > 0 && eta < 1)) throw new IllegalArgumentException("eta must be in (0, 1); got " + eta);
        String badQ = org.anisoscope.physics.Qlt.spectralIndexProblem(q);
        if (badQ != null) throw new IllegalArgumentException(badQ);
        double outerScale = 5.0 / rho; // L_max in r_g
        if (!(lambdaMin > 0 && lambdaMin < outerScale)) {
            throw new IllegalArgumentException("lambda_min must be below the outer scale");
        }
        double kmin = 2 * Math.PI / outerScale, kmax = 2 * Math.PI / lambdaMin;
        int nb = grids(rho, lambdaMin);
        // normalisation: sum over all modes present of k^(-q) dk
        double sum = 0;
        for (int j = 0; j < nb; j++) {
            double klo = kmin * Math.pow(BAND_RATIO, j), dk = klo / 8.0;
            for (int n = 8; n < 8 * BAND_RATIO; n++) {
                double k = n * dk;
                if (k > kmax * (1 + 1e-12)) break;
                sum += Math.pow(k, -q) * dk;
            }
        }
        double norm = eta / 2.0 / sum; // A_n^2 = norm k^(-q) dk gives <dBx^2> = eta/2
        double[] spacing = new double[nb];
        double[][] grids = new double[nb][];
        DoubleFFT_1D fft = new DoubleFFT_1D(POINTS);
        for (int j = 0; j < nb; j++) {
            double klo = kmin * Math.pow(BAND_RATIO, j), dk = klo / 8.0;
            double period = PERIOD_WAVELENGTHS * 2 * Math.PI / klo;
            spacing[j] = period / POINTS;
            double[] g = new double[2 * POINTS];
            double[] spec = new double[POINTS];
            for (int comp = 0; comp < 2; comp++) {
                java.util.Arrays.fill(spec, 0.0);
                for (int n = 8; n < 8 * BAND_RATIO; n++) {
                    double k = n * dk;
                    if (k > kmax * (1 + 1e-12)) break;
                    double amp = Math.sqrt(norm * Math.pow(k, -q) * dk);
                    double a = gaussian(seed, j, n, comp, 0), b = gaussian(seed, j, n, comp, 1);
                    // x_i = sum_n amp (a cos(2 pi n i/N) + b sin(2 pi n i/N)) = sum_k X_k e^{+2 pi i k i/N}
                    // with X_n = amp (a - i b)/2 and its Hermitian partner
                    spec[2 * n] = 0.5 * amp * a;
                    spec[2 * n + 1] = -0.5 * amp * b;
                }
                fft.realInverse(spec, true); // scaled: (1/N) sum over the Hermitian spectrum
                for (int i = 0; i < POINTS; i++) g[2 * i + comp] = POINTS * spec[i];
            }
            grids[j] = g;
        }
        return new SlabField(Math.sqrt(1 - eta), eta, q, seed, kmin, kmax, spacing, grids);
    }

    /**
     * The expected |⟨δB⟩|² (B_rms², both components) of {@link #meanField}(length) over the
     * realisations of this generator: each mode a cos kz + b sin kz averages over |z| ≤ length/2 to
     * a sinc(k length/2), so the variance is Σ A_n² sinc²(k_n length/2) over the same discrete modes
     * and normalisation as {@link #generate} (exact for them; η at length → 0).
     */
    public static double meanFieldVariance(double rho, double eta, double lambdaMin, double length) {
        return meanFieldVariance(rho, eta, lambdaMin, length, org.anisoscope.physics.Qlt.KOLMOGOROV);
    }

    /** {@link #meanFieldVariance(double, double, double, double)} for the spectrum ∝ |k|^(-q). */
    public static double meanFieldVariance(double rho, double eta, double lambdaMin, double length, double q) {
        if (!(eta > 0 && eta < 1)) throw new IllegalArgumentException("eta must be in (0, 1); got " + eta);
        double kmin = 2 * Math.PI * rho / 5, kmax = 2 * Math.PI / lambdaMin;
        int nb = grids(rho, lambdaMin);
        double sum = 0, avg = 0;
        for (int j = 0; j < nb; j++) {
            double klo = kmin * Math.pow(BAND_RATIO, j), dk = klo / 8.0;
            for (int n = 8; n < 8 * BAND_RATIO; n++) {
                double k = n * dk;
                if (k > kmax * (1 + 1e-12)) break;
                double w = Math.pow(k, -q) * dk, x = k * length / 2;
                double sinc = x < 1e-8 ? 1 : Math.sin(x) / x;
                sum += w;
                avg += w * sinc * sinc;
            }
        }
        return eta * avg / sum;
    }

    /**
     * The ensemble's 1/⟨cos α⟩², α the angle between B0 and the local mean field B0 ẑ + ⟨δB⟩ over
     * |z| ≤ length/2 (Sec. 3.3). In slab turbulence ⟨δB⟩ ⟂ B0 and its two components are
     * independent Gaussians, so Y = |⟨δB⟩|²/B0² is exponential with mean m = {@link
     * #meanFieldVariance}/(1 − η), and ⟨cos α⟩ = ⟨(1 + Y)^(−1/2)⟩ = ∫ e^(−u) (1 + m u)^(−1/2) du
     * (= √(π/m) e^(1/m) erfc(1/√m)). Averaging only lowers |⟨δB⟩|, so at η = 0.5 this is at most
     * 1/(√π e erfc 1)² = 1.741, whatever the averaging length.
     */
    public static double expectedInvMeanCosSq(double rho, double eta, double lambdaMin, double length) {
        return expectedInvMeanCosSq(rho, eta, lambdaMin, length, org.anisoscope.physics.Qlt.KOLMOGOROV);
    }

    /** The same for the spectrum ∝ |k|^(-q). */
    public static double expectedInvMeanCosSq(double rho, double eta, double lambdaMin, double length, double q) {
        double m = meanFieldVariance(rho, eta, lambdaMin, length, q) / (1 - eta);
        return 1 / Math.pow(meanInvSqrtOnePlusExp(m), 2);
    }

    /**
     * ⟨cos² α⟩ of the same local mean field: ⟨1/(1 + Y)⟩ = x e^x E_1(x) with x = 1/m. If each
     * realisation's dipole lay along its local field (Sec. 3.3), this would be ⟨cos²⟩ of the
     * dipoles' angle to B0: what folding a B0-aligned dipole through an observatory's cut needs
     * ({@link org.anisoscope.sky.MaskCoupling#dipolePseudo(double, double)}). 0.62 at η = 0.5.
     */
    public static double expectedMeanCosSq(double rho, double eta, double lambdaMin, double length) {
        return expectedMeanCosSq(rho, eta, lambdaMin, length, org.anisoscope.physics.Qlt.KOLMOGOROV);
    }

    /** The same for the spectrum ∝ |k|^(-q). */
    public static double expectedMeanCosSq(double rho, double eta, double lambdaMin, double length, double q) {
        double m = meanFieldVariance(rho, eta, lambdaMin, length, q) / (1 - eta);
        return meanInvOnePlusExp(m);
    }

    /** ⟨1/(1 + Y)⟩ for Y exponential with mean m: x e^x E_1(x), x = 1/m (series below x = 1, continued fraction above). */
    static double meanInvOnePlusExp(double m) {
        double x = 1 / m;
        if (x < 1) {
            // E_1(x) = −γ − ln x − Σ_{k≥1} (−x)^k / (k k!)
            double sum = 0, term = 1;
            for (int k = 1; k < 60; k++) {
                term *= -x / k;
                sum += term / k;
            }
            return x * Math.exp(x) * (-0.57721566490153286061 - Math.log(x) - sum);
        }
        // e^x E_1(x) = 1/(x + 1/(1 + 1/(x + 2/(1 + 2/(x + ...))))) by Lentz's method
        double tiny = 1e-300, f = x, c = x, d = 0;
        for (int i = 1; i < 500; i++) {
            double a = (i + 1) / 2; // 1, 1, 2, 2, 3, 3, ...
            double b = (i & 1) == 1 ? 1 : x;
            d = b + a * d;
            d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
            c = b + a / c;
            if (Math.abs(c) < tiny) c = tiny;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-15) break;
        }
        return x / f;
    }

    /** ⟨(1 + Y)^(−1/2)⟩ for Y exponential with mean m: √π x e^(x²) erfc(x) with x = 1/√m. */
    static double meanInvSqrtOnePlusExp(double m) {
        double x = 1 / Math.sqrt(m);
        if (x < 20) return Math.sqrt(Math.PI) * x * Math.exp(x * x) * org.apache.commons.math3.special.Erf.erfc(x);
        // e^(x²) erfc(x) overflows its factors here: its asymptotic series, to 1e-12 at x ≥ 20
        double y = 1 / (2 * x * x);
        return 1 - y + 3 * y * y - 15 * y * y * y + 105 * y * y * y * y;
    }

    /** How many nested grids (bands of BAND_RATIO in k, POINTS points each) the field for rho and lambdaMin (in r_g) needs. */
    public static int grids(double rho, double lambdaMin) {
        double ratio = 5.0 / rho / lambdaMin; // k_max / k_min = L_max / lambda_min
        return Math.max(1, (int) Math.ceil(Math.log(ratio) / Math.log(BAND_RATIO) - 1e-12));
    }

    /** Standard normal deviate for (seed, band, mode, component, which) by SplitMix64 + Box-Muller. */
    static double gaussian(long seed, int band, int n, int comp, int which) {
        long key = seed ^ ((long) band << 48) ^ ((long) n << 8) ^ ((long) comp << 4);
        long h1 = mix(key * 2 + 1), h2 = mix(h1 ^ 0x632BE59BD9B4E019L);
        double u1 = ((h1 >>> 11) + 0.5) * 0x1.0p-53; // in (0, 1)
        double u2 = (h2 >>> 11) * 0x1.0p-53;
        double r = Math.sqrt(-2 * Math.log(u1));
        return which == 0 ? r * Math.cos(2 * Math.PI * u2) : r * Math.sin(2 * Math.PI * u2);
    }

    static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Turbulent field at z (linear interpolation on every grid, summed): out[0] = dBx, out[1] = dBy.
     * No allocation; this is the hot path of the CPU engine (and mirrored in kernels/backtrack.cu).
     */
    public void field(double z, double[] out) {
        double bx = 0, by = 0;
        for (int j = 0; j < ngrids; j++) {
            double u = z * invSpacing[j];
            double fl = Math.floor(u);
            double f = u - fl;
            int i0 = (int) ((long) fl & (POINTS - 1));
            int i1 = (i0 + 1) & (POINTS - 1);
            double[] g = grids[j];
            bx += g[2 * i0] + f * (g[2 * i1] - g[2 * i0]);
            by += g[2 * i0 + 1] + f * (g[2 * i1 + 1] - g[2 * i0 + 1]);
        }
        out[0] = bx;
        out[1] = by;
    }

    @Override
    public void fieldAt(double x, double y, double z, double[] out) {
        field(z, out);
        out[2] = 0;
    }

    @Override
    public org.anisoscope.physics.Geometry geometry() { return org.anisoscope.physics.Geometry.SLAB; }
    @Override
    public double b0() { return b0; }
    @Override
    public double eta() { return eta; }
    @Override
    public double spectralIndex() { return q; }
    @Override
    public long seed() { return seed; }
    public double kmin() { return kmin; }
    public double kmax() { return kmax; }
    public int ngrids() { return ngrids; }
    public double spacing(int j) { return spacing[j]; }
    public double invSpacing(int j) { return invSpacing[j]; }
    /** The grid samples of grid j (interleaved dBx, dBy); a view, do not modify. */
    public double[] grid(int j) { return grids[j]; }
    /**
     * Grid j with point 0 repeated after the last (2 POINTS + 2 values), so that the successor of point
     * i is always at 2 i + 2: the SIMD engine gathers both corners of a cell through one index. Made on
     * first use and kept; a view, do not modify.
     */
    public synchronized double[] wrappedGrid(int j) {
        if (wrapped[j] == null) {
            double[] w = java.util.Arrays.copyOf(grids[j], 2 * POINTS + 2);
            w[2 * POINTS] = grids[j][0];
            w[2 * POINTS + 1] = grids[j][1];
            wrapped[j] = w;
        }
        return wrapped[j];
    }

    /** Bytes held by the grids. */
    public long bytes() { return bytes(ngrids); }

    /** Memory of a field on this many nested grids (two components per point). */
    public static long bytes(int grids) { return (long) grids * 2 * POINTS * Double.BYTES; }

    /**
     * Mean turbulent field over |z| ≤ length/2 around the observer (exact integral of the
     * piecewise-linear field, by fine trapezoid sampling of each grid's spacing); δB_z is 0.
     */
    @Override
    public double[] meanField(double length) {
        double finest = spacing[ngrids - 1];
        int n = (int) Math.min(2_000_000, Math.max(1000, Math.ceil(length / finest) * 2));
        double[] b = new double[2];
        double sx = 0, sy = 0;
        for (int i = 0; i <= n; i++) {
            double z = -length / 2 + length * i / n;
            field(z, b);
            double w = (i == 0 || i == n) ? 0.5 : 1.0;
            sx += w * b[0];
            sy += w * b[1];
        }
        return new double[] {sx / n, sy / n, 0};
    }
}
