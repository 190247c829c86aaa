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
        Healpix hp = new Healpix(Healpix.npix2nside(map.length));
        double[][] a = new double[4][4];
        double[] b = new double[4];
        double[] n = new double[3];
        double[] f = new double[4];
        for (int p = 0; p < map.length; p++) {
            if (!Sht.seen(map[p])) continue;
            hp.pix2vec(p, n);
            f[0] = 1;
            f[1] = n[0];
            f[2] = n[1];
            f[3] = n[2];
            for (int i = 0; i < 4; i++) {
                b[i] += map[p] * f[i];
                for (int j = 0; j < 4; j++) a[i][j] += f[i] * f[j];
            }
        }
        double[] x = solve(a, b);
        return new Fit(x[0], x[1], x[2], x[3]);
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
        Healpix hp = new Healpix(Healpix.npix2nside(map.length));
        double[] out = map.clone();
        double[] n = new double[3];
        for (int p = 0; p < out.length; p++) {
            if (!Sht.seen(out[p])) continue;
            hp.pix2vec(p, n);
            out[p] -= fit.monopole() + fit.dx() * n[0] + fit.dy() * n[1] + fit.dz() * n[2];
        }
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
