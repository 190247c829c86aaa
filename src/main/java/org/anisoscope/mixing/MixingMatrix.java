package org.anisoscope.mixing;

import org.anisoscope.special.Wigner3j;
import org.anisoscope.util.Parallel;

/**
 * The first-order mixing matrix M = 1 + M^(1a) + M^(1b) + M^(1c) of the paper's Sec. 2.2 for slab
 * turbulence, derived afresh here because the paper's prefactors are not consistent with each
 * other (Eq. 38 has 4 pi, Eq. 40 8 pi; Eq. 47 has its own pi). Units: c = 1, times in 1/Omega_rms,
 * k in 1/r_g; omega is the gyrofrequency in B0 (Omega_0 = sqrt(1 - eta) in these units).
 *
 * <h2>Derivation (what the code computes)</h2>
 * Over a step dT a particle seen in direction p̂ was, at zeroth order, on the helix with pitch
 * cosine mu, at z(s) = -mu s after a backtracking time s. In the frame co-rotating with the
 * gyration (the common rotation drops out of P_l(p̂_A·p̂_B)) its direction is turned by
 * the rotation vector Θ = ∫_0^dT w(s) ds, with w(s) = R_z(-Omega s) omega(z(s)) in the xy plane.
 * With <omega_a(z) omega_b(z')> = delta_ab R(z - z'), R(s) = ∫ P(k) e^{iks} dk (a, b = x, y):
 * <pre>
 *  self  (1a):  <f(A')>_2nd = -∫_0^dT dT' ∫_0^T' dτ R(mu τ) [cos Omega τ (L² - L_z²) + i sin Omega τ L_z] f
 *  cross (1c):  <Θ_A,i Θ_B,j> = c(mu_A, mu_B) δ_ij + s(mu_A, mu_B) ε_ij,
 *               c = ∫∫_0^dT ds1 ds2 R(mu_A s1 - mu_B s2) cos Omega (s1 - s2)
 * </pre>
 * and since P_l0(p̂_A·p̂_B) is rotation invariant, G^B P = -G^A P for every generator, so the
 * cross term acting on it is c (L_A² - L_Az²) P_l0 (the ε part cancels between ±m0). Projected
 * on Legendre polynomials as in Eq. 17, with Unsöld's theorem and the Gaunt integral:
 * <pre>
 *  M^(1a)_ll = M^(1b)_ll = -l(l+1) Λ,   Λ = ∫ P(k) dk ∫_0^dT (dT - τ) cos(Omega τ) [2/3 j0(kτ) - 1/3 j2(kτ)] dτ
 *  M^(1c)_l l0 = (2 l0 + 1) Σ_{L L'} i^{L-L'} (2L+1)(2L'+1) t_L t_L' κ_LL' S_LL'
 *      t_L = (l l0 L; 0 0 0),  S_LL' = Σ_m (l0(l0+1) - m²) (l l0 L; m -m 0)(l l0 L'; m -m 0)
 *      κ_LL' = ∫ P(k) dk Re[J_L(k) J_L'(k)*],  J_L(k) = ∫_0^dT j_L(k s) e^{i Omega s} ds
 * </pre>
 * (all k integrals over the whole line, P two-sided). S_LL' vanishes unless |L - L'| ≤ 2, since
 * m² is the square of l0's projection, a rank 0 + rank 2 operator; so only κ_LL and κ_L,L+2 are
 * needed. This is Eq. 40 and Eq. 47 with the normalisation fixed by two exact checks, both tests:
 * in a uniform field (P at k → 0) all particles turn alike and M^(1a)+M^(1b)+M^(1c) = 0; and with
 * dT → ∞ the (1a) rate -M^(1a)/dT → l(l+1) <nu(mu) (1 + mu²)/2> with the QLT rate
 * nu = pi P(Omega/|mu|)/|mu| = D_mumu/(1 - mu²) of {@link org.anisoscope.physics.Qlt} (Appendix B).
 * A third: Σ_l (2l+1) M_l l0 = 2 l0 + 1 (the sky variance of f moves between l but is neither
 * made nor lost at this order), which ties (1c) to (1a).
 *
 * <h2>Numerics</h2>
 * Λ: the τ integral in closed form through Si and Cin (see {@link #lambda}). J_L(k): for
 * k ≥ 1.1 Omega by the recurrence that follows from (2L+1) j_L' = L j_{L-1} - (L+1) j_{L+1} and
 * one integration by parts,
 * <pre>  (L+1) J_{L+1} = L J_{L-1} - (2L+1) [j_L(k dT) e^{i Omega dT} - δ_L0 - i Omega J_L] / k,</pre>
 * which is the Legendre recurrence in Omega/k < 1 (neutral, so forward is stable), starting from
 * J_0 in closed form; for k < 1.1 Omega (where it would be unstable) by Gauss–Legendre in s.
 * The k integrals use the nodes of {@link SlabSpectrum}. This replaces the paper's Levin
 * integration; convergence in the k grid is tested.
 */
public final class MixingMatrix {
    private final int lmax, lrows;
    private final double omega, dT;
    private final double lambda;
    private final double[] kappaDiag, kappaOff; // κ_LL, κ_L,L+2
    private final double[][] m1c; // [l][l0], l <= lrows, l0 <= lmax

    private MixingMatrix(int lmax, int lrows, double omega, double dT, double lambda, double[] kd, double[] ko, double[][] m1c) {
        this.lmax = lmax;
        this.lrows = lrows;
        this.omega = omega;
        this.dT = dT;
        this.lambda = lambda;
        this.kappaDiag = kd;
        this.kappaOff = ko;
        this.m1c = m1c;
    }

    /** M for l, l0 = 0 .. lmax. */
    public static MixingMatrix compute(SlabSpectrum spectrum, double omega, double dT, int lmax, int threads) {
        return compute(spectrum, omega, dT, lmax, lmax, threads);
    }

    /**
     * M with rows l = 0 .. lrows (lrows >= lmax) and columns l0 = 0 .. lmax; rows beyond lmax are
     * only for checks of where the power of the first columns goes.
     */
    /** The spectrum's modes are summed in this many chunks (enough to share among the cores). */
    static final int CHUNKS = 64;

    public static MixingMatrix compute(SlabSpectrum spectrum, double omega, double dT, int lmax, int lrows, int threads) {
        if (lmax < 1 || lrows < lmax) throw new IllegalArgumentException("need 1 <= lmax <= lrows");
        if (!(omega > 0) || !(dT > 0)) throw new IllegalArgumentException("Omega and dT must be positive");
        int lk = lmax + lrows + 2;
        int n = spectrum.size();
        // the modes in a fixed number of contiguous chunks, each summed in order and the chunks added in
        // order: the same sums, to the last bit, whatever the threads and whichever thread takes a chunk
        int chunks = Math.max(1, Math.min(n, CHUNKS));
        double[][] kd = new double[chunks][lk + 1], ko = new double[chunks][lk + 1];
        double[] lam = new double[chunks];
        Parallel.forEach(chunks, threads, (worker, c) -> {
            double[] d = kd[c], o = ko[c];
            for (int i = (int) ((long) c * n / chunks), end = (int) ((long) (c + 1) * n / chunks); i < end; i++) {
                double k = spectrum.kAt(i), w = spectrum.wAt(i);
                double[] jr = new double[lk + 3], ji = new double[lk + 3];
                transforms(k, omega, dT, lk + 2, jr, ji);
                for (int l = 0; l <= lk; l++) {
                    d[l] += w * (jr[l] * jr[l] + ji[l] * ji[l]);
                    if (l + 2 <= lk + 2) o[l] += w * (jr[l] * jr[l + 2] + ji[l] * ji[l + 2]);
                }
                lam[c] += w * lambda(k, omega, dT);
            }
        });
        double[] kappaD = kd[0], kappaO = ko[0];
        double lambda = lam[0];
        for (int t = 1; t < chunks; t++) {
            for (int l = 0; l <= lk; l++) {
                kappaD[l] += kd[t][l];
                kappaO[l] += ko[t][l];
            }
            lambda += lam[t];
        }
        double[][] m1c = new double[lrows + 1][lmax + 1];
        assemble(lmax, lrows, kappaD, kappaO, m1c, threads);
        return new MixingMatrix(lmax, lrows, omega, dT, lambda, kappaD, kappaO, m1c);
    }

    public int lmax() { return lmax; }
    public int lrows() { return lrows; }
    public double omega() { return omega; }
    public double dT() { return dT; }

    /** Λ of the class comment (so M^(1a)_ll = -l(l+1) Λ). */
    public double lambda() { return lambda; }

    /** M^(1a)_ll (equal to M^(1b)_ll). */
    public double m1a(int l) { return -l * (l + 1.0) * lambda; }

    /** M^(1c)_l l0. */
    public double m1c(int l, int l0) { return m1c[l][l0]; }

    /** The full M_l l0 = δ + M^(1a) + M^(1b) + M^(1c). */
    public double m(int l, int l0) {
        return (l == l0 ? 1 + 2 * m1a(l) : 0) + m1c[l][l0];
    }

    double kappaDiag(int l) { return kappaDiag[l]; }
    double kappaOff(int l) { return kappaOff[l]; }

    // ---- J_L(k) -------------------------------------------------------------------------------

    /** J_L(k) = ∫_0^dT j_L(k s) e^{i omega s} ds for L = 0 .. lk into (re, im). */
    static void transforms(double k, double omega, double dT, int lk, double[] re, double[] im) {
        if (k >= 1.1 * omega) recurrence(k, omega, dT, lk, re, im);
        else quadrature(k, omega, dT, lk, re, im);
    }

    private static void recurrence(double k, double omega, double dT, int lk, double[] re, double[] im) {
        double x = k * dT;
        double[] jx = new double[lk + 1];
        SpecialFunctions.sphericalBessel(lk, x, jx);
        double ap = (k + omega) * dT, am = (k - omega) * dT;
        re[0] = (SpecialFunctions.si(ap) + SpecialFunctions.si(am)) / (2 * k);
        im[0] = (SpecialFunctions.cin(ap) - SpecialFunctions.cin(am)) / (2 * k);
        double c = Math.cos(omega * dT), s = Math.sin(omega * dT);
        // D_L k = j_L(x) e^{i omega dT} - δ_L0 - i omega J_L
        for (int l = 0; l < lk; l++) {
            double dr = jx[l] * c - (l == 0 ? 1 : 0) + omega * im[l];
            double di = jx[l] * s - omega * re[l];
            double pr = l > 0 ? re[l - 1] : 0, pi = l > 0 ? im[l - 1] : 0;
            re[l + 1] = (l * pr - (2 * l + 1) * dr / k) / (l + 1);
            im[l + 1] = (l * pi - (2 * l + 1) * di / k) / (l + 1);
        }
    }

    static void quadrature(double k, double omega, double dT, int lk, double[] re, double[] im) {
        java.util.Arrays.fill(re, 0, lk + 1, 0);
        java.util.Arrays.fill(im, 0, lk + 1, 0);
        // j_L(ks) is below 1e-16 of its peak for L > ks + 10 (ks)^(1/3) + 30: nothing to add there
        int lEff = (int) Math.min(lk, k * dT + 10 * Math.cbrt(k * dT) + 30);
        int panels = Math.max(1, (int) Math.ceil(dT * (k + omega) / Math.PI));
        double h = dT / panels;
        double[] jx = new double[lEff + 1];
        double[] gx = GaussLegendre.NODES_8, gw = GaussLegendre.WEIGHTS_8;
        for (int p = 0; p < panels; p++) {
            for (int q = 0; q < gx.length; q++) {
                double s = (p + 0.5 * (gx[q] + 1)) * h, wq = 0.5 * h * gw[q];
                SpecialFunctions.sphericalBessel(lEff, k * s, jx);
                double c = wq * Math.cos(omega * s), sn = wq * Math.sin(omega * s);
                for (int l = 0; l <= lEff; l++) {
                    re[l] += jx[l] * c;
                    im[l] += jx[l] * sn;
                }
            }
        }
    }

    // ---- Λ ------------------------------------------------------------------------------------

    /**
     * The τ integral of Λ at one k, K(k) = ∫_0^dT (dT - τ) cos(Omega τ) [2/3 j0 - 1/3 j2](kτ) dτ.
     * With 2/3 j0(x) - 1/3 j2(x) = (1/2) ∫_{-1}^{1} (1 + mu²)/2 e^{ixmu} dmu and
     * ∫_0^T (T - τ) cos(a τ) dτ = F(a) = (1 - cos aT)/a², K = (1/4) ∫ (1 + mu²) F(k mu + Omega) dmu;
     * with a = k mu + Omega this is (1/(4k³)) ∫ (k² + Omega² - 2 Omega a + a²) F(a) da over
     * [Omega - k, Omega + k], and ∫F = T Si(aT) - (1 - cos aT)/a, ∫aF = Cin(aT), ∫a²F = a - sin(aT)/T.
     * For k < 0.02 Omega that cancels badly, and Gauss–Legendre in mu is used instead.
     */
    static double lambda(double k, double omega, double dT) {
        if (k >= 0.02 * omega) {
            double a = omega - k, b = omega + k;
            double c0 = k * k + omega * omega, c1 = -2 * omega;
            double v = c0 * (g0(b, dT) - g0(a, dT)) + c1 * (SpecialFunctions.cin(b * dT) - SpecialFunctions.cin(a * dT))
                    + (b - Math.sin(b * dT) / dT) - (a - Math.sin(a * dT) / dT);
            return v / (4 * k * k * k);
        }
        int panels = Math.max(1, (int) Math.ceil(k * dT / 2));
        double h = 2.0 / panels, sum = 0;
        for (int p = 0; p < panels; p++) {
            for (int q = 0; q < 32; q++) {
                double mu = -1 + (p + 0.5 * (GaussLegendre.NODES_32[q] + 1)) * h;
                sum += 0.5 * h * GaussLegendre.WEIGHTS_32[q] * (1 + mu * mu) * fejer(k * mu + omega, dT);
            }
        }
        return sum / 4;
    }

    private static double g0(double a, double t) {
        if (a == 0) return 0;
        double sh = Math.sin(0.5 * a * t);
        return t * SpecialFunctions.si(a * t) - 2 * sh * sh / a;
    }

    private static double fejer(double a, double t) {
        if (Math.abs(a * t) < 1e-4) return t * t / 2 * (1 - a * a * t * t / 12);
        double sh = Math.sin(0.5 * a * t);
        return 2 * sh * sh / (a * a);
    }

    // ---- M^(1c) ---------------------------------------------------------------------------------

    private static void assemble(int lmax, int lrows, double[] kd, double[] ko, double[][] m1c, int threads) {
        // one task per column l0 (and the rows that pair with it): pairs (l, l0) with l >= l0
        Parallel.forEach(lmax + 1, threads, (worker, task) -> {
            int l0 = lmax - task; // big columns first: the work is uneven
            int lcap = lmax + lrows + 2;
            double[] t = new double[lcap + 1], scratch = new double[lcap + 1];
            for (int l = l0; l <= lrows; l++) {
                int lo = Math.abs(l - l0), hi = l + l0, n = hi - lo + 1;
                Wigner3j.row000(l, l0, t, scratch);
                double diagA = 0, diagB = 0, cross = 0;
                for (int i = ((l + l0 + lo) & 1); i < n; i += 2) { // t_L = 0 unless l + l0 + L is even
                    int bigL = lo + i;
                    double tl = t[i];
                    double xd = xDiag(l, l0, bigL);
                    double base = (2 * bigL + 1) * tl * tl * kd[bigL];
                    diagA += base * (l0 * (l0 + 1.0) - (2 * bigL + 1) * xd);
                    diagB += base * (l * (l + 1.0) - (2 * bigL + 1) * xd);
                    if (i + 2 < n) cross += 2.0 * (2 * bigL + 1) * (2 * bigL + 5) * tl * t[i + 2] * ko[bigL] * xOff(l, l0, bigL);
                }
                m1c[l][l0] = (2 * l0 + 1) * (diagA + cross);
                if (l <= lmax && l != l0) m1c[l0][l] = (2 * l + 1) * (diagB + cross);
            }
        });
    }

    /*
     * X_LL' = Σ_m m² (l l0 L; m -m 0)(l l0 L'; m -m 0) in closed form. In the 3j recursion over L at
     * m1 = 0 only B depends on m, B(L) = -2m (2L+1) L (L+1), so m acts on the vector f_L(m) as
     * the tridiagonal m f_L = α_L f_{L+1} + β_L f_{L-1} with α_L = e(L+1)/(2(2L+1)),
     * β_L = e(L)/(2(2L+1)), e(L) = sqrt((L² - (l-l0)²)((l+l0+1)² - L²)). With the orthogonality
     * Σ_m f_K f_K' = δ_KK'/(2K+1): X = T diag(1/(2K+1)) Tᵀ, i.e. X_LL = α_L²/(2L+3) + β_L²/(2L-1)
     * and X_L,L+2 = α_L β_{L+2}/(2L+3); the rest vanish. (A test compares with the sum over m.)
     */
    static double xDiag(int l, int l0, int bigL) {
        double a = e(l, l0, bigL + 1) / (2 * (2 * bigL + 1.0)), b = e(l, l0, bigL) / (2 * (2 * bigL + 1.0));
        return a * a / (2 * bigL + 3) + (bigL > 0 ? b * b / (2 * bigL - 1) : 0);
    }

    static double xOff(int l, int l0, int bigL) {
        double a = e(l, l0, bigL + 1) / (2 * (2 * bigL + 1.0)), b = e(l, l0, bigL + 2) / (2 * (2 * bigL + 5.0));
        return a * b / (2 * bigL + 3);
    }

    private static double e(int l, int l0, int bigL) {
        double d = l - l0, s = l + l0 + 1.0, x = (double) bigL * bigL;
        double v = (x - d * d) * (s * s - x);
        return v > 0 ? Math.sqrt(v) : 0;
    }
}
