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
        double[] out = r.rotateNearest(map);
        Sht sht = new Sht(nside, 3 * nside - 1, 2);
        double[] a = sht.anafast(map, 3), b = sht.anafast(out, 3);
        for (int l = 1; l <= 2; l++) assertEquals(a[l], b[l], 0.02 * a[l], "C_" + l); // nearest-pixel jitter: measured +0.008 % (l = 1), -0.35 % (l = 2)
        Dipole.Fit f = Dipole.fitDipole(out);
        double[] bdir = r.apply(new double[] {0, 0, 1}), d = f.vector();
        double cos = (d[0] * bdir[0] + d[1] * bdir[1] + d[2] * bdir[2]) / f.amplitude();
        assertEquals(1, cos, 1e-5, "the dipole points along B0's new direction");
        // UNSEEN stays UNSEEN
        map[0] = Sht.UNSEEN;
        double[] again = r.rotateNearest(map);
        int unseen = 0;
        for (double v : again) if (!Sht.seen(v)) unseen++;
        assertTrue(unseen >= 1 && unseen <= 4, "the UNSEEN pixel lands on one (or a few) pixels: " + unseen);
    }

    /** d^j_mn(β) by the recursion against Edmonds' explicit sum, all m, n for j <= 12, four angles. */
    @Test
    void wignerDMatchesTheExplicitSum() {
        int lmax = 12;
        double[] out = new double[lmax + 1];
        for (double beta : new double[] {0.3, 1.1, 2.0, 3.0}) {
            for (int m = -lmax; m <= lmax; m++) {
                for (int n = -lmax; n <= lmax; n++) {
                    Rotation.wignerD(m, n, Math.cos(beta), Math.cos(beta / 2), Math.sin(beta / 2), lmax, out);
                    for (int j = Math.max(Math.abs(m), Math.abs(n)); j <= lmax; j++) {
                        assertEquals(explicitD(j, m, n, beta), out[j], 1e-11, "d^" + j + "_" + m + "," + n + "(" + beta + ")");
                    }
                }
            }
        }
        // small angles at large l: the start underflows, the scaled recursion still gets there
        Rotation.wignerD(0, 600, Math.cos(1e-3), Math.cos(5e-4), Math.sin(5e-4), 700, new double[701]);
        double[] big = new double[801];
        Rotation.wignerD(0, 0, Math.cos(0.05), Math.cos(0.025), Math.sin(0.025), 800, big);
        for (int l : new int[] {10, 300, 800}) assertEquals(legendre(l, Math.cos(0.05)), big[l], 1e-10, "d^l_00 = P_l, l " + l);
    }

    /**
     * The rotated a_ℓm give the map f(R⁻¹ n): against the original band-limited map evaluated
     * directly (Σ a_ℓm Y_ℓm) at the directions the rotation brings to each pixel.
     */
    @Test
    void rotatedAlmAreTheMapSeenFromTheRotatedFrame() {
        int lmax = 20, nside = 8;
        java.util.Random rnd = new java.util.Random(3);
        Alm a = new Alm(lmax);
        for (int l = 0; l <= lmax; l++) for (int m = 0; m <= l; m++) a.set(l, m, rnd.nextGaussian(), m == 0 ? 0 : rnd.nextGaussian());
        Sht sht = new Sht(nside, lmax, 2);
        Healpix hp = new Healpix(nside);
        for (double[] d : new double[][] {{227, -27}, {40, 23.3}, {0, 0}, {10, -90}, {0, 90}}) {
            Rotation r = Rotation.zTo(d[0], d[1]);
            double[] rotated = sht.alm2map(r.rotate(a));
            for (int p = 0; p < rotated.length; p += 7) {
                double[] src = r.applyInverse(hp.pix2vec(p));
                assertEquals(evaluate(a, src), rotated[p], 1e-9, "direction " + d[0] + "," + d[1] + " pixel " + p);
            }
        }
    }

    /** Through the a_ℓm the spectrum is kept, white noise included (nearest pixel raised it by 20 % and more). */
    @Test
    void turningThroughTheAlmKeepsTheSpectrum() {
        int nside = 16, lmax = 3 * nside - 1;
        Sht sht = new Sht(nside, lmax, 2);
        java.util.Random rnd = new java.util.Random(5);
        double[] noise = new double[12 * nside * nside];
        for (int i = 0; i < noise.length; i++) noise[i] = rnd.nextGaussian();
        Rotation r = Rotation.zTo(227, -27);
        double[] before = sht.anafast(noise, 3), after = sht.anafast(r.rotate(noise, sht), 3), nearest = sht.anafast(r.rotateNearest(noise), 3);
        double sumB = 0, sumA = 0, sumN = 0;
        for (int l = 5; l <= 20; l++) {
            sumB += before[l];
            sumA += after[l];
            sumN += nearest[l];
            // the map's round trip at lmax 3 nside - 1 (white noise is not band-limited): measured 0.1 %
            assertEquals(before[l], after[l], 1e-2 * before[l], "l " + l);
        }
        // the a_lm's own spectrum is kept exactly
        Alm alm = sht.map2alm(noise, 3);
        double[] c0 = alm.alm2cl(), c1 = r.rotate(alm).alm2cl();
        for (int l = 0; l <= lmax; l++) assertEquals(c0[l], c1[l], 1e-10 * c0[l], "alm2cl, l " + l);
        assertTrue(sumN / sumB > 1.1, "nearest pixel raises white noise at l = 5-20: " + sumN / sumB);
        // and a dipole along z ends up along B0's new direction
        Healpix hp = new Healpix(nside);
        double[] dip = new double[noise.length];
        for (int p = 0; p < dip.length; p++) dip[p] = hp.pix2vec(p)[2];
        double[] v = Dipole.fitDipole(r.rotate(dip, sht)).vector(), b = r.apply(new double[] {0, 0, 1});
        for (int c = 0; c < 3; c++) assertEquals(b[c], v[c] / Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]), 1e-7); // measured 4e-9
        assertThrows(IllegalArgumentException.class, () -> r.rotate(new double[] {Sht.UNSEEN, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, new Sht(1, 2, 1)));
    }

    private static double evaluate(Alm a, double[] n) {
        double z = n[2], phi = Math.atan2(n[1], n[0]);
        double[][] lam = MaskCouplingTest.lambda(z, a.lmax());
        double f = 0;
        for (int l = 0; l <= a.lmax(); l++) {
            f += a.re(l, 0) * lam[l][0];
            for (int m = 1; m <= l; m++) f += 2 * lam[l][m] * (a.re(l, m) * Math.cos(m * phi) - a.im(l, m) * Math.sin(m * phi));
        }
        return f;
    }

    /** Edmonds 4.1.15 (Wikipedia's d^j_{m'm} with m' = m, m = n). */
    private static double explicitD(int j, int m, int n, double beta) {
        double sum = 0;
        for (int s = 0; s <= 2 * j; s++) {
            if (j + n - s < 0 || m - n + s < 0 || j - m - s < 0) continue;
            double num = Math.sqrt(fact(j + m) * fact(j - m) * fact(j + n) * fact(j - n));
            double den = fact(j + n - s) * fact(s) * fact(m - n + s) * fact(j - m - s);
            sum += (((m - n + s) & 1) == 0 ? 1 : -1) * num / den * Math.pow(Math.cos(beta / 2), 2 * j + n - m - 2 * s) * Math.pow(Math.sin(beta / 2), m - n + 2 * s);
        }
        return sum;
    }

    private static double fact(int k) {
        double f = 1;
        for (int i = 2; i <= k; i++) f *= i;
        return f;
    }

    private static double legendre(int l, double x) {
        double p0 = 1, p1 = x;
        if (l == 0) return 1;
        for (int k = 1; k < l; k++) {
            double p2 = ((2 * k + 1) * x * p1 - k * p0) / (k + 1);
            p0 = p1;
            p1 = p2;
        }
        return p1;
    }
}
