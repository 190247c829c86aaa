package org.anisoscope.mixing;

/**
 * Spherical Bessel functions j_l(x) for all l at once, and the sine and cosine integrals Si and
 * Cin that the time integrals of the mixing matrix reduce to.
 */
public final class SpecialFunctions {
    private SpecialFunctions() {}

    private static final double EULER_GAMMA = 0.57721566490153286061;

    /**
     * j_0(x) .. j_lmax(x) into out (x >= 0). Upward recursion is stable only for l < x, so the
     * whole ladder comes from Miller's downward recursion started well above max(lmax, x) and
     * normalised on whichever of j_0 = sin x / x and j_1 is larger (so a zero of one is harmless).
     */
    public static void sphericalBessel(int lmax, double x, double[] out) {
        if (x < 0 || !Double.isFinite(x)) throw new IllegalArgumentException("j_l needs a finite x >= 0; got " + x);
        if (x == 0) {
            out[0] = 1;
            for (int l = 1; l <= lmax; l++) out[l] = 0;
            return;
        }
        if (x < 1e-2) {
            // series: j_l(x) = x^l / (2l+1)!! (1 - x^2 / (2(2l+3)) + x^4 / (8 (2l+3)(2l+5)))
            double t = 1, x2 = x * x;
            for (int l = 0; l <= lmax; l++) {
                if (l > 0) t *= x / (2 * l + 1);
                out[l] = t * (1 - x2 / (2.0 * (2 * l + 3)) + x2 * x2 / (8.0 * (2 * l + 3) * (2 * l + 5)));
                if (t < 1e-300) {
                    for (int k = l + 1; k <= lmax; k++) out[k] = 0;
                    return;
                }
            }
            return;
        }
        int start = (int) Math.max(lmax, x) + 16 + (int) (4 * Math.cbrt(Math.max(lmax, x)) + Math.sqrt(40.0 * Math.max(lmax, x)) / 2);
        double fp1 = 0, f = 1e-300;
        double j0raw = 0, j1raw = 0;
        for (int l = start; l >= 1; l--) {
            // f_{l-1} = (2l+1)/x f_l - f_{l+1}
            double fm1 = (2 * l + 1) / x * f - fp1;
            fp1 = f;
            f = fm1;
            if (l - 1 <= lmax) out[l - 1] = f;
            if (Math.abs(f) > 1e250) {
                f *= 1e-250;
                fp1 *= 1e-250;
                for (int k = l - 1; k <= Math.min(lmax, start); k++) out[k] *= 1e-250;
            }
            if (l == 1) {
                j0raw = f;
                j1raw = fp1;
            }
        }
        double j0 = Math.sin(x) / x, j1 = (Math.sin(x) / x - Math.cos(x)) / x;
        double scale = Math.abs(j0) >= Math.abs(j1) ? j0 / j0raw : j1 / j1raw;
        for (int l = 0; l <= lmax; l++) out[l] *= scale;
    }

    /** Sine integral Si(x) = int_0^x sin t / t dt. */
    public static double si(double x) {
        if (x < 0) return -si(-x);
        if (x <= 4) return siSeries(x);
        double[] fg = auxiliary(x);
        return Math.PI / 2 - fg[0] * Math.cos(x) - fg[1] * Math.sin(x);
    }

    /** Cin(x) = int_0^x (1 - cos t) / t dt = gamma + ln x - Ci(x); even in x, no singularity at 0. */
    public static double cin(double x) {
        x = Math.abs(x);
        if (x <= 4) return cinSeries(x);
        double[] fg = auxiliary(x);
        double ci = fg[0] * Math.sin(x) - fg[1] * Math.cos(x);
        return EULER_GAMMA + Math.log(x) - ci;
    }

    private static double siSeries(double x) {
        double x2 = x * x, term = x, sum = x;
        for (int n = 1; n < 60; n++) {
            term *= -x2 / ((2.0 * n) * (2.0 * n + 1));
            double add = term / (2 * n + 1);
            sum += add;
            if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
        }
        return sum;
    }

    private static double cinSeries(double x) {
        double x2 = x * x, term = 1, sum = 0;
        for (int n = 1; n < 60; n++) {
            term *= -x2 / ((2.0 * n - 1) * (2.0 * n));
            double add = -term / (2 * n);
            sum += add;
            if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
        }
        return sum;
    }

    /**
     * The auxiliary functions f(x), g(x) with Si = pi/2 - f cos x - g sin x and
     * Ci = f sin x - g cos x, from the continued fraction of E1(ix) (x > 4; modified Lentz).
     */
    private static double[] auxiliary(double x) {
        // E1(ix) e^{ix} = 1/(1+ix- 1/(3+ix- 4/(5+ix- ...))); f + i g relation below
        double br = 1, bi = x;
        double cr = 1e300, ci = 0;
        double[] d = inv(br, bi);
        double dr = d[0], di = d[1], hr = dr, hi = di;
        for (int i = 2; i < 1000; i++) {
            double a = -(double) (i - 1) * (i - 1);
            br += 2;
            // d = 1 / (a d + b)
            double[] t = inv(a * dr + br, a * di + bi);
            dr = t[0];
            di = t[1];
            // c = b + a / c
            double[] ic = inv(cr, ci);
            cr = br + a * ic[0];
            ci = bi + a * ic[1];
            double delr = cr * dr - ci * di, deli = cr * di + ci * dr;
            double nhr = hr * delr - hi * deli, nhi = hr * deli + hi * delr;
            hr = nhr;
            hi = nhi;
            if (Math.abs(delr - 1) + Math.abs(deli) < 1e-16) break;
        }
        // h = E1(ix) e^{ix}; E1(ix) = -Ci(x) + i (Si(x) - pi/2) = -(f sin x - g cos x) + i(-f cos x - g sin x)
        // = (g + i(-f))(cos x + i sin x)... so h = E1 e^{ix} = g - i f
        return new double[] {-hi, hr};
    }

    private static double[] inv(double re, double im) {
        double den = re * re + im * im;
        return new double[] {re / den, -im / den};
    }
}
