package org.anisoscope.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anisoscope.Version;
import org.anisoscope.io.AtomicFiles;
import org.anisoscope.io.ClCsv;
import org.anisoscope.io.Json;
import org.anisoscope.mixing.Prediction;
import org.anisoscope.mixing.Predictor;
import org.anisoscope.mixing.SteadyState;
import org.anisoscope.sky.MaskCoupling;
import org.anisoscope.io.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Analytic steady-state C_l from the mixing matrix (the paper's Sec. 2.2), no particles; for slab turbulence (the paper's), "
                + "whose quasi-linear theory the matrix is built on: isotropic turbulence has no prediction here.",
                "Writes DIR/prediction.json and DIR/cl_mat.csv (l, cl, cl_over_c1).",
                "--observatory MIN,MAX also gives what an observatory seeing declinations MIN to MAX would measure (with "
                        + "--per-declination, as ground-based relative-intensity maps are made, without the m = 0 modes): the expected "
                        + "pseudo-C_l / f_sky of the cut sky, Σ_l' M_ll' C_l' / f_sky with the MASTER coupling M of the band, in "
                        + "DIR/cl_observed.csv (l, cl, cl_full) — the numbers observe --out writes for a simulated sky. M assumes a "
                        + "statistically isotropic sky; the simulated one is not isotropic about B0 (its dipole points along it), so "
                        + "this is the average over where B0 may point, not the value for one direction. --b0-dec DEC folds the dipole "
                        + "as the realisations' dipoles about B0 at that declination, <cos^2> of their angle to B0 from --dipole-cos2."})
final class PredictCommand implements Callable<Integer> {
    @Mixin Inputs.Scales scales;
    @Mixin Inputs.Eta turbulence;
    @Option(names = "--lmax", defaultValue = "100", description = "truncation of the mixing matrix (default ${DEFAULT-VALUE})") int lmax;
    @Option(names = "--omega-dt", defaultValue = "auto", description = "Omega_0 dT, or auto = 4 (Omega_0 tau_s)^(1/3) (default ${DEFAULT-VALUE})") String omegaDt;
    @Option(names = "--extrapolate", paramLabel = "LMAX|inf",
            description = "also extrapolate C_l in the truncation to a larger lmax (or inf: the paper's limit, refused when it does not exist)")
    String extrapolate;
    @Mixin Inputs.Observatory observatory;
    @Option(names = "--threads") Integer threads;
    @picocli.CommandLine.Mixin FileOptions.OutFolder output;

    @Override
    public Integer call() throws Exception {
        double rho = scales.rho(), eta = turbulence.value(), q = turbulence.q();
        double odt = parseOmegaDt(omegaDt);
        double target = Double.NaN;
        if (extrapolate != null) {
            String e = extrapolate.trim().toLowerCase(Locale.ROOT);
            if (e.equals("inf") || e.equals("infinity")) target = Double.POSITIVE_INFINITY;
            else {
                try {
                    target = Integer.parseInt(e);
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("--extrapolate takes an lmax larger than --lmax, or inf; got '" + extrapolate + "'");
                }
            }
        }
        boolean seen = observatory.given();
        try (RunFolder folder = output.open()) {
            Prediction p = Predictor.predict(rho, eta, q, lmax, odt, Inputs.threads(threads));
            double[] ext = null;
            Map<String, Object> json = p.toJson(Version.get());
            if (scales.volts() != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> par = (Map<String, Object>) json.get("params");
                par.put("rigidity_volts", scales.volts());
                par.put("brms_ug", scales.brms);
                par.put("outer_scale_pc", scales.outer);
            }
            if (!Double.isNaN(target)) {
                ext = SteadyState.extrapolate(p.matrix(), 8 * Math.PI / 3 * p.kzzQlt() * rho * rho, target);
                json.put("extrapolated_to_lmax", Double.isInfinite(target) ? "infinity" : (Object) (int) target);
                json.put("cl_extrapolated", ext);
            }
            String observed = null;
            if (seen) observed = observed(folder.work(), p, json);
            Json.write(folder.work().resolve("prediction.json"), json);
            AtomicFiles.writeString(folder.work().resolve("cl_mat.csv"), p.toCsv(ext));
            double[] r = p.clOverC1();
            System.out.printf(Locale.ROOT, "rho %.4g, eta %.3g: Omega_0 tau_s = %.4g, Omega_0 dT = %.4g (%s), K_zz(QLT) = %.4g r_g c%n",
                    rho, eta, p.omega0TauS(), p.omegaDt(), p.omegaDtSource(), p.kzzQlt());
            System.out.printf(Locale.ROOT, "C_1 = %.4g (QLT dipole %.4g); C_l/C_1: l=2 %.3g, 3 %.3g, 5 %.3g, 10 %.3g; index over l=%d..%d: %.3f%n",
                    p.cl()[1], p.c1Qlt(), r[2], r[3], lmax >= 5 ? r[5] : Double.NaN, lmax >= 10 ? r[10] : Double.NaN,
                    p.indexLmin(), Math.min(p.indexLmax(), lmax), p.index());
            if (observed != null) System.out.println(observed);
            System.out.printf(Locale.ROOT, "computed in %.3f s; wrote %s and %s%s%n", p.seconds(), output.out.resolve("prediction.json"), output.out.resolve("cl_mat.csv"),
                    seen ? " and " + output.out.resolve("cl_observed.csv") : "");
            folder.commit(false);
            return 0;
        }
    }

    /** The prediction as the observatory would see it: writes cl_observed.csv, adds to json, returns a line to print. */
    private String observed(Path dir, Prediction p, Map<String, Object> json) throws java.io.IOException {
        MaskCoupling mc = observatory.coupling(lmax, Inputs.threads(threads));
        // rows near lmax take part of their coupling from beyond the truncation: left out where that could be 1 %
        double cos2 = observatory.dipoleCos2(p.rho(), p.eta(), p.spectralIndex());
        double[] cl = mc.expectedSeenReliable(p.cl(), observatory.dipoleDec(), cos2);
        int lc = cl.length - 1;
        if (lc < 1) throw new IllegalArgumentException("--lmax " + lmax + " is too small for the band's mixing: raise it");
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "# anisoscope %s predict, as seen in %s: cl = expected pseudo-C_l / f_sky "
                + "(f_sky %.6g) of the cut sky for a statistically isotropic sky with the spectrum cl_full; l up to %d (above, more than 1 %% "
                + "could couple in from beyond lmax %d)%nl,cl,cl_full%n", Version.get(), observatory.describe(cos2), mc.fsky(), lc, lmax));
        for (int l = 0; l <= lc; l++) sb.append(l).append(',').append(ClCsv.fmt(cl[l])).append(',').append(ClCsv.fmt(p.cl()[l])).append('\n');
        AtomicFiles.writeString(dir.resolve("cl_observed.csv"), sb.toString());
        Map<String, Object> o = new java.util.LinkedHashMap<>();
        o.put("dec_range_deg", new double[] {observatory.decLo(), observatory.decHi()});
        o.put("per_declination", observatory.perDeclination);
        o.put("dipole", observatory.b0Dec == null ? "averaged over directions" : "about B0 at declination " + observatory.b0Dec + " deg");
        if (observatory.b0Dec != null) o.put("dipole_cos2_to_b0", cos2);
        o.put("fsky", mc.fsky());
        o.put("lmax_complete", lc);
        o.put("cl", cl);
        json.put("observatory", o);
        return String.format(Locale.ROOT, "seen in %s (f_sky %.3f): C_l/C_1 l=2 %.3g, 3 %.3g, 5 %.3g, 10 %.3g (full sky: %.3g, %.3g, %.3g, %.3g)",
                observatory.describe(cos2), mc.fsky(), ratio(cl, 2), ratio(cl, 3), ratio(cl, 5), ratio(cl, 10),
                ratio(p.cl(), 2), ratio(p.cl(), 3), ratio(p.cl(), 5), ratio(p.cl(), 10));
    }

    private static double ratio(double[] cl, int l) {
        return l < cl.length ? cl[l] / cl[1] : Double.NaN;
    }

    static double parseOmegaDt(String s) {
        if (s == null || s.trim().equalsIgnoreCase("auto")) return Double.NaN;
        double v;
        try {
            v = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--omega-dt must be a number (Omega_0 dT) or auto; got '" + s + "'");
        }
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException("--omega-dt must be positive; got " + s);
        return v;
    }
}
