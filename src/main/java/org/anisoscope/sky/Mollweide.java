package org.anisoscope.sky;

/**
 * The Mollweide projection as healpy's mollview draws it: the ellipse x in [-2 sqrt2, 2 sqrt2],
 * y in [-sqrt2, sqrt2], longitude 0 at the centre and increasing to the left (astronomical
 * convention), north up. Pure geometry; drawing lives in the plot package.
 */
public final class Mollweide {
    public static final double XMAX = 2 * Math.sqrt(2);
    public static final double YMAX = Math.sqrt(2);

    private Mollweide() {}

    /**
     * (theta, phi) of the projection-plane point (x, y), or null outside the ellipse. x grows to the
     * right of the image, so phi = -lon grows to the left.
     */
    public static double[] inverse(double x, double y) {
        double u = x / XMAX, v = y / YMAX;
        if (u * u + v * v > 1.0) return null;
        double aux = Math.asin(Math.max(-1, Math.min(1, v)));
        double lat = Math.asin(Math.max(-1, Math.min(1, (2 * aux + Math.sin(2 * aux)) / Math.PI)));
        double c = Math.cos(aux);
        double lon = c < 1e-15 ? 0.0 : -Math.PI * x / (XMAX * c);
        if (Math.abs(lon) > Math.PI) return null;
        double phi = lon < 0 ? lon + 2 * Math.PI : lon;
        return new double[] {Math.PI / 2 - lat, phi};
    }

    /** Projection-plane point (x, y) of direction (theta, phi). */
    public static double[] forward(double theta, double phi) {
        double lat = Math.PI / 2 - theta;
        double lon = Math.IEEEremainder(phi, 2 * Math.PI); // in [-pi, pi]
        // solve 2a + sin 2a = pi sin(lat) for the auxiliary angle a by Newton's method
        double a = lat;
        double target = Math.PI * Math.sin(lat);
        for (int i = 0; i < 50; i++) {
            double f = 2 * a + Math.sin(2 * a) - target;
            double d = 2 + 2 * Math.cos(2 * a);
            if (d < 1e-12) break;
            double step = f / d;
            a -= step;
            if (Math.abs(step) < 1e-13) break;
        }
        return new double[] {-XMAX * lon / Math.PI * Math.cos(a), YMAX * Math.sin(a)};
    }

    /**
     * Samples a RING map on a width x width/2 raster (row 0 at the top), NaN outside the ellipse
     * and for UNSEEN pixels. Each raster cell takes the value of the HEALPix pixel at its centre.
     */
    public static double[] raster(double[] map, int width) {
        if (width < 16) throw new IllegalArgumentException("width must be at least 16 pixels (got " + width + ")");
        Healpix hp = new Healpix(Healpix.npix2nside(map.length));
        int height = width / 2;
        double[] out = new double[width * height];
        for (int j = 0; j < height; j++) {
            double y = YMAX * (1 - 2 * (j + 0.5) / height);
            for (int i = 0; i < width; i++) {
                double x = XMAX * (2 * (i + 0.5) / width - 1);
                double[] ang = inverse(x, y);
                double v = Double.NaN;
                if (ang != null) {
                    double m = map[(int) hp.ang2pix(ang[0], ang[1])];
                    if (Sht.seen(m)) v = m;
                }
                out[j * width + i] = v;
            }
        }
        return out;
    }
}
