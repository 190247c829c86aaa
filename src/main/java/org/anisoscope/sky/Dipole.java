package org.anisoscope.sky;

/**
 * Monopole and dipole of a map, fitted and removed as healpy's fit_dipole / remove_dipole do: a
 * least-squares fit of m(n) = mono + d . n over all valid pixels (UNSEEN and NaN skipped), with
 * pixel centres as n. The dipole vector d is in map units; its amplitude is |d|.
 */
public final class Dipole {
    /** Fitted monopole and dipole vector (x, y, z). */
    public record Fit(double monopole, double dx, double dy, double dz) {
        public double amplitude() { return Math.sqrt(dx * dx + dy * dy + dz * dz); }
        public double[] vector() { return new double[] {dx, dy, dz}; }
    }

    private Dipole() {}

    public static Fit fitDipole(double[] map) {
        // the normal equations' sums: 1, x, y, z, xx, xy, xz, yy, yz, zz over valid pixels, and m, mx, my, mz
        double[] t = new double[14];
        new RingWalk(map.length).forEach((p, x, y, z) -> {
            double m = map[p];
            if (!Sht.seen(m)) return;
            t[0] += 1;
            t[1] += x;
            t[2] += y;
            t[3] += z;
            t[4] += x * x;
            t[5] += x * y;
            t[6] += x * z;
            t[7] += y * y;
            t[8] += y * z;
            t[9] += z * z;
            t[10] += m;
            t[11] += m * x;
            t[12] += m * y;
            t[13] += m * z;
        });
        double[][] a = {{t[0], t[1], t[2], t[3]}, {t[1], t[4], t[5], t[6]}, {t[2], t[5], t[7], t[8]}, {t[3], t[6], t[8], t[9]}};
        double[] x = solve(a, new double[] {t[10], t[11], t[12], t[13]});
        return new Fit(x[0], x[1], x[2], x[3]);
    }

    /** What is done at each pixel centre: its index and unit vector. */
    @FunctionalInterface
    interface PixelVisitor {
        void visit(int pix, double x, double y, double z);
    }

    /**
     * All pixel centres in RING order, ring by ring: cos and sin of the longitude by the rotation
     * recurrence, taken afresh from Math.cos/sin every 32 pixels (error below 1e-14), which is 30 x
     * fewer trigonometric calls than pix2vec per pixel — the sky view fits the dipole of every map it
     * shows, 3 million pixels at Nside 512.
     */
    static final class RingWalk {
        private final Healpix hp;

        RingWalk(int npix) {
            hp = new Healpix(Healpix.npix2nside(npix));
        }

        void forEach(PixelVisitor v) {
            for (int r = 1; r <= hp.nring(); r++) {
                int start = (int) hp.ringStart(r), n = hp.ringNpix(r);
                double z = hp.ringZ(r), st = hp.ringSinTheta(r), phi0 = hp.ringPhi0(r), dphi = 2 * Math.PI / n;
                double cd = Math.cos(dphi), sd = Math.sin(dphi), c = 0, s = 0;
                for (int j = 0; j < n; j++) {
                    if ((j & 31) == 0) {
                        c = Math.cos(phi0 + j * dphi);
                        s = Math.sin(phi0 + j * dphi);
                    }
                    v.visit(start + j, st * c, st * s, z);
                    double c1 = c * cd - s * sd;
                    s = s * cd + c * sd;
                    c = c1;
                }
            }
        }
    }

    /** Mean over valid pixels (healpy's fit_monopole). */
    public static double fitMonopole(double[] map) {
        double s = 0;
        long n = 0;
        for (double v : map) {
            if (Sht.seen(v)) {
                s += v;
                n++;
            }
        }
        if (n == 0) throw new IllegalArgumentException("the map has no valid pixels");
        return s / n;
    }

    /** Copy of the map with the fitted monopole and dipole subtracted (invalid pixels kept). */
    public static double[] removeDipole(double[] map) {
        Fit fit = fitDipole(map);
        double[] out = map.clone();
        new RingWalk(map.length).forEach((p, x, y, z) -> {
            if (Sht.seen(out[p])) out[p] -= fit.monopole() + fit.dx() * x + fit.dy() * y + fit.dz() * z;
        });
        return out;
    }

    /** Copy of the map with the mean of the valid pixels subtracted. */
    public static double[] removeMonopole(double[] map) {
        double mono = fitMonopole(map);
        double[] out = map.clone();
        for (int p = 0; p < out.length; p++) if (Sht.seen(out[p])) out[p] -= mono;
        return out;
    }

    /** Gaussian elimination with partial pivoting for the small normal equations. */
    private static double[] solve(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) a[i] = a0[i].clone();
        double[] b = b0.clone();
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) piv = r;
            if (Math.abs(a[piv][c]) < 1e-12) {
                throw new IllegalArgumentException("too few valid pixels to fit a monopole and dipole");
            }
            double[] t = a[c]; a[c] = a[piv]; a[piv] = t;
            double tb = b[c]; b[c] = b[piv]; b[piv] = tb;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k < n; k++) a[r][k] -= f * a[c][k];
                b[r] -= f * b[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) s -= a[r][k] * x[k];
            x[r] = s / a[r][r];
        }
        return x;
    }
}
