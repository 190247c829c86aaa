package org.anisoscope.mixing;

import org.anisoscope.physics.Qlt;

/**
 * The analytic steady-state prediction <C_l>^mat for given (rho, eta): QLT, the spectrum's
 * quadrature, the mixing matrix and the mixing equation, in one call. Units as the simulation:
 * lengths r_g, times 1/Omega_rms; Omega dT is quoted with Omega = Omega_0, the gyrofrequency in B0
 * (the paper's Omega in Sec. 2.2). The source of Eq. 20 is (8 pi/3) K_zz g² with K_zz from QLT and
 * |g| = |grad f / f| = 1/L_c, the gradient the simulation uses, so absolute C_l compare with
 * {@code simulate}'s (up to the rescalings the paper discusses in Sec. 3.3).
 */
public final class Predictor {
    private Predictor() {}

    /** Largest lmax accepted: the matrix costs ~lmax³ (lmax 400: under a second; 1000: ~15 s). */
    public static final int LMAX_MAX = 1000;
    /** The truncation the paper uses and the app quotes its predictions at (see docs/physics.md on truncation). */
    public static final int DEFAULT_LMAX = 100;

    /** The largest multipole of a prediction truncated at lmax worth drawing: its last quarter is shaped by the truncation (see MixingMatrix). */
    public static int shownLmax(int lmax) {
        return 3 * lmax / 4;
    }

    /** The paper's Eq. 51 with its fitted constant (Fig. 6): Omega_0 dT = 4 (Omega_0 tau_s)^(1/3). */
    public static double defaultOmegaDt(double rho, double eta, double q) {
        return 4 * Math.cbrt(omega0TauS(rho, eta, q));
    }

    /** Omega_0 tau_s with tau_s = 3 K_zz / c² from slab QLT for the spectrum ∝ |k|^(-q). */
    public static double omega0TauS(double rho, double eta, double q) {
        return Math.sqrt(1 - eta) * Qlt.tauS(rho, eta, q);
    }

    /** The prediction for Kolmogorov's spectrum. omegaDt: Omega_0 dT, or NaN for {@link #defaultOmegaDt}. */
    public static Prediction predict(double rho, double eta, int lmax, double omegaDt, int threads) {
        return predict(rho, eta, Qlt.KOLMOGOROV, lmax, omegaDt, threads);
    }

    /** The prediction for the slab spectrum ∝ |k|^(-q): its QLT K_zz as the source, its spectrum in the mixing matrix. */
    public static Prediction predict(double rho, double eta, double q, int lmax, double omegaDt, int threads) {
        validate(rho, eta, lmax, omegaDt);
        String badQ = Qlt.spectralIndexProblem(q);
        if (badQ != null) throw new IllegalArgumentException(badQ);
        long t0 = System.nanoTime();
        boolean auto = Double.isNaN(omegaDt);
        double odt = auto ? defaultOmegaDt(rho, eta, q) : omegaDt;
        double omega = Math.sqrt(1 - eta), dT = odt / omega;
        SlabSpectrum spectrum = spectrum(rho, eta, q, omega, dT, lmax);
        MixingMatrix m = MixingMatrix.compute(spectrum, omega, dT, lmax, threads);
        double kzz = Qlt.kzz(rho, eta, q);
        double source = 8 * Math.PI / 3 * kzz * rho * rho;
        double[] cl = SteadyState.solve(m, source);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Prediction(rho, eta, q, omega0TauS(rho, eta, q), odt, auto ? "auto: 4 (Omega_0 tau_s)^(1/3)" : "given", kzz,
                lmax, cl, 4 * Math.PI * kzz * kzz * rho * rho, spectrum.size(), spectrum.kAt(spectrum.size() - 1), m, seconds);
    }

    /**
     * The k quadrature for these parameters. Upper end: 100 Omega_0 (the QLT rate misses the
     * resonances with |mu| < 1/100, a fraction ~(1/100)^(5/3) = 5e-4 of it), raised where
     * J_L(k) for L ≤ 2 lmax needs k dT ≳ L. Panels of 8 Gauss–Legendre nodes, 2/(Omega_0 dT) wide in ln k: C_l change by < 1e-7
     * when they are halved (tested; measured 1e-8 at Omega_0 dT = 15.5 and 100).
     */
    static SlabSpectrum spectrum(double rho, double eta, double q, double omega, double dT, int lmax) {
        double kmin = Qlt.kmin(rho);
        double kHigh = Math.max(100 * omega, 3.0 * (2 * lmax + 2) / dT);
        kHigh = Math.max(kHigh, 10 * kmin);
        double dlnk = Math.min(0.05, 2.0 / (omega * dT));
        return SlabSpectrum.powerLaw(rho, eta, q, kHigh, dlnk);
    }

    static void validate(double rho, double eta, int lmax, double omegaDt) {
        if (!(rho > 0 && rho <= 100)) throw new IllegalArgumentException("rho (r_g/L_c) must be in (0, 100]; got " + rho);
        if (!(eta > 0 && eta < 1)) throw new IllegalArgumentException("eta must be strictly between 0 and 1; got " + eta);
        if (lmax < 2) throw new IllegalArgumentException("lmax must be at least 2 (the dipole and one multipole to mix into); got " + lmax);
        if (lmax > LMAX_MAX) throw new IllegalArgumentException("lmax " + lmax + " is too large: at most " + LMAX_MAX + " (the cost grows as lmax^3)");
        if (!Double.isNaN(omegaDt) && !(omegaDt > 0 && omegaDt <= 1e5))
            throw new IllegalArgumentException("Omega dT must be positive (and at most 1e5); got " + omegaDt);
    }
}
