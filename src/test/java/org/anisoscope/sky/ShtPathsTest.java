package org.anisoscope.sky;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.anisoscope.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The vectorised Legendre step against the scalar one, and both against the transforms before it. */
class ShtPathsTest {

    @Test
    void theTestJvmRunsTheSimdPath() {
        // Surefire starts the tests with --add-modules jdk.incubator.vector; without it the
        // comparisons below would compare the scalar path with itself
        assertTrue(Sht.path().startsWith("SIMD"), "the Legendre step is " + Sht.path());
    }

    static double[] gaussianMap(int nside, long seed) {
        Random r = new Random(seed);
        double[] m = new double[12 * nside * nside];
        for (int i = 0; i < m.length; i++) m[i] = r.nextGaussian();
        return m;
    }

    /**
     * Synthesis: the same lambda_lm added in the same order per ring pair, so the same maps bit for
     * bit. Analysis: the sums over ring pairs in another order (per lane), so a_lm to round-off:
     * 1e-13 of the largest. Tiny Nside (fewer ring pairs than lanes), lmax below 3 Nside - 1 and at
     * 4 Nside, several maps at once.
     */
    @ParameterizedTest
    @CsvSource({"1,2", "2,5", "4,11", "16,47", "16,64", "32,40", "64,191"})
    void bothPathsAgree(int nside, int lmax) {
        Sht simd = new Sht(nside, lmax, 2), scalar = new Sht(nside, lmax, 2, false);
        Alm alm = ShtTest.randomAlm(lmax, nside * 1000L + lmax);
        double[] a = simd.alm2map(alm), b = scalar.alm2map(alm);
        assertArrayEquals(b, a, 0.0, "alm2map");
        double[][] maps = {gaussianMap(nside, 1), gaussianMap(nside, 2), gaussianMap(nside, 3)};
        maps[1][0] = Sht.UNSEEN;
        Alm[] x = simd.map2alm(maps, 3), y = scalar.map2alm(maps, 3);
        for (int i = 0; i < maps.length; i++) {
            double scale = 0;
            for (int m = 0; m <= lmax; m++) for (int l = m; l <= lmax; l++) scale = Math.max(scale, Math.hypot(y[i].re(l, m), y[i].im(l, m)));
            for (int m = 0; m <= lmax; m++) {
                for (int l = m; l <= lmax; l++) {
                    assertEquals(y[i].re(l, m), x[i].re(l, m), 1e-13 * scale, "map " + i + " re l=" + l + " m=" + m);
                    assertEquals(y[i].im(l, m), x[i].im(l, m), 1e-13 * scale, "map " + i + " im l=" + l + " m=" + m);
                }
            }
        }
    }

    /** Deep m near the poles, where the recurrence starts late and pairs join mid-group, at a larger Nside. */
    @Test
    void pairsThatJoinLateAgreeAtNside128() {
        int nside = 128, lmax = 3 * nside - 1;
        Sht simd = new Sht(nside, lmax, 2), scalar = new Sht(nside, lmax, 2, false);
        double[] map = gaussianMap(nside, 9);
        double[] c1 = simd.anafast(map, 1), c2 = scalar.anafast(map, 1);
        for (int l = 0; l <= lmax; l++) assertEquals(c2[l], c1[l], 1e-12 * c2[l], "C_" + l);
        Alm alm = ShtTest.randomAlm(lmax, 5);
        assertArrayEquals(scalar.alm2map(alm), simd.alm2map(alm), 0.0);
    }

    /** C_l of the transforms as they were before the vectorised path (fixtures written by that code), to 1e-12 on both paths. */
    @ParameterizedTest
    @CsvSource({"32,cl_nside32_iter3.csv", "64,cl_nside64_gauss64_iter3.csv"})
    void clAsBeforeTheSimdPath(int nside, String fixture) throws IOException {
        double[] map = nside == 32 ? Fixtures.column("map_nside32.csv") : gaussianMap(64, 64);
        double[] before = column("/before-simd/" + fixture);
        for (boolean simd : new boolean[] {true, false}) {
            double[] cl = new Sht(nside, 3 * nside - 1, 2, simd).anafast(map, 3);
            assertEquals(before.length, cl.length);
            for (int l = 0; l < cl.length; l++) assertEquals(before[l], cl[l], 1e-12 * before[l], (simd ? "SIMD" : "scalar") + " C_" + l);
        }
    }

    private static double[] column(String resource) throws IOException {
        try (InputStream in = ShtPathsTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(s -> !s.startsWith("#") && !s.isBlank())
                    .mapToDouble(Double::parseDouble).toArray();
        }
    }
}
