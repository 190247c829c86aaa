package org.anisoscope.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.anisoscope.analysis.PairSeparation;
import org.anisoscope.physics.Qlt;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.io.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "separation", mixinStandardHelpOptions = true,
        description = {"How fast neighbouring arrival directions part: pairs of particles backtracked from the observer at angles theta "
                + "apart, the mean time until they are d r_g apart, and its e-folding time tau_L = dt_sep/d ln(1/theta) (chaotic orbits: "
                + "t_sep grows like ln(1/theta); a regular field: like 1/theta).",
                "Two directions share their past until their particles part, so a chaotic separation gives the maps a pair correlation "
                        + "-2 K_zz g^2 tau_L ln(theta), i.e. a tail C_l l^2 = 4 pi K_zz g^2 tau_L (printed; see analysis.PairSeparation). "
                        + "Uses the CPU step on the same fields as simulate with the same seed. Writes DIR/separation.csv and DIR/separation.json."})
final class SeparationCommand implements Callable<Integer> {
    @Mixin Inputs.Scales scales;
    @picocli.CommandLine.Mixin Inputs.Eta turbulence;
    @Option(names = "--realisations", defaultValue = "4", description = "field realisations (default ${DEFAULT-VALUE})") int realisations;
    @Option(names = "--directions", defaultValue = "64", description = "random reference directions per realisation, each with one partner "
            + "per angle (default ${DEFAULT-VALUE})") int directions;
    @Option(names = "--angles", split = ",", defaultValue = "1e-1,1e-2,1e-3,1e-4,1e-5", paramLabel = "RAD",
            description = "angles between the partners, radians, decreasing (default ${DEFAULT-VALUE})") List<Double> angles;
    @Option(names = "--distances", split = ",", defaultValue = "0.1,1,10", paramLabel = "RG",
            description = "separations that count as parted, in r_g (default ${DEFAULT-VALUE})") List<Double> distances;
    @Option(names = "--t-max", description = "how long to follow them: Omega_rms T or a multiple of tau_s (slab turbulence; default 20tau, "
            + "and for isotropic turbulence the same Omega_rms T; K_zz from the reference particles needs T >> tau_s)") String tMax;
    @picocli.CommandLine.Mixin Inputs.TurbulenceGeometry geometry;
    @Option(names = "--seed", defaultValue = "1", description = "base seed of the field realisations, as simulate's (default ${DEFAULT-VALUE})") long seed;
    @Option(names = "--dt", defaultValue = "0.05", description = "time step Omega_rms dt (default ${DEFAULT-VALUE})") double dt;
    @Option(names = "--lambda-min-rg", defaultValue = "150", description = "lambda_min = r_g / value (default ${DEFAULT-VALUE})") double lambdaMinRg;
    @Option(names = "--threads") Integer threads;
    @picocli.CommandLine.Mixin FileOptions.OutFolder output;

    @Override
    public Integer call() throws Exception {
        double rho = scales.rho();
        double eta = turbulence.value();
        if (realisations < 1 || realisations > 10_000) throw new IllegalArgumentException("--realisations must be between 1 and 10000; got " + realisations);
        if (directions < 2 || directions > 100_000) throw new IllegalArgumentException("--directions must be between 2 and 100000; got " + directions);
        if (distances.isEmpty() || distances.size() > 20) throw new IllegalArgumentException("give 1 to 20 --distances; got " + distances.size());
        if (angles.size() > 30) throw new IllegalArgumentException("give at most 30 --angles; got " + angles.size());
        for (double a : angles) {
            if (!(a > 0 && a <= Math.PI)) throw new IllegalArgumentException("--angles are radians between the partners, above 0 and at most pi; got " + a);
        }
        if (!(dt > 0 && dt <= SimulationParameters.DT_MAX))
            throw new IllegalArgumentException("--dt (Omega_rms dt) must be in (0, " + SimulationParameters.DT_MAX + "]; got " + dt);
        double q = turbulence.q(), tauQlt = Qlt.tauS(rho, eta, q);
        double t = geometry.tMaxOmega(tMax, tauQlt);
        int modes = geometry.modeCount();
        org.anisoscope.run.RunSpec.checkCost(tMax != null ? tMax : "20tau", t, dt, 2.0 * directions * angles.size() * distances.size() * realisations,
                org.anisoscope.run.RunSpec.costPerStep(geometry.value(), modes));
        SimulationParameters p = new SimulationParameters(rho, eta, scales.brms, scales.outer, 1, realisations, seed, lambdaMinRg, dt, new double[] {t},
                0, SimulationParameters.defaultLmax(1), q).withTurbulence(geometry.value(), modes);
        double[] a = angles.stream().mapToDouble(Double::doubleValue).toArray(), d = distances.stream().mapToDouble(Double::doubleValue).toArray();
        org.anisoscope.run.PairSeparationRun run = new org.anisoscope.run.PairSeparationRun(p, directions, a, d, Inputs.threads(threads));
        try (RunFolder folder = output.open()) {
            System.err.printf(Locale.ROOT, "rho = %.4g, eta = %.3g, %s: %d realisations x %d directions, %d angles, to Omega_rms T = %.4g%s%n",
                    rho, eta, p.slab() ? "slab turbulence" : "isotropic turbulence of " + modes + " plane waves", realisations, directions, a.length, t,
                    p.slab() ? String.format(Locale.ROOT, " (QLT tau_s = %.4g)", tauQlt) : "");
            PairSeparation.Result r = run.run(k -> System.err.printf(Locale.ROOT, "\r  realisation %d/%d done   ", k + 1, realisations), () -> false);
            System.err.println();
            run.write(folder.work(), r);
            run.report(r).forEach(System.out::println);
            System.out.println("wrote " + output.out.resolve("separation.csv") + " and " + output.out.resolve("separation.json"));
            folder.commit(false);
            return 0;
        }
    }
}
