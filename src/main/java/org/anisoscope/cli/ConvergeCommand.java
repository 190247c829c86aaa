package org.anisoscope.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anisoscope.Version;
import org.anisoscope.analysis.Convergence;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.io.AtomicFiles;
import org.anisoscope.io.ClCsv;
import org.anisoscope.io.Json;
import org.anisoscope.physics.Qlt;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.run.Engines;
import org.anisoscope.run.RunFiles;
import org.anisoscope.run.SimulationRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "converge", mixinStandardHelpOptions = true,
        description = {"Shows whether a run is converged in its step or its smallest wavelength: runs the same seeds twice, the second "
                + "with dt (or lambda_min) halved, and compares K_zz(T), C_l and the total power realisation by realisation at every snapshot.",
                "Each difference is judged against --tolerance (relative to the halved run's value; for C_l its noise-subtracted C_l^sub) "
                        + "at --confidence: converged (bounded below it), not converged (significantly above it) or unresolved (more "
                        + "realisations would tell); C_l dominated by shot noise are not judged.",
                "Writes DIR/convergence.csv, DIR/convergence.json and both runs' files in DIR/base and DIR/halved."})
final class ConvergeCommand implements Callable<Integer> {
    @Mixin Inputs.Scales scales;
    @Option(names = "--eta", defaultValue = "0.5", description = "turbulence level (default ${DEFAULT-VALUE})") double eta;
    @Option(names = "--nside", defaultValue = "16") int nside;
    @Option(names = "--realisations", defaultValue = "8", description = "paired realisations, at least 3 (default ${DEFAULT-VALUE})") int realisations;
    @Option(names = "--t-max", defaultValue = "20tau", description = "last backtracking time: Omega_rms T, or e.g. 30tau (default ${DEFAULT-VALUE})") String tMax;
    @Option(names = "--snapshots", defaultValue = "12") int snapshots;
    @Mixin Inputs.Backtracking bt;
    @Option(names = "--halve", defaultValue = "dt", description = "what the second run halves: dt or lambda-min (default ${DEFAULT-VALUE})") String halve;
    @Option(names = "--multipoles", split = ",", defaultValue = "1,2,3,5,10", description = "the C_l compared (default ${DEFAULT-VALUE})")
    List<Integer> multipoles;
    @Option(names = "--tolerance", defaultValue = "0.05", description = "largest relative difference called converged (default ${DEFAULT-VALUE})")
    double tolerance;
    @Option(names = "--confidence", defaultValue = "0.95", description = "two-sided confidence of the verdicts (default ${DEFAULT-VALUE})")
    double confidence;
    @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

    @Override
    public Integer call() throws Exception {
        double rho = scales.rho();
        if (!(eta > 0 && eta < 1)) throw new IllegalArgumentException("--eta must be strictly between 0 and 1; got " + eta);
        if (realisations < 3) throw new IllegalArgumentException("--realisations must be at least 3: the errors are the paired differences' scatter");
        if (snapshots < 1 || snapshots > 1000) throw new IllegalArgumentException("--snapshots must be between 1 and 1000; got " + snapshots);
        if (!(tolerance > 0 && tolerance < 1)) throw new IllegalArgumentException("--tolerance must be between 0 and 1 (0.05 is 5 %); got " + tolerance);
        if (!(confidence > 0 && confidence < 1)) throw new IllegalArgumentException("--confidence must be between 0 and 1; got " + confidence);
        boolean stepHalved = switch (halve.toLowerCase(Locale.ROOT)) {
            case "dt" -> true;
            case "lambda-min", "lambda_min" -> false;
            default -> throw new IllegalArgumentException("--halve must be dt or lambda-min; got " + halve);
        };
        int lmax = 3 * nside - 1;
        for (int l : multipoles) {
            if (l < 1 || l > lmax) throw new IllegalArgumentException("--multipoles must lie in 1.." + lmax + " (3 nside - 1); got " + l);
        }
        int[] ls = multipoles.stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
        double tmax = SimulateCommand.parseTime(tMax, Qlt.tauS(rho, eta));
        SimulationParameters base = new SimulationParameters(rho, eta, scales.brms, scales.outer, nside, realisations, bt.seed, bt.lambdaMinRg,
                bt.dt, SimulationParameters.logTimes(Math.min(0.1, tmax / 2), tmax, snapshots, bt.dt));
        // the base run's snapshots lie on its steps, hence on the halved run's too: both stop at the same times
        SimulationParameters halved = new SimulationParameters(rho, eta, scales.brms, scales.outer, nside, realisations, bt.seed,
                stepHalved ? bt.lambdaMinRg : 2 * bt.lambdaMinRg, stepHalved ? bt.dt / 2 : bt.dt, base.times());
        SimulateCommand.checkMemory(base);
        int th = bt.threads();
        Files.createDirectories(out);
        if (!Files.isWritable(out)) throw new IllegalArgumentException("--out " + out + " is not writable");
        Engines.Choice choice = Engines.choose(bt.engine, th);
        if (choice.notice() != null) System.err.println(choice.notice());
        String what = stepHalved ? "dt" : "lambda_min";
        System.err.printf(Locale.ROOT, "rho = %.4g, eta = %.3g, nside %d, %d realisations to Omega_rms T = %.4g; %s = %s, then %s%n", rho, eta,
                nside, realisations, base.times()[snapshots - 1], what, setting(base, stepHalved), setting(halved, stepHalved));
        SimulationRun.Outcome a = run(base, "base", choice, th);
        SimulationRun.Outcome b = run(halved, what + " halved", choice, th);
        Convergence.Result c = Convergence.compare(a.ensemble(), b.ensemble(), ls, tolerance, confidence);
        write(c, base, halved, stepHalved, choice.engine().name());
        report(c, base, halved, stepHalved);
        return 0;
    }

    private SimulationRun.Outcome run(SimulationParameters p, String label, Engines.Choice choice, int th) throws java.io.IOException {
        long start = System.nanoTime();
        SimulationRun.Outcome o = new SimulationRun(p, choice.engine(), th, 0).run(new ProgressLine(label, p.realisations()), () -> false);
        System.err.println();
        if (o.error() != null) throw new IllegalStateException(label + " run: " + o.error());
        Path dir = out.resolve(label.startsWith("base") ? "base" : "halved");
        Files.createDirectories(dir);
        RunFiles.write(dir, p, o, Ensemble.KSource.RUN, choice.engine().name(), (System.nanoTime() - start) / 1e9, scales.volts());
        return o;
    }

    private static String setting(SimulationParameters p, boolean step) {
        return step ? String.format(Locale.ROOT, "%.4g/Omega_rms", p.dt()) : String.format(Locale.ROOT, "r_g/%.4g", p.lambdaMinRg());
    }

    private static final Map<Convergence.Verdict, String> MARK = Map.of(Convergence.Verdict.CONVERGED, " ", Convergence.Verdict.UNRESOLVED, "?",
            Convergence.Verdict.NOT_CONVERGED, "!", Convergence.Verdict.NOISE, "~");

    private void report(Convergence.Result c, SimulationParameters base, SimulationParameters halved, boolean step) {
        double tau = Qlt.tauS(base.rho(), base.eta());
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%11s %8s", "Omega_rms T", "T/tau_s"));
        for (String q : c.quantities()) h.append(String.format(Locale.ROOT, " %16s", q));
        System.out.println("relative difference base - halved, % of the halved run's value, ± 1 sigma (paired over " + c.realisations()
                + " realisations)");
        System.out.println(h);
        for (int s = 0; s < c.times().length; s++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%11.4g %8.3g", c.times()[s], c.times()[s] / tau));
            for (Convergence.Cell cell : c.cells()[s]) {
                String v = cell.verdict() == Convergence.Verdict.NOISE ? "noise"
                        : String.format(Locale.ROOT, "%+.2g±%.2g", 100 * cell.relative(), 100 * cell.relativeError());
                row.append(String.format(Locale.ROOT, " %15s%s", v, MARK.get(cell.verdict())));
            }
            System.out.println(row);
        }
        System.out.println("marks: ? unresolved, ! not converged, ~ shot noise (C_l^sub below twice its error: not judged)");
        for (int j = 0; j < c.quantities().size(); j++) {
            double b = c.bound(j);
            if (Double.isNaN(b)) {
                System.out.printf(Locale.ROOT, "  %-8s shot noise at every time: not judged%n", c.quantities().get(j));
                continue;
            }
            System.out.printf(Locale.ROOT, "  %-8s |difference| < %.3g %% at every judged time (each at %.3g %%): %d converged, %d unresolved, %d not "
                            + "converged, %d shot noise%n", c.quantities().get(j), 100 * b, 100 * confidence,
                    c.count(j, Convergence.Verdict.CONVERGED), c.count(j, Convergence.Verdict.UNRESOLVED), c.count(j, Convergence.Verdict.NOT_CONVERGED),
                    c.count(j, Convergence.Verdict.NOISE));
        }
        String tol = String.format(Locale.ROOT, "%.3g %%", 100 * tolerance), conf = String.format(Locale.ROOT, "%.3g %%", 100 * confidence);
        String option = step ? String.format(Locale.ROOT, "--dt %.4g", halved.dt()) : String.format(Locale.ROOT, "--lambda-min-rg %.4g", halved.lambdaMinRg());
        switch (c.overall()) {
            case CONVERGED -> System.out.printf(Locale.ROOT, "converged: every difference is below %s of its value at %s confidence; %s = %s is fine%n",
                    tol, conf, step ? "dt" : "lambda_min", setting(base, step));
            case NOT_CONVERGED -> {
                Convergence.Cell w = c.worst(Convergence.Verdict.NOT_CONVERGED);
                System.out.printf(Locale.ROOT, "not converged: %d difference%s significantly above %s (largest %+.3g ± %.2g %%); use %s or smaller "
                                + "and check again%n", c.count(Convergence.Verdict.NOT_CONVERGED), c.count(Convergence.Verdict.NOT_CONVERGED) == 1 ? " is" : "s are",
                        tol, 100 * w.relative(), 100 * w.relativeError(), option);
            }
            case UNRESOLVED, NOISE -> System.out.printf(Locale.ROOT, "unresolved: none is significantly above %s, but %d could be; "
                    + "more --realisations would tell%n", tol, c.count(Convergence.Verdict.UNRESOLVED));
        }
        System.out.println("wrote " + out.resolve("convergence.csv") + " and " + out.resolve("convergence.json"));
    }

    private void write(Convergence.Result c, SimulationParameters base, SimulationParameters halved, boolean step, String engine)
            throws java.io.IOException {
        double tau = Qlt.tauS(base.rho(), base.eta());
        StringBuilder csv = new StringBuilder("# anisoscope " + Version.get() + " converge; seed " + base.seed() + "; " + (step ? "dt " + base.dt()
                + " vs " + halved.dt() : "lambda_min r_g/" + base.lambdaMinRg() + " vs r_g/" + halved.lambdaMinRg())
                + "; difference = base - halved; reference = halved run's value (C_l: C_l^sub); K_zz " + ClCsv.fmt(c.kzz()) + " r_g c in both maps\n");
        csv.append("time,time_over_tau_s_qlt,quantity,reference,difference,error,relative,relative_error,verdict\n");
        List<List<Object>> ref = new ArrayList<>(), diff = new ArrayList<>(), err = new ArrayList<>(), ver = new ArrayList<>();
        for (int s = 0; s < c.times().length; s++) {
            List<Object> r1 = new ArrayList<>(), r2 = new ArrayList<>(), r3 = new ArrayList<>(), r4 = new ArrayList<>();
            for (int q = 0; q < c.quantities().size(); q++) {
                Convergence.Cell cell = c.cells()[s][q];
                csv.append(ClCsv.fmt(c.times()[s])).append(',').append(ClCsv.fmt(c.times()[s] / tau)).append(',').append(c.quantities().get(q))
                        .append(',').append(ClCsv.fmt(cell.reference())).append(',').append(ClCsv.fmt(cell.difference())).append(',')
                        .append(ClCsv.fmt(cell.error())).append(',').append(ClCsv.fmt(cell.relative())).append(',')
                        .append(ClCsv.fmt(cell.relativeError())).append(',').append(cell.verdict().name().toLowerCase(Locale.ROOT)).append('\n');
                r1.add(cell.reference());
                r2.add(cell.difference());
                r3.add(cell.error());
                r4.add(cell.verdict().name().toLowerCase(Locale.ROOT));
            }
            ref.add(r1);
            diff.add(r2);
            err.add(r3);
            ver.add(r4);
        }
        AtomicFiles.writeString(out.resolve("convergence.csv"), csv.toString());
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("version", Version.get());
        j.put("seed", base.seed());
        j.put("engine", engine);
        j.put("halved", step ? "dt" : "lambda_min");
        j.put("dt", new double[] {base.dt(), halved.dt()});
        j.put("lambda_min_rg", new double[] {base.lambdaMinRg(), halved.lambdaMinRg()});
        Map<String, Object> par = new LinkedHashMap<>();
        par.put("rho", base.rho());
        par.put("eta", base.eta());
        par.put("brms_ug", base.brmsMicroGauss());
        par.put("outer_scale_pc", base.outerScalePc());
        par.put("nside", base.nside());
        par.put("realisations", base.realisations());
        j.put("params", par);
        j.put("kzz_in_maps", c.kzz());
        j.put("tolerance", c.tolerance());
        j.put("confidence", c.confidence());
        j.put("t_quantile", c.quantile());
        j.put("paired_realisations", c.realisations());
        j.put("verdict", c.overall().name().toLowerCase(Locale.ROOT));
        List<Double> bounds = new ArrayList<>();
        for (int q = 0; q < c.quantities().size(); q++) bounds.add(Double.isNaN(c.bound(q)) ? null : c.bound(q));
        j.put("bound_relative", bounds);
        j.put("quantities", c.quantities());
        j.put("times", c.times());
        j.put("reference", ref);
        j.put("difference", diff);
        j.put("error", err);
        j.put("verdicts", ver);
        j.put("meaning", "difference = base - halved, mean over paired realisations, error its standard error; reference = the halved "
                + "run's K_zz(T), C_l^sub or total power (l >= 1) over the noise; converged: |difference| + q error <= tolerance |reference|; "
                + "not_converged: |difference| - q error > tolerance |reference|; noise: C_l^sub below twice its error, not judged; "
                + "bound_relative: per quantity, the largest (|difference| + q error)/|reference| over the judged times");
        Json.write(out.resolve("convergence.json"), j);
    }
}
