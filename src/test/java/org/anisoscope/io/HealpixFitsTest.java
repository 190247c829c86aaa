package org.anisoscope.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.anisoscope.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealpixFitsTest {
    @TempDir Path dir;

    @Test
    void readsMapsWrittenByHealpy() throws IOException {
        double[] expect8 = Fixtures.column("fits_map_nside8.csv");
        for (String f : List.of("healpy_nside8_float64.fits", "healpy_nside8_float32.fits", "healpy_nside8_nested.fits")) {
            HealpixFits.SkyMap m = HealpixFits.read(Fixtures.copy(f, dir));
            assertEquals(8, m.nside());
            assertArrayEquals(expect8, m.values(), 0.0, f);
        }
        HealpixFits.SkyMap m64 = HealpixFits.read(Fixtures.copy("healpy_nside64_float64.fits", dir));
        assertEquals(64, m64.nside());
        assertArrayEquals(Fixtures.column("fits_map_nside64.csv"), m64.values(), 0.0);
    }

    @Test
    void writeThenReadIsExactAndKeepsKeywords() throws IOException {
        for (int nside : new int[] {4, 16}) {
            double[] map = new double[12 * nside * nside];
            for (int i = 0; i < map.length; i++) map[i] = Math.sin(i * 0.37) * 1e-3;
            Path p = dir.resolve("m" + nside + ".fits");
            HealpixFits.write(p, map, "DELTA", "relative", Map.of("SEED", "42", "VERSION", "0.1.0", "TIME", "35.25"));
            HealpixFits.SkyMap back = HealpixFits.read(p);
            assertArrayEquals(map, back.values(), 0.0);
            assertEquals("42", back.keywords().get("SEED"));
            assertEquals("0.1.0", back.keywords().get("VERSION"));
            assertEquals("35.25", back.keywords().get("TIME"), "the backtracking time travels with the map");
            assertEquals("relative", back.keywords().get("TUNIT1"));
            assertTrue(!back.keywords().containsKey("ORDERING"), "layout cards are not provenance");
            // a keyword may not overwrite a layout card (the file would then lie about its own pixels)
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> HealpixFits.write(p, map, "DELTA", "relative", Map.of("ORDERING", "NESTED")));
            assertTrue(e.getMessage().contains("ORDERING"), e.getMessage());
            assertArrayEquals(map, HealpixFits.read(p).values(), 0.0);
        }
        // no temporary files are left beside the output
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void badFilesGiveOneLineErrorsNamingTheFile() throws IOException {
        Path missing = dir.resolve("missing.fits");
        IOException e = assertThrows(IOException.class, () -> HealpixFits.read(missing));
        assertTrue(e.getMessage().contains("missing.fits"), e.getMessage());

        Path text = dir.resolve("text.fits");
        Files.writeString(text, "this is not FITS at all\n");
        e = assertThrows(IOException.class, () -> HealpixFits.read(text));
        assertTrue(e.getMessage().contains("text.fits"), e.getMessage());

        // truncated: the healpy file cut in the middle of its data
        byte[] whole = Files.readAllBytes(Fixtures.copy("healpy_nside64_float64.fits", dir));
        Path cut = dir.resolve("cut.fits");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        e = assertThrows(IOException.class, () -> HealpixFits.read(cut));
        assertTrue(e.getMessage().contains("cut.fits"), e.getMessage());

        // a FITS image is not a HEALPix map
        Path image = dir.resolve("image.fits");
        try (nom.tam.fits.Fits f = new nom.tam.fits.Fits()) {
            f.addHDU(nom.tam.fits.FitsFactory.hduFactory(new float[4][5]));
            f.write(image.toFile());
        }
        e = assertThrows(IOException.class, () -> HealpixFits.read(image));
        assertTrue(e.getMessage().contains("not a HEALPix map"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void unwritableTargetFailsCleanlyAndKeepsTheOldFile() throws IOException {
        double[] map = new double[12];
        IOException e = assertThrows(IOException.class,
                () -> HealpixFits.write(dir.resolve("no/such/folder/m.fits"), map));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        Path p = dir.resolve("keep.fits");
        HealpixFits.write(p, map);
        byte[] before = Files.readAllBytes(p);
        assertThrows(IllegalArgumentException.class, () -> HealpixFits.write(p, new double[13]));
        assertArrayEquals(before, Files.readAllBytes(p));
    }

    /** Round trip through healpy itself, where a Python with healpy is installed (CI installs one). */
    @Test
    void healpyReadsWhatWeWrite() throws Exception {
        String python = HealpyPython.find();
        Assumptions.assumeTrue(python != null, "skipped: no python3 with healpy on this machine (apt-get install python3-healpy)");
        double[] map = new double[12 * 32 * 32];
        for (int i = 0; i < map.length; i++) map[i] = Math.cos(i * 0.011) + i * 1e-6;
        Path p = dir.resolve("ours.fits");
        HealpixFits.write(p, map);
        Path out = dir.resolve("healpy.txt");
        Process pr = new ProcessBuilder(python, "-c",
                "import sys, numpy as np, healpy as hp; m = hp.read_map(sys.argv[1], dtype=np.float64);"
                        + " np.savetxt(sys.argv[2], m, fmt='%.17g')", p.toString(), out.toString())
                .redirectErrorStream(true).start();
        String log = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(pr.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, pr.exitValue(), log);
        List<String> lines = Files.readAllLines(out);
        assertEquals(map.length, lines.size());
        for (int i = 0; i < map.length; i++) assertEquals(map[i], Double.parseDouble(lines.get(i)), 0.0);
    }
}
