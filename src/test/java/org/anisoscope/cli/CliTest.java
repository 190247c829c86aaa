package org.anisoscope.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.anisoscope.Fixtures;
import org.anisoscope.io.ClCsv;
import org.anisoscope.io.HealpixFits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a user runs them: exit codes, files written, one-line errors. */
class CliTest {
    @TempDir Path dir;

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Cli.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void anafastSmoothMollviewOnAHealpyMap() throws Exception {
        Path in = Fixtures.copy("healpy_nside64_float64.fits", dir);
        Path cl = dir.resolve("cl.csv");
        assertEquals(0, run("anafast", "--in", in.toString(), "--out", cl.toString(), "--lmax", "20").code());
        double[] c = ClCsv.read(cl);
        assertEquals(21, c.length);
        assertTrue(Files.readString(cl).startsWith("l,cl\n"));

        Path sm = dir.resolve("s.fits");
        assertEquals(0, run("smooth", "--in", in.toString(), "--fwhm-deg", "5", "--out", sm.toString()).code());
        assertEquals(64, HealpixFits.read(sm).nside());

        Path png = dir.resolve("f.png");
        Result r = run("mollview", "--in", sm.toString(), "--out", png.toString(), "--width", "400", "--remove-dipole");
        assertEquals(0, r.code(), r.err());
        assertTrue(javax.imageio.ImageIO.read(png.toFile()).getWidth() == 400);
    }

    @Test
    void demoWritesItsThreeFiles() {
        Result r = run("demo", "--out", dir.toString(), "--nside", "16");
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"demo_map.fits", "demo_cl.csv", "demo_sky.png"}) assertTrue(Files.exists(dir.resolve(f)), f);
    }

    @Test
    void badInputGivesExitCode2AndOneLine() throws Exception {
        Path in = Fixtures.copy("healpy_nside8_float64.fits", dir);
        Path text = dir.resolve("text.fits");
        Files.writeString(text, "SIMPLE = nonsense");
        String[][] cases = {
                {"bench", "sht", "--nside", "3"},
                {"anafast", "--in", in.toString(), "--out", dir.resolve("c.csv").toString(), "--lmax", "-1"},
                {"anafast", "--in", dir.resolve("missing.fits").toString(), "--out", dir.resolve("c.csv").toString()},
                {"anafast", "--in", text.toString(), "--out", dir.resolve("c.csv").toString()},
                {"anafast", "--in", in.toString(), "--out", dir.resolve("no/such/dir/c.csv").toString()},
                {"smooth", "--in", in.toString(), "--out", dir.resolve("s.fits").toString(), "--fwhm-deg", "-2"},
                {"mollview", "--in", in.toString(), "--out", dir.resolve("m.png").toString(), "--width", "5"},
                {"anafast", "--in", in.toString()},
                {"anafast", "--lmax", "abc", "--in", in.toString(), "--out", "x.csv"},
                {"nosuchcommand"},
        };
        for (String[] args : cases) {
            Result r = run(args);
            String what = String.join(" ", args);
            assertEquals(2, r.code(), what + ": " + r.err());
            String err = r.err().strip();
            assertTrue(err.startsWith("error: "), what + ": " + err);
            assertFalse(err.contains("\n"), what + " printed more than one line: " + err);
            assertFalse(err.contains("Exception"), what + ": " + err);
        }
    }

    @Test
    void simulateWritesTheSummaryAndRefusesBadInput() throws Exception {
        Result r = run("simulate", "--rho", "0.089", "--nside", "4", "--realisations", "2", "--t-max", "2tau",
                "--snapshots", "3", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        var s = org.anisoscope.io.Json.read(dir.resolve("summary.json"));
        for (String key : new String[] {"version", "seed", "params", "units", "times", "kzz_running", "kzz", "tau_s", "lmax",
                "cl_num", "cl_std", "noise", "cl_sub", "cl_sub_err", "dipoles", "misalignment_deg"}) {
            assertTrue(s.has(key), "summary.json lacks " + key);
        }
        assertFalse(s.get("partial").asBoolean());
        assertEquals(3, s.get("times").size());
        assertEquals(12, s.get("cl_num").get(0).size()); // l = 0 .. 3 nside - 1
        assertEquals(2, s.get("dipoles").size());
        assertTrue(Files.exists(dir.resolve("cl_snapshot_02.csv")));
        assertEquals(4, HealpixFits.read(dir.resolve("map_snapshot_02.fits")).nside());
        assertEquals(12, ClCsv.read(dir.resolve("cl_snapshot_00.csv")).length);

        String[][] bad = {
                {"simulate", "--rho", "0.01", "--eta", "1.5", "--out", dir.toString()},
                {"simulate", "--rigidity", "-1PV", "--out", dir.toString()},
                {"simulate", "--rho", "0.01", "--nside", "12", "--out", dir.toString()},
                {"simulate", "--rho", "0.01", "--dt", "3", "--out", dir.toString()},
                {"simulate", "--rho", "0.01", "--t-max", "abc", "--out", dir.toString()},
                {"simulate", "--rho", "0.01", "--nside", "1024", "--snapshots", "1000", "--out", dir.toString()},
                {"simulate", "--rho", "0.01", "--rigidity", "1PV", "--out", dir.toString()},
                {"simulate", "--rho", "0.01", "--engine", "quantum", "--out", dir.toString()},
        };
        for (String[] args : bad) {
            Result b = run(args);
            assertEquals(2, b.code(), String.join(" ", args) + ": " + b.err());
            String err = b.err().strip();
            assertTrue(err.startsWith("error: ") && !err.contains("\n") && !err.contains("Exception"), err);
        }
    }

    @Test
    void versionAndHelp() {
        assertTrue(run("--version").out().startsWith("anisoscope "));
        Result h = run("anafast", "--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("--lmax"));
    }
}
