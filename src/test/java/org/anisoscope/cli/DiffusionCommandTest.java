package org.anisoscope.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.anisoscope.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** diffusion: the transport along and across B0 in both geometries, written whole, bad input refused by name. */
class DiffusionCommandTest {
    @TempDir Path dir;

    /**
     * Across B0 slab turbulence only lets particles follow the wandering field lines (subdiffusive:
     * K_perp(T) keeps falling), isotropic turbulence scatters them across (K_perp settles, a few per
     * cent of K_par at η = 0.5).
     */
    @Test
    void isotropicTurbulenceMovesParticlesAcrossB0AndSlabTurbulenceBarely() throws Exception {
        Path iso = dir.resolve("iso"), slab = dir.resolve("slab");
        String[] common = {"diffusion", "--rho", "0.3", "--nside", "4", "--realisations", "4", "--t-max", "600", "--dt", "0.1", "--engine", "cpu"};
        CliTest.Result a = CliTest.run(concat(common, "--turbulence", "isotropic", "--modes", "48", "--out", iso.toString()));
        assertEquals(0, a.code(), a.err());
        CliTest.Result b = CliTest.run(concat(common, "--out", slab.toString()));
        assertEquals(0, b.code(), b.err());
        JsonNode i = Json.read(iso.resolve("diffusion.json")), s = Json.read(slab.resolve("diffusion.json"));
        assertEquals("isotropic", i.get("params").get("turbulence").asText());
        assertEquals(48, i.get("params").get("modes").asInt());
        assertTrue(i.get("k_par_plateau_reached").asBoolean(), i.toString());
        double ratio = i.get("k_perp_plateau").asDouble() / i.get("k_par_plateau").asDouble();
        assertTrue(ratio > 0.01 && ratio < 0.3, "isotropic K_perp/K_par " + ratio);
        assertTrue(s.get("k_perp_log_slope").asDouble() < -0.3, "slab: K_perp(T) falls (subdiffusion): " + s.get("k_perp_log_slope"));
        assertTrue(s.has("kzz_qlt") && !i.has("kzz_qlt"));
        assertTrue(Files.readString(iso.resolve("diffusion.csv")).startsWith("# anisoscope "));
        assertTrue(a.out().contains("lambda_par/L_c"), a.out());
    }

    @Test
    void badInputIsRefusedByNameAndNothingIsWritten() {
        Path out = dir.resolve("bad");
        CliTest.Result r = CliTest.run("diffusion", "--rho", "0.3", "--realisations", "1", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--realisations"), r.err());
        CliTest.Result q = CliTest.run("diffusion", "--rho", "0.3", "--turbulence", "isotropic", "--t-max", "5tau", "--out", out.toString());
        assertEquals(2, q.code());
        assertTrue(q.err().contains("5tau"), q.err());
        assertFalse(Files.exists(out));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
