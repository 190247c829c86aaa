package org.anisoscope.sky;

/**
 * A rotation of the sphere and of HEALPix maps by it. The simulation's sky has B0 along +z; to set
 * it beside an observatory's, it is turned so that +z points to a chosen direction of the
 * observer's frame (equatorial: RA, Dec), by the smallest rotation, about the axis z × b. The
 * azimuth about B0 is therefore fixed by that choice: the ensemble is axially symmetric about B0,
 * a single realisation is not (its local field tilts it), so say so when comparing realisations.
 */
public final class Rotation {
    private final double[][] m; // row-major, frame vector = m · simulation vector

    private Rotation(double[][] m) {
        this.m = m;
    }

    /** The smallest rotation taking +z to the unit vector toward (lon, lat) in degrees (RA, Dec for equatorial). */
    public static Rotation zTo(double lonDeg, double latDeg) {
        if (!(latDeg >= -90 && latDeg <= 90) || !Double.isFinite(lonDeg))
            throw new IllegalArgumentException("the direction must have a latitude (Dec) in [-90, 90] degrees and a finite longitude (RA); got "
                    + lonDeg + ", " + latDeg);
        double lon = Math.toRadians(lonDeg), lat = Math.toRadians(latDeg);
        double[] b = {Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)};
        // Rodrigues about k = z × b / |z × b| by the angle between z and b
        double c = b[2], s = Math.hypot(b[0], b[1]);
        if (s < 1e-15) {
            return new Rotation(c > 0 ? new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}} : new double[][] {{1, 0, 0}, {0, -1, 0}, {0, 0, -1}});
        }
        double kx = -b[1] / s, ky = b[0] / s; // z × b = (-b_y, b_x, 0)
        double v = 1 - c;
        return new Rotation(new double[][] {
                {c + kx * kx * v, kx * ky * v, ky * s},
                {kx * ky * v, c + ky * ky * v, -kx * s},
                {-ky * s, kx * s, c}});
    }

    /** The rotated vector m · v. */
    public double[] apply(double[] v) {
        return new double[] {dot(m[0], v), dot(m[1], v), dot(m[2], v)};
    }

    /** The inverse rotation applied: mᵀ · v. */
    public double[] applyInverse(double[] v) {
        return new double[] {m[0][0] * v[0] + m[1][0] * v[1] + m[2][0] * v[2], m[0][1] * v[0] + m[1][1] * v[1] + m[2][1] * v[2],
                m[0][2] * v[0] + m[1][2] * v[1] + m[2][2] * v[2]};
    }

    /**
     * The map seen in the rotated frame: each output pixel takes the value of the input pixel its
     * direction came from (nearest pixel, no interpolation: exact for the pixel centres that map onto
     * pixel centres, a pixel-scale jitter otherwise, which leaves C_ℓ unchanged well below ℓ ≈ nside).
     * UNSEEN and NaN pixels stay so.
     */
    public double[] rotate(double[] map) {
        Healpix hp = new Healpix(Healpix.npix2nside(map.length));
        double[] out = new double[map.length], n = new double[3];
        for (int p = 0; p < map.length; p++) {
            hp.pix2vec(p, n);
            double[] src = applyInverse(n);
            out[p] = map[(int) hp.vec2pix(src[0], src[1], src[2])];
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
