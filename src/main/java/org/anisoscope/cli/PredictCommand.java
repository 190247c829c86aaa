package org.anisoscope.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anisoscope.Version;
import org.anisoscope.io.AtomicFiles;
import org.anisoscope.io.Json;
import org.anisoscope.mixing.Prediction;
import org.anisoscope.mixing.Predictor;
import org.anisoscope.mixing.SteadyState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Analytic steady-state C_l from the mixing matrix (the paper's Sec. 2.2), no particles.",
                "Writes DIR/prediction.json and DIR/cl_mat.csv (l, cl, cl_over_c1)."})
final class PredictCommand implements Callable<Integer> {
    @Mixin Inputs.Scales scales;
    @Option(names = "--eta", defaultValue = "0.5", description = "turbulence level (default ${DEFAULT-VALUE})") double eta;
    @Option(names = "--lmax", defaultValue = "100", description = "truncation of the mixing matrix (default ${DEFAULT-VALUE})") int lmax;
    @Option(names = "--omega-dt", defaultValue = "auto", description = "Omega_0 dT, or auto = 4 (Omega_0 tau_s)^(1/3) (default ${DEFAULT-VALUE})") String omegaDt;
    @Option(names = "--extrapolate", paramLabel = "LMAX|inf",
            description = "also extrapolate C_l in the truncation to a larger lmax (or inf: the paper's limit, refused when it does not exist)")
    String extrapolate;
    @Option(names = "--threads") Integer threads;
    @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

    @Override
    public Integer call() throws Exception {
        double rho = scales.rho();
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
        Files.createDirectories(out);
        Prediction p = Predictor.predict(rho, eta, lmax, odt, Inputs.threads(threads));
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
        Json.write(out.resolve("prediction.json"), json);
        AtomicFiles.writeString(out.resolve("cl_mat.csv"), p.toCsv(ext));
        double[] r = p.clOverC1();
        System.out.printf(Locale.ROOT, "rho %.4g, eta %.3g: Omega_0 tau_s = %.4g, Omega_0 dT = %.4g (%s), K_zz(QLT) = %.4g r_g c%n",
                rho, eta, p.omega0TauS(), p.omegaDt(), p.omegaDtSource(), p.kzzQlt());
        System.out.printf(Locale.ROOT, "C_1 = %.4g (QLT dipole %.4g); C_l/C_1: l=2 %.3g, 3 %.3g, 5 %.3g, 10 %.3g; index over l=%d..%d: %.3f%n",
                p.cl()[1], p.c1Qlt(), r[2], r[3], lmax >= 5 ? r[5] : Double.NaN, lmax >= 10 ? r[10] : Double.NaN,
                p.indexLmin(), Math.min(p.indexLmax(), lmax), p.index());
        System.out.printf(Locale.ROOT, "computed in %.3f s; wrote %s and %s%n", p.seconds(), out.resolve("prediction.json"), out.resolve("cl_mat.csv"));
        return 0;
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
