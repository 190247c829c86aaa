package org.anisoscope.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.anisoscope.sky.Alm;
import org.anisoscope.sky.Healpix;
import org.anisoscope.sky.Sht;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (results go to docs/benchmarks.md).",
        subcommands = {BenchCommand.ShtBench.class, BenchCommand.EngineBench.class, BenchCommand.PlaneWaveBench.class, BenchCommand.MixingBench.class,
                BenchCommand.CouplingBench.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "choose a benchmark: sht, engine, mixing or coupling");
    }

    static void checkRepeat(int repeat) {
        if (repeat < 1 || repeat > 1000) throw new IllegalArgumentException("--repeat must be between 1 and 1000");
    }

    /** The first call's result and seconds (JIT cold) and the median of repeat further calls (the upper one for even repeat). */
    record ColdWarm<T>(T first, double coldSeconds, double warmMedian) {}

    static <T> ColdWarm<T> coldWarm(int repeat, java.util.function.Supplier<T> work) { // repeat >= 1: the commands check it first
        long t0 = System.nanoTime();
        T first = work.get();
        double cold = (System.nanoTime() - t0) / 1e9;
        double[] warm = new double[repeat];
        for (int r = 0; r < repeat; r++) {
            long a = System.nanoTime();
            work.get();
            warm[r] = (System.nanoTime() - a) / 1e9;
        }
        Arrays.sort(warm);
        return new ColdWarm<>(first, cold, warm[repeat / 2]);
    }

    @Command(name = "sht", mixinStandardHelpOptions = true,
            description = "Times anafast (map2alm with iter Jacobi steps, then C_l) of a seeded Gaussian map."
                    + " Prints the median of --repeat runs after 4 s of warm-up runs.")
    static final class ShtBench implements Callable<Integer> {
        @Option(names = "--nside", required = true) int nside;
        @Option(names = "--lmax", description = "default 3 nside - 1") Integer lmax;
        @Option(names = "--threads", description = "default: all cores") Integer threads;
        @Option(names = "--iter", defaultValue = "3") int iter;
        @Option(names = "--repeat", defaultValue = "5") int repeat;

        @Override
        public Integer call() {
            Healpix.checkNside(nside);
            int l = Inputs.lmax(lmax, nside);
            int th = Inputs.threads(threads);
            int it = Inputs.iter(iter);
            checkRepeat(repeat);
            Sht sht = new Sht(nside, l, th);
            Random rnd = new Random(1);
            double[] map = new double[(int) sht.healpix().npix()];
            for (int i = 0; i < map.length; i++) map[i] = rnd.nextGaussian();
            System.out.printf(Locale.ROOT, "nside %d, lmax %d, iter %d, threads %d, java %s, Legendre step %s%n", nside, l, it, th,
                    System.getProperty("java.version"), Sht.path());
            // a second map: a simulation transforms its two Liouville parts together (Ensemble)
            double[] map2 = new double[map.length];
            for (int i = 0; i < map2.length; i++) map2[i] = rnd.nextGaussian();
            double[][] both = {map, map2};
            // warm up until the JIT has settled on every path timed below: at least 3 rounds and 4 seconds
            // (the vectorised Legendre step's large methods are compiled late)
            long warmEnd = System.nanoTime() + 4_000_000_000L;
            for (int w = 0; w < 3 || System.nanoTime() < warmEnd; w++) {
                sht.anafast(map, it);
                sht.alm2map(sht.map2alm(map, 0));
                sht.map2alm(both, it);
            }
            double[] ana = new double[repeat], fwd = new double[repeat], inv = new double[repeat], two = new double[repeat];
            for (int r = 0; r < repeat; r++) {
                long t0 = System.nanoTime();
                sht.anafast(map, it);
                long t1 = System.nanoTime();
                Alm a = sht.map2alm(map, 0);
                long t2 = System.nanoTime();
                sht.alm2map(a);
                long t3 = System.nanoTime();
                sht.map2alm(both, it);
                long t4 = System.nanoTime();
                ana[r] = (t1 - t0) / 1e9;
                fwd[r] = (t2 - t1) / 1e9;
                inv[r] = (t3 - t2) / 1e9;
                two[r] = (t4 - t3) / 1e9;
            }
            System.out.printf(Locale.ROOT, "map2alm (iter 0): %.4f s%nalm2map: %.4f s%n", median(fwd), median(inv));
            System.out.printf(Locale.ROOT, "two maps at once (iter %d): %.4f s%n", it, median(two));
            System.out.printf(Locale.ROOT, "map2alm+anafast: %.4f s%n", median(ana));
            return 0;
        }

        private static double median(double[] v) {
            double[] s = v.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
        }
    }

    @Command(name = "engine", mixinStandardHelpOptions = true,
            description = "Times the backtracking engine: one particle per pixel, --steps Boris steps through a "
                    + "slab field, or with --modes an isotropic one of that many plane waves (lambda_min = r_g/150). Prints the best of 3 "
                    + "runs after a warm-up.")
    static final class EngineBench implements Callable<Integer> {
        @Option(names = "--nside", defaultValue = "16") int nside;
        @Option(names = "--rho", defaultValue = "8.9e-3") double rho;
        @Option(names = "--steps", defaultValue = "2000") int steps;
        @Option(names = "--threads", description = "default: all cores") Integer threads;
        @Option(names = "--dt", defaultValue = "0.05") double dt;
        @Option(names = "--engine", defaultValue = "cpu", description = "cpu, cuda or auto (default ${DEFAULT-VALUE})") String engineName;
        @Option(names = "--modes", paramLabel = "N", description = "isotropic turbulence of N plane waves (default: slab turbulence)") Integer modes;

        @Override
        public Integer call() {
            Healpix.checkNside(nside);
            if (modes != null && (modes < 2 || modes > 100_000)) throw new IllegalArgumentException("--modes must be from 2 to 100000; got " + modes);
            int th = Inputs.threads(threads);
            if (steps < 1 || steps > 100_000_000) throw new IllegalArgumentException("--steps must be between 1 and 1e8");
            if (!(rho > 0 && rho <= 100)) throw new IllegalArgumentException("--rho must be in (0, 100]");
            org.anisoscope.turbulence.Turbulence field = modes == null ? org.anisoscope.turbulence.SlabField.generate(rho, 0.5, 1.0 / 150, 1)
                    : org.anisoscope.turbulence.IsotropicField.generate(rho, 0.5, 1.0 / 150, 1, 5.0 / 3.0, modes);
            org.anisoscope.tracking.Backtracker engine = org.anisoscope.run.Engines.choose(engineName, th).engine();
            long npix = 12L * nside * nside;
            System.out.printf(Locale.ROOT, "engine %s, nside %d (%d particles), rho %.3g (%s), %d steps, threads %d, java %s%n",
                    engine.description(), nside, npix, rho, field instanceof org.anisoscope.turbulence.SlabField slab ? slab.ngrids() + " grids"
                            : modes + " plane waves", steps, th, System.getProperty("java.version"));
            double[] times = {steps * dt};
            engine.run(field, nside, dt, new double[] {Math.min(200, steps) * dt}, 0, s -> {}, (a, b) -> {}, () -> false);
            double best = Double.POSITIVE_INFINITY;
            org.anisoscope.tracking.CudaBacktracker.Phases bestPhases = null; // the GPU's: where the best run's time went
            for (int r = 0; r < 3; r++) {
                long t0 = System.nanoTime();
                engine.run(field, nside, dt, times, 0, s -> {}, (a, b) -> {}, () -> false);
                double t = (System.nanoTime() - t0) / 1e9;
                if (t < best) {
                    best = t;
                    if (engine instanceof org.anisoscope.tracking.CudaBacktracker c) bestPhases = c.lastRun();
                }
            }
            System.out.printf(Locale.ROOT, "best of 3: %.3f s%n", best);
            System.out.printf(Locale.ROOT, "particle-steps/s: %.4e%n", npix * (double) steps / best);
            // the whole run as simulate makes it (particles set up, copies, snapshots); then the device's part
            if (bestPhases != null) System.out.println("on the device: " + bestPhases);
            return 0;
        }
    }

    @Command(name = "planewave", mixinStandardHelpOptions = true,
            description = "Times the Boris step through an isotropic plane-wave field (the CPU engine's isotropic step): --particles "
                    + "particles from the observer in blocks of 256 over the threads, --steps steps, --modes modes. Prints the best of 3 "
                    + "runs after 3 s of warm-up.")
    static final class PlaneWaveBench implements Callable<Integer> {
        @Option(names = "--modes", defaultValue = "100") int modes;
        @Option(names = "--particles", defaultValue = "12288") int particles;
        @Option(names = "--steps", defaultValue = "200") int steps;
        @Option(names = "--rho", defaultValue = "0.09") double rho;
        @Option(names = "--threads", description = "default: all cores") Integer threads;
        @Option(names = "--dt", defaultValue = "0.05") double dt;

        @Override
        public Integer call() {
            int th = Inputs.threads(threads);
            if (steps < 1 || steps > 100_000_000) throw new IllegalArgumentException("--steps must be between 1 and 1e8");
            if (particles < 1 || particles > 100_000_000) throw new IllegalArgumentException("--particles must be between 1 and 1e8");
            org.anisoscope.turbulence.IsotropicField field = org.anisoscope.turbulence.IsotropicField.generate(rho, 0.5, 1.0 / 150, 1, 5.0 / 3.0, modes);
            System.out.printf(Locale.ROOT, "plane-wave step (%s), %d modes, %d particles, %d steps, threads %d, java %s%n",
                    org.anisoscope.tracking.PlaneWaveStep.simd() ? "SIMD" : "scalar", modes, particles, steps, th, System.getProperty("java.version"));
            int blocks = (particles + 255) / 256;
            double[][] s = new double[6][particles];
            Runnable run = () -> {
                for (int c = 0; c < 6; c++) java.util.Arrays.fill(s[c], 0);
                for (int p = 0; p < particles; p++) { // spread over the sphere: a golden-angle spiral
                    double mu = 1 - 2 * (p + 0.5) / particles, st = Math.sqrt(1 - mu * mu), phi = p * 2.399963229728653;
                    s[3][p] = st * Math.cos(phi);
                    s[4][p] = st * Math.sin(phi);
                    s[5][p] = mu;
                }
                org.anisoscope.util.Parallel.forEach(blocks, th, (w, b) -> org.anisoscope.tracking.PlaneWaveStep.advance(field, s[0], s[1], s[2],
                        s[3], s[4], s[5], 256 * b, Math.min(particles, 256 * b + 256), steps, dt));
            };
            long warmEnd = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < warmEnd) run.run();
            double best = Double.POSITIVE_INFINITY;
            for (int r = 0; r < 3; r++) {
                long t0 = System.nanoTime();
                run.run();
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            System.out.printf(Locale.ROOT, "best of 3: %.3f s%nparticle-steps/s: %.4e%nmode-steps/s: %.4e%n", best, particles * (double) steps / best,
                    particles * (double) steps * modes / best);
            return 0;
        }
    }

    @Command(name = "mixing", mixinStandardHelpOptions = true,
            description = "Times the analytic prediction (k quadrature, mixing matrix, steady state): the first call in this JVM "
                    + "(cold, what a GUI slider's first move costs) and the median of --repeat further calls.")
    static final class MixingBench implements Callable<Integer> {
        @Option(names = "--lmax", defaultValue = "100") int lmax;
        @Option(names = "--rho", defaultValue = "8.9e-3") double rho;
        @Option(names = "--eta", defaultValue = "0.5") double eta;
        @Option(names = "--threads", description = "default: all cores") Integer threads;
        @Option(names = "--repeat", defaultValue = "5") int repeat;

        @Override
        public Integer call() {
            int th = Inputs.threads(threads);
            checkRepeat(repeat);
            System.out.printf(Locale.ROOT, "rho %.3g, eta %.3g, lmax %d, threads %d, java %s%n", rho, eta, lmax, th, System.getProperty("java.version"));
            var t = coldWarm(repeat, () -> org.anisoscope.mixing.Predictor.predict(rho, eta, lmax, Double.NaN, th));
            System.out.printf(Locale.ROOT, "k nodes %d, Omega_0 dT %.3g; warm median %.4f s%n", t.first().nodes(), t.first().omegaDt(), t.warmMedian());
            System.out.printf(Locale.ROOT, "mixing+steady: %.4f s%n", t.coldSeconds());
            return 0;
        }
    }

    @Command(name = "coupling", mixinStandardHelpOptions = true,
            description = "Times an observatory band's MASTER coupling (observe --deconvolve, predict/fit --observatory, the window's curve "
                    + "as seen) and one binned deconvolution; last line 'coupling: <seconds> s' (first call in the JVM).")
    static final class CouplingBench implements Callable<Integer> {
        @Option(names = "--lmax", defaultValue = "191") int lmax;
        @Option(names = "--dec-range", split = ",", defaultValue = "-90,-25", description = "MIN,MAX degrees (default ${DEFAULT-VALUE})")
        java.util.List<Double> band;
        @Option(names = "--threads", description = "default: all cores") Integer threads;
        @Option(names = "--repeat", defaultValue = "5") int repeat;

        @Override
        public Integer call() {
            int th = Inputs.threads(threads);
            checkRepeat(repeat);
            if (lmax < 1 || lmax > 4096) throw new IllegalArgumentException("--lmax must be between 1 and 4096");
            if (band.size() != 2) throw new IllegalArgumentException("--dec-range needs MIN,MAX");
            System.out.printf(Locale.ROOT, "band Dec %s to %s, lmax %d, threads %d, java %s%n", band.get(0), band.get(1), lmax, th, System.getProperty("java.version"));
            var t = coldWarm(repeat, () -> org.anisoscope.sky.MaskCoupling.ofDeclinations(band.get(0), band.get(1), true, lmax, th));
            var mc = t.first();
            double[] flat = new double[lmax + 1];
            Arrays.fill(flat, 1);
            long b = System.nanoTime();
            int w = mc.narrowestBinWidth(32);
            var binned = mc.deconvolve(mc.expectedPseudo(flat), Math.max(w, 1));
            double decS = (System.nanoTime() - b) / 1e9;
            System.out.printf(Locale.ROOT, "warm median %.4f s; narrowest bins %d (condition %.3g), deconvolution incl. that search %.4f s%n",
                    t.warmMedian(), w, binned.condition(), decS);
            System.out.printf(Locale.ROOT, "coupling: %.4f s%n", t.coldSeconds());
            return 0;
        }
    }
}
