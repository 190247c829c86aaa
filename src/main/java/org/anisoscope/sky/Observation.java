package org.anisoscope.sky;

/**
 * A simulated sky as a ground-based observatory sees it: turned into equatorial coordinates, cut
 * to the declinations it sees, and — as the published relative-intensity maps of IceCube, HAWC,
 * Tibet-ASγ or Milagro are made — with each declination band's mean taken out.
 *
 * <p>Why the last step: such maps are relative to a reference built from the detector's own
 * events (time scrambling, direct integration), which at fixed geographic latitude has the same
 * exposure along every circle of declination over a sidereal day; the reference therefore absorbs
 * whatever depends on declination alone. In harmonics these are the m = 0 modes in equatorial
 * coordinates: the dipole's component along the Earth's axis, the declination gradient, and so on.
 * The maps (and the spectra made from them) show only m ≠ 0, and a simulated sky must lose the
 * same modes to be compared with them. On a HEALPix RING grid in equatorial coordinates a
 * declination band is a pixel ring; a constant per ring is all m = 0, so subtracting the ring means
 * takes map2alm's a_ℓ0 out (to 10⁻⁷ of their power) and leaves the a_ℓm with m ≠ 0 as they were: to round-off, except
 * for multiples of m = 4, since a polar ring of N = 4r pixels cannot tell m = N from m = 0 (the
 * m ≠ 0 power moves by < 0.1 % up to ℓ = 2 nside; tested).
 */
public final class Observation {
    private Observation() {}

    /**
     * @param map      the map as the observatory would see it: equatorial, RING order, UNSEEN outside the band
     * @param fsky     the fraction of the sky with a seen value
     * @param seen     number of seen pixels
     */
    public record Result(double[] map, double fsky, int seen) {}

    /**
     * An observatory's view of a simulated sky: B0 toward (raDeg, decDeg) in equatorial
     * coordinates, the declinations decLo..decHi seen, and with perDeclination each declination
     * band's mean taken out. The pseudo-C_l do not depend on raDeg (band and means are symmetric
     * about the Earth's axis), only on decDeg.
     */
    public record Observatory(double raDeg, double decDeg, double decLo, double decHi, boolean perDeclination) {
        public Observatory {
            if (!(decDeg >= -90 && decDeg <= 90) || !Double.isFinite(raDeg))
                throw new IllegalArgumentException("B0's direction must be RA,Dec in degrees with -90 <= Dec <= 90; got " + raDeg + "," + decDeg);
            checkBand(decLo, decHi);
        }

        public Rotation rotation() { return Rotation.zTo(raDeg, decDeg); }

        /** The map (B0 along +z) as this observatory sees it ({@link Observation#observe}). */
        public Result observe(double[] map) {
            return Observation.observe(map, rotation(), decLo, decHi, perDeclination);
        }

        /** The same with a transform plan for the map's nside (lmax 3 nside − 1), for many maps. */
        public Result observe(double[] map, Sht sht) {
            return Observation.observe(map, rotation(), decLo, decHi, perDeclination, sht);
        }

        /** The coupling of its band on an nside grid, up to lmax. */
        public MaskCoupling coupling(int nside, int lmax, int threads) {
            return MaskCoupling.band(nside, decLo, decHi, perDeclination, lmax, threads);
        }

        /** "Dec -90 to -25, declination means out, B0 toward RA 229.7, Dec 23.3". */
        public String describe() {
            return "Dec " + decLo + " to " + decHi + (perDeclination ? ", declination means out" : "") + ", B0 toward RA " + raDeg + ", Dec " + decDeg;
        }
    }

    /**
     * The rings a band keeps: first and last (1-based, north to south), or null when no ring's
     * centre lies in declinations [decLoDeg, decHiDeg]. A ring is kept when its centre is in the band.
     */
    static int[] bandRings(Healpix hp, double decLoDeg, double decHiDeg) {
        checkBand(decLoDeg, decHiDeg);
        int first = -1, last = -1;
        for (int r = 1; r <= hp.nring(); r++) {
            double dec = Math.toDegrees(Math.asin(hp.ringZ(r)));
            if (dec >= decLoDeg && dec <= decHiDeg) {
                if (first < 0) first = r;
                last = r;
            }
        }
        return first < 0 ? null : new int[] {first, last};
    }

    /**
     * The band's edges {zLo, zHi} in z = sin(Dec): where the equal-area pixels of its rings end
     * (z = 1 − 2·(pixels above)/Npix), so that (zHi − zLo)/2 is the kept pixels' sky fraction.
     */
    public static double[] bandEdges(Healpix hp, double decLoDeg, double decHiDeg) {
        int[] rings = bandRings(hp, decLoDeg, decHiDeg);
        if (rings == null) throw new IllegalArgumentException(noPixel(decLoDeg, decHiDeg));
        double npix = hp.npix();
        double above = hp.ringStart(rings[0]), through = hp.ringStart(rings[1]) + hp.ringNpix(rings[1]);
        return new double[] {1 - 2 * through / npix, 1 - 2 * above / npix};
    }

    private static void checkBand(double decLoDeg, double decHiDeg) {
        if (!(decLoDeg >= -90 && decHiDeg <= 90 && decHiDeg > decLoDeg)) {
            throw new IllegalArgumentException("the declination band must have -90 <= MIN < MAX <= 90 degrees; got " + decLoDeg + "," + decHiDeg);
        }
    }

    private static String noPixel(double decLoDeg, double decHiDeg) {
        return "no pixel of the map lies in the declinations " + decLoDeg + " to " + decHiDeg + ": widen the band";
    }

    /**
     * The map (B0 along +z, as the simulation makes it) turned by rot (+z to B0's direction in
     * equatorial coordinates), UNSEEN outside declinations [decLoDeg, decHiDeg], and, when
     * perDeclination, each ring's mean over its seen pixels subtracted. The turn goes through the
     * a_ℓm ({@link Rotation#rotate(double[], Sht)}, lmax 3 nside − 1), which keeps the spectrum; a map
     * that already has UNSEEN pixels is turned pixel by pixel ({@link Rotation#rotateNearest}).
     */
    public static Result observe(double[] map, Rotation rot, double decLoDeg, double decHiDeg, boolean perDeclination) {
        int nside = Healpix.npix2nside(map.length);
        return observe(map, rot, decLoDeg, decHiDeg, perDeclination, rot.isIdentity() ? null : new Sht(nside, 3 * nside - 1, Runtime.getRuntime().availableProcessors()));
    }

    /** {@link #observe(double[], Rotation, double, double, boolean)} with a transform plan for the map's nside (null when rot is the identity). */
    public static Result observe(double[] map, Rotation rot, double decLoDeg, double decHiDeg, boolean perDeclination, Sht sht) {
        checkBand(decLoDeg, decHiDeg);
        boolean whole = true;
        for (double x : map) if (!Sht.seen(x)) {
            whole = false;
            break;
        }
        double[] v = rot.isIdentity() ? map.clone() : whole ? rot.rotate(map, sht) : rot.rotateNearest(map);
        Healpix hp = new Healpix(Healpix.npix2nside(v.length));
        int[] rings = bandRings(hp, decLoDeg, decHiDeg);
        int seen = 0;
        for (int r = 1; r <= hp.nring(); r++) {
            int start = (int) hp.ringStart(r), n = hp.ringNpix(r);
            boolean inBand = rings != null && r >= rings[0] && r <= rings[1];
            double sum = 0;
            int count = 0;
            for (int p = start; p < start + n; p++) {
                if (!inBand) v[p] = Sht.UNSEEN;
                else if (Sht.seen(v[p])) {
                    sum += v[p];
                    count++;
                }
            }
            seen += count;
            if (perDeclination && count > 0) {
                double mean = sum / count;
                for (int p = start; p < start + n; p++) if (Sht.seen(v[p])) v[p] -= mean;
            }
        }
        if (seen == 0) {
            throw new IllegalArgumentException(noPixel(decLoDeg, decHiDeg));
        }
        return new Result(v, (double) seen / v.length, seen);
    }
}
