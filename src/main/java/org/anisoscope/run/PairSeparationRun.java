package org.anisoscope.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.anisoscope.Version;
import org.anisoscope.analysis.PairSeparation;
import org.anisoscope.io.AtomicFiles;
import org.anisoscope.io.ClCsv;
import org.anisoscope.io.Json;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.plot.LinePlot;
import org.anisoscope.plot.SeparationPlot;

/**
 * A measurement of how fast neighbouring arrival directions part ({@link PairSeparation}), with
 * what `separation` and the window's Run menu show of it: the report, the figure and the files.
 *
 * @param p          ρ, η, seed, dt, λ_min, the number of field realisations and (its last time) T_max
 * @param directions reference directions per realisation
 */
public record PairSeparationRun(SimulationParameters p, int directions, double[] angles, double[] distances, int threads) {
    /** The angles and distances the command and the window take unless told otherwise. */
    public static final double[] DEFAULT_ANGLES = {1e-1, 1e-2, 1e-3, 1e-4, 1e-5}, DEFAULT_DISTANCES = {0.1, 1, 10};

    public PairSeparationRun {
        PairSeparation.check(directions, angles, distances);
        angles = angles.clone();
        distances = distances.clone();
    }

    /** Runs it; realisationDone (may be null) is told each field done; a cancel throws CancellationException. */
    public PairSeparation.Result run(IntConsumer realisationDone, BooleanSupplier cancelled) {
        return PairSeparation.measure(p, directions, angles, distances, threads, realisationDone, cancelled);
    }

    /** The table the command prints (and the window shows). */
    public List<String> report(PairSeparation.Result r) {
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder("  theta (rad)");
        for (double d : r.distances()) head.append(String.format(Locale.ROOT, "   t_sep to %-5s r_g", ClCsv.fmt(d)));
        lines.add(head.toString());
        for (int k = 0; k < r.angles().length; k++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-11.3g", r.angles()[k]));
            for (int q = 0; q < r.distances().length; q++) {
                String v = String.format(Locale.ROOT, "%.4g ± %.2g", r.meanTime()[k][q], r.meanErr()[k][q]);
                if (r.notParted()[k][q] > 0) v += String.format(Locale.ROOT, " (%d not)", r.notParted()[k][q]);
                row.append(String.format(Locale.ROOT, "   %-20s", v));
            }
            lines.add(row.toString());
        }
        for (int q = 0; q < r.distances().length; q++) {
            StringBuilder local = new StringBuilder();
            for (int k = 0; k + 1 < r.angles().length; k++) {
                double[] e = r.localEfold(k, q);
                local.append(String.format(Locale.ROOT, "%s%.3g ± %.2g", k == 0 ? "" : ", ", e[0], e[1]));
            }
            lines.add(String.format(Locale.ROOT, "d = %s r_g: tau_L = %.4g ± %.2g /Omega_rms (between consecutive angles: %s); tail C_l l^2 = %.3g",
                    ClCsv.fmt(r.distances()[q]), r.efold()[q], r.efoldErr()[q], local, r.tailClL2(q, r.kzz(), p.rho())));
        }
        lines.add(String.format(Locale.ROOT, "K_zz of the %d reference particles: %.4g ± %.2g r_g c (tail: 4 pi K_zz g^2 tau_L, |g| = 1/L_c)",
                r.pairs(), r.kzz(), r.kzzErr()));
        int notParted = 0;
        for (int[] row : r.notParted()) for (int v : row) notParted += v;
        if (notParted > 0) {
            lines.add(String.format(Locale.ROOT, "note: %d pair-distance cases had not parted by Omega_rms T = %.4g: the means leave them out "
                    + "(early parting weighs more) and a tau_L needs every angle parted; give a later --t-max", notParted, r.tMax()));
        }
        double tauS = p.tauSQlt();
        if (p.slab() && r.tMax() < 5 * tauS) {
            lines.add(String.format(Locale.ROOT, "note: T_max is %.2g tau_s (QLT): the reference particles' K_zz needs T >> tau_s, and so does "
                    + "the tail printed with it", r.tMax() / tauS));
        }
        return lines;
    }

    /** The figure: mean t_sep against θ on a logarithmic axis. */
    public LinePlot figure(PairSeparation.Result r) {
        return SeparationPlot.of(p.rho(), p.eta(), r.pairs(), r.angles(), r.distances(), r.meanTime(), r.meanErr(), r.efold());
    }

    /** Writes dir/separation.csv and dir/separation.json (atomically), with the seed and the version. */
    public void write(Path dir, PairSeparation.Result r) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder("# anisoscope " + Version.get() + " separation; seed " + p.seed() + "; rho " + p.rho() + "; eta "
                + p.eta() + "; times Omega_rms t, distances r_g\nangle_rad,distance_rg,mean_t_sep,mean_t_sep_err,not_parted,pairs\n");
        for (int k = 0; k < r.angles().length; k++) {
            for (int q = 0; q < r.distances().length; q++) {
                csv.append(ClCsv.fmt(r.angles()[k])).append(',').append(ClCsv.fmt(r.distances()[q])).append(',')
                        .append(ClCsv.fmt(r.meanTime()[k][q])).append(',').append(ClCsv.fmt(r.meanErr()[k][q])).append(',')
                        .append(r.notParted()[k][q]).append(',').append(r.pairs()).append('\n');
            }
        }
        AtomicFiles.writeString(dir.resolve("separation.csv"), csv.toString());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("version", Version.get());
        s.put("seed", p.seed());
        s.put("realisation_seeds", java.util.stream.IntStream.range(0, p.realisations()).mapToLong(p::realisationSeed).toArray());
        Map<String, Object> par = RunFiles.fieldParams(p);
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
        Json.write(dir.resolve("separation.json"), s);
    }
}
