package org.anisoscope.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.anisoscope.io.AtomicFiles;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.run.RunFiles;
import org.anisoscope.tracking.CpuBacktracker;
import org.anisoscope.tracking.PixelPaths;
import org.anisoscope.turbulence.Turbulence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "trajectory", mixinStandardHelpOptions = true,
        description = {"The backtracked paths of the particles arriving in chosen sky pixels of a run: computed again from the "
                + "realisation's field with the engine's step, recorded every so many steps as the run records its sampled paths (for a "
                + "pixel the run sampled, the same as trajectories.csv, bit for bit).",
                "Writes CSV as trajectories.csv: sample,pixel,step,t,x,y,z (x, y, z in r_g from the observer; step of dt, t = Omega_rms t)."})
final class TrajectoryCommand implements Callable<Integer> {
    @Option(names = "--sim", required = true, paramLabel = "DIR", description = "the folder simulate --out wrote") Path sim;
    @Option(names = "--pixel", required = true, split = ",", paramLabel = "P", description = "RING pixels of the run's Nside, e.g. 17,18,45")
    List<Integer> pixels;
    @Option(names = "--realisation", defaultValue = "1", description = "which realisation's field, 1 .. the run's (default ${DEFAULT-VALUE})")
    int realisation;
    @Option(names = "--t-max", description = "backtrack to this Omega_rms T (default: the run's last snapshot; at most that)") Double tMax;
    @Option(names = "--out", required = true, paramLabel = "FILE.csv") Path out;
    @picocli.CommandLine.Mixin FileOptions.Force overwrite;

    @Override
    public Integer call() throws Exception {
        FileOptions.inputFolder(sim, "--sim");
        FileOptions.output(out, "--out", overwrite.force, List.of(FileOptions.CSV), sim);
        RunFiles.Summary run = RunFiles.readSummary(sim);
        SimulationParameters p = run.params();
        long[] seeds = run.realisationSeeds();
        if (realisation < 1 || realisation > seeds.length)
            throw new IllegalArgumentException("--realisation " + realisation + ": the run has realisations 1 to " + seeds.length);
        if (pixels.size() > 100_000) throw new IllegalArgumentException("--pixel: at most 100000 pixels at once; got " + pixels.size());
        long[] steps = CpuBacktracker.stepCounts(p.times(), p.dt());
        long last = steps[steps.length - 1], to = last;
        if (tMax != null) {
            double tLast = last * p.dt();
            if (!(tMax >= 0) || tMax > tLast * (1 + 1e-12))
                throw new IllegalArgumentException("--t-max " + tMax + ": give a time from 0 to the run's last, Omega_rms T = " + tLast);
            to = Math.min(last, Math.round(tMax / p.dt()));
        }
        int[] pix = pixels.stream().mapToInt(Integer::intValue).toArray();
        long seed = seeds[realisation - 1];
        Turbulence field = Turbulence.of(p, seed);
        float[][] paths = PixelPaths.compute(field, p.nside(), p.dt(), p.times(), pix, to);
        AtomicFiles.writeString(out, RunFiles.trajectoriesCsv(p, "backtracked trajectories of realisation " + (realisation - 1) + " (trajectory --pixel)",
                seed, pix, paths));
        System.err.printf(java.util.Locale.ROOT, "wrote %s (%d paths to Omega_rms T = %.4g, a point every %d steps)%n", out, pix.length, to * p.dt(),
                CpuBacktracker.trajectoryStride(p.times(), p.dt()));
        return 0;
    }
}
