package org.anisoscope.sky;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** What an observatory's relative-intensity map keeps of a sky: the declination cut and the declination means. */
class ObservationTest {
    static final int NSIDE = 16;
    static final Healpix HP = new Healpix(NSIDE);
    /** B0 to Dec +90: the identity, so the test maps are already in equatorial coordinates. */
    static final Rotation NONE = Rotation.zTo(0, 90);

    private static double[] map(java.util.function.DoubleBinaryOperator f) {
        double[] m = new double[(int) HP.npix()];
        for (int p = 0; p < m.length; p++) {
            double[] a = HP.pix2ang(p);
            m[p] = f.applyAsDouble(a[0], a[1]);
        }
        return m;
    }

    @Test
    void whatDependsOnDeclinationAloneIsGoneAndTheRestStays() {
        // a dipole along the Earth's axis and a declination gradient: invisible to a ground-based observatory
        double[] axial = map((th, ph) -> 0.7 * Math.cos(th) + 0.2 * Math.cos(th) * Math.cos(th) - 0.05);
        Observation.Result o = Observation.observe(axial, NONE, -90, 90, true);
        for (double v : o.map()) assertEquals(0, v, 1e-15);
        assertEquals(1, o.fsky(), 0);
        // without the declination means it is the map itself
        assertArrayEquals(axial, Observation.observe(axial, NONE, -90, 90, false).map(), 0);

        // m = 1, 2, 3 (an equatorial dipole, quadrupole and octupole parts) are seen as they are: every ring has more than 3 pixels
        double[] seen = map((th, ph) -> Math.sin(th) * Math.cos(ph - 0.3) + Math.sin(th) * Math.sin(th) * Math.cos(2 * ph)
                + Math.pow(Math.sin(th), 3) * Math.sin(3 * ph));
        double[] sum = seen.clone();
        for (int p = 0; p < sum.length; p++) sum[p] += axial[p];
        double[] back = Observation.observe(sum, NONE, -90, 90, true).map();
        for (int p = 0; p < back.length; p++) assertEquals(seen[p], back[p], 1e-13, "pixel " + p);
    }

    @Test
    void aRandomSkyLosesItsMZeroModesAndKeepsTheOthers() {
        // a random sky: subtracting a constant per ring changes only what map2alm builds from the ring sums, its m = 0 part
        // (and the polar rings' aliases of it), so the a_l0 vanish and the a_lm with m != 0 stay as they were, nearly
        int lmax = 3 * NSIDE - 1;
        Alm alm = new Alm(lmax);
        Random rnd = new Random(3);
        for (int l = 1; l <= lmax; l++) {
            double sigma = 1.0 / (l * l);
            alm.set(l, 0, sigma * rnd.nextGaussian(), 0);
            for (int m = 1; m <= l; m++) alm.set(l, m, sigma * rnd.nextGaussian() / Math.sqrt(2), sigma * rnd.nextGaussian() / Math.sqrt(2));
        }
        Sht sht = new Sht(NSIDE, lmax, 1);
        double[] sky = sht.alm2map(alm);
        Alm before = sht.map2alm(sky, 3), after = sht.map2alm(Observation.observe(sky, NONE, -90, 90, true).map(), 3);
        double cl0 = 0, cl0After = 0;
        for (int l = 1; l <= lmax; l++) {
            cl0 += before.re(l, 0) * before.re(l, 0);
            cl0After += after.re(l, 0) * after.re(l, 0);
            double power = 0, powerAfter = 0;
            for (int m = 1; m <= l; m++) {
                power += before.re(l, m) * before.re(l, m) + before.im(l, m) * before.im(l, m);
                powerAfter += after.re(l, m) * after.re(l, m) + after.im(l, m) * after.im(l, m);
                if (m % 4 != 0) {
                    assertEquals(before.re(l, m), after.re(l, m), 1e-12 / (l * l), "Re a_" + l + "," + m);
                    assertEquals(before.im(l, m), after.im(l, m), 1e-12 / (l * l), "Im a_" + l + "," + m);
                }
            }
            // a polar ring of N = 4r pixels cannot tell m = N from m = 0, so multiples of m = 4 move a little: the m != 0
            // power by < 0.1 % up to l = 2 nside (measured: 1e-7 at l = 4..8, 1e-5 at l = 16, < 2.3e-4 to l = 32; up to
            // 0.2 % above, where HEALPix's quadrature is not exact anyway)
            if (l <= 2 * NSIDE) assertEquals(power, powerAfter, 1e-3 * power, "m != 0 power at l = " + l);
        }
        // (map2alm's iterations see the polar rings' aliases too: measured 1e-7 of the m = 0 power is left)
        assertTrue(cl0 > 0.01 && cl0After < 1e-6 * cl0, "m = 0 power before " + cl0 + ", after " + cl0After);
    }

    @Test
    void theCutAndTheMeansUseTheSeenPixelsOnly() {
        // an axial sky cut to the declinations of IceCube's maps: what is left is zero, and f_sky is the band's share of pixels
        double[] axial = map((th, ph) -> Math.cos(th));
        Observation.Result o = Observation.observe(axial, NONE, -90, -25, true);
        int inBand = 0;
        for (int p = 0; p < o.map().length; p++) {
            double dec = 90 - Math.toDegrees(HP.pix2ang(p)[0]);
            if (dec <= -25) {
                inBand++;
                assertEquals(0, o.map()[p], 1e-15);
            } else {
                assertFalse(Sht.seen(o.map()[p]));
            }
        }
        assertEquals(inBand, o.seen());
        assertEquals((double) inBand / HP.npix(), o.fsky(), 0);
        // UNSEEN pixels already in the map do not enter a ring's mean
        double[] holed = map((th, ph) -> Math.cos(ph) + 1);
        holed[(int) HP.ringStart(2 * NSIDE)] = Sht.UNSEEN;
        double[] back = Observation.observe(holed, NONE, -90, 90, true).map();
        int start = (int) HP.ringStart(2 * NSIDE), n = HP.ringNpix(2 * NSIDE);
        double ringSum = 0;
        for (int p = start + 1; p < start + n; p++) ringSum += back[p];
        assertEquals(0, ringSum, 1e-12);
        assertFalse(Sht.seen(back[start]));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Observation.observe(axial, NONE, 10, -10, true));
        assertTrue(e.getMessage().contains("-90 <= MIN < MAX <= 90"), e.getMessage());
    }
}
