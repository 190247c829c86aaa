package org.anisoscope.mixing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One steady-state prediction and what it was made from.
 *
 * @param omega0TauS  Omega_0 tau_s from QLT
 * @param omegaDt     Omega_0 dT used
 * @param kzzQlt      QLT K_zz in r_g c
 * @param cl          <C_l>^mat, l = 0 .. lmax (C_0 = 0, see {@link SteadyState})
 * @param c1Qlt       4 pi K_zz² g², the QLT dipole power for the same gradient
 * @param nodes       k quadrature nodes used
 * @param kHigh       upper end of the k quadrature, 1/r_g
 * @param matrix      the mixing matrix (for truncation studies)
 */
public record Prediction(double rho, double eta, double spectralIndex, double omega0TauS, double omegaDt, String omegaDtSource, double kzzQlt,
                         int lmax, double[] cl, double c1Qlt, int nodes, double kHigh, MixingMatrix matrix, double seconds) {

    public double[] clOverC1() {
        double[] r = new double[cl.length];
        for (int l = 0; l < cl.length; l++) r[l] = cl[l] / cl[1];
        return r;
    }

    /** Fitting range of {@link #index()}: from l = 5 to lmax/4, away from the truncation edge. */
    public int indexLmin() { return 5; }
    public int indexLmax() { return Math.max(8, lmax / 4); }

    /** Least-squares power-law index of C_l over [indexLmin, indexLmax] (NaN when lmax < 8). */
    public double index() {
        int a = indexLmin(), b = Math.min(indexLmax(), lmax);
        if (b - a < 2) return Double.NaN;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (int l = a; l <= b; l++) {
            if (!(cl[l] > 0)) continue;
            double x = Math.log(l), y = Math.log(cl[l]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            n++;
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    /** Fields for prediction.json (parameters, units and the spectrum). */
    public Map<String, Object> toJson(String version) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("rho", rho);
        p.put("eta", eta);
        p.put("spectral_index", spectralIndex);
        p.put("lmax", lmax);
        p.put("omega_dt_source", omegaDtSource);
        m.put("params", p);
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("omega", "Omega_0, the gyrofrequency in B0 = sqrt(1-eta) B_rms (the paper's Omega in Sec. 2.2)");
        u.put("kzz_qlt", "r_g c (r_g: gyroradius in B_rms)");
        u.put("cl", "relative intensity squared for |grad f/f| = 1/L_c along B0, as simulate's cl");
        u.put("k", "1/r_g");
        m.put("units", u);
        m.put("omega0_tau_s", omega0TauS);
        m.put("omega_dt", omegaDt);
        m.put("omega_dt_over_cbrt_omega0_tau_s", omegaDt / Math.cbrt(omega0TauS));
        m.put("kzz_qlt", kzzQlt);
        Map<String, Object> tau = new LinkedHashMap<>();
        tau.put("omega0_tau_s", omega0TauS);
        tau.put("omega_rms_tau_s", omega0TauS / Math.sqrt(1 - eta));
        m.put("tau_s_qlt", tau);
        Map<String, Object> gap = new LinkedHashMap<>();
        gap.put("treatment", "the k^-q law is continued to k -> infinity, so every |mu| > 0 resonates (strict QLT with the "
                + "simulation's k_max has D_mumu = 0 for |mu| < mu_gap and K_zz infinite)");
        gap.put("mu_gap_at_lambda_min_rg_150", org.anisoscope.physics.Qlt.muGap(eta, 150));
        gap.put("kzz_fraction_from_gap", org.anisoscope.physics.Qlt.gapFraction(eta, 150, spectralIndex));
        m.put("gap_90_degrees", gap);
        m.put("lmax", lmax);
        m.put("c1_qlt", c1Qlt);
        m.put("power_law_index", index());
        m.put("power_law_range", new int[] {indexLmin(), Math.min(indexLmax(), lmax)});
        m.put("k_nodes", nodes);
        m.put("k_high", kHigh);
        m.put("seconds", seconds);
        m.put("monopole", "not predicted: Eq. 20 has no loss term for l = 0; cl[0] is 0 as for a map with its monopole removed");
        m.put("truncation", "C_l depends on lmax: at this order the mixing conserves sum (2l+1) C_l, so the only sink is the "
                + "truncation, and C_l(lmax) keeps growing (by ~3 % per doubling at l = 1); compare at a stated lmax");
        m.put("l", range(cl.length));
        m.put("cl", cl);
        m.put("cl_over_c1", clOverC1());
        return m;
    }

    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    /** cl_mat.csv: l, cl, cl_over_c1 (and an extrapolated column when given). */
    public String toCsv(double[] extrapolated) {
        StringBuilder sb = new StringBuilder(extrapolated == null ? "l,cl,cl_over_c1\n" : "l,cl,cl_over_c1,cl_extrapolated\n");
        double[] r = clOverC1();
        for (int l = 0; l < cl.length; l++) {
            sb.append(l).append(',').append(cl[l]).append(',').append(r[l]);
            if (extrapolated != null) sb.append(',').append(l < extrapolated.length && Double.isFinite(extrapolated[l]) ? Double.toString(extrapolated[l]) : "");
            sb.append('\n');
        }
        return sb.toString();
    }
}
