package org.anisoscope.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.anisoscope.io.Json;
import org.anisoscope.physics.Qlt;
import org.anisoscope.turbulence.SlabField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --spectral-index on the command line: recorded, used by the run, its resume and its prediction; the default is the paper's run. */
class SpectralIndexCommandTest {
    @TempDir Path dir;

    @Test
    void aRunWithKraichnansSpectrumRecordsItAndUsesItsField() throws Exception {
        Path kr = dir.resolve("kraichnan"), ko = dir.resolve("kolmogorov");
        String[] common = {"simulate", "--rho", "0.089", "--nside", "4", "--realisations", "2", "--snapshots", "3", "--t-max", "2tau", "--engine", "cpu"};
        CliTest.Result r = CliTest.run(concat(common, "--spectral-index", "3/2", "--out", kr.toString()));
        assertEquals(0, r.code(), r.err());
        assertEquals(0, CliTest.run(concat(common, "--out", ko.toString())).code());
        JsonNode a = Json.read(kr.resolve("summary.json")).get("params"), b = Json.read(ko.resolve("summary.json")).get("params");
        assertEquals(1.5, a.get("spectral_index").asDouble(), 0);
        assertEquals(5.0 / 3.0, b.get("spectral_index").asDouble(), 0);
        assertEquals(Qlt.tauS(0.089, 0.5, 1.5), a.get("tau_s_qlt").asDouble(), 1e-12 * Qlt.tauS(0.089, 0.5, 1.5));
        assertEquals(Qlt.tauS(0.089, 0.5), b.get("tau_s_qlt").asDouble(), 0);
        // the paths are those of the k^-3/2 field: trajectory recomputes them from the run's own record
        Path path = dir.resolve("path.csv");
        assertEquals(0, CliTest.run("trajectory", "--sim", kr.toString(), "--pixel", "5", "--out", path.toString()).code());
        assertNotEquals(TrajectoryCommandTest.rows(path, 5), rows(ko, 5), "another spectrum, another field, another path");
        org.anisoscope.run.RunFiles.Summary s = org.anisoscope.run.RunFiles.readSummary(kr);
        assertEquals(1.5, s.params().spectralIndex(), 0);
        assertEquals(SlabField.generate(0.089, 0.5, 1.0 / 150, s.params().realisationSeed(0), 1.5).spectralIndex(), 1.5, 0);
        // the maps and a figure's provenance say which spectrum; Kolmogorov's maps stay as they were
        assertEquals("1.5", org.anisoscope.io.HealpixFits.read(kr.resolve("map_snapshot_00.fits")).keywords().get("SPECIDX"));
        assertNull(org.anisoscope.io.HealpixFits.read(ko.resolve("map_snapshot_00.fits")).keywords().get("SPECIDX"));
        assertTrue(s.provenance().contains("spectrum k^-1.5"), s.provenance());
    }

    private java.util.List<String> rows(Path run, int pixel) throws Exception {
        Path out = run.resolveSibling(run.getFileName() + "-path.csv");
        assertEquals(0, CliTest.run("trajectory", "--sim", run.toString(), "--pixel", Integer.toString(pixel), "--out", out.toString()).code());
        return TrajectoryCommandTest.rows(out, pixel);
    }

    @Test
    void predictTakesTheIndexAndBadOnesAreRefusedByName() throws Exception {
        Path out = dir.resolve("p");
        CliTest.Result r = CliTest.run("predict", "--rho", "0.0089", "--spectral-index", "1.5", "--lmax", "20", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Path json;
        try (var files = Files.list(out)) {
            json = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        JsonNode p = Json.read(json);
        assertEquals(1.5, p.get("params").get("spectral_index").asDouble(), 0);
        assertEquals(Qlt.kzz(0.0089, 0.5, 1.5), p.get("kzz_qlt").asDouble(), 1e-12 * Qlt.kzz(0.0089, 0.5, 1.5));
        for (String bad : new String[] {"2", "x", "5/0"}) {
            CliTest.Result e = CliTest.run("simulate", "--rho", "0.089", "--nside", "4", "--spectral-index", bad, "--out", dir.resolve("bad").toString());
            assertNotEquals(0, e.code());
            assertTrue(e.err().contains("--spectral-index") && e.err().contains(bad), e.err());
            assertFalse(Files.exists(dir.resolve("bad")), "nothing written");
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
