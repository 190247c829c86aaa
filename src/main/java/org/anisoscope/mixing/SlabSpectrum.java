package org.anisoscope.mixing;

import java.util.Arrays;
import org.anisoscope.physics.Qlt;

/**
 * The turbulence spectrum as a quadrature rule over k_par > 0: nodes k_i and weights w_i with
 * sum_i w_i h(k_i) ≈ ∫_{-∞}^{∞} P(k) h(|k|) dk for even integrands, where P is the two-sided
 * power spectrum of one transverse component of omega = q dB / p:
 * <omega_x(z) omega_x(z')> = ∫ P(k) e^{ik(z - z')} dk. (This is the paper's g(k_par) of Eq. 28
 * with its angular and k_perp factors integrated out; we keep the one-dimensional form because its
 * normalisation is unambiguous: ∫ P dk = <omega_x^2> = eta/2 in units of Omega_rms^2.)
 *
 * <p>Units: k in 1/r_g, as everywhere in the physics code.
 */
public record SlabSpectrum(double[] k, double[] w, String description) {

    public SlabSpectrum {
        if (k.length != w.length || k.length == 0) throw new IllegalArgumentException("k and w must have the same positive length");
        k = k.clone();
        w = w.clone();
    }

    @Override
    public double[] k() { return k.clone(); }

    @Override
    public double[] w() { return w.clone(); }

    public int size() { return k.length; }
    public double kAt(int i) { return k[i]; }
    public double wAt(int i) { return w[i]; }

    /** Sum of the weights: <omega_x^2>, the variance of one transverse component. */
    public double variance() {
        return Arrays.stream(w).sum();
    }

    /**
     * The simulation's spectrum, P(k) = A |k|^(-5/3) for k >= kmin = 2 pi / L_max with
     * 2 A ∫_kmin^∞ k^(-5/3) dk = eta / 2, as a composite Gauss–Legendre rule in ln k from kmin to
     * kHigh. The upper cut: the simulation's k_max = 2 pi / lambda_min lies far above the scales the
     * mixing matrix resolves (as in {@link Qlt}, the power law is taken to continue); kHigh only
     * truncates the quadrature, and the callers put it where the rest is negligible. Resolution: the
     * time integrals make every integrand vary on relative scales 1/(Omega dT) in k (the width of the
     * gyroresonance after a finite time), so panels are a fraction of that wide.
     *
     * @param rho     r_g / L_c
     * @param eta     turbulence level
     * @param kHigh   upper end of the quadrature, 1/r_g
     * @param dlnk    panel width in ln k
     */
    public static SlabSpectrum kolmogorov(double rho, double eta, double kHigh, double dlnk) {
        return powerLaw(rho, eta, Qlt.KOLMOGOROV, kHigh, dlnk);
    }

    /**
     * The same for P(k) = A |k|^(-q), 2 A ∫_kmin^∞ k^(-q) dk = eta / 2 (at q = 5/3 the rule of
     * {@link #kolmogorov}, bit for bit).
     */
    public static SlabSpectrum powerLaw(double rho, double eta, double q, double kHigh, double dlnk) {
        String badQ = Qlt.spectralIndexProblem(q);
        if (badQ != null) throw new IllegalArgumentException(badQ);
        boolean k53 = q == Qlt.KOLMOGOROV;
        double kmin = Qlt.kmin(rho);
        // 2 A kmin^(1-q) / (q-1) = eta/2; for 5/3 written as before: 2 A (3/2) kmin^(-2/3) = eta/2
        double amp = k53 ? eta * Math.pow(kmin, 2.0 / 3.0) / 6.0 : eta * (q - 1) * Math.pow(kmin, q - 1) / 4.0;
        double slope = k53 ? -2.0 / 3.0 : 1 - q; // of A k^(-q) k, the weight per ln k
        if (kHigh <= kmin) throw new IllegalArgumentException("kHigh must be above kmin");
        double span = Math.log(kHigh / kmin);
        int panels = Math.max(1, (int) Math.ceil(span / dlnk));
        double h = span / panels;
        double[] gx = GaussLegendre.NODES_8, gw = GaussLegendre.WEIGHTS_8;
        double[] ks = new double[panels * gx.length], ws = new double[ks.length];
        int n = 0;
        for (int p = 0; p < panels; p++) {
            double a = Math.log(kmin) + p * h;
            for (int g = 0; g < gx.length; g++) {
                double lnk = a + 0.5 * h * (gx[g] + 1);
                double kk = Math.exp(lnk);
                ks[n] = kk;
                // ∫_{-∞}^{∞} P h dk = 2 ∫_0^∞ A k^(-q) h k dln k
                ws[n] = 2 * amp * Math.pow(kk, slope) * 0.5 * h * gw[g];
                n++;
            }
        }
        return new SlabSpectrum(ks, ws, String.format(java.util.Locale.ROOT, "slab k^-%s, rho=%g, eta=%g, k in [%g, %g]/r_g",
                k53 ? "5/3" : Double.toString(q), rho, eta, kmin, kHigh));
    }

    /** A single mode at wavenumber k carrying <omega_x^2> = variance (tests: k → 0 is a uniform field). */
    public static SlabSpectrum single(double k, double variance) {
        return new SlabSpectrum(new double[] {k}, new double[] {variance}, "single mode k=" + k);
    }
}
