package org.anisoscope.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.run.SimulationRun;
import org.anisoscope.tracking.Backtracker;
import org.anisoscope.tracking.CpuBacktracker;
import org.anisoscope.tracking.CudaBacktracker;
import org.anisoscope.tracking.Snapshot;
import org.anisoscope.turbulence.SlabField;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "check-engines", mixinStandardHelpOptions = true,
        description = {"On a machine with a CUDA device: runs the CPU and the CUDA engine on the same seeds and compares "
                + "them: particle states after --steps steps (must agree to 1e-9), then K_zz and C_l^sub of a small ensemble "
                + "(must agree within their statistical errors). Exit 0 when both pass, 1 when one fails, 2 without a device."})
final class CheckEnginesCommand implements Callable<Integer> {
    @Option(names = "--nside", defaultValue = "8", description = "for the state comparison (default ${DEFAULT-VALUE})") int nside;
    @Option(names = "--steps", defaultValue = "10000") long steps;
    @Option(names = "--realisations", defaultValue = "6", description = "for the ensemble comparison (default ${DEFAULT-VALUE})") int realisations;
    @Option(names = "--threads") Integer threads;

    @Override
    public Integer call() {
        CudaBacktracker gpu;
        try {
            gpu = CudaBacktracker.open();
        } catch (CudaBacktracker.Unavailable e) {
            throw new IllegalArgumentException("no CUDA device here: " + e.getMessage());
        }
        if (steps < 1 || steps > 10_000_000) throw new IllegalArgumentException("--steps must be from 1 to 1e7");
        if (realisations < 2 || realisations > 1000) throw new IllegalArgumentException("--realisations must be from 2 to 1000");
        org.anisoscope.sky.Healpix.checkNside(nside);
        int th = Inputs.threads(threads);
        CpuBacktracker cpu = new CpuBacktracker(th);
        System.out.println("device: " + gpu.device());
        double dt = 0.05, rho = 0.089;
        SlabField f = SlabField.generate(rho, 0.5, 1.0 / 150, 11);
        double[] times = {Math.min(100, steps) * dt, steps * dt};
        List<Snapshot> a = new ArrayList<>(), b = new ArrayList<>();
        cpu.run(f, nside, dt, times, 4, a::add, (x, y) -> {}, () -> false);
        gpu.run(f, nside, dt, times, 4, b::add, (x, y) -> {}, () -> false);
        double worst = 0;
        for (int k = 0; k < times.length; k++) worst = Math.max(worst, a.get(k).maxRelativeDifference(b.get(k)));
        boolean statesOk = worst <= 1e-9;
        System.out.printf(Locale.ROOT, "%s states: %d particles, %d steps, largest relative difference %.3g (limit 1e-9)%n",
                statesOk ? "PASS" : "FAIL", a.get(0).x().length, steps, worst);

        SimulationParameters p = new SimulationParameters(rho, 0.5, 4, 150, 16, realisations, 5, 150, dt,
                SimulationParameters.logTimes(0.1, 20 * org.anisoscope.physics.Qlt.tauS(rho, 0.5), 8, dt));
        Ensemble.Result rc = ensemble(p, cpu, th), rg = ensemble(p, gpu, th);
        int last = rc.times().length - 1;
        boolean statsOk = true;
        double kzzErr = Math.abs(rc.diffusion().kzz() - rg.diffusion().kzz());
        System.out.printf(Locale.ROOT, "K_zz: cpu %.6g, cuda %.6g r_g c%n", rc.diffusion().kzz(), rg.diffusion().kzz());
        Ensemble.Spectra sc = rc.spectra(), sg = rg.spectra();
        for (int l = 1; l <= 5; l++) {
            double d = Math.abs(sc.clSub()[last][l] - sg.clSub()[last][l]), err = Math.hypot(sc.clSubErr()[last][l], sg.clSubErr()[last][l]);
            boolean ok = d <= err;
            statsOk &= ok;
            System.out.printf(Locale.ROOT, "  C_%d^sub: cpu %.6g, cuda %.6g, difference %.3g, error %.3g%s%n", l, sc.clSub()[last][l],
                    sg.clSub()[last][l], d, err, ok ? "" : "  <- outside");
        }
        statsOk &= kzzErr <= 0.05 * rc.diffusion().kzz();
        System.out.printf(Locale.ROOT, "%s ensemble: %d realisations at Nside 16, same seeds on both engines%n", statsOk ? "PASS" : "FAIL", realisations);
        return statesOk && statsOk ? 0 : 1;
    }

    private static Ensemble.Result ensemble(SimulationParameters p, Backtracker engine, int threads) {
        SimulationRun.Outcome o = new SimulationRun(p, engine, threads, 0).run(new SimulationRun.Listener() {}, () -> false);
        if (o.error() != null) throw new IllegalStateException(engine.name() + ": " + o.error());
        return o.ensemble().result(Ensemble.KSource.RUN);
    }
}
