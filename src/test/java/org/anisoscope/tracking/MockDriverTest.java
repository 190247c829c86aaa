package org.anisoscope.tracking;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.anisoscope.ChildJvm;
import org.anisoscope.turbulence.SlabField;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CUDA engine end to end without a GPU: JCuda, the engine and the commands run against
 * {@code src/test/cuda/mock_libcuda.cpp}, a stand-in for the driver that keeps "device memory" on the host,
 * checks every copy and kernel argument against the live allocations, and runs the kernel by the
 * host build of its own step. What only silicon can show (the device's arithmetic and speed) stays
 * for the on-device tests; what the engine does with the driver is checked here, in every CI run.
 */
class MockDriverTest {
    static Path driverDir;
    @TempDir Path dir;

    @BeforeAll
    static void buildTheMockDriver() throws Exception {
        Assumptions.assumeTrue(CudaKernelTest.onPath("g++"), "skipped: no C++ compiler (g++) to build the stand-in driver");
        driverDir = Path.of("target/mock-driver").toAbsolutePath();
        Files.createDirectories(driverDir);
        Process p = new ProcessBuilder("g++", "-O2", "-ffp-contract=off", "-shared", "-fPIC", "-Ikernels", "-o",
                driverDir.resolve("libcuda.so.1").toString(), "src/test/cuda/mock_libcuda.cpp").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "building the stand-in driver: " + out);
    }

    /** A JVM whose JCuda links against the stand-in driver; faults as in mock_libcuda.cpp. */
    ChildJvm.Exit withDriver(Map<String, String> faults, String mainClass, String... args) throws Exception {
        Map<String, String> env = new HashMap<>(faults);
        env.put("LD_LIBRARY_PATH", driverDir + ":" + System.getenv().getOrDefault("LD_LIBRARY_PATH", ""));
        env.put("ANISO_MOCK_LOG", dir.resolve("driver.log").toString());
        return ChildJvm.run(dir, env, List.of(), mainClass, args);
    }

    ChildJvm.Exit cli(Map<String, String> faults, String... args) throws Exception {
        return withDriver(faults, "org.anisoscope.Main", args);
    }

    /**
     * The engine made this many contexts (it keeps one for the JVM's runs and lets it go after a
     * failure), and whenever one went, and at the JVM's exit, nothing was left allocated.
     */
    void assertEverythingFreed(int contexts) throws Exception {
        List<String> log = Files.readAllLines(dir.resolve("driver.log"));
        assertEquals(contexts, log.stream().filter("made"::equals).count(), String.join("\n", log));
        assertEquals("exit: live allocations 0", log.get(log.size() - 1), String.join("\n", log));
        for (String line : log) assertTrue(line.equals("made") || line.endsWith(": live allocations 0"), String.join("\n", log));
    }

    static final String[] SMALL_RUN = {"--rho", "8.9e-2", "--nside", "4", "--snapshots", "4"};

    /**
     * Several GPUs on one machine (the stand-in driver reporting two): --shard-per-device runs one
     * shard per device, each process on its own, and merges them into the run one device makes;
     * --device picks one, and a device that is not there is refused by number.
     */
    @Test
    void shardsRunOnTheirOwnDevicesAndMergeToTheOneDevicesRun() throws Exception {
        Map<String, String> two = Map.of("ANISO_MOCK_DEVICES", "2");
        Path one = dir.resolve("one"), split = dir.resolve("split");
        ChildJvm.Exit a = cli(two, simulate("cuda", 4, one));
        assertEquals(0, a.code(), a.output());
        Files.delete(dir.resolve("driver.log"));
        ChildJvm.Exit b = cli(two, Stream.concat(Stream.of(simulate("auto", 4, split)), Stream.of("--shard-per-device")).toArray(String[]::new));
        assertEquals(0, b.code(), b.output());
        assertTrue(b.output().contains("shard 1/2 on CUDA device 0") && b.output().contains("shard 2/2 on CUDA device 1"), b.output());
        List<String> log = Files.readAllLines(dir.resolve("driver.log"));
        assertEquals(1, log.stream().filter("made"::equals).count(), String.join("\n", log));
        assertEquals(1, log.stream().filter("made on device 1"::equals).count(), "the second shard on the second device: " + String.join("\n", log));
        org.anisoscope.SameRun.assertSameRun(one, split);
        // one device by number; one that is not there
        Files.delete(dir.resolve("driver.log"));
        ChildJvm.Exit c = cli(two, Stream.concat(Stream.of(simulate("cuda", 1, dir.resolve("on1"))), Stream.of("--device", "1")).toArray(String[]::new));
        assertEquals(0, c.code(), c.output());
        assertTrue(Files.readAllLines(dir.resolve("driver.log")).contains("made on device 1"));
        ChildJvm.Exit d = cli(two, Stream.concat(Stream.of(simulate("cuda", 1, dir.resolve("on2"))), Stream.of("--device", "2")).toArray(String[]::new));
        assertEquals(2, d.code(), d.output());
        assertTrue(d.output().contains("there is no CUDA device 2: the driver reports 2 (0 to 1)"), d.output());
        assertFalse(Files.exists(dir.resolve("on2")));
    }

    static String[] simulate(String engine, int realisations, Path out) {
        return Stream.concat(Stream.of("simulate", "--engine", engine, "--realisations", String.valueOf(realisations),
                "--out", out.toString()), Stream.of(SMALL_RUN)).toArray(String[]::new);
    }

    @Test
    void checkEnginesPassesBitForBit() throws Exception {
        ChildJvm.Exit r = cli(Map.of(), "check-engines", "--steps", "2000", "--realisations", "3");
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("device: Anisoscope mock device"), r.output());
        assertTrue(r.output().contains("PASS states: 768 particles, 2000 steps, largest relative difference 0.00"), r.output());
        assertTrue(r.output().contains("PASS ensemble"), r.output());
        assertEverythingFreed(1); // one for the state comparison and every realisation
    }

    /** auto takes the device and says so; the run is the CPU's run of the same seeds, file for file. */
    @Test
    void autoUsesTheDeviceAndMakesTheCpusRun() throws Exception {
        Path gpu = dir.resolve("gpu"), cpu = dir.resolve("cpu");
        ChildJvm.Exit g = cli(Map.of(), simulate("auto", 2, gpu));
        assertEquals(0, g.code(), g.output());
        assertTrue(g.output().contains("engine: CUDA engine on Anisoscope mock device"), g.output());
        ChildJvm.Exit c = cli(Map.of("ANISO_MOCK_DEVICES", "0"), simulate("auto", 2, cpu));
        assertEquals(0, c.code(), c.output());
        assertTrue(c.output().contains("CUDA not available: the NVIDIA driver reports no CUDA device"), c.output());
        for (int k = 0; k < 4; k++) {
            String f = String.format("cl_snapshot_%02d.csv", k);
            assertEquals(Files.readString(cpu.resolve(f)), Files.readString(gpu.resolve(f)), f);
        }
        assertEquals(Files.readString(cpu.resolve("cl_realisations.csv")), Files.readString(gpu.resolve("cl_realisations.csv")));
    }

    /** Another spectral index through the CUDA engine: the CPU engine's run of it, file for file (the grids carry q). */
    @Test
    void kraichnansSpectrumIsTheSameRunOnBothEngines() throws Exception {
        Path gpu = dir.resolve("q-gpu"), cpu = dir.resolve("q-cpu");
        String[] q = {"--spectral-index", "3/2"};
        ChildJvm.Exit g = cli(Map.of(), Stream.concat(Stream.of(simulate("cuda", 2, gpu)), Stream.of(q)).toArray(String[]::new));
        assertEquals(0, g.code(), g.output());
        ChildJvm.Exit c = cli(Map.of(), Stream.concat(Stream.of(simulate("cpu", 2, cpu)), Stream.of(q)).toArray(String[]::new));
        assertEquals(0, c.code(), c.output());
        for (String f : new String[] {"cl_snapshot_03.csv", "cl_realisations.csv"}) assertEquals(Files.readString(cpu.resolve(f)), Files.readString(gpu.resolve(f)), f);
        java.util.List<String> tc = Files.readAllLines(cpu.resolve("trajectories.csv")), tg = Files.readAllLines(gpu.resolve("trajectories.csv"));
        assertEquals(tc.subList(1, tc.size()), tg.subList(1, tg.size()), "the sampled paths, below the header's comment");
        assertTrue(Files.readString(gpu.resolve("summary.json")).contains("\"spectral_index\" : 1.5"));
    }

    /** Isotropic turbulence through the CUDA engine's plane-wave kernel: the CPU engine's run, file for file. */
    @Test
    void isotropicTurbulenceIsTheSameRunOnBothEngines() throws Exception {
        Path gpu = dir.resolve("iso-gpu"), cpu = dir.resolve("iso-cpu");
        String[] iso = {"--turbulence", "isotropic", "--modes", "40", "--t-max", "60"};
        ChildJvm.Exit g = cli(Map.of(), Stream.concat(Stream.of(simulate("cuda", 2, gpu)), Stream.of(iso)).toArray(String[]::new));
        assertEquals(0, g.code(), g.output());
        ChildJvm.Exit c = cli(Map.of(), Stream.concat(Stream.of(simulate("cpu", 2, cpu)), Stream.of(iso)).toArray(String[]::new));
        assertEquals(0, c.code(), c.output());
        for (String f : new String[] {"cl_snapshot_03.csv", "cl_realisations.csv"}) assertEquals(Files.readString(cpu.resolve(f)), Files.readString(gpu.resolve(f)), f);
        java.util.List<String> tc = Files.readAllLines(cpu.resolve("trajectories.csv")), tg = Files.readAllLines(gpu.resolve("trajectories.csv"));
        assertEquals(tc.subList(1, tc.size()), tg.subList(1, tg.size()), "the sampled paths, below the header's comment");
        String summary = Files.readString(gpu.resolve("summary.json"));
        assertTrue(summary.contains("\"turbulence\" : \"isotropic\"") && summary.contains("\"modes\" : 40"), summary);
        assertTrue(summary.contains("\"engine\" : \"cuda\""), summary);
        assertEverythingFreed(1);
    }

    /** A driver failure in realisation 2 ends the run with one line and keeps realisation 1. */
    @Test
    void aFailureMidRunKeepsWhatWasDone() throws Exception {
        Path out = dir.resolve("sim");
        // one launch per snapshot here (a few hundred particles): launch 6 is realisation 2's second
        ChildJvm.Exit r = cli(Map.of("ANISO_MOCK_FAIL_LAUNCH", "6"), simulate("cuda", 3, out));
        assertEquals(1, r.code(), r.output());
        assertTrue(r.output().contains("error: the CUDA engine failed: CUDA_ERROR_LAUNCH_FAILED"), r.output());
        assertFalse(r.output().contains("Exception"), r.output());
        String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"partial\" : true") && summary.contains("\"realisations_completed\" : 1"), summary);
        assertTrue(Files.readAllLines(dir.resolve("driver.log")).contains("released: live allocations 0"));
        assertEverythingFreed(1);
    }

    @Test
    void aRunTheDeviceCannotHoldIsRefusedBeforeAnythingIsCopied() throws Exception {
        Path out = dir.resolve("sim");
        ChildJvm.Exit r = cli(Map.of("ANISO_MOCK_FREE_MIB", "10"), simulate("cuda", 2, out));
        assertEquals(1, r.code(), r.output());
        assertTrue(r.output().contains("error: the GPU has 0.01 GiB free but this run needs"), r.output());
        assertTrue(r.output().contains("lower Nside or use the CPU engine"), r.output());
        assertFalse(Files.exists(out.resolve("summary.json")));
        assertEverythingFreed(1);
    }

    @Test
    void cancellingBetweenLaunchesFreesEverything() throws Exception {
        ChildJvm.Exit r = withDriver(Map.of(), MockDriverTest.class.getName());
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("cancelled after 2 of 40 snapshots; the next run completes"), r.output());
        assertEverythingFreed(1);
    }

    /** A failed launch lets the context go (a device error can spoil it); the next run makes a new one and completes. */
    @Test
    void aFailureLetsTheContextGoAndTheNextRunMakesANewOne() throws Exception {
        ChildJvm.Exit r = withDriver(Map.of("ANISO_MOCK_FAIL_LAUNCH", "1"), MockDriverTest.class.getName(), "fail-then-run");
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("failed: the CUDA engine failed: CUDA_ERROR_LAUNCH_FAILED; the next run completes"), r.output());
        assertEquals(List.of("made", "released: live allocations 0", "made", "exit: live allocations 0"),
                Files.readAllLines(dir.resolve("driver.log")));
    }

    /** In the child JVM: a run cancelled between launches, then a run that must find the device free. */
    public static void main(String[] args) {
        try {
            if (args.length > 0 && args[0].equals("fail-then-run")) failThenRunAgain();
            else cancelThenRunAgain();
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0); // as Main does: the engines' idle worker threads would hold the JVM for a minute
    }

    static void failThenRunAgain() throws Exception {
        CudaBacktracker gpu = CudaBacktracker.open();
        SlabField f = SlabField.generate(0.089, 0.5, 1.0 / 150, 11);
        String first;
        try {
            gpu.run(f, 4, 0.05, new double[] {0.5}, 0, s -> {}, (a, b) -> {}, () -> false);
            first = "completed";
        } catch (IllegalStateException e) {
            first = "failed: " + e.getMessage();
        }
        boolean second = gpu.run(f, 4, 0.05, new double[] {0.5}, 0, s -> {}, (a, b) -> {}, () -> false);
        System.out.println(first + "; the next run " + (second ? "completes" : "failed"));
    }

    static void cancelThenRunAgain() throws Exception {
        CudaBacktracker gpu = CudaBacktracker.open();
        SlabField f = SlabField.generate(0.089, 0.5, 1.0 / 150, 11);
        double[] times = new double[40];
        for (int k = 0; k < times.length; k++) times[k] = (k + 1) * 0.5;
        int[] checks = {0}, snapshots = {0};
        boolean done = gpu.run(f, 4, 0.05, times, 0, s -> snapshots[0]++, (a, b) -> {}, () -> checks[0]++ >= 2);
        if (done) throw new AssertionError("the run was not cancelled");
        boolean second = gpu.run(f, 4, 0.05, new double[] {0.5}, 0, s -> {}, (a, b) -> {}, () -> false);
        System.out.println("cancelled after " + snapshots[0] + " of " + times.length + " snapshots; the next run "
                + (second ? "completes" : "failed"));
    }
}
