package org.anisoscope.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.anisoscope.Version;
import org.anisoscope.analysis.Convergence;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.io.AtomicFiles;
import org.anisoscope.io.ClCsv;
import org.anisoscope.io.Json;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.plot.ConvergencePlot;
import org.anisoscope.plot.LinePlot;
import org.anisoscope.tracking.Backtracker;

/**
 * A convergence check as the CLI's `converge` and the window's Run menu make it: the run's
 * parameters, then the same seeds with dt or λ_min halved, compared by {@link Convergence}; the
 * report's text and its files. Owns no thread and no toolkit.
 */
public final class ConvergenceCheck {
    /** The numerical setting the second run halves. */
    public enum Setting {
        DT("dt"), LAMBDA_MIN("lambda_min");

        public final String label;

        Setting(String label) { this.label = label; }

        /** "dt" or "lambda-min" (as the CLI spells it). */
        public static Setting parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "dt" -> DT;
                case "lambda-min", "lambda_min" -> LAMBDA_MIN;
                default -> throw new IllegalArgumentException("--halve must be dt or lambda-min; got " + s);
            };
        }
    }

    /** The multipoles compared unless told otherwise (those a map resolves). */
    public static final int[] DEFAULT_MULTIPOLES = {1, 2, 3, 5, 10};

    /** Progress over both runs. */
    public interface Progress {
        void update(double fraction, String label, int realisation, double time);
    }

    private final SimulationParameters base, halved;
    private final Setting setting;
    private final Backtracker engine;
    private final Ensemble.KSource kSource;
    private final int threads;
    private final int[] multipoles;
    private final double tolerance, confidence;
    private SimulationRun.Outcome baseOutcome, halvedOutcome;
    private double baseSeconds, halvedSeconds;

    /**
     * @param base       the run as the user set it; its snapshot times lie on its steps, hence on the
     *                   halved run's, so both stop at the same times
     * @param kSource    where both runs' maps and noise take K_zz from (as `simulate --k-source`)
     * @param multipoles compared C_ℓ, each in 1 .. 3 nside − 1
     */
    public ConvergenceCheck(SimulationParameters base, Setting setting, Backtracker engine, Ensemble.KSource kSource, int threads,
                            int[] multipoles, double tolerance, double confidence) {
        if (base.realisations() < 3)
            throw new IllegalArgumentException("a convergence check needs at least 3 realisations (the errors are the paired differences' scatter); got "
                    + base.realisations());
        if (!(tolerance > 0 && tolerance < 1)) throw new IllegalArgumentException("the tolerance must be between 0 and 1 (0.05 is 5 %); got " + tolerance);
        if (!(confidence > 0 && confidence < 1)) throw new IllegalArgumentException("the confidence must be between 0 and 1; got " + confidence);
        int lmax = base.lmax();
        for (int l : multipoles) {
            if (l < 1 || l > lmax) throw new IllegalArgumentException("the multipoles must lie in 1.." + lmax + " (the run's lmax); got " + l);
        }
        if (setting == Setting.LAMBDA_MIN && 2 * base.lambdaMinRg() > 1e4)
            throw new IllegalArgumentException("lambda_min = r_g/" + base.lambdaMinRg() + " cannot be halved below r_g/10000");
        this.base = base;
        this.halved = new SimulationParameters(base.rho(), base.eta(), base.brmsMicroGauss(), base.outerScalePc(), base.nside(), base.realisations(),
                base.seed(), setting == Setting.LAMBDA_MIN ? 2 * base.lambdaMinRg() : base.lambdaMinRg(),
                setting == Setting.DT ? base.dt() / 2 : base.dt(), base.times(), base.gradientAngleDeg(), base.lmax(), base.spectralIndex())
                .withTurbulence(base.geometry(), base.modes());
        this.setting = setting;
        this.engine = engine;
        this.kSource = kSource;
        this.threads = threads;
        this.multipoles = java.util.Arrays.stream(multipoles).distinct().sorted().toArray();
        this.tolerance = tolerance;
        this.confidence = confidence;
    }

    /** The multipoles of {@link #DEFAULT_MULTIPOLES} up to a run's lmax. */
    public static int[] defaultMultipoles(int lmax) {
        return java.util.Arrays.stream(DEFAULT_MULTIPOLES).filter(l -> l <= lmax).toArray();
    }

    public SimulationParameters base() { return base; }

    public SimulationParameters halved() { return halved; }

    public Setting setting() { return setting; }

    /** The setting's value in a run, as a user reads it. */
    public String value(SimulationParameters p) {
        return setting == Setting.DT ? num(p.dt()) + "/Omega_rms" : "r_g/" + num(p.lambdaMinRg());
    }

    /** Four significant digits without trailing zeros: 0.05, 0.025, 300. */
    private static String num(double v) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
    }

    /**
     * Runs both, the base first; null when cancelled. An engine failure throws
     * IllegalStateException with its message.
     */
    public Convergence.Result run(Progress progress, BooleanSupplier cancelled) {
        long t0 = System.nanoTime();
        baseOutcome = one(base, "base", 0, progress, cancelled);
        long t1 = System.nanoTime();
        baseSeconds = (t1 - t0) / 1e9;
        if (baseOutcome == null) return null;
        halvedOutcome = one(halved, setting.label + " halved", 1, progress, cancelled);
        halvedSeconds = (System.nanoTime() - t1) / 1e9;
        if (halvedOutcome == null) return null;
        return Convergence.compare(baseOutcome.ensemble(), halvedOutcome.ensemble(), kSource, multipoles, tolerance, confidence);
    }

    private SimulationRun.Outcome one(SimulationParameters p, String label, int which, Progress progress, BooleanSupplier cancelled) {
        // the halved run does twice the steps (dt) or about the same (lambda_min): weight the bar by that
        double w0 = setting == Setting.DT ? 1 / 3.0 : 0.5;
        SimulationRun.Outcome o = new SimulationRun(p, engine, threads, 0).run(new SimulationRun.Listener() {
            @Override
            public void progress(double f, int r, double t) {
                progress.update(which == 0 ? w0 * f : w0 + (1 - w0) * f, label, r, t);
            }
        }, cancelled);
        if (o.error() != null) throw new IllegalStateException(label + " run: " + o.error());
        return o.partial() ? null : o;
    }

    private static final Map<Convergence.Verdict, String> MARK = Map.of(Convergence.Verdict.CONVERGED, " ", Convergence.Verdict.UNRESOLVED, "?",
            Convergence.Verdict.NOT_CONVERGED, "!", Convergence.Verdict.NOISE, "~");

    /** The report as lines of plain text: the table per snapshot, one line per quantity, the verdict. */
    public List<String> report(Convergence.Result c) {
        List<String> out = new ArrayList<>();
        double tau = qltTauS();
        out.add(String.format(Locale.ROOT, "%s %s vs %s, the same %d realisations (seed %d); relative difference base - halved in %% of the "
                + "halved run's value, ± 1 sigma", setting.label, value(base), value(halved), c.realisations(), base.seed()));
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%11s %8s", "Omega_rms T", "T/tau_s"));
        for (String q : c.quantities()) h.append(String.format(Locale.ROOT, " %16s", q));
        out.add(h.toString());
        for (int s = 0; s < c.times().length; s++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%11.4g %8.3g", c.times()[s], c.times()[s] / tau));
            for (Convergence.Cell cell : c.cells()[s]) {
                String v = cell.verdict() == Convergence.Verdict.NOISE ? "noise"
                        : String.format(Locale.ROOT, "%+.2g±%.2g", 100 * cell.relative(), 100 * cell.relativeError());
                row.append(String.format(Locale.ROOT, " %15s%s", v, MARK.get(cell.verdict())));
            }
            out.add(row.toString());
        }
        out.add("marks: ? unresolved, ~ shot noise (C_l^sub below twice its error: not judged), ! not converged:");
        out.add(String.format(Locale.ROOT, "  beyond the tolerance by more than %.3g sigma (the Bonferroni quantile over the table's %d judged cells)",
                c.familyQuantile(), c.cells().length * c.quantities().size() - c.count(Convergence.Verdict.NOISE)));
        double[] k = c.kzz();
        out.add(c.kSource() == Ensemble.KSource.QLT
                ? String.format(Locale.ROOT, "  K_zz in both runs' maps and noise: %.4g r_g c from QLT (the C_l differences are the trajectories' alone)", k[1])
                : String.format(Locale.ROOT, "  K_zz plateau in each run's maps and noise: %.4g (base), %.4g (halved) r_g c, difference %+.2g ± %.2g %%; "
                        + "early C_l move with its square", k[0], k[1], 100 * (k[0] - k[1]) / k[1], 100 * c.kzzDifferenceError() / k[1]));
        for (int j = 0; j < c.quantities().size(); j++) {
            double b = c.bound(j);
            if (Double.isNaN(b)) {
                out.add(String.format(Locale.ROOT, "  %-8s shot noise at every time: not judged", c.quantities().get(j)));
                continue;
            }
            out.add(String.format(Locale.ROOT, "  %-8s |difference| < %.3g %% at every judged time (each at %.3g %%): %d converged, %d unresolved, "
                            + "%d not converged, %d shot noise", c.quantities().get(j), 100 * b, 100 * confidence,
                    c.count(j, Convergence.Verdict.CONVERGED), c.count(j, Convergence.Verdict.UNRESOLVED), c.count(j, Convergence.Verdict.NOT_CONVERGED),
                    c.count(j, Convergence.Verdict.NOISE)));
        }
        out.add(verdict(c));
        return out;
    }

    /** The check's figure, as `figure --what convergence` draws it from the files. */
    public LinePlot figure(Convergence.Result c) {
        int ns = c.times().length, nq = c.quantities().size();
        double[][] rel = new double[ns][nq], err = new double[ns][nq];
        for (int s = 0; s < ns; s++) {
            for (int q = 0; q < nq; q++) {
                Convergence.Cell cell = c.cells()[s][q];
                boolean noise = cell.verdict() == Convergence.Verdict.NOISE;
                rel[s][q] = noise ? Double.NaN : 100 * cell.relative();
                err[s][q] = noise ? Double.NaN : 100 * cell.relativeError();
            }
        }
        String setting = this.setting == Setting.DT ? "dt " + num(base.dt()) + " → " + num(halved.dt())
                : "λ_min r_g/" + num(base.lambdaMinRg()) + " → r_g/" + num(halved.lambdaMinRg());
        String title = ConvergencePlot.title(setting, base.rho(), base.eta(), Integer.toString(base.nside()), Integer.toString(c.realisations()));
        String note = ConvergencePlot.note(c.kSource().name().toLowerCase(Locale.ROOT), c.overall().name().toLowerCase(Locale.ROOT));
        return ConvergencePlot.of(c.quantities(), c.times(), rel, err, tolerance, qltTauS(), title, note);
    }

    /** QLT's τ_s, for the tables' T/τ_s and the figure's marker: slab turbulence's, NaN for isotropic turbulence (no QLT here). */
    private double qltTauS() {
        return base.slab() ? base.tauSQlt() : Double.NaN;
    }

    /** The one-line verdict with what to do next. */
    public String verdict(Convergence.Result c) {
        String tol = String.format(Locale.ROOT, "%.3g %%", 100 * tolerance), conf = String.format(Locale.ROOT, "%.3g %%", 100 * confidence);
        String option = setting == Setting.DT ? "dt = " + num(halved.dt()) : "lambda_min = r_g/" + num(halved.lambdaMinRg());
        return switch (c.overall()) {
            case CONVERGED -> String.format(Locale.ROOT, "converged: every difference is below %s of its value at %s confidence; %s = %s is fine",
                    tol, conf, setting.label, value(base));
            case NOT_CONVERGED -> {
                Convergence.Cell w = c.worst(Convergence.Verdict.NOT_CONVERGED);
                int n = c.count(Convergence.Verdict.NOT_CONVERGED);
                yield String.format(Locale.ROOT, "not converged: %d difference%s significantly above %s (largest %+.3g ± %.2g %%); use %s or smaller "
                        + "and check again", n, n == 1 ? " is" : "s are", tol, 100 * w.relative(), 100 * w.relativeError(), option);
            }
            case UNRESOLVED, NOISE -> String.format(Locale.ROOT, "unresolved: none is significantly above %s, but %d could be; more realisations "
                    + "would tell", tol, c.count(Convergence.Verdict.UNRESOLVED));
        };
    }

    /**
     * Writes dir/convergence.csv, dir/convergence.json and both runs' files (dir/base, dir/halved,
     * as `simulate` writes them), atomically file by file.
     */
    public void write(Path dir, Convergence.Result c, String engineName, Double rigidityVolts) throws java.io.IOException {
        if (baseOutcome == null || halvedOutcome == null) throw new IllegalStateException("the check has not run to the end");
        Files.createDirectories(dir);
        Path b = dir.resolve("base"), h = dir.resolve("halved");
        Files.createDirectories(b);
        Files.createDirectories(h);
        RunFiles.write(b, base, baseOutcome, kSource, engineName, baseSeconds, rigidityVolts);
        RunFiles.write(h, halved, halvedOutcome, kSource, engineName, halvedSeconds, rigidityVolts);
        double tau = qltTauS();
        StringBuilder csv = new StringBuilder("# anisoscope " + Version.get() + " converge; seed " + base.seed() + "; " + setting.label + " "
                + value(base) + " vs " + value(halved) + "; difference = base - halved, K_zz " + ClCsv.fmt(c.kzz()[0]) + ", " + ClCsv.fmt(c.kzz()[1])
                + " r_g c (" + (c.kSource() == Ensemble.KSource.QLT ? "QLT" : "each run's plateau") + "); reference = halved run's value (C_l: C_l^sub)\n");
        csv.append("time,time_over_tau_s_qlt,quantity,reference,difference,error,relative,relative_error,verdict\n");
        List<List<Object>> ref = new ArrayList<>(), diff = new ArrayList<>(), err = new ArrayList<>(), ver = new ArrayList<>();
        for (int s = 0; s < c.times().length; s++) {
            List<Object> r1 = new ArrayList<>(), r2 = new ArrayList<>(), r3 = new ArrayList<>(), r4 = new ArrayList<>();
            for (int q = 0; q < c.quantities().size(); q++) {
                Convergence.Cell cell = c.cells()[s][q];
                String v = cell.verdict().name().toLowerCase(Locale.ROOT);
                csv.append(ClCsv.fmt(c.times()[s])).append(',').append(ClCsv.fmt(c.times()[s] / tau)).append(',').append(c.quantities().get(q))
                        .append(',').append(ClCsv.fmt(cell.reference())).append(',').append(ClCsv.fmt(cell.difference())).append(',')
                        .append(ClCsv.fmt(cell.error())).append(',').append(ClCsv.fmt(cell.relative())).append(',')
                        .append(ClCsv.fmt(cell.relativeError())).append(',').append(v).append('\n');
                r1.add(cell.reference());
                r2.add(cell.difference());
                r3.add(cell.error());
                r4.add(v);
            }
            ref.add(r1);
            diff.add(r2);
            err.add(r3);
            ver.add(r4);
        }
        AtomicFiles.writeString(dir.resolve("convergence.csv"), csv.toString());
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("version", Version.get());
        j.put("seed", base.seed());
        j.put("engine", engineName);
        j.put("halved", setting.label);
        j.put("dt", new double[] {base.dt(), halved.dt()});
        j.put("lambda_min_rg", new double[] {base.lambdaMinRg(), halved.lambdaMinRg()});
        Map<String, Object> par = RunFiles.fieldParams(base);
        par.put("brms_ug", base.brmsMicroGauss());
        par.put("outer_scale_pc", base.outerScalePc());
        par.put("nside", base.nside());
        par.put("realisations", base.realisations());
        if (base.slab()) par.put("tau_s_qlt", base.tauSQlt());
        par.put("gradient_angle_deg", base.gradientAngleDeg());
        j.put("params", par);
        j.put("k_source", c.kSource().name().toLowerCase(Locale.ROOT));
        j.put("kzz", c.kzz());
        j.put("kzz_difference_error", c.kzzDifferenceError());
        j.put("tolerance", c.tolerance());
        j.put("confidence", c.confidence());
        j.put("t_quantile", c.quantile());
        j.put("t_quantile_family", c.familyQuantile());
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
        j.put("meaning", "difference = base - halved as each run shows it (K_zz of maps and noise from k_source), error the jackknife over "
                + "paired realisations; reference = the halved "
                + "run's K_zz(T), C_l^sub or total power (l >= 1) over the noise; converged: |difference| + q error <= tolerance |reference|; "
                + "not_converged: |difference| - q_family error > tolerance |reference| (q_family: Bonferroni over the judged cells); "
                + "noise: C_l^sub below twice its error, not judged; "
                + "bound_relative: per quantity, the largest (|difference| + q error)/|reference| over the judged times");
        Json.write(dir.resolve("convergence.json"), j);
    }
}
