package org.anisoscope.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.anisoscope.io.Json;
import org.anisoscope.physics.Geometry;
import org.anisoscope.physics.Qlt;
import org.anisoscope.run.RunFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * simulate --turbulence isotropic end to end: recorded in every file, remade from the record,
 * resumable, and the slab-only parts of the app (QLT's τ_s and K_zz, the mixing matrix, a gradient
 * across B0) refused by name for it.
 */
class IsotropicCommandTest {
    @TempDir Path dir;

    static final String[] RUN = {"simulate", "--rho", "0.089", "--nside", "4", "--realisations", "2", "--snapshots", "4", "--engine", "cpu",
            "--turbulence", "isotropic"};

    @Test
    void anIsotropicRunRecordsItsTurbulenceAndItsPathsAreRemadeFromTheRecord() throws Exception {
        Path run = dir.resolve("iso");
        CliTest.Result r = CliTest.run(concat(RUN, "--modes", "32", "--t-max", "40", "--out", run.toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("isotropic turbulence of 32 plane waves"), r.err());
        JsonNode p = Json.read(run.resolve("summary.json")).get("params");
        assertEquals("isotropic", p.get("turbulence").asText());
        assertEquals(32, p.get("modes").asInt());
        assertNull(p.get("tau_s_qlt"), "no QLT tau_s for isotropic turbulence");
        RunFiles.Summary s = RunFiles.readSummary(run);
        assertEquals(Geometry.ISOTROPIC, s.params().geometry());
        assertEquals(32, s.params().modes());
        assertTrue(Double.isNaN(s.diffusion().tauSQlt()));
        assertTrue(s.provenance().contains("isotropic turbulence of 32 plane waves"), s.provenance());
        assertEquals("32 isotropic plane waves", org.anisoscope.io.HealpixFits.read(run.resolve("map_snapshot_00.fits")).keywords().get("TURBMODE"));
        // a sampled pixel's path, remade by trajectory from the record, is the run's to the bit
        List<Integer> sampled = Files.readAllLines(run.resolve("trajectories.csv")).stream().filter(l -> l.matches("\\d+,\\d+,.*"))
                .map(l -> Integer.parseInt(l.split(",")[1])).distinct().toList();
        int pix = sampled.get(5);
        Path path = dir.resolve("path.csv");
        CliTest.Result t = CliTest.run("trajectory", "--sim", run.toString(), "--pixel", Integer.toString(pix), "--out", path.toString());
        assertEquals(0, t.code(), t.err());
        assertEquals(TrajectoryCommandTest.rows(run.resolve("trajectories.csv"), pix), TrajectoryCommandTest.rows(path, pix));
        // a slab run of the same seed is another field: other paths
        Path slab = dir.resolve("slab");
        String[] slabRun = java.util.Arrays.copyOf(RUN, RUN.length - 2);
        assertEquals(0, CliTest.run(concat(slabRun, "--t-max", "40", "--out", slab.toString())).code());
        assertNotEquals(Files.readString(slab.resolve("cl_realisations.csv")), Files.readString(run.resolve("cl_realisations.csv")));
        // fit has nothing to fit to it; figure draws no prediction but the run's spectra
        CliTest.Result f = CliTest.run("fit", "--sim", run.toString(), "--out", dir.resolve("fit.json").toString());
        assertEquals(2, f.code(), "bad input");
        assertTrue(f.err().contains("isotropic turbulence") && f.err().contains("slab turbulence's"), f.err());
        assertFalse(Files.exists(dir.resolve("fit.json")));
        for (String what : new String[] {"cl", "evolution", "dipole", "formation"}) {
            Path fig = dir.resolve(what + ".png");
            CliTest.Result g = CliTest.run("figure", "--what", what, "--sim", run.toString(), "--out", fig.toString());
            assertEquals(0, g.code(), what + ": " + g.err());
            assertTrue(Files.size(fig) > 1000);
        }
    }

    @Test
    void withoutTMaxAnIsotropicRunGoesAsLongAsTheSlabDefault() throws Exception {
        Path run = dir.resolve("d");
        CliTest.Result r = CliTest.run(concat(RUN, "--modes", "2", "--dt", "0.5", "--out", run.toString()));
        assertEquals(0, r.code(), r.err());
        double t = Json.read(run.resolve("summary.json")).get("params").get("t_max").asDouble();
        assertEquals(20 * Qlt.tauS(0.089, 0.5), t, 0.5, "20 QLT tau_s of the slab default, as Omega_rms T (on a whole step)");
    }

    @Test
    void theSlabOnlyPartsAreRefusedByNameAndNothingIsWritten() {
        String[][] bad = {
                {"--turbulence", "isotropic", "--t-max", "20tau"}, // QLT's tau_s
                {"--turbulence", "isotropic", "--t-max", "50", "--k-source", "qlt"},
                {"--turbulence", "isotropic", "--t-max", "50", "--gradient-angle", "30"},
                {"--turbulence", "isotropic", "--t-max", "50", "--modes", "1"},
                {"--turbulence", "slab", "--modes", "64"},
                {"--turbulence", "cubic"}};
        String[] named = {"20tau", "--k-source qlt", "--gradient-angle 30", "--modes", "--modes 64", "cubic"};
        for (int i = 0; i < bad.length; i++) {
            Path out = dir.resolve("bad" + i);
            CliTest.Result r = CliTest.run(concat(new String[] {"simulate", "--rho", "0.089", "--nside", "4", "--out", out.toString()}, bad[i]));
            assertEquals(2, r.code(), String.join(" ", bad[i]) + ": " + r.err());
            assertTrue(r.err().contains(named[i]), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
            assertFalse(Files.exists(out), "nothing written for " + String.join(" ", bad[i]));
        }
    }

    /** converge halves dt in isotropic turbulence too, both runs in it; QLT's K is refused for it. */
    @Test
    void convergeChecksAnIsotropicRun() throws Exception {
        Path out = dir.resolve("conv");
        String[] common = {"converge", "--rho", "0.089", "--nside", "4", "--realisations", "3", "--snapshots", "4", "--t-max", "20",
                "--multipoles", "1,2", "--engine", "cpu", "--turbulence", "isotropic", "--modes", "16"};
        CliTest.Result r = CliTest.run(concat(common, "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.read(out.resolve("convergence.json")).get("params");
        assertEquals("isotropic", j.get("turbulence").asText());
        assertNull(j.get("tau_s_qlt"));
        for (String run : new String[] {"base", "halved"}) {
            RunFiles.Summary s = RunFiles.readSummary(out.resolve(run));
            assertEquals(Geometry.ISOTROPIC, s.params().geometry(), run);
            assertEquals(16, s.params().modes(), run);
        }
        CliTest.Result q = CliTest.run(concat(common, "--k-source", "qlt", "--out", dir.resolve("conv2").toString()));
        assertEquals(2, q.code());
        assertTrue(q.err().contains("--k-source qlt"), q.err());
        assertFalse(Files.exists(dir.resolve("conv2")));
    }

    /** separation follows pairs through isotropic turbulence and says so. */
    @Test
    void separationRunsInIsotropicTurbulence() throws Exception {
        Path out = dir.resolve("sep");
        CliTest.Result r = CliTest.run("separation", "--rho", "0.3", "--realisations", "1", "--directions", "4", "--angles", "1e-2,1e-4",
                "--distances", "1", "--t-max", "80", "--turbulence", "isotropic", "--modes", "16", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("isotropic turbulence of 16 plane waves"), r.err());
        JsonNode p = Json.read(out.resolve("separation.json")).get("params");
        assertEquals("isotropic", p.get("turbulence").asText());
        assertEquals(16, p.get("modes").asInt());
    }

    @Test
    void theCommandLineMakesTheSameRun() {
        org.anisoscope.run.RunSpec spec = new org.anisoscope.run.RunSpec(null, 0.089, 0.5, 4, 150, 4, null, 2, 1, 50, false, 4, 0.05, 150, "auto",
                org.anisoscope.analysis.Ensemble.KSource.RUN, 0, null, 1.5, Geometry.ISOTROPIC, null);
        List<String> words = spec.commandLine("OUT");
        assertTrue(String.join(" ", words).contains("--turbulence isotropic --modes " + org.anisoscope.run.RunSpec.MODES), words.toString());
        assertEquals(org.anisoscope.run.RunSpec.MODES, spec.parameters().modes());
        assertEquals(Geometry.ISOTROPIC, spec.parameters().geometry());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
