package org.anisoscope.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anisoscope.Version;
import org.anisoscope.analysis.PairSeparation;
import org.anisoscope.io.AtomicFiles;
import org.anisoscope.io.ClCsv;
import org.anisoscope.io.Json;
import org.anisoscope.physics.Qlt;
import org.anisoscope.physics.SimulationParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "separation", mixinStandardHelpOptions = true,
        description = {"How fast neighbouring arrival directions part: pairs of particles backtracked from the observer at angles theta "
                + "apart, the mean time until they are d r_g apart, and its e-folding time tau_L = dt_sep/d ln(1/theta) (chaotic orbits: "
                + "t_sep grows like ln(1/theta); a regular field: like 1/theta).",
                "Two directions share their past until their particles part, so a chaotic separation gives the maps a pair correlation "
                        + "-2 K_zz g^2 tau_L ln(theta), i.e. a tail C_l l^2 = 4 pi K_zz g^2 tau_L (printed; see analysis.PairSeparation). "
                        + "Uses the CPU step on the same fields as simulate with the same seed. Writes DIR/separation.csv and DIR/separation.json."})
final class SeparationCommand implements Callable<Integer> {
    @Mixin Inputs.Scales scales;
    @Option(names = "--eta", defaultValue = "0.5", description = "turbulence level (default ${DEFAULT-VALUE})") double eta;
    @Option(names = "--realisations", defaultValue = "4", description = "field realisations (default ${DEFAULT-VALUE})") int realisations;
    @Option(names = "--directions", defaultValue = "64", description = "random reference directions per realisation, each with one partner "
            + "per angle (default ${DEFAULT-VALUE})") int directions;
    @Option(names = "--angles", split = ",", defaultValue = "1e-1,1e-2,1e-3,1e-4,1e-5", paramLabel = "RAD",
            description = "angles between the partners, radians, decreasing (default ${DEFAULT-VALUE})") List<Double> angles;
    @Option(names = "--distances", split = ",", defaultValue = "0.1,1,10", paramLabel = "RG",
            description = "separations that count as parted, in r_g (default ${DEFAULT-VALUE})") List<Double> distances;
    @Option(names = "--t-max", defaultValue = "20tau", description = "how long to follow them: Omega_rms T or a multiple of tau_s "
            + "(default ${DEFAULT-VALUE}; K_zz from the reference particles needs T >> tau_s)") String tMax;
    @Option(names = "--seed", defaultValue = "1", description = "base seed of the field realisations, as simulate's (default ${DEFAULT-VALUE})") long seed;
    @Option(names = "--dt", defaultValue = "0.05", description = "time step Omega_rms dt (default ${DEFAULT-VALUE})") double dt;
    @Option(names = "--lambda-min-rg", defaultValue = "150", description = "lambda_min = r_g / value (default ${DEFAULT-VALUE})") double lambdaMinRg;
    @Option(names = "--threads") Integer threads;
    @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

    @Override
    public Integer call() throws Exception {
        double rho = scales.rho();
        if (!(eta > 0 && eta < 1)) throw new IllegalArgumentException("--eta must be strictly between 0 and 1; got " + eta);
        if (realisations < 1 || realisations > 10_000) throw new IllegalArgumentException("--realisations must be between 1 and 10000; got " + realisations);
        if (directions < 2 || directions > 100_000) throw new IllegalArgumentException("--directions must be between 2 and 100000; got " + directions);
        if (distances.isEmpty() || distances.size() > 20) throw new IllegalArgumentException("give 1 to 20 --distances; got " + distances.size());
        if (angles.size() > 30) throw new IllegalArgumentException("give at most 30 --angles; got " + angles.size());
        if (!(dt > 0 && dt <= SimulationParameters.DT_MAX))
            throw new IllegalArgumentException("--dt (Omega_rms dt) must be in (0, " + SimulationParameters.DT_MAX + "]; got " + dt);
        double tauQlt = Qlt.tauS(rho, eta);
        double t = SimulateCommand.parseTime(tMax, tauQlt);
        SimulationParameters p = new SimulationParameters(rho, eta, scales.brms, scales.outer, 1, realisations, seed, lambdaMinRg, dt, new double[] {t});
        double[] a = angles.stream().mapToDouble(Double::doubleValue).toArray(), d = distances.stream().mapToDouble(Double::doubleValue).toArray();
        PairSeparation.check(directions, a, d);
        int th = Inputs.threads(threads);
        Files.createDirectories(out);
        System.err.printf(Locale.ROOT, "rho = %.4g, eta = %.3g: %d realisations x %d directions, %d angles, to Omega_rms T = %.4g (QLT tau_s = %.4g)%n",
                rho, eta, realisations, directions, a.length, t, tauQlt);
        PairSeparation.Result r = PairSeparation.measure(p, directions, a, d, th,
                k -> System.err.printf(Locale.ROOT, "\r  realisation %d/%d done   ", k + 1, realisations), () -> false);
        System.err.println();
        write(p, r);
        report(r, rho);
        return 0;
    }

    private void write(SimulationParameters p, PairSeparation.Result r) throws java.io.IOException {
        StringBuilder csv = new StringBuilder("# anisoscope " + Version.get() + " separation; seed " + p.seed() + "; rho " + p.rho() + "; eta "
                + p.eta() + "; times Omega_rms t, distances r_g\nangle_rad,distance_rg,mean_t_sep,mean_t_sep_err,not_parted,pairs\n");
        for (int k = 0; k < r.angles().length; k++) {
            for (int q = 0; q < r.distances().length; q++) {
                csv.append(ClCsv.fmt(r.angles()[k])).append(',').append(ClCsv.fmt(r.distances()[q])).append(',')
                        .append(ClCsv.fmt(r.meanTime()[k][q])).append(',').append(ClCsv.fmt(r.meanErr()[k][q])).append(',')
                        .append(r.notParted()[k][q]).append(',').append(r.pairs()).append('\n');
            }
        }
        AtomicFiles.writeString(out.resolve("separation.csv"), csv.toString());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("version", Version.get());
        s.put("seed", p.seed());
        s.put("realisation_seeds", java.util.stream.IntStream.range(0, p.realisations()).mapToLong(p::realisationSeed).toArray());
        Map<String, Object> par = new LinkedHashMap<>();
        par.put("rho", p.rho());
        par.put("eta", p.eta());
        par.put("realisations", p.realisations());
        par.put("directions", directions);
        par.put("dt", p.dt());
        par.put("lambda_min_rg", p.lambdaMinRg());
        par.put("t_max", r.tMax());
        s.put("params", par);
        s.put("units", "times Omega_rms t (Omega_rms = c/r_g), distances and K_zz in r_g and r_g c");
        s.put("angles_rad", r.angles());
        s.put("distances_rg", r.distances());
        s.put("mean_t_sep", r.meanTime());
        s.put("mean_t_sep_err", r.meanErr());
        s.put("not_parted", r.notParted());
        s.put("efold_time", r.efold());
        s.put("efold_time_err", r.efoldErr());
        double[][] local = new double[Math.max(0, r.angles().length - 1)][r.distances().length],
                localErr = new double[local.length][r.distances().length];
        for (int k = 0; k < local.length; k++) {
            for (int q = 0; q < r.distances().length; q++) {
                double[] e = r.localEfold(k, q);
                local[k][q] = e[0];
                localErr[k][q] = e[1];
            }
        }
        s.put("efold_time_between_angles", local);
        s.put("efold_time_between_angles_err", localErr);
        double[] tail = new double[r.distances().length];
        for (int q = 0; q < tail.length; q++) tail[q] = r.tailClL2(q, r.kzz(), p.rho());
        s.put("kzz_reference_particles", r.kzz());
        s.put("kzz_reference_particles_err", r.kzzErr());
        s.put("tail_cl_l2", tail);
        s.put("meaning", Map.of(
                "efold_time", "tau_L = dt_sep/d ln(1/theta): least-squares slope per reference direction over all angles, averaged, per distance; "
                        + "_between_angles: the same between consecutive angles ([angle pair][distance])",
                "tail_cl_l2", "C_l l^2 = 4 pi K_zz g^2 tau_L for |g| = 1/L_c, with K_zz from the reference particles: the l^-2 tail a chaotic "
                        + "separation gives (a heuristic: sharp parting at t_sep; see analysis.PairSeparation)",
                "kzz_reference_particles", "<z^2>/(2 T_max) of the reference particles (a rough K_zz; simulate measures the plateau)"));
        Json.write(out.resolve("separation.json"), s);
    }

    private void report(PairSeparation.Result r, double rho) {
        StringBuilder head = new StringBuilder("  theta (rad)");
        for (double d : r.distances()) head.append(String.format(Locale.ROOT, "   t_sep to %-5s r_g", ClCsv.fmt(d)));
        System.out.println(head);
        for (int k = 0; k < r.angles().length; k++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-11.3g", r.angles()[k]));
            for (int q = 0; q < r.distances().length; q++) {
                String v = String.format(Locale.ROOT, "%.4g ± %.2g", r.meanTime()[k][q], r.meanErr()[k][q]);
                if (r.notParted()[k][q] > 0) v += String.format(Locale.ROOT, " (%d not)", r.notParted()[k][q]);
                row.append(String.format(Locale.ROOT, "   %-20s", v));
            }
            System.out.println(row);
        }
        for (int q = 0; q < r.distances().length; q++) {
            StringBuilder local = new StringBuilder();
            for (int k = 0; k + 1 < r.angles().length; k++) {
                double[] e = r.localEfold(k, q);
                local.append(String.format(Locale.ROOT, "%s%.3g ± %.2g", k == 0 ? "" : ", ", e[0], e[1]));
            }
            System.out.printf(Locale.ROOT, "d = %s r_g: tau_L = %.4g ± %.2g /Omega_rms (between consecutive angles: %s); tail C_l l^2 = %.3g%n",
                    ClCsv.fmt(r.distances()[q]), r.efold()[q], r.efoldErr()[q], local, r.tailClL2(q, r.kzz(), rho));
        }
        System.out.printf(Locale.ROOT, "K_zz of the %d reference particles: %.4g ± %.2g r_g c (tail: 4 pi K_zz g^2 tau_L, |g| = 1/L_c)%n",
                r.pairs(), r.kzz(), r.kzzErr());
        System.out.println("wrote " + out.resolve("separation.csv") + " and " + out.resolve("separation.json"));
    }
}
