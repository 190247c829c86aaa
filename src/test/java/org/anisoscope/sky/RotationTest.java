package org.anisoscope.sky;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class RotationTest {
    @Test
    void takesZToTheDirectionAndIsARotation() {
        for (double[] d : new double[][] {{227, -27}, {0, 90}, {10, -90}, {300, 12.5}, {90, 0}}) {
            Rotation r = Rotation.zTo(d[0], d[1]);
            double lon = Math.toRadians(d[0]), lat = Math.toRadians(d[1]);
            double[] b = {Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)};
            assertArrayEquals(b, r.apply(new double[] {0, 0, 1}), 1e-14);
            // orthonormal: lengths and angles kept, and the inverse undoes it
            double[] x = r.apply(new double[] {1, 0, 0}), y = r.apply(new double[] {0, 1, 0});
            assertEquals(1, x[0] * x[0] + x[1] * x[1] + x[2] * x[2], 1e-14);
            assertEquals(0, x[0] * y[0] + x[1] * y[1] + x[2] * y[2], 1e-14);
            double[] v = {0.3, -0.5, 0.81};
            assertArrayEquals(v, r.applyInverse(r.apply(v)), 1e-14);
        }
        assertThrows(IllegalArgumentException.class, () -> Rotation.zTo(0, 91));
    }

    /** A dipole along +z becomes a dipole along b, and the spectrum of a smooth map is kept (pixel jitter only). */
    @Test
    void rotatesMapsKeepingTheirSpectrum() {
        int nside = 16;
        Healpix hp = new Healpix(nside);
        double[] map = new double[(int) hp.npix()];
        for (int p = 0; p < map.length; p++) {
            double[] n = hp.pix2vec(p);
            map[p] = n[2] + 0.3 * (3 * n[2] * n[2] - 1) + 0.2 * n[0] * n[1]; // l = 1 and 2
        }
        Rotation r = Rotation.zTo(227, -27);
        double[] out = r.rotate(map);
        Sht sht = new Sht(nside, 3 * nside - 1, 2);
        double[] a = sht.anafast(map, 3), b = sht.anafast(out, 3);
        for (int l = 1; l <= 2; l++) assertEquals(a[l], b[l], 0.02 * a[l], "C_" + l); // nearest-pixel jitter: measured +0.008 % (l = 1), -0.35 % (l = 2)
        Dipole.Fit f = Dipole.fitDipole(out);
        double[] bdir = r.apply(new double[] {0, 0, 1}), d = f.vector();
        double cos = (d[0] * bdir[0] + d[1] * bdir[1] + d[2] * bdir[2]) / f.amplitude();
        assertEquals(1, cos, 1e-5, "the dipole points along B0's new direction");
        // UNSEEN stays UNSEEN
        map[0] = Sht.UNSEEN;
        double[] again = r.rotate(map);
        int unseen = 0;
        for (double v : again) if (!Sht.seen(v)) unseen++;
        assertTrue(unseen >= 1 && unseen <= 4, "the UNSEEN pixel lands on one (or a few) pixels: " + unseen);
    }
}
