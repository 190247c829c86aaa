package org.anisoscope.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Callable;
import org.anisoscope.Version;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.io.RunFolder;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.run.Checkpoint;
import org.anisoscope.run.FolderRun;
import org.anisoscope.run.Engines;
import org.anisoscope.run.RunSpec;
import org.anisoscope.run.SimulationRun;
import org.anisoscope.sky.Observation;
import org.anisoscope.sky.Sht;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Backtracks one particle per HEALPix pixel through slab turbulence for an ensemble of field "
                + "realisations and writes C_l(T), noise, K_zz(T) and dipoles (the paper's Sec. 2.1, 3).",
                "Times are Omega_rms T (Omega_rms: gyrofrequency in B_rms), or multiples of the QLT scattering time "
                        + "with a suffix: --t-max 30tau.",
                "--observatory MIN,MAX --b0-dec DEC [--per-declination] also writes each snapshot's ensemble spectra as that observatory "
                        + "would see every realisation's sky (observe: B0 turned to Dec DEC, cut, the declination means out), "
                        + "cl_seen_snapshot_KK.csv: to compare with predict --observatory and with the observatory's own spectrum."})
final class SimulateCommand implements Callable<Integer> {
    @Mixin Inputs.Scales scales;
    @Mixin Inputs.Eta turbulence;
    @Mixin Inputs.TurbulenceGeometry geometry;
    @Option(names = "--nside", defaultValue = "16") int nside;
    @Option(names = "--realisations", defaultValue = "20") int realisations;
    @Option(names = "--t-max", description = "last backtracking time: Omega_rms T, or e.g. 30tau (slab turbulence; default 20tau, and for "
            + "isotropic turbulence the same Omega_rms T)") String tMax;
    @Option(names = "--snapshots", defaultValue = "16", description = "log-spaced snapshot times from 0.1 to t-max") int snapshots;
    @Mixin Inputs.Backtracking bt;
    @Mixin Inputs.SpectraLmax spectra;
    @Option(names = "--k-source", defaultValue = "run", description = "K_zz for the Liouville map and noise: run (this run's plateau) or qlt") String kSource;
    @Mixin Inputs.Gradient gradient;
    @Mixin Inputs.Observatory observatory;
    @Option(names = "--out", paramLabel = "DIR", description = "the run's folder: new or empty (written as NAME.partial, renamed at the end)") Path out;
    @Option(names = "--force", description = "replace what --out holds, whole, once the new run is complete") boolean force;
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec command;
    @Option(names = "--shard", paramLabel = "K/N", description = "compute only share K of N of the realisations (contiguous: shard K has "
            + "realisations (K-1)R/N to KR/N - 1) into --out, a shard's folder; merge SHARD... --out DIR then writes the run as one process "
            + "would have (a cluster's job array: see the slurm command)") String shard;
    @Option(names = "--device", paramLabel = "K", description = "run on CUDA device K (0, 1, ..; default 0): a shard pinned to one of "
            + "several GPUs") Integer device;
    @Option(names = "--shard-per-device", description = "split the run over every CUDA device here: one shard per device (simulate --shard "
            + "K/N --device K-1, a process each, logs in DIR.shards), then merge them into --out") boolean perDevice;
    @Option(names = "--resume", paramLabel = "DIR", description = "continue the interrupted run DIR (killed, or stopped with Ctrl-C) from its "
            + "last complete realisation; its options are those it was started with") Path resume;

    @Override
    public Integer call() throws Exception {
        if ((out == null) == (resume == null))
            throw new IllegalArgumentException(out == null ? "give --out DIR (a new folder for the run), or --resume DIR to continue one"
                    : "give --out DIR for a new run or --resume DIR to continue one, not both");
        if (force && resume != null) throw new IllegalArgumentException("--force and --resume exclude each other: --force starts again, --resume continues");
        if (resume != null && !scales.given() && FolderRun.resumeTarget(resume) != null) {
            // without the rigidity the options cannot describe the run: any of them would be silently passed over
            java.util.List<String> given = new java.util.ArrayList<>();
            for (picocli.CommandLine.Model.OptionSpec o : command.commandLine().getParseResult().matchedOptions()) {
                if (!java.util.List.of("--resume", "--threads", "--engine", "--device").contains(o.longestName())) given.add(o.longestName());
            }
            if (!given.isEmpty()) {
                String started;
                try {
                    started = FolderRun.command(FolderRun.kept(resume));
                } catch (java.io.IOException | RuntimeException e) {
                    started = "its own options";
                }
                throw new IllegalArgumentException("--resume " + resume + " continues the run as it was started (" + started + "), so "
                        + String.join(", ", given) + " cannot change it: give only --resume (and --threads, --engine), or start a new run with --out");
            }
        }
        if (device != null && bt.engine.trim().equalsIgnoreCase("cpu"))
            throw new IllegalArgumentException("--device " + device + " chooses a GPU; --engine cpu runs on the CPU: drop one of them");
        if (perDevice) return perDevice();
        if (device != null) org.anisoscope.tracking.CudaBacktracker.select(device);
        Checkpoint.Spec asked = scales.given() ? checkpointSpec(runSpec()) : null;
        if (asked == null && resume == null) throw new IllegalArgumentException("give the rigidity: --rigidity R (e.g. 1PV) or --rho X (r_g/L_c)");
        if (shard != null && resume != null) throw new IllegalArgumentException("--resume continues a shard as it was started: give only --resume DIR");
        org.anisoscope.run.Shard share = shard == null ? null : org.anisoscope.run.Shard.parse(shard, realisations);
        int th = bt.threads();
        Engines.Choice choice = Engines.choose(bt.engine, th);
        Path given = resume != null ? resume : out;
        try (FolderRun run = FolderRun.open(given, resume != null ? "--resume" : "--out",
                resume != null ? RunFolder.Mode.RESUME : force ? RunFolder.Mode.FORCE : RunFolder.Mode.NEW, asked, share)) {
            if (run.note() != null) System.err.println("note: " + run.note());
            if (run.resumed()) {
                System.err.printf(Locale.ROOT, "resuming %s: %d of %d realisations complete%n", given, run.resumedRealisations(),
                        run.shard() == null ? run.spec().params().realisations() : run.shard().end() - run.shard().first());
            }
            checkMemory(run.spec().params());
            if (choice.notice() != null) System.err.println(choice.notice());
            return run(run, choice, th);
        }
    }

    /** The run the options describe (RunSpec defaults and checks them; the window's panel makes the same from its fields). */
    RunSpec runSpec() {
        double eta = turbulence.value();
        org.anisoscope.physics.Geometry g = geometry.value();
        double[] t = geometry.tMax(tMax, () -> org.anisoscope.physics.Qlt.tauS(scales.rho(), eta, turbulence.q()));
        Observation.Observatory seenBy = null;
        if (observatory.given()) {
            if (observatory.b0Dec == null) throw new IllegalArgumentException("--observatory needs --b0-dec DEC: where B0 points (e.g. 23.3, the IBEX ribbon's centre)");
            if (observatory.dipoleCos2 != null)
                throw new IllegalArgumentException("--dipole-cos2 is for predict and fit; simulate measures it (summary.json's observatory block)");
            seenBy = new Observation.Observatory(0, observatory.b0Dec, observatory.decLo(), observatory.decHi(), observatory.perDeclination);
        }
        return new RunSpec(scales.volts(), scales.givenRho(), eta, scales.brms, scales.outer, nside, spectra.lmax, realisations, bt.seed, t[0],
                t[1] == 1, snapshots, bt.dt, bt.lambdaMinRg, bt.engine.trim().toLowerCase(Locale.ROOT), RunSpec.parseKSource(kSource),
                gradient.angle, seenBy, turbulence.q(), g, geometry.modes);
    }

    /** What the checkpoint keeps of a run: its parameters and what decides its result. */
    static Checkpoint.Spec checkpointSpec(RunSpec r) {
        return new Checkpoint.Spec(r.parameters(), r.kSource(), r.rigidityVolts(), r.observatory(), Version.get(), Sht.path());
    }

    private static Integer run(FolderRun run, Engines.Choice choice, int th) throws Exception {
        SimulationParameters p = run.spec().params();
        Path given = run.given();
        System.err.printf(Locale.ROOT, "rho = %.4g, eta = %.3g, %s, nside %d (%d particles), %d realisations, t-max = %.4g/Omega_rms "
                        + "(%s tau_s = %.4g/Omega_rms), dt = %.3g%n", p.rho(), p.eta(), p.slab() ? "slab turbulence"
                        : "isotropic turbulence of " + p.modes() + " plane waves", p.nside(), p.npix(), p.realisations(),
                p.times()[p.times().length - 1], p.slab() ? "QLT" : "slab QLT's", p.tauSQlt(), p.dt());
        AtomicBoolean cancel = new AtomicBoolean();
        CountDownLatch written = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancel.set(true);
            try {
                written.await(60, TimeUnit.SECONDS); // let the partial result reach the disk
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "anisoscope-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            long start = System.nanoTime();
            double before = (double) run.resumedRealisations() / p.realisations();
            FolderRun.Written w;
            try {
                w = run.run(choice.engine(), th, new SimulationRun.Listener() {
                    long last;

                    @Override
                    public void progress(double f, int r, double t) {
                        long now = System.nanoTime();
                        if (now - last < 250_000_000L && f < 1) return;
                        last = now;
                        double el = (now - start) / 1e9, eta = f > before ? el * (1 - f) / (f - before) : Double.NaN;
                        System.err.printf(Locale.ROOT, "\rrealisation %d/%d  Omega_rms T = %.4g  %5.1f %%  ETA %s   ", r + 1,
                                p.realisations(), t, 100 * f, Double.isNaN(eta) ? "?" : String.format(Locale.ROOT, "%.0f s", eta));
                    }
                }, cancel::get);
            } catch (java.io.IOException | RuntimeException e) {
                System.err.println(); // the error below starts its own line, not the end of the progress line
                throw e;
            }
            SimulationRun.Outcome o = w.outcome();
            System.err.println();
            if (o.error() != null) System.err.println("error: " + o.error());
            if (run.shard() != null) return shardDone(run.shard(), w, given, choice.engine().name());
            if (w.result() == null) {
                System.err.println((o.error() != null ? "failed" : "cancelled") + " before the first realisation was complete: nothing written");
                return o.error() != null ? 1 : 130;
            }
            Ensemble.Result res = w.result();
            double tLast = p.times()[p.times().length - 1];
            if (!res.diffusion().plateauReached()) {
                System.err.printf(Locale.ROOT, "note: K_zz(T) has not reached a plateau by Omega_rms T = %.4g%s: it still grows "
                        + "(its log slope over the last third of the run is %.2f; 0 on a plateau, 1 ballistic), so the run's K_zz and tau_s are not "
                        + "diffusion's; run longer (%s) for them%n", tLast, p.slab() ? String.format(Locale.ROOT, " (%.3g tau_s of QLT)", tLast / p.tauSQlt())
                        : "", res.kzzLogSlope(), p.slab() ? "e.g. --t-max 20tau" : "a larger --t-max");
            } else if (p.gradientZ() != 0) {
                double[] fick = res.meanDipoleOverFick(p.rho() * p.gradientZ())[p.times().length - 1];
                System.err.printf(Locale.ROOT, "at T = %.3g tau_s (3 K_zz of this run): ensemble-mean dipole = (%.2f, %.2f, %.2f) K_zz g_z with this run's "
                        + "K_zz plateau (Fick's law: about (0, 0, 1) once T >> tau_s; the transverse part scatters as 1/sqrt(realisations))%n",
                        tLast / res.diffusion().tauS(), fick[0], fick[1], fick[2]);
            }
            // where the time went: on a GPU the maps' transforms, not the particles, can be most of it (--lmax)
            System.err.printf(Locale.ROOT, "time: %s, of %.1f s%n", SimulationRun.timeSplit(o, choice.engine().name()), w.seconds());
            int suggested = SimulationRun.suggestedLmax(o.engineSeconds(), o.analysisSeconds(), p.nside(), p.lmax());
            if (suggested > 0) {
                System.err.printf(Locale.ROOT, "note: the maps and spectra took %.1f times the particles; with --lmax %d they cost several "
                        + "times less (Nside 256: 4x, 512: 10x), and the spectra below l = %d stay the same to 0.3 %%%n",
                        o.analysisSeconds() / Math.max(o.engineSeconds(), 1e-9), suggested, suggested + 1);
            }
            String partial = "partial result (" + o.ensemble().completed() + " of " + p.realisations() + " realisations) ";
            if (w.keptAside()) {
                System.err.println(partial + "kept in " + w.where() + "; " + given + " is as it was; --resume " + given + " continues the new run");
            } else if (o.partial()) {
                System.err.println(partial + "written to " + given.resolve("summary.json") + "; --resume " + given + " continues it");
            } else {
                System.err.println("wrote " + given.resolve("summary.json"));
            }
            return o.error() != null ? 1 : o.partial() ? 130 : 0;
        } finally {
            written.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

    /**
     * --shard-per-device: one process per CUDA device, each computing its shard on its device, then
     * the merge; a shard that failed is said by name with its log, and the shards stay, to continue
     * (run the same command again: each shard's folder is resumed where it stopped).
     */
    private int perDevice() throws Exception {
        if (out == null || resume != null || shard != null || device != null)
            throw new IllegalArgumentException("--shard-per-device makes the shards itself: give --out DIR, without --resume, --shard or --device");
        if (bt.engine.trim().equalsIgnoreCase("cpu")) throw new IllegalArgumentException("--shard-per-device splits a run over GPUs; --engine cpu runs on the CPU");
        if (!scales.given()) throw new IllegalArgumentException("give the rigidity: --rigidity R (e.g. 1PV) or --rho X (r_g/L_c)");
        runSpec().parameters(); // the run's own checks, before any process starts
        int n = Math.min(org.anisoscope.tracking.CudaBacktracker.deviceCount(), realisations);
        if (n < 1) throw new IllegalArgumentException("--shard-per-device: the NVIDIA driver reports no CUDA device here");
        Path run = out.toAbsolutePath().normalize();
        if (java.nio.file.Files.exists(run) && !force) throw new IllegalArgumentException("--out " + out + " exists; give --force to replace it, or another name");
        Path shards = run.resolveSibling(run.getFileName() + ".shards");
        java.nio.file.Files.createDirectories(shards);
        // the command's own words, but for what each shard sets itself
        java.util.List<String> words = Inputs.wordsWithout(command, "--out", "--engine", "--threads", "--shard-per-device", "--force");
        int threads = Math.max(1, bt.threads() / n);
        java.util.List<Process> procs = new java.util.ArrayList<>();
        java.util.List<Path> dirs = new java.util.ArrayList<>();
        long start = System.nanoTime();
        Checkpoint.Spec asked = checkpointSpec(runSpec());
        for (int k = 1; k <= n; k++) {
            // a shard left by an earlier try is continued only when it is this run's share
            Path d = shards.resolve("shard-" + k);
            boolean earlier = FolderRun.resumeTarget(d) != null; // the shard's folder, or its interrupted working folder
            if (earlier) {
                org.anisoscope.run.Shard kept;
                Checkpoint.Spec keptSpec;
                try {
                    keptSpec = FolderRun.kept(d);
                    Path cp = java.nio.file.Files.isDirectory(d.resolve(RunFolder.CHECKPOINT)) ? d.resolve(RunFolder.CHECKPOINT)
                            : RunFolder.workFolder(d).resolve(RunFolder.CHECKPOINT);
                    kept = org.anisoscope.run.Shard.read(cp).shard();
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException(d + " is not a shard this command can continue (" + e.getMessage() + "): delete " + shards
                            + " or give another --out");
                }
                if (!kept.equals(org.anisoscope.run.Shard.of(k, n, realisations)) || !FolderRun.sameRun(asked, keptSpec))
                    throw new IllegalArgumentException(d + " holds " + kept.describe() + " of another run (" + FolderRun.command(keptSpec)
                            + "): delete " + shards + " or give another --out");
            }
            java.util.List<String> c = new java.util.ArrayList<>(org.anisoscope.run.SlurmJob.javaCommand());
            c.add("simulate");
            if (earlier) c.addAll(java.util.List.of("--resume", d.toString())); // continues where it stopped
            else {
                c.addAll(words);
                c.addAll(java.util.List.of("--shard", k + "/" + n, "--out", d.toString()));
            }
            c.addAll(java.util.List.of("--engine", "cuda", "--device", Integer.toString(k - 1), "--threads", Integer.toString(threads)));
            Path log = shards.resolve("shard-" + k + ".log");
            procs.add(new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(log.toFile()).start());
            dirs.add(d);
            System.err.println("shard " + k + "/" + n + " on CUDA device " + (k - 1) + ": " + d + " (log " + log + ")");
        }
        java.util.List<String> failed = new java.util.ArrayList<>();
        for (int k = 1; k <= n; k++) {
            int code = procs.get(k - 1).waitFor();
            if (code != 0) failed.add("shard " + k + "/" + n + " (device " + (k - 1) + ", exit " + code + ": " + shards.resolve("shard-" + k + ".log") + ")");
        }
        if (!failed.isEmpty()) {
            System.err.println("error: " + String.join("; ", failed) + " failed; the shards stay in " + shards
                    + ": run the same command again to continue them");
            return 1;
        }
        org.anisoscope.run.Merge.merge(dirs, out, force, realisations, bt.threads());
        System.err.printf(Locale.ROOT, "%d shards on %d CUDA devices in %.1f s, merged into %s; the shards stay in %s (merge more with them to "
                + "extend the run; delete them when done)%n", n, n, (System.nanoTime() - start) / 1e9, out.resolve("summary.json"), shards);
        return 0;
    }

    /** What a shard's run says at its end, and its exit code. */
    private static int shardDone(org.anisoscope.run.Shard s, FolderRun.Written w, Path given, String engine) {
        SimulationRun.Outcome o = w.outcome();
        int done = o.ensemble().completed(), of = s.end() - s.first();
        if (w.where() == null) {
            System.err.println((o.error() != null ? "failed" : "cancelled") + " before the shard's first realisation was complete: nothing written");
            return o.error() != null ? 1 : 130;
        }
        System.err.printf(Locale.ROOT, "time: %s, of %.1f s%n", SimulationRun.timeSplit(o, engine), w.seconds());
        if (o.partial() || o.error() != null) {
            System.err.println("partial " + s.describe() + ": " + done + " of " + of + " realisations in " + w.where() + "; --resume " + given
                    + " continues it");
            return o.error() != null ? 1 : 130;
        }
        System.err.println("wrote " + s.describe() + " to " + given + "; when every shard is done: anisoscope merge SHARD... --out DIR");
        return 0;
    }

    /** --t-max as Omega_rms T, tauS the QLT scattering time its "tau" suffix counts in. */
    static double parseTime(String s, double tauS) {
        double[] t = RunSpec.parseTMax(s);
        if (t[1] == 1 && !(tauS > 0 && Double.isFinite(tauS)))
            throw new IllegalArgumentException("QLT's tau_s is " + tauS + " at this rho and --eta, so --t-max " + s + " means nothing: give a larger "
                    + "--eta (the paper's are 0.05 to 0.8), or --t-max as Omega_rms T");
        return t[1] == 1 ? t[0] * tauS : t[0];
    }

    /** Refuses, before any work, a run whose kept maps would not fit in this JVM's memory. */
    static void checkMemory(SimulationParameters p) {
        long bytes = p.estimatedBytes();
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > 0.8 * max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "this run needs about %.1f GiB but Java may use %.1f GiB; lower --nside or --snapshots, or raise -Xmx",
                    bytes / 1073741824.0, max / 1073741824.0));
        }
    }
}
