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
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.analysis.OmegaDtFit;
import org.anisoscope.analysis.PowerLaw;
import org.anisoscope.io.AtomicFiles;
import org.anisoscope.io.ClCsv;
import org.anisoscope.io.Json;
import org.anisoscope.mixing.SpectrumFit;
import org.anisoscope.physics.Qlt;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.physics.Units;
import org.anisoscope.run.Engines;
import org.anisoscope.run.SimulationRun;
import picocli.CommandLine.ArgGroup;
import org.anisoscope.io.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Runs simulate at several rigidities and tabulates what the paper's Figs. 6 and 7 show: Omega_0 dT fitted to each "
                + "C_l^sub with its constant Omega_0 dT / (Omega_0 tau_s)^(1/3) (Eq. 51: ~4), and the dipole strengths <C_1>^sub "
                + "and <C_1>^QLT = 4 pi |<Phi>|^2 (Eqs. 55, 57; ~2 apart at eta = 0.5) with 1/<cos alpha>^2. Slab turbulence (the "
                + "paper's): the fits are to the mixing matrix, which is its theory.",
                "Everything is taken at the last snapshot, which should lie a few tau_s out (the default 20tau does). Writes "
                        + "DIR/scan.csv and DIR/scan.json (rewritten after each rigidity) and each run's files in DIR/<rigidity>/."})
final class ScanCommand implements Callable<Integer> {
    static final class Values {
        @Option(names = "--rigidities", split = ",", paramLabel = "R", hideParamSyntax = true, description = "e.g. 10TV,100TV,1PV,10PV") List<String> rigidities;
        @Option(names = "--rhos", split = ",", paramLabel = "RHO", hideParamSyntax = true, description = "normalised rigidities r_g/L_c, e.g. 8.9e-4,8.9e-3") List<Double> rhos;
    }

    @ArgGroup(exclusive = true, multiplicity = "1") Values values;
    @Option(names = "--brms-ug", defaultValue = "4", description = "B_rms in microgauss (default ${DEFAULT-VALUE})") double brms;
    @Option(names = "--outer-scale-pc", defaultValue = "150", description = "L_max in pc; L_c = L_max/5 (default ${DEFAULT-VALUE})") double outer;
    @picocli.CommandLine.Mixin Inputs.Eta turbulence;
    @Option(names = "--nside", defaultValue = "16") int nside;
    @Option(names = "--realisations", defaultValue = "12", description = "per rigidity, at least 2 (default ${DEFAULT-VALUE})") int realisations;
    @Option(names = "--t-max", defaultValue = "20tau", description = "last backtracking time, Omega_rms T or a multiple of each rigidity's tau_s (default ${DEFAULT-VALUE})")
    String tMax;
    @Option(names = "--snapshots", defaultValue = "16") int snapshots;
    @Mixin Inputs.Backtracking bt;
    @Mixin Inputs.SpectraLmax spectra;
    @picocli.CommandLine.Mixin FileOptions.OutFolder output;
    @Option(names = "--shard", paramLabel = "K/N", description = "compute only share K of N of every rigidity's realisations into --out, a scan "
            + "shard's folder; merge SHARD... --out DIR then writes the scan one process would have (a cluster: the slurm command)") String shard;
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec command;

    /** A scan shard's manifest: the scan's own words (without --out, --shard, --force) and its rigidities' folders. */
    static final String SHARD_FILE = "scan-shard.json";

    record ScanShard(String what, String version, String shard, List<String> args, List<String> rigidities) {}

    /** One rigidity of the scan. */
    private record Point(String label, Double volts, double rho) {}

    @Override
    public Integer call() throws Exception {
        double eta = turbulence.value(), q = turbulence.q();
        if (realisations < 2) throw new IllegalArgumentException("--realisations must be at least 2: the errors are the realisations' scatter");
        if (snapshots < 2 || snapshots > 1000) throw new IllegalArgumentException("--snapshots must be between 2 and 1000; got " + snapshots);
        if (spectra.of(nside) < 4) // checked here, before the runs, not by the first fit after them
            throw new IllegalArgumentException("--lmax must be at least 4 for scan: the Omega0 DeltaT fit needs four multipoles; got "
                    + spectra.of(nside));
        List<Point> points = points();
        // every rigidity's parameters first, so a bad one is refused before any work
        List<SimulationParameters> params = new ArrayList<>();
        for (Point pt : points) {
            double tmax = SimulateCommand.parseTime(tMax, Qlt.tauS(pt.rho(), eta, q));
            org.anisoscope.sky.Healpix.checkNside(nside);
            org.anisoscope.run.RunSpec.checkCost(tMax, tmax, bt.dt, 12.0 * nside * nside * realisations);
            SimulationParameters p = new SimulationParameters(pt.rho(), eta, brms, outer, nside, realisations, bt.seed, bt.lambdaMinRg, bt.dt,
                    SimulationParameters.logTimes(Math.min(0.1, tmax / 2), tmax, snapshots, bt.dt), 0, spectra.of(nside), q);
            SimulateCommand.checkMemory(p);
            params.add(p);
        }
        int th = bt.threads();
        if (shard != null) return shardRun(points, params, th);
        try (RunFolder folder = output.open()) {
            Engines.Choice choice = Engines.choose(bt.engine, th);
            if (choice.notice() != null) System.err.println(choice.notice());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                Point pt = points.get(i);
                SimulationParameters p = params.get(i);
                System.err.printf(Locale.ROOT, "%s (rho = %.4g): %d realisations to Omega_rms T = %.4g%n", pt.label(), pt.rho(), realisations,
                        p.times()[snapshots - 1]);
                long start = System.nanoTime();
                SimulationRun.Outcome o = new SimulationRun(p, choice.engine(), th, SimulationRun.TRAJECTORY_SAMPLES)
                        .run(new ProgressLine().listener("rigidity " + (i + 1) + "/" + points.size(), realisations), () -> false);
                System.err.println();
                if (o.error() != null) throw new IllegalStateException(pt.label() + ": " + o.error());
                Path dir = folder.work().resolve(pt.label().replace(' ', '_'));
                Files.createDirectories(dir);
                Ensemble.Result res = org.anisoscope.run.RunFiles.write(dir, p, o, Ensemble.KSource.RUN, choice.engine().name(),
                        (System.nanoTime() - start) / 1e9, pt.volts());
                rows.add(row(pt, p, res, th));
                write(folder.work(), rows, choice.engine().name());
            }
            report(rows);
            folder.commit(false);
            return 0;
        }
    }

    /** Every rigidity's folder name in the scan's folder. */
    private static String folderName(Point pt) {
        return pt.label().replace(' ', '_');
    }

    /**
     * --shard K/N: every rigidity's share of the realisations, each kept as a simulate shard keeps
     * them (DIR/RIGIDITY/checkpoint, shard.json), and the scan's words in scan-shard.json for the merge.
     */
    private int shardRun(List<Point> points, List<SimulationParameters> params, int th) throws Exception {
        org.anisoscope.run.Shard s = org.anisoscope.run.Shard.parse(shard, realisations);
        // the scan's own words: not where it goes, which share, how it computes (the merge checks the engines)
        List<String> words = Inputs.wordsWithout(command, "--out", "--shard", "--force", "--threads", "--engine");
        try (RunFolder folder = output.open()) {
            Engines.Choice choice = Engines.choose(bt.engine, th);
            if (choice.notice() != null) System.err.println(choice.notice());
            List<String> names = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                Point pt = points.get(i);
                SimulationParameters p = params.get(i);
                Path dir = folder.work().resolve(folderName(pt)), cp = Files.createDirectories(dir.resolve(RunFolder.CHECKPOINT));
                names.add(folderName(pt));
                org.anisoscope.run.Checkpoint.writeSpec(cp, new org.anisoscope.run.Checkpoint.Spec(p, Ensemble.KSource.RUN, pt.volts(), null,
                        Version.get(), org.anisoscope.sky.Sht.path()));
                s.write(cp, false, Version.get(), "", 0);
                System.err.printf(Locale.ROOT, "%s (rho = %.4g): %s%n", pt.label(), pt.rho(), s.describe());
                long start = System.nanoTime();
                SimulationRun.Listener line = new ProgressLine().listener("rigidity " + (i + 1) + "/" + points.size(), realisations);
                SimulationRun.Outcome o = new SimulationRun(p, choice.engine(), th, SimulationRun.TRAJECTORY_SAMPLES).range(s.first(), s.end())
                        .run(new SimulationRun.Listener() {
                            @Override
                            public void progress(double fraction, int r, double t) {
                                line.progress(fraction, r, t);
                            }

                            @Override
                            public void realisationDone(int r, Ensemble e) {
                                try {
                                    org.anisoscope.run.Checkpoint.write(cp, e.realisation(r), p.realisationSeed(r));
                                } catch (java.io.IOException x) {
                                    throw new java.io.UncheckedIOException(x);
                                }
                            }
                        }, () -> false);
                System.err.println();
                if (o.error() != null) throw new IllegalStateException(pt.label() + ": " + o.error());
                s.write(dir, true, Version.get(), choice.engine().name(), (System.nanoTime() - start) / 1e9);
            }
            Json.write(folder.work().resolve(SHARD_FILE), new ScanShard("a shard of an anisoscope scan (scan --shard): merge puts the shards "
                    + "together", Version.get(), s.k() + "/" + s.n(), words, names));
            folder.commit(false);
        }
        System.err.println("wrote scan " + s.describe() + " to " + output.out + "; when every shard is done: anisoscope merge SHARD... --out DIR");
        return 0;
    }

    /** Whether dir is a scan's shard (scan --shard). */
    static boolean isScanShard(Path dir) {
        return Files.isRegularFile(dir.resolve(SHARD_FILE));
    }

    /**
     * Merges scan shards into the scan one process would have written (its rigidities' run folders,
     * scan.csv, scan.json): the shards must be of one scan (the same words), each rigidity merged
     * as {@code merge} merges a run's shards.
     */
    static int mergeShards(List<Path> shards, Path out, boolean force, int threads) throws Exception {
        ScanShard ref = null;
        Path refDir = null;
        for (Path d : shards) {
            if (!isScanShard(d)) throw new IllegalArgumentException(d + " is not a scan's shard (no " + SHARD_FILE + "): merge a scan's shards "
                    + "with each other, a run's with each other");
            ScanShard m = Json.typed(Json.read(d.resolve(SHARD_FILE)), ScanShard.class, d.resolve(SHARD_FILE));
            if (m.args() == null || m.rigidities() == null) throw new java.io.IOException(d.resolve(SHARD_FILE) + ": damaged (a field is missing)");
            if (ref == null) {
                ref = m;
                refDir = d;
            } else if (!ref.args().equals(m.args())) {
                throw new IllegalArgumentException(d + " is a shard of another scan (scan " + String.join(" ", m.args()) + ") than " + refDir
                        + " (scan " + String.join(" ", ref.args()) + "): merge shards of one scan only");
            }
        }
        ScanCommand sc = new ScanCommand();
        List<String> args = new ArrayList<>(ref.args());
        args.addAll(List.of("--out", out.toString()));
        if (force) args.add("--force");
        new picocli.CommandLine(sc).parseArgs(args.toArray(String[]::new));
        return sc.merge(shards, threads);
    }

    private int merge(List<Path> shards, int threads) throws Exception {
        List<Point> points = points();
        try (RunFolder folder = output.open()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Point pt : points) {
                List<Path> parts = new ArrayList<>();
                for (Path d : shards) parts.add(d.resolve(folderName(pt)));
                org.anisoscope.run.Merge.Merged m = org.anisoscope.run.Merge.ensemble(parts, realisations, threads);
                Path dir = Files.createDirectories(folder.work().resolve(folderName(pt)));
                Ensemble.Result res = m.write(dir);
                rows.add(row(pt, m.spec().params(), res, threads));
                write(folder.work(), rows, m.engine());
            }
            report(rows);
            folder.commit(false);
        }
        return 0;
    }

    private List<Point> points() {
        List<Point> pts = new ArrayList<>();
        if (values.rigidities != null) {
            for (String r : values.rigidities) {
                double v = Units.parseRigidity(r);
                if (!(brms > 0) || !(outer > 0)) throw new IllegalArgumentException("--brms-ug and --outer-scale-pc must be positive");
                double rho = SimulationParameters.rhoOf(v, brms, outer);
                String outside = SimulationParameters.rhoOutOfRange(rho, "--rigidities " + r);
                if (outside != null) throw new IllegalArgumentException(outside);
                pts.add(new Point(Units.formatRigidity(v), v, rho));
            }
        } else {
            for (double r : values.rhos) {
                if (!(r > 0) || Double.isInfinite(r)) throw new IllegalArgumentException("--rhos must be positive; got " + r);
                String outside = SimulationParameters.rhoOutOfRange(r, "--rhos " + r);
                if (outside != null) throw new IllegalArgumentException(outside);
                pts.add(new Point(String.format(Locale.ROOT, "rho %.3g", r), null, r));
            }
        }
        if (pts.isEmpty() || pts.size() > 50) throw new IllegalArgumentException("give 1 to 50 rigidities; got " + pts.size());
        return pts;
    }

    /** The scan's numbers for one rigidity, at the last snapshot. */
    static Map<String, Object> row(Point pt, SimulationParameters p, Ensemble.Result r, int threads) {
        int k = r.times().length - 1, n = r.realisations();
        double[][] phi = new double[n][];
        for (int i = 0; i < n; i++) phi[i] = r.orientation().dipoles()[i][k];
        double c1Qlt = c1OfMean(phi, -1);
        double c1QltErr = org.anisoscope.analysis.Jackknife.error(n, skip -> c1OfMean(phi, skip));
        double omega0TauS = Math.sqrt(1 - p.eta()) * p.tauSQlt();
        double[][] real = new double[n][];
        for (int i = 0; i < n; i++) real[i] = r.clRealisations()[i][k];
        // errors that keep what a realisation's multipoles share (fit's jackknife); NaN with fewer than 3 realisations
        OmegaDtFit.Outcome o = OmegaDtFit.fit(OmegaDtFit.Request.ofRun(new SpectrumFit.Data(r.spectra().clSub()[k], r.spectra().clSubErr()[k],
                pt.label() + " at the last snapshot"), p.rho(), p.eta(), p.spectralIndex(), org.anisoscope.mixing.Predictor.DEFAULT_LMAX,
                new OmegaDtFit.Realisations(real, r.spectra().noise()[k], r.spectra().clSubErr()[k], 1), null), threads, null);
        SpectrumFit.Result f = o.fit();
        double cube = Math.cbrt(f.best().omega0TauS());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rigidity", pt.label());
        m.put("rigidity_volts", pt.volts());
        m.put("rho", p.rho());
        m.put("omega0_tau_s_qlt", omega0TauS);
        m.put("kzz_run", r.diffusion().kzz());
        m.put("kzz_qlt", p.kzzQlt());
        m.put("kzz_plateau_reached", r.diffusion().plateauReached());
        m.put("t_last", r.times()[k]);
        m.put("t_last_over_tau_s_qlt", r.times()[k] / p.tauSQlt());
        m.put("c1_sub", r.spectra().clSub()[k][1]);
        m.put("c1_sub_err", r.spectra().clSubErr()[k][1]);
        m.put("c1_qlt_dipole", c1Qlt);
        m.put("c1_qlt_dipole_err", c1QltErr);
        m.put("c1_sub_over_c1_qlt", r.spectra().clSub()[k][1] / c1Qlt);
        // the ratio's error from the same jackknife: both dipoles come from the same realisations, so their errors are not
        // independent. Not below 5: with few realisations left, C_1 and 4 pi |<Phi>|^2 nearly coincide by construction (one
        // realisation: C_1 = 4 pi |Phi|^2) and the jackknife says 0.01-0.02 at 2-3 realisations; there the two errors are
        // combined as if independent, which overstates it (0.48 against the jackknife's 0.34 at 1 PV with 12)
        double ratio = r.spectra().clSub()[k][1] / c1Qlt;
        m.put("c1_sub_over_c1_qlt_err", n >= 5 ? org.anisoscope.analysis.Jackknife.error(n, skip -> {
            double c1 = 0;
            for (int i = 0; i < n; i++) if (i != skip) c1 += r.clRealisations()[i][k][1] / (n - 1);
            return (c1 - r.spectra().noise()[k]) / c1OfMean(phi, skip);
        }) : ratio * Math.hypot(r.spectra().clSubErr()[k][1] / r.spectra().clSub()[k][1], c1QltErr / c1Qlt));
        m.put("inv_mean_cos_alpha_sq", r.orientation().invMeanCosSq());
        m.put("inv_mean_cos_alpha_sq_err", r.invMeanCosSqErr());
        m.put("inv_mean_cos_alpha_sq_expected", Ensemble.expectedInvMeanCosSq(p));
        m.put("dipole_over_fick", r.meanDipoleOverFick(p.rho() * p.gradientZ())[k][2]);
        m.put("omega_dt_fit", f.omegaDt());
        m.put("omega_dt_fit_1sigma", new double[] {f.omegaDtLow(), f.omegaDtHigh()});
        m.put("omega_dt_fit_at_search_edge", f.atEdge());
        m.put("constant", f.omegaDt() / cube);
        m.put("constant_1sigma", new double[] {f.omegaDtLow() / cube, f.omegaDtHigh() / cube});
        m.put("fit_chi2", f.chi2());
        m.put("fit_dof", f.dof());
        // Fig. 5's slope from l = 5 over the same multipoles: NaN where too few, or where the index runs to the end of the
        // searched range (the C_l show no power law)
        PowerLaw.Result pl = o.powerLawMeasured() ? o.powerLaw() : null;
        m.put("power_law_index", pl == null ? Double.NaN : pl.index());
        m.put("power_law_index_1sigma", pl == null ? new double[] {Double.NaN, Double.NaN} : new double[] {pl.low(), pl.high()});
        double jkOmega = o.jackknife() == null ? Double.NaN : o.jackknife().omegaDtErr();
        double jkIndex = o.jackknife() == null ? Double.NaN : o.jackknife().indexErr();
        m.put("omega_dt_jackknife_err", jkOmega);
        m.put("constant_jackknife_err", jkOmega / cube);
        m.put("power_law_index_jackknife_err", jkIndex);
        return m;
    }

    /** 4 pi |<Phi>|^2 over the realisations, leaving out realisation skip (none: -1). */
    private static double c1OfMean(double[][] phi, int skip) {
        double[] mean = new double[3];
        int n = 0;
        for (int i = 0; i < phi.length; i++) {
            if (i == skip) continue;
            n++;
            for (int c = 0; c < 3; c++) mean[c] += phi[i][c];
        }
        double s = 0;
        for (int c = 0; c < 3; c++) s += (mean[c] / n) * (mean[c] / n);
        return 4 * Math.PI * s;
    }

    private static final String[] CSV_COLUMNS = {"rigidity", "rho", "omega0_tau_s_qlt", "kzz_run", "kzz_qlt", "t_last_over_tau_s_qlt",
            "c1_sub", "c1_sub_err", "c1_qlt_dipole", "c1_qlt_dipole_err", "c1_sub_over_c1_qlt", "c1_sub_over_c1_qlt_err",
            "inv_mean_cos_alpha_sq", "inv_mean_cos_alpha_sq_err", "inv_mean_cos_alpha_sq_expected", "dipole_over_fick",
            "omega_dt_fit", "constant", "constant_jackknife_err", "power_law_index", "power_law_index_jackknife_err"};

    private void write(Path dir, List<Map<String, Object>> rows, String engineName) throws java.io.IOException {
        StringBuilder csv = new StringBuilder("# anisoscope " + Version.get() + " scan; seed " + bt.seed + "; eta " + turbulence.eta + "; nside " + nside
                + "; realisations " + realisations + "; times Omega_rms, kzz r_g c, C_1 for |grad f/f| = 1/L_c\n");
        csv.append(String.join(",", CSV_COLUMNS)).append('\n');
        for (Map<String, Object> r : rows) {
            List<String> f = new ArrayList<>();
            for (String c : CSV_COLUMNS) f.add(r.get(c) instanceof Double d ? ClCsv.fmt(d) : String.valueOf(r.get(c)));
            csv.append(String.join(",", f)).append('\n');
        }
        AtomicFiles.writeString(dir.resolve("scan.csv"), csv.toString());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("version", Version.get());
        s.put("seed", bt.seed);
        s.put("engine", engineName);
        Map<String, Object> par = new LinkedHashMap<>();
        par.put("eta", turbulence.eta);
        par.put("spectral_index", turbulence.q());
        par.put("brms_ug", brms);
        par.put("outer_scale_pc", outer);
        par.put("nside", nside);
        par.put("realisations", realisations);
        par.put("t_max", tMax);
        par.put("dt", bt.dt);
        par.put("lambda_min_rg", bt.lambdaMinRg);
        par.put("k_source", "run");
        s.put("params", par);
        // in a fixed order (Map.of's changes from one JVM to the next): the same scan, the same bytes
        s.put("meaning", meaning(
                "constant", "Omega_0 dT fitted to C_l^sub (normalisation and a flat offset free) over (Omega_0 tau_s)^(1/3), tau_s from QLT; "
                        + "the paper's Fig. 6 finds ~4",
                "c1_qlt_dipole", "4 pi |<Phi>|^2, the dipole of the ensemble-mean dipole vector (Eq. 57); c1_sub is <C_1>^sub (Eq. 55); "
                        + "the paper's Fig. 7 finds their ratio ~2 at eta = 0.5",
                "inv_mean_cos_alpha_sq", "1/<cos alpha>^2, alpha the angle between B0 and the local mean field over L_c/30 (Sec. 3.3: ~2.2); "
                        + "_expected: its limit over many realisations of Gaussian slab turbulence (1.70 at eta = 0.5; at most 1.74 for any "
                        + "averaging length, so the paper's 2.2 is not this quantity's ensemble value)",
                "dipole_over_fick", "<Phi>_z / (K_zz |g|) with the run's K_zz plateau: Fick's law (Eq. 56) gives ~1 once T >> tau_s",
                "c1_sub_over_c1_qlt_err", "the jackknife of the ratio over realisations (both come from the same ones) from 5 realisations; "
                        + "below, the two errors combined as if independent (an overstatement)",
                "power_law_index", "n of C_l^sub = A l^n + B fitted from l = 5 over the multipoles of the Omega_0 dT fit (null where the "
                        + "C_l show none: fewer than four multipoles, or the best n at an end of the searched range); the paper's Fig. 5: ~-2.7",
                "constant_jackknife_err", "1 sigma of the constant (and of power_law_index) from refitting with each realisation left out in "
                        + "turn: keeps what a realisation's multipoles share, which the chi2 intervals (the *_1sigma) take as independent"));
        s.put("rows", rows);
        Json.write(dir.resolve("scan.json"), s);
    }

    /** Key, value, key, value, .. as a map in that order. */
    private static Map<String, String> meaning(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    private void report(List<Map<String, Object>> rows) {
        System.out.println("rigidity      Omega0 tau_s   K_zz run/QLT   C1_sub/C1_QLT   1/<cos a>^2 (expected)   Omega0 dT (1 sigma)      constant ± jk   "
                + "index l>=5 (1 sigma) ± jk");
        for (Map<String, Object> r : rows) {
            double[] s = (double[]) r.get("omega_dt_fit_1sigma");
            // at the end of the searched range the fit is a bound: say which way
            String constant = !(boolean) r.get("omega_dt_fit_at_search_edge") ? String.format(Locale.ROOT, "%6.3g", (double) r.get("constant"))
                    : (double) r.get("omega_dt_fit") < 10 ? "< " + bound(((double[]) r.get("constant_1sigma"))[1]) : "> " + bound(((double[]) r.get("constant_1sigma"))[0]);
            double[] n = (double[]) r.get("power_law_index_1sigma");
            System.out.printf(Locale.ROOT, "%-12s %12.4g   %6.3g/%-6.3g   %8.3g ± %-5s %6.3g ± %-5s (%.3g)   %7.3g (%s .. %s)   %s%s   %6.3g (%s .. %s) ± %s%n", r.get("rigidity"),
                    (double) r.get("omega0_tau_s_qlt"), (double) r.get("kzz_run"), (double) r.get("kzz_qlt"), (double) r.get("c1_sub_over_c1_qlt"),
                    err((double) r.get("c1_sub_over_c1_qlt_err")),
                    (double) r.get("inv_mean_cos_alpha_sq"), err((double) r.get("inv_mean_cos_alpha_sq_err")),
                    (double) r.get("inv_mean_cos_alpha_sq_expected"), (double) r.get("omega_dt_fit"), bound(s[0]), bound(s[1]), constant,
                    (boolean) r.get("omega_dt_fit_at_search_edge") ? "" : " ± " + bound((double) r.get("constant_jackknife_err")),
                    (double) r.get("power_law_index"), bound(n[0]), bound(n[1]),
                    bound((double) r.get("power_law_index_jackknife_err")));
        }
        System.out.println("wrote " + output.out.resolve("scan.csv") + " and " + output.out.resolve("scan.json"));
    }

    private static String err(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2g", v) : "-";
    }

    private static String bound(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3g", v) : "-";
    }
}
