package org.anisoscope.sky;

/**
 * Spherical-harmonic coefficients a_lm of a real map, m >= 0 only (a_l,-m = (-1)^m conj(a_lm)),
 * stored in healpy's order: index(l, m) = m (2 lmax + 1 - m) / 2 + l, with mmax = lmax.
 */
public final class Alm {
    private final int lmax;
    final double[] re;
    final double[] im;

    public Alm(int lmax) {
        if (lmax < 0) throw new IllegalArgumentException("lmax must be >= 0 (got " + lmax + ")");
        this.lmax = lmax;
        int n = size(lmax);
        this.re = new double[n];
        this.im = new double[n];
    }

    public static int size(int lmax) {
        return (lmax + 1) * (lmax + 2) / 2;
    }

    public static int index(int lmax, int l, int m) {
        return m * (2 * lmax + 1 - m) / 2 + l;
    }

    public int lmax() { return lmax; }
    public int size() { return re.length; }
    public double re(int l, int m) { return re[index(lmax, l, m)]; }
    public double im(int l, int m) { return im[index(lmax, l, m)]; }

    public void set(int l, int m, double vre, double vim) {
        int i = index(lmax, l, m);
        re[i] = vre;
        im[i] = m == 0 ? 0.0 : vim;
    }

    /** a_lm += (vre, vim); used by the transforms to sum partial results. */
    void add(int l, int m, double vre, double vim) {
        int i = index(lmax, l, m);
        re[i] += vre;
        if (m != 0) im[i] += vim;
    }

    public Alm copy() {
        Alm c = new Alm(lmax);
        System.arraycopy(re, 0, c.re, 0, re.length);
        System.arraycopy(im, 0, c.im, 0, im.length);
        return c;
    }

    /** this += other (same lmax). */
    public void add(Alm other) {
        if (other.lmax != lmax) throw new IllegalArgumentException("lmax differ: " + lmax + " vs " + other.lmax);
        for (int i = 0; i < re.length; i++) {
            re[i] += other.re[i];
            im[i] += other.im[i];
        }
    }

    /** Multiplies a_lm by fl[l] for every m, as healpy's almxfl (fl shorter than lmax+1 means zero beyond). */
    public Alm almxfl(double[] fl) {
        Alm out = new Alm(lmax);
        for (int m = 0; m <= lmax; m++) {
            for (int l = m; l <= lmax; l++) {
                double f = l < fl.length ? fl[l] : 0.0;
                int i = index(lmax, l, m);
                out.re[i] = re[i] * f;
                out.im[i] = im[i] * f;
            }
        }
        return out;
    }

    /** Angular power C_l = sum_m |a_lm|^2 / (2l + 1) over m = -l .. l (healpy's alm2cl). */
    public double[] alm2cl() {
        return alm2cl(this);
    }

    /** Cross-spectrum C_l = sum_m Re(a_lm conj(b_lm)) / (2l + 1) over m = -l .. l (healpy's alm2cl(a, b)). */
    public double[] alm2cl(Alm other) {
        if (other.lmax != lmax) throw new IllegalArgumentException("lmax differ: " + lmax + " vs " + other.lmax);
        double[] cl = new double[lmax + 1];
        for (int m = 0; m <= lmax; m++) {
            double w = m == 0 ? 1.0 : 2.0;
            for (int l = m; l <= lmax; l++) {
                int i = index(lmax, l, m);
                cl[l] += w * (re[i] * other.re[i] + im[i] * other.im[i]);
            }
        }
        for (int l = 0; l <= lmax; l++) cl[l] /= 2 * l + 1;
        return cl;
    }
}
