package org.anisoscope.physics;

/**
 * Quasi-linear theory for magnetostatic slab turbulence with the 1D spectrum P(k) ∝ |k|^(-5/3),
 * in the dimensionless units of the simulation (c = 1, lengths in r_g = R/(c B_rms), times in
 * 1/Omega_rms, fields in B_rms).
 *
 * <p>Derivation (kept here because the normalisations matter): with unperturbed helical orbits
 * z = v mu t, phase phi0 - Omega0 t, the pitch-angle rate correlates as
 * (Omega0/B0)^2 (1 - mu^2) R(v mu t) cos(Omega0 t), R the per-component field correlation.
 * Integrating over t gives D_mumu = pi (Omega0/B0)^2 (1 - mu^2) P(k_res) / (v |mu|), with
 * k_res = Omega0/(v |mu|) and P the two-sided per-component spectrum, normalised so that
 * 2 ∫_{kmin}^{kmax} P dk = <dBx^2> = eta/2. Here Omega0/B0 = 1. Then
 * K_zz = (v^2/8) ∫ (1 - mu^2)^2 / D_mumu dmu and tau_s = 3 K_zz / c^2.
 *
 * <p>The 90-degree gap: for |mu| < Omega0/(v kmax) the resonant wavenumber is above kmax, D_mumu
 * vanishes and K_zz diverges. This estimate closes the gap by extending the power law to
 * kmax → ∞ (the usual choice; it is what a fine enough grid approaches). Then
 * D_mumu = pi C (1-eta)^(-5/6) (1 - mu^2) |mu|^(2/3) and the integral is analytic:
 * K_zz = (18/7) (1-eta)^(5/6) / (4 pi C), with C = eta / (4 I), I = (3/2) kmin^(-2/3).
 *
 * <p>Other spectral indices q (P ∝ |k|^(-q)): the same steps give I = kmin^(1-q) / (q - 1),
 * D_mumu = pi C (1-eta)^(-q/2) (1 - mu^2) |mu|^(q-1) and
 * K_zz = (1/(2-q) - 1/(4-q)) (1-eta)^(q/2) / (4 pi C), finite for 1 < q < 2 (18/7 at q = 5/3). The
 * methods that take q compute Kolmogorov's 5/3 with the constants above, so their results at 5/3
 * are those of the methods without q, bit for bit.
 */
public final class Qlt {
    private Qlt() {}

    /** Kolmogorov's index, the paper's and the default: 5/3. */
    public static final double KOLMOGOROV = 5.0 / 3.0;

    /**
     * The spectral indices accepted. Both ends are where the closed-gap QLT above stops describing the
     * simulation's field: towards 2 the modes missing below the 90° gap carry more and more of K_zz
     * (the fraction from |mu| < mu_gap at lambda_min = r_g/150, eta = 0.5: 0.11 at 5/3, 0.26 at 1.8,
     * 0.51 at 1.9), and towards 1 the power above k_max that QLT counts but the grids lack grows
     * ((k_max/k_min)^(1-q) at 10 PV: 0.002 at 5/3, 0.07 at 1.3, 0.16 at 1.2).
     */
    public static final double Q_MIN = 1.3, Q_MAX = 1.8;

    /** Why q is not an accepted spectral index, in words, or null when it is. */
    public static String spectralIndexProblem(double q) {
        if (Double.isNaN(q)) return "the spectral index is not a number";
        if (q < Q_MIN || q > Q_MAX) return String.format(java.util.Locale.ROOT, "the spectral index %s is outside %s..%s (Kolmogorov 5/3, "
                + "Kraichnan 3/2; beyond the range the slab QLT this app compares with does not describe the field)", q, Q_MIN, Q_MAX);
        return null;
    }

    private static void check(double q) {
        String why = spectralIndexProblem(q);
        if (why != null) throw new IllegalArgumentException(why);
    }

    /** kmin = 2 pi / L_max in 1/r_g: L_max = 5 L_c = 5 r_g / rho. */
    public static double kmin(double rho) {
        return 2 * Math.PI * rho / 5.0;
    }

    /** QLT K_zz in units of r_g c (kmax → ∞, see the class comment). */
    public static double kzz(double rho, double eta) {
        double i = 1.5 * Math.pow(kmin(rho), -2.0 / 3.0);
        double c = eta / (4 * i);
        return (18.0 / 7.0) * Math.pow(1 - eta, 5.0 / 6.0) / (4 * Math.PI * c);
    }

    /** QLT K_zz for the 1D spectrum ∝ |k|^(-q), in units of r_g c (kmax → ∞). */
    public static double kzz(double rho, double eta, double q) {
        if (q == KOLMOGOROV) return kzz(rho, eta);
        check(q);
        return (1 / (2 - q) - 1 / (4 - q)) * Math.pow(1 - eta, q / 2) / (4 * Math.PI * amplitude(rho, eta, q));
    }

    /** C of the two-sided spectrum P(k) = C |k|^(-q) with 2 ∫_kmin^∞ P dk = eta / 2. */
    private static double amplitude(double rho, double eta, double q) {
        return eta * (q - 1) / (4 * Math.pow(kmin(rho), 1 - q));
    }

    /** QLT tau_s = 3 K_zz / c^2 for the spectrum ∝ |k|^(-q), in units of 1/Omega_rms. */
    public static double tauS(double rho, double eta, double q) {
        return 3 * kzz(rho, eta, q);
    }

    /** D_mumu(mu) for the spectrum ∝ |k|^(-q), in units of Omega_rms (the gap closed as above). */
    public static double dmumu(double mu, double rho, double eta, double q) {
        if (q == KOLMOGOROV) return dmumu(mu, rho, eta);
        check(q);
        return Math.PI * amplitude(rho, eta, q) * Math.pow(1 - eta, -q / 2) * (1 - mu * mu) * Math.pow(Math.abs(mu), q - 1);
    }

    /** {@link #gapFraction(double, double)} for the spectrum ∝ |k|^(-q). */
    public static double gapFraction(double eta, double lambdaMinRg, double q) {
        if (q == KOLMOGOROV) return gapFraction(eta, lambdaMinRg);
        check(q);
        double g = muGap(eta, lambdaMinRg);
        return (Math.pow(g, 2 - q) / (2 - q) - Math.pow(g, 4 - q) / (4 - q)) / (1 / (2 - q) - 1 / (4 - q));
    }

    /** QLT scattering time tau_s = 3 K_zz / c^2 in units of 1/Omega_rms. */
    public static double tauS(double rho, double eta) {
        return 3 * kzz(rho, eta);
    }

    /** D_mumu(mu) in units of Omega_rms, same closure of the gap. */
    public static double dmumu(double mu, double rho, double eta) {
        double i = 1.5 * Math.pow(kmin(rho), -2.0 / 3.0);
        double c = eta / (4 * i);
        double a = Math.abs(mu);
        return Math.PI * c * Math.pow(1 - eta, -5.0 / 6.0) * (1 - mu * mu) * Math.pow(a, 2.0 / 3.0);
    }

    /**
     * The effect of closing the gap: the resonance with the simulation's k_max = 2 pi / lambda_min
     * is at |mu| = mu_gap = Omega_0 / (v k_max); strict QLT with that k_max has D_mumu = 0 below it
     * and K_zz = ∞. This returns the fraction of the closed-gap K_zz that comes from |mu| < mu_gap:
     * with (1 - mu²)²/D_mumu ∝ (1 - mu²) |mu|^(-2/3), it is (3 mu_gap^(1/3) - (3/7) mu_gap^(7/3)) / (18/7).
     * For lambda_min = r_g/150 and eta = 0.5: mu_gap = 7.5e-4 and the fraction is 0.106 — the
     * closure matters at the 10 % level, and the CPU engine resolves those scales (the gap is then
     * bridged by mirroring and non-linear effects, which is what K_zz from a run measures).
     *
     * @param lambdaMinRg lambda_min = r_g / lambdaMinRg
     */
    public static double gapFraction(double eta, double lambdaMinRg) {
        double muGap = muGap(eta, lambdaMinRg);
        return (3 * Math.cbrt(muGap) - 3.0 / 7.0 * Math.pow(muGap, 7.0 / 3.0)) / (18.0 / 7.0);
    }

    /** |mu| below which no mode up to k_max = 2 pi lambdaMinRg / r_g is resonant. */
    public static double muGap(double eta, double lambdaMinRg) {
        return Math.min(1, Math.sqrt(1 - eta) / (2 * Math.PI * lambdaMinRg));
    }
}
