package org.anisoscope.physics;

import java.util.Arrays;

/**
 * Everything a user sets for a backtracking simulation, validated in one place, and the
 * quantities derived from it. Internal units: c = 1, lengths in r_g (gyroradius in the total RMS
 * field B_rms), times in 1/Omega_rms = r_g/c, fields in B_rms. The regular field B0 is along z.
 *
 * @param rho           normalised rigidity r_g / L_c
 * @param eta           turbulence level <dB^2> / (B0^2 + <dB^2>), in (0, 1)
 * @param brmsMicroGauss total RMS field in microgauss (only converts to physical units)
 * @param outerScalePc  outer scale L_max in parsec; L_c = L_max / 5
 * @param nside         HEALPix resolution of the arrival directions
 * @param realisations  number of field realisations
 * @param seed          base seed; realisation r uses {@link #realisationSeed(int)}
 * @param lambdaMinRg   r_g over the smallest turbulent wavelength, a reciprocal: lambda_min = r_g / lambdaMinRg ({@link #lambdaMin()} is lambda_min itself)
 * @param dt            time step Omega_rms dt
 * @param times         snapshot (backtracking) times Omega_rms T, increasing
 * @param gradientAngleDeg angle between the cosmic-ray gradient g and B0 (g in the x-z plane; 0: along B0, the
 *                      paper's case; the ensemble is axisymmetric about B0, so the azimuth does not matter)
 * @param lmax          highest multipole of the maps' spectra, 1 to 3 nside - 1 (anafast's default, the
 *                      constructors without it). The transforms cost ∝ nside lmax², and at the paper's
 *                      Nside 256-512 they, not the particles, are most of a GPU run. Below lmax the
 *                      spectra are the full ones to 0.3 % of C_l + N_l (the power above lmax that anafast's
 *                      iterations no longer take out of the quadrature; EnsembleTest).
 * @param spectralIndex q of the turbulence's 1D spectrum ∝ |k|^(-q): Kolmogorov's 5/3 (the paper's, and the
 *                      constructors without it) or another in {@link Qlt#Q_MIN}..{@link Qlt#Q_MAX}
 * @param geometry      slab (the paper's, and the constructors without it) or isotropic turbulence
 * @param modes         the isotropic field's number of plane waves, {@link #MODES_MIN}..{@link #MODES_MAX}; 0 for slab
 */
public record SimulationParameters(double rho, double eta, double brmsMicroGauss, double outerScalePc, int nside,
                                   int realisations, long seed, double lambdaMinRg, double dt, double[] times, double gradientAngleDeg,
                                   int lmax, double spectralIndex, Geometry geometry, int modes) {

    /** Slab turbulence, the paper's. */
    public SimulationParameters(double rho, double eta, double brmsMicroGauss, double outerScalePc, int nside, int realisations, long seed,
                                double lambdaMinRg, double dt, double[] times, double gradientAngleDeg, int lmax, double spectralIndex) {
        this(rho, eta, brmsMicroGauss, outerScalePc, nside, realisations, seed, lambdaMinRg, dt, times, gradientAngleDeg, lmax,
                spectralIndex, Geometry.SLAB, 0);
    }

    /** The isotropic field's plane waves: at most this many (a step costs ∝ modes), at least this few. */
    public static final int MODES_MIN = 2, MODES_MAX = 100_000;

    /** The same run in other turbulence: geometry and, for isotropic, its number of modes (0 for slab). */
    public SimulationParameters withTurbulence(Geometry g, int m) {
        return new SimulationParameters(rho, eta, brmsMicroGauss, outerScalePc, nside, realisations, seed, lambdaMinRg, dt, times,
                gradientAngleDeg, lmax, spectralIndex, g, m);
    }

    /** Kolmogorov's spectrum, the paper's. */
    public SimulationParameters(double rho, double eta, double brmsMicroGauss, double outerScalePc, int nside, int realisations, long seed,
                                double lambdaMinRg, double dt, double[] times, double gradientAngleDeg, int lmax) {
        this(rho, eta, brmsMicroGauss, outerScalePc, nside, realisations, seed, lambdaMinRg, dt, times, gradientAngleDeg, lmax,
                Qlt.KOLMOGOROV);
    }

    /** The spectra to anafast's default lmax, 3 nside - 1. */
    public SimulationParameters(double rho, double eta, double brmsMicroGauss, double outerScalePc, int nside, int realisations, long seed,
                                double lambdaMinRg, double dt, double[] times, double gradientAngleDeg) {
        this(rho, eta, brmsMicroGauss, outerScalePc, nside, realisations, seed, lambdaMinRg, dt, times, gradientAngleDeg,
                defaultLmax(nside));
    }

    /** The same run with n realisations (a shard's run, extended or merged: realisation r does not depend on n). */
    public SimulationParameters withRealisations(int n) {
        return new SimulationParameters(rho, eta, brmsMicroGauss, outerScalePc, nside, n, seed, lambdaMinRg, dt, times, gradientAngleDeg, lmax,
                spectralIndex, geometry, modes);
    }

    /** The paper's case: the gradient along B0. */
    public SimulationParameters(double rho, double eta, double brmsMicroGauss, double outerScalePc, int nside, int realisations, long seed,
                                double lambdaMinRg, double dt, double[] times) {
        this(rho, eta, brmsMicroGauss, outerScalePc, nside, realisations, seed, lambdaMinRg, dt, times, 0);
    }

    /**
     * The rigidities the app computes, as rho = r_g/L_c: below 1e-6 the field's grids (λ_min = r_g/150
     * up to L_max = 5 L_c) would not fit in memory, and τ_s in gyro-times grows as rho falls, so a run
     * to a few τ_s would take years; above 100 the gyroradius dwarfs the turbulence.
     */
    public static final double RHO_MIN = 1e-6, RHO_MAX = 100;

    /** Why rho is outside [RHO_MIN, RHO_MAX] in words naming how it was given, or null when it is inside. */
    public static String rhoOutOfRange(double rho, String given) {
        if (rho >= RHO_MIN && rho <= RHO_MAX) return null;
        return String.format(java.util.Locale.ROOT, "%s gives rho = r_g/L_c = %.3g, outside %s to %s: %s", given, rho, RHO_MIN, RHO_MAX,
                rho < RHO_MIN ? "the field's grids would not fit in memory and a run to a few tau_s would take years; raise the rigidity"
                        : "the gyroradius would dwarf the turbulence; lower the rigidity, or check B_rms and L_max");
    }

    /** Largest step: the Boris rotation per step is then 2 atan(0.25) = 28 degrees of gyration. */
    public static final double DT_MAX = 0.5;

    public SimulationParameters {
        check(rho > 0 && rho <= 100 && Double.isFinite(rho), "rho (r_g/L_c) must be in (0, 100]; got " + rho);
        check(eta > 0 && eta < 1, "eta must be strictly between 0 and 1; got " + eta);
        check(brmsMicroGauss > 0 && Double.isFinite(brmsMicroGauss), "B_rms must be positive; got " + brmsMicroGauss + " uG");
        check(outerScalePc > 0 && Double.isFinite(outerScalePc), "outer scale must be positive; got " + outerScalePc + " pc");
        check(nside >= 1 && nside <= 1024 && Integer.bitCount(nside) == 1,
                "nside must be a power of two from 1 to 1024; got " + nside);
        check(realisations >= 1 && realisations <= 10000, "realisations must be between 1 and 10000; got " + realisations);
        check(lambdaMinRg >= 1 && lambdaMinRg <= 1e4, "lambda-min-rg must be between 1 and 10000 (lambda_min = r_g / value); got " + lambdaMinRg);
        check(dt > 0 && dt <= DT_MAX, "dt (Omega_rms dt) must be in (0, " + DT_MAX + "] to resolve the gyration; got " + dt);
        check(lmax >= 1 && lmax <= defaultLmax(nside),
                "lmax must be from 1 to 3 nside - 1 = " + defaultLmax(nside) + " at nside " + nside + "; got " + lmax);
        check(gradientAngleDeg >= 0 && gradientAngleDeg <= 180, "the gradient's angle to B0 must be 0 to 180 degrees; got " + gradientAngleDeg);
        String badQ = Qlt.spectralIndexProblem(spectralIndex);
        check(badQ == null, badQ);
        check(geometry != null, "the turbulence's geometry must be slab or isotropic");
        if (geometry == Geometry.SLAB) check(modes == 0, "--modes is the isotropic field's number of plane waves; slab turbulence takes none (got " + modes + ")");
        else {
            check(modes >= MODES_MIN && modes <= MODES_MAX, "--modes must be from " + MODES_MIN + " to " + MODES_MAX + "; got " + modes);
            check(gradientAngleDeg == 0, "a gradient at " + gradientAngleDeg + " degrees to B0 needs the perpendicular diffusion K_perp in the "
                    + "Liouville map, which the app measures in slab turbulence only; give --gradient-angle 0 with isotropic turbulence");
        }
        check(times != null && times.length >= 1, "at least one backtracking time is needed");
        times = times.clone();
        for (int i = 0; i < times.length; i++) {
            check(times[i] > 0 && Double.isFinite(times[i]), "backtracking times must be positive; got " + times[i]);
            check(i == 0 || times[i] > times[i - 1], "backtracking times must increase");
        }
        check(times[times.length - 1] / dt <= 1e9, "t-max / dt is more than 1e9 steps per particle; raise dt or lower t-max");
        // The engines stop on whole steps, so each time is moved onto its step: K_zz(T) = <z^2>/2T and the
        // noise 2 T K then use the time the particles really travelled (before, a snapshot asked for at
        // T = 0.17 with dt = 0.05 was taken at 0.15 and reported as 0.17: the ballistic K_zz(T) 12 % low).
        double[] asked = times.clone();
        for (int i = 0; i < times.length; i++) {
            times[i] = onStep(asked[i], dt);
            if (i > 0 && !(times[i] > times[i - 1])) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "the snapshot times %.4g and %.4g fall on the same step of dt = %.3g; use fewer snapshots or a smaller dt",
                        asked[i - 1], asked[i], dt));
            }
        }
    }

    /** anafast's default lmax: 3 nside - 1. */
    public static int defaultLmax(int nside) {
        return 3 * nside - 1;
    }

    /** The same run with its spectra to another lmax. */
    public SimulationParameters withLmax(int l) {
        return new SimulationParameters(rho, eta, brmsMicroGauss, outerScalePc, nside, realisations, seed, lambdaMinRg, dt, times,
                gradientAngleDeg, l, spectralIndex, geometry, modes);
    }

    /** t moved to the nearest whole number (at least 1) of steps dt; a time already on a step (to 1e-9) is kept as given. */
    public static double onStep(double t, double dt) {
        double n = Math.max(1, Math.rint(t / dt));
        return Math.abs(n * dt - t) <= 1e-9 * t ? t : n * dt;
    }

    private static void check(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }

    @Override
    public double[] times() {
        return times.clone();
    }

    // ---- derived ------------------------------------------------------------------------

    /** The gradient's unit vector: component along B0 (z), cos of its angle (exactly 0 at 90 degrees). */
    public double gradientZ() { return gradientAngleDeg == 90 ? 0 : Math.cos(Math.toRadians(gradientAngleDeg)); }
    /** The gradient's unit vector: component across B0 (x), sin of its angle. */
    public double gradientX() { return gradientAngleDeg == 180 ? 0 : Math.sin(Math.toRadians(gradientAngleDeg)); }

    /**
     * What the analytic prediction's absolute C_ℓ are multiplied by for this gradient: cos²θ. The
     * mixing matrix's source is Fick's dipole, whose part along B0 (K_zz g cos θ) is all it takes
     * (docs/physics.md fixes g ∥ B0 for the prediction; the drift part K_A g sin θ is under 4 % of K_zz g
     * here and left out); 0 for a gradient across B0, where the prediction has no source.
     */
    public double predictionFactor() { return gradientZ() * gradientZ(); }

    /**
     * The antisymmetric (drift) diffusion coefficient K_A = v r_g0/3 of a positive charge gyrating in
     * B0 in the weak-scattering limit (Ω0 τ_s ≫ 1), in r_g c: 1/(3 sqrt(1 − η)). The dipole of a
     * gradient across B0 is K_A g along g × B0 (tested in EnsembleTest).
     */
    public double driftCoefficient() { return 1 / (3 * Math.sqrt(1 - eta)); }

    /** Correlation length L_c = L_max / 5 in parsec. */
    public double lcPc() { return outerScalePc / 5.0; }
    /** Gyroradius r_g = rho L_c in parsec. */
    public double rgPc() { return rho * lcPc(); }
    /** Rigidity in volts: R = r_g c B_rms. */
    public double rigidityVolts() { return rgPc() * Units.PARSEC * Units.C * brmsMicroGauss * Units.MICROGAUSS; }
    /** Regular field B0 / B_rms = sqrt(1 - eta). */
    public double b0() { return Math.sqrt(1 - eta); }
    /** Omega_0 / Omega_rms = sqrt(1 - eta) (gyrofrequency in B0). */
    public double omega0OverOmegaRms() { return Math.sqrt(1 - eta); }
    /** Omega_rms in 1/s. */
    public double omegaRmsPerSecond() { return Units.C / (rgPc() * Units.PARSEC); }
    /** Years per unit of Omega_rms T. */
    public double yearsPerTimeUnit() { return 1.0 / omegaRmsPerSecond() / Units.YEAR; }
    /** L_c in units of r_g. */
    public double lcRg() { return 1.0 / rho; }
    /** L_max in units of r_g. */
    public double outerScaleRg() { return 5.0 / rho; }
    /** lambda_min in units of r_g. */
    public double lambdaMin() { return 1.0 / lambdaMinRg; }
    /** QLT scattering-time estimate in 1/Omega_rms: slab turbulence's, also for an isotropic run (never shown as its own). */
    public double tauSQlt() { return Qlt.tauS(rho, eta, spectralIndex); }

    /** QLT's K_zz for this spectrum, r_g c: slab turbulence's, also for an isotropic run (whose maps take their own). */
    public double kzzQlt() { return Qlt.kzz(rho, eta, spectralIndex); }

    /** Whether the turbulence is slab, the paper's: quasi-linear theory's τ_s and K_zz and the mixing matrix hold for it. */
    public boolean slab() { return geometry == Geometry.SLAB; }

    /** Whether the spectrum is Kolmogorov's, the paper's. */
    public boolean kolmogorov() { return spectralIndex == Qlt.KOLMOGOROV; }
    public int npix() { return 12 * nside * nside; }

    /** Memory a CPU run keeps (maps, spectra, particle state), for the refusal before a run starts. */
    public long estimatedBytes() {
        long np = npix(), ns = times.length, nl = lmax + 1L;
        return ns * np * 8 * 4                       // first realisation's A, B maps and a working copy
                + (long) realisations * ns * nl * 3 * 8 // spectra
                + 6 * np * 8 * (ns + 2)             // particle state and snapshots in flight
                + (64L << 20);                       // fields, SHT plans, slack
    }

    /** Seed of realisation r: a SplitMix64 mix of the base seed and r (independent streams). */
    public long realisationSeed(int r) {
        long z = seed + 0x9E3779B97F4A7C15L * (r + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** rho of a physical rigidity with the given B_rms (uG) and outer scale (pc). */
    public static double rhoOf(double rigidityVolts, double brmsMicroGauss, double outerScalePc) {
        double rgM = Units.gyroradius(rigidityVolts, brmsMicroGauss * Units.MICROGAUSS);
        return rgM / (outerScalePc / 5.0 * Units.PARSEC);
    }

    /**
     * n times from t0 to t1 (inclusive), log-spaced and on whole steps of dt, each at least one step
     * after the one before (early snapshots closer than a step are pushed forward).
     */
    public static double[] logTimes(double t0, double t1, int n, double dt) {
        if (!(dt > 0) || !Double.isFinite(dt)) throw new IllegalArgumentException("dt must be positive; got " + dt);
        double[] t = logTimes(t0, t1, n);
        long last = Math.max(1, Math.round(t1 / dt));
        if (n > last) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%d snapshots need at least %d steps but t-max = %.4g is %d steps of dt = %.3g; use fewer snapshots, a smaller dt or a later t-max",
                    n, n, t1, last, dt));
        }
        long prev = 0;
        for (int i = 0; i < n; i++) {
            long steps = Math.max(prev + 1, Math.max(1, Math.round(t[i] / dt)));
            steps = Math.min(steps, last - (n - 1 - i)); // leave room for the ones after
            t[i] = i == n - 1 ? onStep(t1, dt) : steps * dt;
            prev = steps;
        }
        return t;
    }

    /** n times log-spaced from t0 to t1 (inclusive). */
    public static double[] logTimes(double t0, double t1, int n) {
        if (n < 1) throw new IllegalArgumentException("snapshots must be at least 1; got " + n);
        if (!(t1 > 0)) throw new IllegalArgumentException("t-max must be positive; got " + t1);
        if (n == 1) return new double[] {t1};
        if (!(t1 > t0)) throw new IllegalArgumentException("t-max (" + t1 + ") must exceed the first snapshot time " + t0);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) t[i] = t0 * Math.pow(t1 / t0, i / (n - 1.0));
        t[n - 1] = t1;
        return t;
    }

    @Override
    public String toString() {
        return "SimulationParameters[rho=" + rho + ", eta=" + eta + ", nside=" + nside + ", realisations=" + realisations
                + ", seed=" + seed + ", dt=" + dt + ", times=" + Arrays.toString(times)
                + (gradientAngleDeg != 0 ? ", gradient at " + gradientAngleDeg + " deg to B0" : "")
                + (kolmogorov() ? "" : ", spectrum k^-" + spectralIndex) + (slab() ? "" : ", isotropic, " + modes + " modes") + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimulationParameters p && p.rho == rho && p.eta == eta && p.brmsMicroGauss == brmsMicroGauss
                && p.outerScalePc == outerScalePc && p.nside == nside && p.realisations == realisations && p.seed == seed
                && p.lambdaMinRg == lambdaMinRg && p.dt == dt && Arrays.equals(p.times, times) && p.gradientAngleDeg == gradientAngleDeg
                && p.lmax == lmax && p.spectralIndex == spectralIndex && p.geometry == geometry && p.modes == modes;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(rho) * 31 + Arrays.hashCode(times) + Long.hashCode(seed);
    }
}
