package org.anisoscope.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Callable;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.run.Engines;
import org.anisoscope.run.RunFiles;
import org.anisoscope.run.SimulationRun;
import org.anisoscope.sky.Observation;
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
    @Option(names = "--eta", defaultValue = "0.5", description = "turbulence level <dB^2>/B_rms^2 (default ${DEFAULT-VALUE})") double eta;
    @Option(names = "--nside", defaultValue = "16") int nside;
    @Option(names = "--realisations", defaultValue = "20") int realisations;
    @Option(names = "--t-max", defaultValue = "20tau", description = "last backtracking time: Omega_rms T, or e.g. 30tau (default ${DEFAULT-VALUE})") String tMax;
    @Option(names = "--snapshots", defaultValue = "16", description = "log-spaced snapshot times from 0.1 to t-max") int snapshots;
    @Mixin Inputs.Backtracking bt;
    @Mixin Inputs.SpectraLmax spectra;
    @Option(names = "--k-source", defaultValue = "run", description = "K_zz for the Liouville map and noise: run (this run's plateau) or qlt") String kSource;
    @Mixin Inputs.Gradient gradient;
    @Mixin Inputs.Observatory observatory;
    @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

    @Override
    public Integer call() throws Exception {
        Double rigidityVolts = scales.volts();
        double rho = scales.rho();
        if (!(eta > 0 && eta < 1)) throw new IllegalArgumentException("--eta must be strictly between 0 and 1; got " + eta);
        Ensemble.KSource ks = kSource(kSource);
        double tauQlt = org.anisoscope.physics.Qlt.tauS(rho, eta);
        double tmax = parseTime(tMax, tauQlt);
        if (snapshots < 1 || snapshots > 1000) throw new IllegalArgumentException("--snapshots must be between 1 and 1000; got " + snapshots);
        double t0 = Math.min(0.1, tmax / 2);
        SimulationParameters p = new SimulationParameters(rho, eta, scales.brms, scales.outer, nside, realisations, bt.seed, bt.lambdaMinRg, bt.dt,
                SimulationParameters.logTimes(t0, tmax, snapshots, bt.dt), gradient.angle(), spectra.of(nside));
        int th = bt.threads();
        Observation.Observatory seenBy = null;
        if (observatory.given()) {
            if (observatory.b0Dec == null) throw new IllegalArgumentException("--observatory needs --b0-dec DEC: where B0 points (e.g. 23.3, the IBEX ribbon's centre)");
            if (observatory.dipoleCos2 != null)
                throw new IllegalArgumentException("--dipole-cos2 is for predict and fit; simulate measures it (summary.json's observatory block)");
            seenBy = new Observation.Observatory(0, observatory.b0Dec, observatory.decLo(), observatory.decHi(), observatory.perDeclination);
        }
        checkMemory(p);
        Files.createDirectories(out);
        if (!Files.isWritable(out)) throw new IllegalArgumentException("--out " + out + " is not writable");
        Engines.Choice choice = Engines.choose(bt.engine, th);
        if (choice.notice() != null) System.err.println(choice.notice());
        System.err.printf(Locale.ROOT, "rho = %.4g, eta = %.3g, nside %d (%d particles), %d realisations, t-max = %.4g/Omega_rms "
                        + "(QLT tau_s = %.4g/Omega_rms), dt = %.3g%n", rho, eta, nside, p.npix(), realisations, tmax, tauQlt, bt.dt);

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
            SimulationRun.Outcome o = new SimulationRun(p, choice.engine(), th, SimulationRun.TRAJECTORY_SAMPLES).observedBy(seenBy).run(new SimulationRun.Listener() {
                long last;

                @Override
                public void progress(double f, int r, double t) {
                    long now = System.nanoTime();
                    if (now - last < 250_000_000L && f < 1) return;
                    last = now;
                    double el = (now - start) / 1e9, eta = f > 0 ? el * (1 - f) / f : Double.NaN;
                    System.err.printf(Locale.ROOT, "\rrealisation %d/%d  Omega_rms T = %.4g  %5.1f %%  ETA %s   ", r + 1,
                            p.realisations(), t, 100 * f, Double.isNaN(eta) ? "?" : String.format(Locale.ROOT, "%.0f s", eta));
                }
            }, cancel::get);
            System.err.println();
            if (o.error() != null) System.err.println("error: " + o.error());
            if (o.ensemble().completed() == 0) {
                System.err.println((o.error() != null ? "failed" : "cancelled") + " before the first realisation was complete: nothing written");
                return o.error() != null ? 1 : 130;
            }
            Ensemble.Result res = RunFiles.write(out, p, o, ks, choice.engine().name(), (System.nanoTime() - start) / 1e9, rigidityVolts);
            if (p.gradientZ() != 0) {
                double[] fick = res.meanDipoleOverFick(rho * p.gradientZ())[p.times().length - 1];
                System.err.printf(Locale.ROOT, "at T = %.3g tau_s (3 K_zz of this run): ensemble-mean dipole = (%.2f, %.2f, %.2f) K_zz g_z with this run's "
                        + "K_zz plateau (Fick's law: about (0, 0, 1) once T >> tau_s; the transverse part scatters as 1/sqrt(realisations))%n",
                        p.times()[p.times().length - 1] / res.tauS(), fick[0], fick[1], fick[2]);
            }
            // where the time went: on a GPU the maps' transforms, not the particles, can be most of it (--lmax)
            System.err.printf(Locale.ROOT, "time: %s, of %.1f s%n", SimulationRun.timeSplit(o, choice.engine().name()),
                    (System.nanoTime() - start) / 1e9);
            int suggested = SimulationRun.suggestedLmax(o.engineSeconds(), o.analysisSeconds(), p.nside(), p.lmax());
            if (suggested > 0) {
                System.err.printf(Locale.ROOT, "note: the maps and spectra took %.1f times the particles; with --lmax %d they cost several "
                        + "times less (Nside 256: 4x, 512: 10x), and the spectra below l = %d stay the same to 0.3 %%%n",
                        o.analysisSeconds() / Math.max(o.engineSeconds(), 1e-9), suggested, suggested + 1);
            }
            System.err.println((o.partial() ? "partial result (" + o.ensemble().completed() + " of " + p.realisations()
                    + " realisations) written to " : "wrote ") + out.resolve("summary.json"));
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

    /** --k-source run|qlt. */
    static Ensemble.KSource kSource(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "run" -> Ensemble.KSource.RUN;
            case "qlt" -> Ensemble.KSource.QLT;
            default -> throw new IllegalArgumentException("--k-source must be run or qlt; got " + s);
        };
    }

    static double parseTime(String s, double tauS) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        try {
            double v = t.endsWith("tau") ? Double.parseDouble(t.substring(0, t.length() - 3)) * tauS : Double.parseDouble(t);
            if (!(v > 0) || !Double.isFinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--t-max must be a positive Omega_rms T (e.g. 1000) or a multiple of tau_s (e.g. 30tau); got '" + s + "'");
        }
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
