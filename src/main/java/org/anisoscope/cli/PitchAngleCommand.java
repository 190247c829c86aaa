package org.anisoscope.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anisoscope.Version;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.analysis.PitchAngleDiffusion;
import org.anisoscope.io.AtomicFiles;
import org.anisoscope.io.ClCsv;
import org.anisoscope.io.Json;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.run.Engines;
import org.anisoscope.run.SimulationRun;
import org.anisoscope.tracking.Snapshot;
import org.anisoscope.io.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pitch-angle", mixinStandardHelpOptions = true,
        description = {"Measures the pitch-angle diffusion coefficient D_mumu(mu) of the backtracked particles and sets it beside "
                + "quasi-linear theory, with the K_zz the measured D_mumu implies (a check of the turbulence and the engine "
                + "against an analytic case at weak turbulence, and a look at where QLT fails near mu = 0).",
                "D_mumu = (A2 - A1)/(2 tau) from the mean square changes of mu over one and two lags tau (whole gyro-periods), "
                        + "binned in mu at the start of each lag; see analysis.PitchAngleDiffusion."})
final class PitchAngleCommand implements Callable<Integer> {
    @Mixin Inputs.Scales scales;
    @Option(names = "--eta", defaultValue = "0.05", description = "turbulence level <dB^2>/B_rms^2 (default ${DEFAULT-VALUE}: QLT's regime)") double eta;
    @Option(names = "--nside", defaultValue = "16", description = "particles: 12 nside^2 (default ${DEFAULT-VALUE})") int nside;
    @Option(names = "--realisations", defaultValue = "8", description = "field realisations, at least 2 (default ${DEFAULT-VALUE})") int realisations;
    @Option(names = "--lag-periods", defaultValue = "1", description = "the lag tau in gyro-periods 2 pi/Omega_0 (default ${DEFAULT-VALUE})")
    int lagPeriods;
    @Option(names = "--lags", defaultValue = "40", description = "snapshots at tau, 2 tau, ..., lags tau (default ${DEFAULT-VALUE})") int lags;
    @Option(names = "--bins", defaultValue = "20", description = "bins in mu over [-1, 1] (default ${DEFAULT-VALUE})") int bins;
    @Mixin Inputs.Backtracking bt;
    @picocli.CommandLine.Mixin FileOptions.OutFolder output;

    @Override
    public Integer call() throws Exception {
        double rho = scales.rho();
        if (!(eta > 0 && eta < 1)) throw new IllegalArgumentException("--eta must be strictly between 0 and 1; got " + eta);
        if (realisations < 2) throw new IllegalArgumentException("--realisations must be at least 2: the error of D_mumu is their scatter");
        if (lagPeriods < 1 || lagPeriods > 1000) throw new IllegalArgumentException("--lag-periods must be between 1 and 1000; got " + lagPeriods);
        if (lags < 2 || lags > 1000) throw new IllegalArgumentException("--lags must be between 2 and 1000; got " + lags);
        if (bins < 2 || bins > 200) throw new IllegalArgumentException("--bins must be between 2 and 200; got " + bins);
        if (!(bt.dt > 0 && bt.dt <= SimulationParameters.DT_MAX))
            throw new IllegalArgumentException("--dt (Omega_rms dt) must be in (0, " + SimulationParameters.DT_MAX + "]; got " + bt.dt);
        // whole steps, so every snapshot k tau is one the engine stops at (off a whole period by at most dt/2)
        double lag = Math.max(1, Math.rint(lagPeriods * 2 * Math.PI / Math.sqrt(1 - eta) / bt.dt)) * bt.dt;
        PitchAngleDiffusion pad = new PitchAngleDiffusion(nside, bins, lag, lags, realisations);
        double[] times = pad.times();
        SimulationParameters p = new SimulationParameters(rho, eta, scales.brms, scales.outer, nside, realisations, bt.seed, bt.lambdaMinRg,
                bt.dt, times);
        int th = bt.threads();
        SimulateCommand.checkMemory(p);
        try (RunFolder folder = output.open()) {
            Engines.Choice choice = Engines.choose(bt.engine, th);
            if (choice.notice() != null) System.err.println(choice.notice());
            System.err.printf(Locale.ROOT, "rho = %.4g, eta = %.3g, %d particles, %d realisations, lag Omega_rms tau = %.4g (%d gyro-periods) "
                    + "to Omega_rms T = %.4g, dt = %.3g%n", rho, eta, p.npix(), realisations, lag, lagPeriods, times[times.length - 1], bt.dt);
            SimulationRun.Outcome o = new SimulationRun(p, choice.engine(), th, 0).run(new SimulationRun.Listener() {
                @Override
                public void snapshot(int r, Snapshot s) {
                    pad.add(s);
                }

                @Override
                public void realisationDone(int r, Ensemble e) {
                    pad.endRealisation();
                    System.err.printf(Locale.ROOT, "\rrealisation %d/%d done   ", r + 1, realisations);
                }
            }, () -> false);
            System.err.println();
            if (o.error() != null) throw new IllegalStateException(o.error());
            PitchAngleDiffusion.Result res = pad.result(rho, eta);
            write(folder.work(), p, res, choice.engine().name());
            report(res);
            folder.commit(false);
            return 0;
        }
    }

    private void write(Path dir, SimulationParameters p, PitchAngleDiffusion.Result r, String engineName) throws java.io.IOException {
        StringBuilder csv = new StringBuilder("# anisoscope " + Version.get() + " pitch-angle; seed " + p.seed() + "; rho " + p.rho() + "; eta "
                + p.eta() + "; D_mumu in Omega_rms\nmu_low,mu_high,dmumu,dmumu_err,dmumu_qlt\n");
        for (int b = 0; b < r.dmumu().length; b++) {
            csv.append(ClCsv.fmt(r.muLow()[b])).append(',').append(ClCsv.fmt(r.muHigh()[b])).append(',').append(ClCsv.fmt(r.dmumu()[b]))
                    .append(',').append(ClCsv.fmt(r.dmumuErr()[b])).append(',').append(ClCsv.fmt(r.dmumuQlt()[b])).append('\n');
        }
        AtomicFiles.writeString(dir.resolve("dmumu.csv"), csv.toString());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("version", Version.get());
        s.put("seed", p.seed());
        s.put("engine", engineName);
        Map<String, Object> par = new LinkedHashMap<>();
        par.put("rho", p.rho());
        par.put("eta", p.eta());
        par.put("nside", p.nside());
        par.put("realisations", p.realisations());
        par.put("dt", p.dt());
        par.put("lambda_min_rg", p.lambdaMinRg());
        par.put("lag", r.lag());
        par.put("t_max", r.tMax());
        s.put("params", par);
        s.put("units", "D_mumu in Omega_rms (the gyrofrequency in B_rms), K_zz in r_g c, times Omega_rms T; mu along B0");
        s.put("mu_low", r.muLow());
        s.put("mu_high", r.muHigh());
        s.put("dmumu", r.dmumu());
        s.put("dmumu_err", r.dmumuErr());
        s.put("dmumu_qlt", r.dmumuQlt());
        s.put("kzz_from_dmumu", r.kzz());
        s.put("kzz_from_dmumu_err", r.kzzErr());
        s.put("kzz_qlt", r.kzzQlt());
        s.put("pitch_angle_spread_over_two_lags", r.maxSpread());
        Json.write(dir.resolve("dmumu.json"), s);
    }

    private void report(PitchAngleDiffusion.Result r) {
        System.out.println("  mu range        D_mumu (run)          D_mumu (QLT)   run/QLT");
        for (int b = 0; b < r.dmumu().length; b++) {
            System.out.printf(Locale.ROOT, "%+5.2f..%+5.2f   %10.4g ± %-9.2g %10.4g   %6.2f%n", r.muLow()[b], r.muHigh()[b], r.dmumu()[b],
                    r.dmumuErr()[b], r.dmumuQlt()[b], r.dmumu()[b] / r.dmumuQlt()[b]);
        }
        System.out.printf(Locale.ROOT, "K_zz from the measured D_mumu: %.4g ± %.2g r_g c; QLT (90-degree gap closed): %.4g r_g c%n",
                r.kzz(), r.kzzErr(), r.kzzQlt());
        if (r.maxSpread() > 0.3)
            System.out.printf(Locale.ROOT, "note: pitch angles spread by up to %.2f over two lags: D_mumu changes across that, so read it as a "
                    + "rough rate (at this turbulence level QLT's picture of slow, local pitch-angle diffusion does not hold)%n", r.maxSpread());
        System.out.println("wrote " + output.out.resolve("dmumu.csv") + " and " + output.out.resolve("dmumu.json"));
    }
}
