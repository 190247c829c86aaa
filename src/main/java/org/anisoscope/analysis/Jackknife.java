package org.anisoscope.analysis;

import java.util.function.IntToDoubleFunction;

/** The jackknife error of a statistic over n independent realisations. */
public final class Jackknife {
    private Jackknife() {}

    /**
     * sqrt((n-1)/n · Σ_i (θ_(i) − θ̄)²), θ_(i) the statistic with realisation i left out: the error
     * for statistics that are not plain means (a norm of a mean vector, an integral of 1/D).
     */
    public static double error(int n, IntToDoubleFunction leaveOut) {
        double s = 0, s2 = 0;
        for (int i = 0; i < n; i++) {
            double v = leaveOut.applyAsDouble(i);
            s += v;
            s2 += v * v;
        }
        double mean = s / n;
        return Math.sqrt(Math.max(0, (n - 1.0) / n * (s2 - n * mean * mean)));
    }
}
