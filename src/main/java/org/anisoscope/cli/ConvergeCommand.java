package org.anisoscope.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.anisoscope.analysis.Convergence;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.physics.Qlt;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.run.ConvergenceCheck;
import org.anisoscope.run.Engines;
import org.anisoscope.run.RunSpec;
import org.anisoscope.io.RunFolder;
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
    @picocli.CommandLine.Mixin Inputs.Eta turbulence;
    @Option(names = "--nside", defaultValue = "16") int nside;
    @Option(names = "--realisations", defaultValue = "8", description = "paired realisations, at least 3 (default ${DEFAULT-VALUE})") int realisations;
    @Option(names = "--t-max", description = "last backtracking time: Omega_rms T, or e.g. 30tau (slab turbulence; default 20tau, and for "
            + "isotropic turbulence the same Omega_rms T)") String tMax;
    @Mixin Inputs.TurbulenceGeometry geometry;
    @Option(names = "--snapshots", defaultValue = "12") int snapshots;
    @Mixin Inputs.Gradient gradient;
    @Mixin Inputs.Backtracking bt;
    @Mixin Inputs.SpectraLmax spectra;
    @Option(names = "--halve", defaultValue = "dt", description = "what the second run halves: dt or lambda-min (default ${DEFAULT-VALUE})") String halve;
    @Option(names = "--multipoles", split = ",", defaultValue = "1,2,3,5,10", description = "the C_l compared (default ${DEFAULT-VALUE})")
    List<Integer> multipoles;
    @Option(names = "--tolerance", defaultValue = "0.05", description = "largest relative difference called converged (default ${DEFAULT-VALUE})")
    double tolerance;
    @Option(names = "--confidence", defaultValue = "0.95", description = "two-sided confidence of the verdicts (default ${DEFAULT-VALUE})")
    double confidence;
    @Option(names = "--k-source", defaultValue = "run", description = "K_zz for the maps and noise of both runs: run (each run's plateau, as "
            + "simulate) or qlt (the same K in both: the differences are the trajectories' alone) (default ${DEFAULT-VALUE})") String kSource;
    @picocli.CommandLine.Mixin FileOptions.OutFolder output;

    @Override
    public Integer call() throws Exception {
        double rho = scales.rho();
        double eta = turbulence.value();
        if (realisations < 3) throw new IllegalArgumentException("--realisations must be at least 3: the errors are the paired differences' scatter");
        if (snapshots < 1 || snapshots > 1000) throw new IllegalArgumentException("--snapshots must be between 1 and 1000; got " + snapshots);
        if (!(tolerance > 0 && tolerance < 1)) throw new IllegalArgumentException("--tolerance must be between 0 and 1 (0.05 is 5 %); got " + tolerance);
        if (!(confidence > 0 && confidence < 1)) throw new IllegalArgumentException("--confidence must be between 0 and 1; got " + confidence);
        ConvergenceCheck.Setting setting = ConvergenceCheck.Setting.parse(halve);
        Ensemble.KSource ks = org.anisoscope.run.RunSpec.parseKSource(kSource);
        int lmax = spectra.of(nside);
        for (int l : multipoles) {
            if (l < 1 || l > lmax) throw new IllegalArgumentException("--multipoles must lie in 1.." + lmax + " (--lmax, default 3 nside - 1); got " + l);
        }
        org.anisoscope.physics.Geometry g = geometry.value();
        RunSpec.checkSlabOnly(g, null, ks);
        double q = turbulence.q(), tauS = Qlt.tauS(rho, eta, q);
        double tmax = geometry.tMaxOmega(tMax, tauS);
        int modes = geometry.modeCount();
        org.anisoscope.sky.Healpix.checkNside(nside);
        // two runs, the halved one with up to twice the steps
        RunSpec.checkCost(tMax != null ? tMax : "20tau", tmax, bt.dt / 2, 12.0 * nside * nside * realisations * 1.5,
                RunSpec.costPerStep(g, modes));
        SimulationParameters base = new SimulationParameters(rho, eta, scales.brms, scales.outer, nside, realisations, bt.seed, bt.lambdaMinRg,
                bt.dt, SimulationParameters.logTimes(Math.min(0.1, tmax / 2), tmax, snapshots, bt.dt), gradient.angle(), spectra.of(nside), q)
                .withTurbulence(g, modes);
        SimulateCommand.checkMemory(base);
        int th = bt.threads();
        try (RunFolder folder = output.open()) {
            Engines.Choice choice = Engines.choose(bt.engine, th);
            ConvergenceCheck check = new ConvergenceCheck(base, setting, choice.engine(), ks, th, multipoles.stream().mapToInt(Integer::intValue).toArray(),
                    tolerance, confidence);
            if (choice.notice() != null) System.err.println(choice.notice());
            System.err.printf(Locale.ROOT, "rho = %.4g, eta = %.3g, nside %d, %d realisations to Omega_rms T = %.4g; %s = %s, then %s%n", rho, eta,
                    nside, realisations, base.times()[snapshots - 1], setting.label, check.value(base), check.value(check.halved()));
            String[] shown = {null};
            Convergence.Result c = check.run((f, label, r, t) -> {
                if (!label.equals(shown[0]) && shown[0] != null) System.err.println();
                shown[0] = label;
                progress.update(label, realisations, r, t, f);
            }, () -> false);
            System.err.println();
            check.write(folder.work(), c, choice.engine().name(), scales.volts());
            for (String line : check.report(c)) System.out.println(line);
            System.out.println("wrote " + output.out.resolve("convergence.csv") + ", " + output.out.resolve("convergence.json") + " and both runs' files in "
                    + output.out.resolve("base") + ", " + output.out.resolve("halved"));
            folder.commit(false);
            return 0;
        }
    }

    private final ProgressLine progress = new ProgressLine();
}
