package org.anisoscope.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.anisoscope.ChildJvm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's folder survives what happens to runs: SIGKILL mid-run and --resume give the files of a run
 * never interrupted; SIGTERM leaves a partial run that resumes the same way; a second writer is
 * refused while the first runs; a folder holding a run is never reused, --force replaces it whole.
 */
class RunFolderSafetyTest {
    @TempDir static Path shared;
    @TempDir Path dir;

    /** About a second a realisation here, so a signal lands mid-run. */
    static final String[] RUN = {"--rho", "0.05", "--nside", "16", "--realisations", "5", "--snapshots", "4", "--t-max", "8tau", "--seed", "11",
            "--threads", "1"};
    static Path reference;

    static String[] simulate(String... more) {
        return Stream.concat(Stream.concat(Stream.of("simulate"), Stream.of(RUN)), Stream.of(more)).toArray(String[]::new);
    }

    @BeforeAll
    static void uninterrupted() {
        reference = shared.resolve("reference");
        CliTest.Result r = CliTest.run(simulate("--out", reference.toString()));
        assertEquals(0, r.code(), r.err());
    }

    static TreeMap<String, String> files(Path run) throws IOException {
        return org.anisoscope.SameRun.files(run);
    }

    static void assertSameRun(Path expected, Path actual) throws IOException {
        org.anisoscope.SameRun.assertSameRun(expected, actual);
    }

    static ChildJvm.Running child(Path cwd, String... args) throws Exception {
        // the JVM's own options: with the Vector API or without, as this one (the transforms' sums differ in the last bits)
        List<String> options = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? List.of("--add-modules", "jdk.incubator.vector")
                : List.of();
        return ChildJvm.start(cwd, java.util.Map.of(), options, "org.anisoscope.Main", args);
    }

    /** Waits until file exists (the child's progress), failing if the child ends first. */
    static void awaitFile(ChildJvm.Running c, Path file) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(100);
        while (!Files.exists(file)) {
            assertTrue(c.process().isAlive(), "the run ended before " + file + " appeared:\n" + c.output());
            assertTrue(System.nanoTime() < end, file + " did not appear:\n" + c.output());
            Thread.sleep(20);
        }
    }

    @Test
    void aRunKilledMidWayResumesToTheFilesOfARunNeverInterrupted() throws Exception {
        Path out = dir.resolve("killed");
        ChildJvm.Running c = child(dir, simulate("--out", out.toString()));
        awaitFile(c, dir.resolve("killed.partial/checkpoint/realisation_00001.bin"));
        c.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(c.process().waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(out), "nothing appears at --out before the run is complete");
        assertTrue(Files.isRegularFile(dir.resolve("killed.partial/checkpoint/realisation_00000.bin")));

        CliTest.Result again = CliTest.run(simulate("--out", out.toString()));
        assertEquals(2, again.code(), again.err());
        assertTrue(again.err().contains("holds an interrupted run; give --resume"), again.err());

        CliTest.Result r = CliTest.run("simulate", "--resume", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().matches("(?s).*resuming .*killed: [2-4] of 5 realisations complete.*"), r.err());
        assertSameRun(reference, out);
        assertFalse(Files.exists(dir.resolve("killed.partial")));
    }

    @Test
    void aRunStoppedBySigtermIsWrittenPartialAndResumes() throws Exception {
        Path out = dir.resolve("stopped");
        ChildJvm.Running c = child(dir, simulate("--out", out.toString()));
        awaitFile(c, dir.resolve("stopped.partial/checkpoint/realisation_00000.bin"));
        c.process().destroy(); // SIGTERM, as Ctrl-C's SIGINT: the partial result is written whole
        assertTrue(c.process().waitFor(60, TimeUnit.SECONDS));
        String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"partial\" : true"), summary);
        assertTrue(c.output().contains("--resume " + out), c.output());

        // the same options with --resume are the same run; other options are refused
        CliTest.Result other = CliTest.run(Stream.concat(Stream.of("simulate", "--resume", out.toString()),
                Stream.of("--rho", "0.06", "--nside", "16")).toArray(String[]::new));
        assertEquals(2, other.code(), other.err());
        assertTrue(other.err().contains("continues the run as it was started"), other.err());
        CliTest.Result r = CliTest.run(concat(concat(new String[] {"simulate"}, RUN), "--resume", out.toString()));
        assertEquals(0, r.code(), r.err());
        assertSameRun(reference, out);
    }

    @Test
    void aSecondWriterIsRefusedWhileTheFirstRuns() throws Exception {
        Path out = dir.resolve("one");
        ChildJvm.Running first = child(dir, simulate("--out", out.toString()));
        awaitFile(first, dir.resolve("one.partial/checkpoint/run.json"));
        for (String[] second : new String[][] {simulate("--out", out.toString()), simulate("--out", out.toString(), "--force"),
                {"simulate", "--resume", out.toString()}}) {
            CliTest.Result r = CliTest.run(second);
            assertEquals(2, r.code(), String.join(" ", second) + ": " + r.err());
            assertTrue(r.err().contains("is being written by another anisoscope (process " + first.process().pid() + ")"), r.err());
        }
        assertTrue(first.process().waitFor(100, TimeUnit.SECONDS), first.output());
        assertEquals(0, first.process().exitValue(), first.output());
        assertSameRun(reference, out);
    }

    @Test
    void aFolderHoldingARunIsNotReusedAndForceReplacesItWhole() throws Exception {
        Path out = dir.resolve("run");
        String[] small = {"simulate", "--rho", "0.089", "--nside", "4", "--realisations", "2", "--t-max", "2tau", "--out", out.toString()};
        assertEquals(0, CliTest.run(concat(small, "--snapshots", "6")).code());
        TreeMap<String, String> six = files(out);
        CliTest.Result r = CliTest.run(concat(small, "--snapshots", "2"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("already holds a run (summary.json); give another folder, or --force to replace it whole"), r.err());
        assertEquals(six, files(out), "a refused run leaves the folder as it was");

        assertEquals(0, CliTest.run(concat(small, "--snapshots", "2", "--force")).code());
        List<String> names = new ArrayList<>(files(out).keySet());
        assertTrue(names.contains("cl_snapshot_01.csv") && !names.contains("cl_snapshot_02.csv"), "no snapshot of the old run is left: " + names);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("run"), s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("jvm")).toList());
        }
    }

    /** An empty folder made for the run (perhaps the shell's working folder) is filled, not replaced: the same folder after. */
    @Test
    void anEmptyFolderMadeForTheRunIsFilledInPlace() throws Exception {
        Path out = Files.createDirectory(dir.resolve("made"));
        Object key = Files.readAttributes(out, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        assertEquals(0, CliTest.run("simulate", "--rho", "0.089", "--nside", "2", "--realisations", "1", "--snapshots", "2", "--t-max", "1tau",
                "--out", out.toString()).code());
        assertEquals(key, Files.readAttributes(out, java.nio.file.attribute.BasicFileAttributes.class).fileKey());
        assertTrue(Files.exists(out.resolve("summary.json")) && Files.exists(out.resolve("map_snapshot_01.fits")));
        assertFalse(Files.exists(out.resolve("checkpoint")) || Files.exists(out.resolve(".lock")) || Files.exists(dir.resolve("made.partial")));
    }

    static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
