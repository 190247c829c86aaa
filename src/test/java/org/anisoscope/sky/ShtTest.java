package org.anisoscope.sky;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.anisoscope.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShtTest {

    /** healpy's a_lm and C_l of the same seeded map: 1e-10 of the largest a_lm, C_l to 1e-8 relative. */
    @ParameterizedTest
    @CsvSource({"16,0", "16,3", "32,0", "32,3"})
    void map2almAndAnafastMatchHealpy(int nside, int iter) {
        double[] map = Fixtures.column("map_nside" + nside + ".csv");
        int lmax = 3 * nside - 1;
        Sht sht = new Sht(nside, lmax, 2);
        Alm alm = sht.map2alm(map, iter);
        double[][] ref = Fixtures.csv("alm_nside" + nside + "_iter" + iter + ".csv");
        double scale = 0;
        for (double[] r : ref) scale = Math.max(scale, Math.hypot(r[2], r[3]));
        for (double[] r : ref) {
            int l = (int) r[0], m = (int) r[1];
            assertEquals(r[2], alm.re(l, m), 1e-10 * scale, "re a_" + l + "," + m);
            assertEquals(r[3], alm.im(l, m), 1e-10 * scale, "im a_" + l + "," + m);
        }
        double[] cl = sht.anafast(map, iter);
        double[] clRef = Fixtures.column("cl_nside" + nside + "_iter" + iter + ".csv");
        assertEquals(clRef.length, cl.length);
        for (int l = 0; l < cl.length; l++) {
            assertEquals(clRef[l], cl[l], 1e-8 * clRef[l], "C_" + l);
        }
    }

    /**
     * A band-limited map survives map2alm then alm2map to 1e-10. HEALPix quadrature is not exact:
     * the Jacobi iteration shrinks the error by ~1e-3 per step at lmax = nside (measured at nside 32:
     * 5e-3, 1e-7, 4e-12 for iter 0, 3, 6) and only ~1e-2 per step at lmax = 2 nside, so the 1e-10
     * target is tested at lmax = nside with iter = 6 (as healpy behaves too).
     */
    @Test
    void bandLimitedRoundTrip() {
        int nside = 32, lmax = nside;
        Sht sht = new Sht(nside, lmax, 2);
        Alm alm = randomAlm(lmax, 7);
        double[] map = sht.alm2map(alm);
        double[] again = sht.alm2map(sht.map2alm(map, 6));
        double mapScale = 0;
        for (double v : map) mapScale = Math.max(mapScale, Math.abs(v));
        for (int p = 0; p < map.length; p++) assertEquals(map[p], again[p], 1e-10 * mapScale);
        Alm back = sht.map2alm(map, 6);
        double err = 0, scale = 0;
        for (int m = 0; m <= lmax; m++) {
            for (int l = m; l <= lmax; l++) {
                err = Math.max(err, Math.hypot(back.re(l, m) - alm.re(l, m), back.im(l, m) - alm.im(l, m)));
                scale = Math.max(scale, Math.hypot(alm.re(l, m), alm.im(l, m)));
            }
        }
        assertTrue(err < 1e-10 * scale, "round trip error " + err / scale);
    }

    /**
     * Several maps transformed together give each map's own transform bit for bit (the same sums in
     * the same order; only the recurrence is shared), with UNSEEN pixels, iterations, and a plan whose
     * lmax reaches the polar rings' deep m.
     */
    @Test
    void mapsTransformedTogetherEqualEachAlone() {
        int nside = 16, lmax = 3 * nside - 1;
        Sht sht = new Sht(nside, lmax, 2);
        double[][] maps = new double[3][];
        for (int i = 0; i < 3; i++) maps[i] = sht.alm2map(randomAlm(lmax, 11 + i));
        maps[1][5] = Sht.UNSEEN;
        maps[2][100] = Double.NaN;
        Alm[] together = sht.map2alm(maps, 3);
        for (int i = 0; i < 3; i++) {
            Alm alone = sht.map2alm(maps[i], 3);
            for (int m = 0; m <= lmax; m++) {
                for (int l = m; l <= lmax; l++) {
                    assertEquals(alone.re(l, m), together[i].re(l, m), 0.0, "map " + i + " re l=" + l + " m=" + m);
                    assertEquals(alone.im(l, m), together[i].im(l, m), 0.0, "map " + i + " im l=" + l + " m=" + m);
                }
            }
        }
        // the plan's seeds, computed on its first transform and kept, give the same transform again
        Alm again = new Sht(nside, lmax, 2).map2alm(maps[0], 3);
        for (int m = 0; m <= lmax; m++) {
            for (int l = m; l <= lmax; l++) assertEquals(again.re(l, m), together[0].re(l, m), 0.0, "cold plan l=" + l + " m=" + m);
        }
        double[][] back = sht.alm2map(together);
        for (int i = 0; i < 3; i++) assertArrayEquals(sht.alm2map(together[i]), back[i], 0.0, "map " + i);
        Alm short1 = randomAlm(10, 1), long1 = randomAlm(12, 2);
        assertThrows(IllegalArgumentException.class, () -> sht.alm2map(new Alm[] {short1, long1}));
    }

    /** alm2map of a single harmonic is the analytic Y_lm at every pixel, deep m included. */
    @Test
    void synthesisOfSingleHarmonicsIsAnalytic() {
        int nside = 16, lmax = 40;
        Sht sht = new Sht(nside, lmax, 1);
        Healpix hp = sht.healpix();
        // Y_10 = sqrt(3/4pi) cos(theta); 2 Re(Y_11) = -2 sqrt(3/8pi) sin(theta) cos(phi)
        Alm a = new Alm(lmax);
        a.set(1, 0, 1.0, 0.0);
        a.set(1, 1, 0.5, 0.0);
        double[] map = sht.alm2map(a);
        for (int p = 0; p < map.length; p++) {
            double[] v = hp.pix2vec(p);
            double expect = Math.sqrt(3 / (4 * Math.PI)) * v[2] - Math.sqrt(3 / (8 * Math.PI)) * v[0];
            assertEquals(expect, map[p], 1e-14);
        }
        // Y_ll(theta, phi) = (-1)^l N sin^l(theta) e^{i l phi}: checks the Condon-Shortley sign and the seeds
        int l = 40;
        Alm b = new Alm(lmax);
        b.set(l, l, 1.0, 0.0);
        double[] mb = sht.alm2map(b);
        double norm = 1;
        for (int i = 1; i <= l; i++) norm *= (2.0 * i - 1) / (2.0 * i);
        norm = Math.sqrt((2 * l + 1) / (4 * Math.PI) * norm);
        for (int p = 0; p < mb.length; p++) {
            double[] ang = hp.pix2ang(p);
            double expect = 2 * norm * Math.pow(Math.sin(ang[0]), l) * Math.cos(l * ang[1]);
            assertEquals(expect, mb[p], 1e-13 * norm);
        }
    }

    /** Deep-m recursions at large nside: a high-m harmonic comes back from its own map. */
    @Test
    void highMHarmonicsSurviveNearThePoles() {
        int nside = 256, lmax = 600;
        Sht sht = new Sht(nside, lmax, 2);
        Alm a = new Alm(lmax);
        a.set(600, 590, 1.0, -0.5);
        a.set(599, 300, 0.25, 0.0);
        a.set(10, 3, -1.0, 2.0);
        Alm back = sht.map2alm(sht.alm2map(a), 3);
        for (int[] lm : new int[][] {{600, 590}, {599, 300}, {10, 3}, {500, 500}}) {
            assertEquals(a.re(lm[0], lm[1]), back.re(lm[0], lm[1]), 1e-9);
            assertEquals(a.im(lm[0], lm[1]), back.im(lm[0], lm[1]), 1e-9);
        }
    }

    @Test
    void smoothingMatchesHealpy() {
        double[] map = Fixtures.column("map_nside16.csv");
        double[] ref = Fixtures.column("smooth_nside16_fwhm10.csv");
        double[] s = new Sht(16, 47, 2).smoothing(map, Math.toRadians(10.0), 3);
        double scale = 0;
        for (double v : ref) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < s.length; i++) assertEquals(ref[i], s[i], 1e-10 * scale);
    }

    @Test
    void threadCountDoesNotChangeTheResult() {
        double[] map = Fixtures.column("map_nside32.csv");
        double[] c1 = new Sht(32, 95, 1).anafast(map, 3);
        double[] c3 = new Sht(32, 95, 3).anafast(map, 3);
        assertArrayEquals(c1, c3, 0.0);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Sht(16, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Sht(16, 1000, 1));
        assertThrows(IllegalArgumentException.class, () -> new Sht(16, 47, 1).map2alm(new double[10], 3));
    }

    static Alm randomAlm(int lmax, long seed) {
        Random rnd = new Random(seed);
        Alm a = new Alm(lmax);
        for (int m = 0; m <= lmax; m++) {
            for (int l = m; l <= lmax; l++) a.set(l, m, rnd.nextGaussian(), m == 0 ? 0 : rnd.nextGaussian());
        }
        return a;
    }
}
