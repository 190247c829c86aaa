package org.anisoscope.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anisoscope.Version;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.analysis.Transport;
import org.anisoscope.io.AtomicFiles;
import org.anisoscope.io.ClCsv;
import org.anisoscope.io.Json;
import org.anisoscope.io.RunFolder;
import org.anisoscope.physics.Geometry;
import org.anisoscope.physics.Qlt;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.run.Engines;
import org.anisoscope.run.RunSpec;
import org.anisoscope.run.SimulationRun;
import org.anisoscope.tracking.Snapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "diffusion", mixinStandardHelpOptions = true,
        description = {"Measures the diffusion coefficients along and across B0, K_par(T) = <z^2>/2T and K_perp(T) = <x^2 + y^2>/4T, of "
                + "particles leaving the observer in every direction, in slab or isotropic turbulence, with their plateaus and the mean free "
                + "paths lambda = 3K/c in units of L_c: to set beside published test-particle results and quasi-linear theory.",
                "Errors are the scatter between field realisations (at least two). Writes DIR/diffusion.csv and DIR/diffusion.json."})
final class DiffusionCommand implements Callable<Integer> {
    @Mixin Inputs.Scales scales;
    @Mixin Inputs.Eta turbulence;
    @Mixin Inputs.TurbulenceGeometry geometry;
    @Option(names = "--nside", defaultValue = "8", description = "particles: 12 nside^2, one per direction (default ${DEFAULT-VALUE})") int nside;
    @Option(names = "--realisations", defaultValue = "8", description = "field realisations, at least 2 (default ${DEFAULT-VALUE})") int realisations;
    @Option(names = "--t-max", description = "last time: Omega_rms T, or e.g. 30tau for slab turbulence (default 20tau; for isotropic "
            + "turbulence the same Omega_rms T)") String tMax;
    @Option(names = "--snapshots", defaultValue = "24", description = "log-spaced times from 0.1 to t-max (default ${DEFAULT-VALUE})") int snapshots;
    @Mixin Inputs.Backtracking bt;
    @Mixin FileOptions.OutFolder output;

    @Override
    public Integer call() throws Exception {
        if (realisations < 2) throw new IllegalArgumentException("--realisations must be at least 2: the errors are their scatter; got " + realisations);
        if (snapshots < 2 || snapshots > 1000)
            throw new IllegalArgumentException("--snapshots must be from 2 to 1000 (the plateaus are fitted over them); got " + snapshots);
        double eta = turbulence.value(), q = turbulence.q();
        Geometry g = geometry.value();
        double[] t = geometry.tMax(tMax, () -> Qlt.tauS(scales.rho(), eta, q));
        RunSpec spec = new RunSpec(scales.volts(), scales.givenRho(), eta, scales.brms, scales.outer, nside, null, realisations, bt.seed, t[0],
                t[1] == 1, snapshots, bt.dt, bt.lambdaMinRg, bt.engine.trim().toLowerCase(Locale.ROOT), Ensemble.KSource.RUN, 0, null, q, g,
                geometry.modes);
        SimulationParameters p = spec.parameters().withLmax(1); // no spectra wanted: the cheapest transforms
        int th = bt.threads();
        SimulateCommand.checkMemory(p);
        try (RunFolder folder = output.open()) {
            Engines.Choice choice = Engines.choose(bt.engine, th);
            if (choice.notice() != null) System.err.println(choice.notice());
            System.err.printf(Locale.ROOT, "rho = %.4g, eta = %.3g, %s, %d particles, %d realisations to Omega_rms T = %.4g, dt = %.3g%n", p.rho(),
                    p.eta(), p.slab() ? "slab turbulence" : "isotropic turbulence of " + p.modes() + " plane waves", p.npix(), realisations,
                    p.times()[p.times().length - 1], p.dt());
            Transport transport = new Transport(p.times());
            SimulationRun.Outcome o = new SimulationRun(p, choice.engine(), th, 0).run(new SimulationRun.Listener() {
                @Override
                public void snapshot(int r, Snapshot s) {
                    transport.add(s);
                }

                @Override
                public void realisationDone(int r, Ensemble e) {
                    transport.endRealisation();
                    System.err.printf(Locale.ROOT, "\rrealisation %d/%d done   ", r + 1, realisations);
                }
            }, () -> false);
            System.err.println();
            if (o.error() != null) throw new IllegalStateException(o.error());
            Transport.Result res = transport.result();
            write(folder.work(), p, res, choice.engine().name());
            report(p, res);
            folder.commit(false);
            return 0;
        }
    }

    private static void write(Path dir, SimulationParameters p, Transport.Result r, String engineName) throws java.io.IOException {
        StringBuilder csv = new StringBuilder("# anisoscope " + Version.get() + " diffusion; seed " + p.seed() + "; rho " + p.rho() + "; eta " + p.eta()
                + "; " + p.geometry().word() + (p.slab() ? "" : " (" + p.modes() + " plane waves)") + "; times Omega_rms T, K in r_g c\n"
                + "t,k_par,k_par_err,k_perp,k_perp_err\n");
        for (int k = 0; k < r.times().length; k++) {
            csv.append(ClCsv.fmt(r.times()[k])).append(',').append(ClCsv.fmt(r.kPar()[k])).append(',').append(ClCsv.fmt(r.kParErr()[k])).append(',')
                    .append(ClCsv.fmt(r.kPerp()[k])).append(',').append(ClCsv.fmt(r.kPerpErr()[k])).append('\n');
        }
        AtomicFiles.writeString(dir.resolve("diffusion.csv"), csv.toString());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("version", Version.get());
        s.put("seed", p.seed());
        s.put("realisation_seeds", java.util.stream.IntStream.range(0, p.realisations()).mapToLong(p::realisationSeed).toArray());
        s.put("engine", engineName);
        Map<String, Object> par = org.anisoscope.run.RunFiles.fieldParams(p);
        par.put("nside", p.nside());
        par.put("realisations", p.realisations());
        par.put("dt", p.dt());
        par.put("lambda_min_rg", p.lambdaMinRg());
        par.put("t_max", r.times()[r.times().length - 1]);
        s.put("params", par);
        s.put("units", "K in r_g c (r_g the gyroradius in B_rms), times Omega_rms T; lambda = 3K/c over L_c = r_g/rho; K_perp per transverse component");
        s.put("k_par_plateau", r.kParPlateau());
        s.put("k_par_plateau_err", r.kParPlateauErr());
        s.put("k_perp_plateau", r.kPerpPlateau());
        s.put("k_perp_plateau_err", r.kPerpPlateauErr());
        s.put("lambda_par_over_lc", 3 * r.kParPlateau() * p.rho());
        s.put("lambda_perp_over_lc", 3 * r.kPerpPlateau() * p.rho());
        s.put("k_par_plateau_reached", r.parReached());
        s.put("k_perp_plateau_reached", r.perpReached());
        s.put("k_par_log_slope", r.parLogSlope());
        s.put("k_perp_log_slope", r.perpLogSlope());
        if (p.slab()) s.put("kzz_qlt", p.kzzQlt());
        s.put("times", r.times());
        s.put("k_par", r.kPar());
        s.put("k_par_err", r.kParErr());
        s.put("k_perp", r.kPerp());
        s.put("k_perp_err", r.kPerpErr());
        Json.write(dir.resolve("diffusion.json"), s);
    }

    private void report(SimulationParameters p, Transport.Result r) {
        double rho = p.rho();
        System.out.printf(Locale.ROOT, "K_par  = %.4g ± %.2g r_g c: lambda_par/L_c  = %.4g ± %.2g%s%n", r.kParPlateau(), r.kParPlateauErr(),
                3 * r.kParPlateau() * rho, 3 * r.kParPlateauErr() * rho, r.parReached() ? "" : String.format(Locale.ROOT,
                        "  (not yet a plateau: K_par(T)'s log slope over the last third is %.2f)", r.parLogSlope()));
        System.out.printf(Locale.ROOT, "K_perp = %.4g ± %.2g r_g c: lambda_perp/L_c = %.4g ± %.2g%s%n", r.kPerpPlateau(), r.kPerpPlateauErr(),
                3 * r.kPerpPlateau() * rho, 3 * r.kPerpPlateauErr() * rho, r.perpReached() ? "" : String.format(Locale.ROOT,
                        "  (not yet a plateau: K_perp(T)'s log slope over the last third is %.2f%s)", r.perpLogSlope(),
                        p.slab() ? "; in slab turbulence the transport across B0 is subdiffusive" : ""));
        System.out.printf(Locale.ROOT, "K_perp/K_par = %.3g%n", r.kPerpPlateau() / r.kParPlateau());
        if (p.slab()) System.out.printf(Locale.ROOT, "QLT's K_zz (slab): %.4g r_g c%n", p.kzzQlt());
        System.out.println("wrote " + output.out.resolve("diffusion.csv") + " and " + output.out.resolve("diffusion.json"));
    }
}
