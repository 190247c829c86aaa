package org.anisoscope.run;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.anisoscope.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run folders of every format still open: format 1 (summary.json without format_version, written
 * by anisoscope 0.1.0+ee6ae9a325 before this version; src/test/resources/format-v1/run) reads in
 * fit, figure, animate and everything the window's File > Open reads; a newer format is refused by name.
 */
public class RunFormatTest {
    @TempDir Path dir;

    static final List<String> V1_FILES = List.of("summary.json", "cl_realisations.csv", "trajectories.csv", "cl_snapshot_00.csv", "cl_snapshot_01.csv",
            "cl_snapshot_02.csv", "map_snapshot_00.fits", "map_snapshot_01.fits", "map_snapshot_02.fits");

    /** The committed format-1 run, copied into dir/name. */
    public static Path formatOneRun(Path dir, String name) throws IOException {
        Path run = Files.createDirectories(dir.resolve(name));
        for (String f : V1_FILES) {
            try (InputStream in = RunFormatTest.class.getResourceAsStream("/format-v1/run/" + f)) {
                assertNotNull(in, f);
                Files.copy(in, run.resolve(f));
            }
        }
        return run;
    }

    @Test
    void aFormatOneRunReadsAsItWasWritten() throws Exception {
        Path run = formatOneRun(dir, "v1");
        assertFalse(Files.readString(run.resolve("summary.json")).contains("format_version"), "the fixture is of the old format");
        RunFiles.Summary s = RunFiles.readSummary(run);
        assertEquals("0.1.0+ee6ae9a325", s.version());
        assertEquals(3, s.realisations());
        assertEquals(7, s.params().seed());
        assertEquals(4, s.params().nside());
        assertEquals(3, s.times().length);
        assertEquals(192, RunFiles.readMap(s, 2).length);
        assertEquals(3, RunFiles.readTrajectories(s).length);
        assertEquals(3, RunFiles.readClRealisations(s)[2].length);
        assertNull(RunFiles.readSeen(s));
        assertTrue(Double.isFinite(s.diffusion().kzzPlateau()));
    }

    @Test
    void aFormatOneRunOpensInFitFigureAndAnimate() throws Exception {
        Path run = formatOneRun(dir, "v1");
        assertEquals(0, Cli.run(new String[] {"fit", "--sim", run.toString(), "--lmax", "20", "--out", dir.resolve("fit.json").toString()}));
        assertTrue(Files.readString(dir.resolve("fit.json")).contains("omega"), "a fit was written");
        for (String what : new String[] {"cl", "evolution", "dipole"}) {
            assertEquals(0, Cli.run(new String[] {"figure", "--what", what, "--sim", run.toString(), "--width", "400", "--height", "300",
                    "--out", dir.resolve(what + ".png").toString()}), what);
        }
        assertEquals(0, Cli.run(new String[] {"animate", "--sim", run.toString(), "--width", "300", "--out", dir.resolve("a.gif").toString()}));
        assertTrue(Files.size(dir.resolve("a.gif")) > 1000);
    }

    @Test
    void aNewerFormatIsRefusedByName() throws Exception {
        Path run = formatOneRun(dir, "v9");
        Path f = run.resolve("summary.json");
        Files.writeString(f, Files.readString(f).replaceFirst("\\{", "{\n  \"format_version\" : 9,"));
        IOException e = assertThrows(IOException.class, () -> RunFiles.readSummary(run));
        assertTrue(e.getMessage().contains("is in run format 9") && e.getMessage().contains("reads formats up to " + RunFiles.FORMAT_VERSION)
                && e.getMessage().contains("update anisoscope"), e.getMessage());
    }

    /** A field of the wrong kind is refused naming it, as summary.json's typed layout reads it. */
    @Test
    void aFieldOfTheWrongKindIsRefusedByName() throws Exception {
        for (String[] c : new String[][] {{"\"nside\" : 4", "\"nside\" : \"four\"", "params.nside"},
                {"\"times\" : [", "\"times\" : \"soon\", \"x\" : [", "times"}}) {
            Path run = formatOneRun(dir, "bad" + c[2].hashCode());
            Path f = run.resolve("summary.json");
            String text = Files.readString(f);
            assertTrue(text.contains(c[0]), c[0]);
            Files.writeString(f, text.replaceFirst(java.util.regex.Pattern.quote(c[0]), c[1]));
            IOException e = assertThrows(IOException.class, () -> RunFiles.readSummary(run));
            assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("malformed: " + c[2] + " is not"), e.getMessage());
        }
    }

    @Test
    void whatThisVersionWritesSaysItsFormat() throws Exception {
        Path run = dir.resolve("new");
        assertEquals(0, Cli.run(new String[] {"simulate", "--rho", "0.089", "--nside", "2", "--realisations", "1", "--snapshots", "2", "--t-max",
                "1tau", "--out", run.toString()}));
        String json = Files.readString(run.resolve("summary.json"));
        assertTrue(json.startsWith("{\n  \"format\" : \"anisoscope-run\",\n  \"format_version\" : " + RunFiles.FORMAT_VERSION + ","), json);
        assertEquals(1, RunFiles.readSummary(run).realisations());
    }
}
