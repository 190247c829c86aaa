package org.anisoscope.sky;

/**
 * HEALPix pixelisation of the sphere in RING ordering (Górski et al. 2005), with the
 * NESTED-to-RING conversion needed to read maps written in NESTED order.
 *
 * <p>Angles follow HEALPix: colatitude theta in [0, pi] from the north pole, longitude phi in
 * [0, 2 pi). Rings are numbered 1 .. 4 nside - 1 from north to south, as in the HEALPix library.
 */
public final class Healpix {
    /** Largest supported resolution (pixel indices then still fit comfortably in a long). */
    public static final int NSIDE_MAX = 8192;

    private final int nside;
    private final long npix;
    private final long ncap;

    public Healpix(int nside) {
        checkNside(nside);
        this.nside = nside;
        this.npix = 12L * nside * nside;
        this.ncap = 2L * nside * (nside - 1);
    }

    /** Throws IllegalArgumentException with a message a user can act on. */
    public static void checkNside(int nside) {
        if (nside < 1 || nside > NSIDE_MAX || Integer.bitCount(nside) != 1) {
            throw new IllegalArgumentException("nside must be a power of two between 1 and " + NSIDE_MAX
                    + " (got " + nside + ")");
        }
    }

    /** nside of a map with npix pixels, or IllegalArgumentException when npix is not 12 nside^2. */
    public static int npix2nside(long npix) {
        long n = Math.round(Math.sqrt(npix / 12.0));
        if (n < 1 || 12L * n * n != npix || Long.bitCount(n) != 1 || n > NSIDE_MAX) {
            throw new IllegalArgumentException(npix + " is not a valid HEALPix pixel count (12 nside^2, nside a power of two)");
        }
        return (int) n;
    }

    public int nside() { return nside; }
    public long npix() { return npix; }
    /** Number of iso-latitude rings, 4 nside - 1. */
    public int nring() { return 4 * nside - 1; }
    /** Pixel solid angle 4 pi / npix in steradian. */
    public double pixelArea() { return 4 * Math.PI / npix; }

    // ---- ring geometry -------------------------------------------------------------------

    /** Number of pixels in ring r (1-based). */
    public int ringNpix(int r) {
        int rn = r <= 2 * nside ? r : 4 * nside - r;
        return rn < nside ? 4 * rn : 4 * nside;
    }

    /** First pixel index of ring r (1-based). */
    public long ringStart(int r) {
        if (r <= nside) return 2L * r * (r - 1);
        if (r <= 3 * nside) return ncap + 4L * nside * (r - nside);
        long rs = 4L * nside - r;
        return npix - 2L * rs * (rs + 1);
    }

    /** cos(theta) of ring r. */
    public double ringZ(int r) {
        int rn = r <= 2 * nside ? r : 4 * nside - r;
        double z;
        if (rn < nside) z = 1.0 - (double) rn * rn / (3.0 * nside * nside);
        else z = (4.0 / 3.0) - 2.0 * rn / (3.0 * nside);
        return r <= 2 * nside ? z : -z;
    }

    /** sin(theta) of ring r, accurate near the poles (computed from 1 - z without cancellation). */
    public double ringSinTheta(int r) {
        int rn = r <= 2 * nside ? r : 4 * nside - r;
        if (rn < nside) {
            double oneMinusZ = (double) rn * rn / (3.0 * nside * nside);
            return Math.sqrt(oneMinusZ * (2.0 - oneMinusZ));
        }
        double z = ringZ(r);
        return Math.sqrt((1.0 - z) * (1.0 + z));
    }

    /** Longitude of the first pixel of ring r. */
    public double ringPhi0(int r) {
        int rn = r <= 2 * nside ? r : 4 * nside - r;
        if (rn < nside) return Math.PI / (4.0 * rn);
        // equatorial rings alternate between phase 0 and half a pixel
        return ((r - nside) & 1) == 0 ? Math.PI / (4.0 * nside) : 0.0;
    }

    // ---- pixel <-> direction -------------------------------------------------------------

    /** Ring (1-based) that contains pixel pix. */
    public int pixRing(long pix) {
        checkPix(pix);
        if (pix < ncap) {
            return (int) ((1 + isqrt(1 + 2 * pix)) >> 1);
        } else if (pix < npix - ncap) {
            return (int) ((pix - ncap) / (4L * nside) + nside);
        } else {
            long ps = npix - pix;
            int rs = (int) ((1 + isqrt(2 * ps - 1)) >> 1);
            return 4 * nside - rs;
        }
    }

    /** Unit vector of the centre of pixel pix, written into out[0..2]. */
    public void pix2vec(long pix, double[] out) {
        int r = pixRing(pix);
        double z = ringZ(r), s = ringSinTheta(r);
        double phi = ringPhi0(r) + (pix - ringStart(r)) * 2 * Math.PI / ringNpix(r);
        out[0] = s * Math.cos(phi);
        out[1] = s * Math.sin(phi);
        out[2] = z;
    }

    public double[] pix2vec(long pix) {
        double[] v = new double[3];
        pix2vec(pix, v);
        return v;
    }

    /** (theta, phi) of the centre of pixel pix. */
    public double[] pix2ang(long pix) {
        int r = pixRing(pix);
        double theta = Math.atan2(ringSinTheta(r), ringZ(r));
        double phi = ringPhi0(r) + (pix - ringStart(r)) * 2 * Math.PI / ringNpix(r);
        return new double[] {theta, phi};
    }

    public long ang2pix(double theta, double phi) {
        if (!(theta >= 0 && theta <= Math.PI) || !Double.isFinite(phi)) {
            throw new IllegalArgumentException("theta must lie in [0, pi] and phi be finite (got " + theta + ", " + phi + ")");
        }
        return zphi2pix(Math.cos(theta), Math.sin(theta), phi);
    }

    /** Pixel containing direction (x, y, z); the vector need not be normalised. */
    public long vec2pix(double x, double y, double z) {
        double norm = Math.sqrt(x * x + y * y + z * z);
        if (!(norm > 0) || !Double.isFinite(norm)) {
            throw new IllegalArgumentException("vec2pix needs a non-zero finite vector");
        }
        double phi = Math.atan2(y, x);
        return zphi2pix(z / norm, Math.sqrt(x * x + y * y) / norm, phi);
    }

    /** The HEALPix ring-scheme search; sinTheta is passed in to stay accurate near the poles. */
    private long zphi2pix(double z, double sinTheta, double phi) {
        double za = Math.abs(z);
        double tt = phi * (2.0 / Math.PI) % 4.0; // in (-4, 4)
        if (tt < 0) tt += 4.0;
        if (tt >= 4.0) tt = 0.0; // -tiny % 4 + 4 rounds to 4
        if (za <= 2.0 / 3.0) {
            double t1 = nside * (0.5 + tt);
            double t2 = nside * z * 0.75;
            long jp = (long) (t1 - t2);
            long jm = (long) (t1 + t2);
            long ir = nside + 1 + jp - jm; // ring index counted from z = 2/3, in 1 .. 2 nside + 1
            long kshift = 1 - (ir & 1);
            long ip = (jp + jm - nside + kshift + 1) / 2;
            ip = Math.floorMod(ip, 4L * nside);
            return ncap + (ir - 1) * 4L * nside + ip;
        }
        double tp = tt - (long) tt;
        // nside * sqrt(3 (1 - |z|)), written with sin(theta) to avoid cancellation near the pole
        double tmp = nside * sinTheta * Math.sqrt(3.0 / (1.0 + za));
        long jp = (long) (tp * tmp);
        long jm = (long) ((1.0 - tp) * tmp);
        long ir = jp + jm + 1; // ring index counted from the nearest pole, 1 .. nside
        long ip = (long) (tt * ir);
        ip = Math.floorMod(ip, 4L * ir);
        return z > 0 ? 2L * ir * (ir - 1) + ip : npix - 2L * ir * (ir + 1) + ip;
    }

    // ---- NESTED -> RING ------------------------------------------------------------------

    private static final int[] JRLL = {2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4};
    private static final int[] JPLL = {1, 3, 5, 7, 0, 2, 4, 6, 1, 3, 5, 7};

    /** RING index of the pixel whose NESTED index is nest. */
    public long nest2ring(long nest) {
        checkPix(nest);
        long npface = (long) nside * nside;
        int face = (int) (nest / npface);
        long ipf = nest % npface;
        // de-interleave the bits of the in-face index into (ix, iy)
        long ix = compact(ipf), iy = compact(ipf >> 1);
        long jr = (long) JRLL[face] * nside - ix - iy - 1; // ring index 1 .. 4 nside - 1
        long nr, kshift, startpix;
        if (jr < nside) {
            nr = jr;
            startpix = 2 * nr * (nr - 1);
            kshift = 0;
        } else if (jr > 3L * nside) {
            nr = 4L * nside - jr;
            startpix = npix - 2 * (nr + 1) * nr;
            kshift = 0;
        } else {
            nr = nside;
            startpix = ncap + (jr - nside) * 4L * nside;
            kshift = (jr - nside) & 1;
        }
        long jp = (JPLL[face] * nr + ix - iy + 1 + kshift) / 2;
        if (jp > 4 * nr) jp -= 4 * nr;
        if (jp < 1) jp += 4 * nr;
        return startpix + jp - 1;
    }

    private static long compact(long v) {
        v &= 0x5555555555555555L;
        v = (v | (v >>> 1)) & 0x3333333333333333L;
        v = (v | (v >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
        v = (v | (v >>> 4)) & 0x00FF00FF00FF00FFL;
        v = (v | (v >>> 8)) & 0x0000FFFF0000FFFFL;
        v = (v | (v >>> 16)) & 0x00000000FFFFFFFFL;
        return v;
    }

    private void checkPix(long pix) {
        if (pix < 0 || pix >= npix) {
            throw new IllegalArgumentException("pixel " + pix + " outside 0 .. " + (npix - 1) + " for nside " + nside);
        }
    }

    private static long isqrt(long v) {
        long r = (long) Math.sqrt((double) v);
        while (r * r > v) r--;
        while ((r + 1) * (r + 1) <= v) r++;
        return r;
    }
}
