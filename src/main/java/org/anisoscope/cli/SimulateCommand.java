package org.anisoscope.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Callable;
import org.anisoscope.Version;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.io.AtomicFiles;
import org.anisoscope.io.ClCsv;
import org.anisoscope.io.HealpixFits;
import org.anisoscope.io.Json;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.run.Engines;
import org.anisoscope.run.SimulationRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Backtracks one particle per HEALPix pixel through slab turbulence for an ensemble of field "
                + "realisations and writes C_l(T), noise, K_zz(T) and dipoles (the paper's Sec. 2.1, 3).",
                "Times are Omega_rms T (Omega_rms: gyrofrequency in B_rms), or multiples of the QLT scattering time "
                        + "with a suffix: --t-max 30tau."})
final class SimulateCommand implements Callable<Integer> {
    @Mixin Inputs.Scales scales;
    @Option(names = "--eta", defaultValue = "0.5", description = "turbulence level <dB^2>/B_rms^2 (default ${DEFAULT-VALUE})") double eta;
    @Option(names = "--nside", defaultValue = "16") int nside;
    @Option(names = "--realisations", defaultValue = "20") int realisations;
    @Option(names = "--t-max", defaultValue = "20tau", description = "last backtracking time: Omega_rms T, or e.g. 30tau (default ${DEFAULT-VALUE})") String tMax;
    @Option(names = "--snapshots", defaultValue = "16", description = "log-spaced snapshot times from 0.1 to t-max") int snapshots;
    @Mixin Inputs.Backtracking bt;
    @Option(names = "--k-source", defaultValue = "run", description = "K_zz for the Liouville map and noise: run (this run's plateau) or qlt") String kSource;
    @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

    @Override
    public Integer call() throws Exception {
        Double rigidityVolts = scales.volts();
        double rho = scales.rho();
        if (!(eta > 0 && eta < 1)) throw new IllegalArgumentException("--eta must be strictly between 0 and 1; got " + eta);
        Ensemble.KSource ks = switch (kSource.toLowerCase(Locale.ROOT)) {
            case "run" -> Ensemble.KSource.RUN;
            case "qlt" -> Ensemble.KSource.QLT;
            default -> throw new IllegalArgumentException("--k-source must be run or qlt; got " + kSource);
        };
        double tauQlt = org.anisoscope.physics.Qlt.tauS(rho, eta);
        double tmax = parseTime(tMax, tauQlt);
        if (snapshots < 1 || snapshots > 1000) throw new IllegalArgumentException("--snapshots must be between 1 and 1000; got " + snapshots);
        double t0 = Math.min(0.1, tmax / 2);
        SimulationParameters p = new SimulationParameters(rho, eta, scales.brms, scales.outer, nside, realisations, bt.seed, bt.lambdaMinRg, bt.dt,
                SimulationParameters.logTimes(t0, tmax, snapshots));
        int th = bt.threads();
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
            SimulationRun.Outcome o = new SimulationRun(p, choice.engine(), th, 0).run(new SimulationRun.Listener() {
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
            write(out, p, o, ks, choice.engine().name(), (System.nanoTime() - start) / 1e9, rigidityVolts);
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

    /** Writes a run's files into out: summary.json, and per snapshot cl_snapshot_KK.csv and map_snapshot_KK.fits. */
    static void write(Path out, SimulationParameters p, SimulationRun.Outcome o, Ensemble.KSource ks, String engineName, double seconds,
                       Double rigidityVolts) throws java.io.IOException {
        Ensemble.Result r = o.ensemble().result(ks);
        int ns = r.times().length;
        for (int k = 0; k < ns; k++) {
            StringBuilder sb = new StringBuilder("l,cl,cl_std,noise,cl_sub,cl_sub_err\n");
            for (int l = 0; l <= r.lmax(); l++) {
                sb.append(l).append(',').append(ClCsv.fmt(r.clNum()[k][l])).append(',').append(ClCsv.fmt(r.clStd()[k][l]))
                        .append(',').append(ClCsv.fmt(r.noise()[k])).append(',').append(ClCsv.fmt(r.clSub()[k][l]))
                        .append(',').append(ClCsv.fmt(r.clSubErr()[k][l])).append('\n');
            }
            AtomicFiles.writeString(out.resolve(String.format(Locale.ROOT, "cl_snapshot_%02d.csv", k)), sb.toString());
            Map<String, String> kw = new LinkedHashMap<>();
            kw.put("VERSION", Version.get());
            kw.put("SEED", Long.toString(o.realisationSeeds()[0]));
            kw.put("TIME", Double.toString(r.times()[k]));
            kw.put("CREATOR", "anisoscope simulate, realisation 0");
            HealpixFits.write(out.resolve(String.format(Locale.ROOT, "map_snapshot_%02d.fits", k)), r.firstMaps()[k], "DELTA",
                    "relative intensity for |grad f/f| = 1/L_c", kw);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("version", Version.get());
        s.put("partial", o.partial());
        if (o.error() != null) s.put("error", o.error());
        s.put("seed", p.seed());
        s.put("realisation_seeds", o.realisationSeeds());
        s.put("realisations_completed", r.realisations());
        s.put("engine", engineName);
        s.put("wall_seconds", seconds);
        Map<String, Object> par = new LinkedHashMap<>();
        par.put("rigidity_volts", rigidityVolts == null ? p.rigidityVolts() : rigidityVolts);
        par.put("rho", p.rho());
        par.put("eta", p.eta());
        par.put("brms_ug", p.brmsMicroGauss());
        par.put("outer_scale_pc", p.outerScalePc());
        par.put("lc_pc", p.lcPc());
        par.put("rg_pc", p.rgPc());
        par.put("b0_over_brms", p.b0());
        par.put("omega0_over_omega_rms", p.omega0OverOmegaRms());
        par.put("omega_rms_per_s", p.omegaRmsPerSecond());
        par.put("years_per_time_unit", p.yearsPerTimeUnit());
        par.put("nside", p.nside());
        par.put("npix", p.npix());
        par.put("realisations", p.realisations());
        par.put("lambda_min_rg", p.lambdaMinRg());
        par.put("dt", p.dt());
        par.put("t_max", r.times()[ns - 1]);
        par.put("snapshots", ns);
        par.put("tau_s_qlt", p.tauSQlt());
        par.put("k_source", ks.name().toLowerCase(Locale.ROOT));
        par.put("gradient", "along B0 (z), |grad f / f| = 1/L_c");
        s.put("params", par);
        Map<String, Object> units = new LinkedHashMap<>();
        units.put("time", "Omega_rms T, Omega_rms = c/r_g the gyrofrequency in B_rms; Omega_0 T = omega0_over_omega_rms * Omega_rms T");
        units.put("length", "r_g = R/(c B_rms), the gyroradius in B_rms (L_c = r_g/rho)");
        units.put("kzz", "r_g c");
        units.put("tau_s", "1/Omega_rms");
        units.put("cl", "relative intensity squared for |grad f/f| = 1/L_c (scale as (|grad f/f| L_c)^2)");
        units.put("dipoles", "Phi of Eq. 52, relative intensity");
        units.put("local_mean_field", "B_rms; averaged over L_c/30 around the observer");
        s.put("units", units);
        s.put("times", r.times());
        s.put("kzz_running", r.kzzRunning());
        s.put("kzz", r.kzz());
        s.put("kzz_plateau_reached", r.plateauReached());
        s.put("tau_s", r.tauS());
        s.put("lmax", r.lmax());
        s.put("cl_num", r.clNum());
        s.put("cl_std", r.clStd());
        s.put("noise", r.noise());
        s.put("cl_sub", r.clSub());
        s.put("cl_sub_err", r.clSubErr());
        s.put("total_power_num", r.totalNum());
        s.put("total_power_noise", r.totalNoise());
        s.put("total_power_sub", r.totalSub());
        s.put("dipoles", r.dipoles());
        s.put("local_mean_field", r.localMeanField());
        s.put("misalignment_deg", r.misalignmentDeg());
        s.put("dipole_to_local_field_deg", r.dipoleFieldAngleDeg());
        s.put("inv_mean_cos_alpha_sq", r.invMeanCosSq());
        s.put("files", List.of("cl_snapshot_KK.csv: l,cl(=cl_num),cl_std,noise,cl_sub,cl_sub_err",
                "map_snapshot_KK.fits: relative intensity of realisation 0"));
        Json.write(out.resolve("summary.json"), s);
    }
}
