package org.anisoscope.mixing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.special.BesselJ;
import org.junit.jupiter.api.Test;

class SpecialFunctionsTest {

    @Test
    void sphericalBesselMatchesCommonsMathsHalfIntegerBesselJ() {
        double[] xs = {0.05, 0.7, 3.0, 17.3, 99.0, 250.0};
        double[] j = new double[121];
        for (double x : xs) {
            SpecialFunctions.sphericalBessel(120, x, j);
            for (int l = 0; l <= 120; l++) {
                double ref = Math.sqrt(Math.PI / (2 * x)) * BesselJ.value(l + 0.5, x);
                if (Math.abs(ref) < 1e-280) continue;
                assertEquals(ref, j[l], 1e-10 * Math.abs(ref) + 1e-300, "l=" + l + " x=" + x);
            }
        }
    }

    @Test
    void sphericalBesselAtTheOrdersAndArgumentsTheMixingMatrixUses() {
        // L up to 2 lmax + 2 with lmax 150, k dT up to 100 Omega dT ~ 5000
        double[] j = new double[303];
        for (double x : new double[] {40.0, 310.0, 1234.5, 4999.0}) {
            SpecialFunctions.sphericalBessel(302, x, j);
            for (int l = 0; l <= 302; l += 7) {
                double ref = Math.sqrt(Math.PI / (2 * x)) * BesselJ.value(l + 0.5, x);
                if (Math.abs(ref) < 1e-250) continue;
                assertEquals(ref, j[l], 1e-9 * Math.max(Math.abs(ref), 1e-3 / x), "l=" + l + " x=" + x);
            }
        }
    }

    @Test
    void sphericalBesselAtSmallArgumentIsTheSeries() {
        double x = 1e-3;
        double[] j = new double[11];
        SpecialFunctions.sphericalBessel(10, x, j);
        double dfact = 1;
        for (int l = 0; l <= 10; l++) {
            if (l > 0) dfact *= 2 * l + 1;
            double lead = Math.pow(x, l) / dfact * (1 - x * x / (2 * (2 * l + 3)));
            assertEquals(lead, j[l], 1e-12 * lead);
        }
        SpecialFunctions.sphericalBessel(10, 0, j);
        assertEquals(1, j[0]);
        assertEquals(0, j[5]);
    }

    @Test
    void sineAndCosineIntegralsMatchQuadrature() {
        var gauss = new IterativeLegendreGaussIntegrator(32, 1e-15, 1e-15);
        for (double x : new double[] {0.3, 2.0, 3.99, 4.01, 10.0, 57.0, 400.0}) {
            int pieces = (int) Math.ceil(x / 2);
            double si = 0, cin = 0;
            for (int p = 0; p < pieces; p++) {
                double a = x * p / pieces, b = x * (p + 1) / pieces;
                si += gauss.integrate(100000, t -> t == 0 ? 1 : Math.sin(t) / t, a, b);
                cin += gauss.integrate(100000, t -> t == 0 ? 0 : (1 - Math.cos(t)) / t, a, b);
            }
            assertEquals(si, SpecialFunctions.si(x), 1e-13, "Si(" + x + ")");
            assertEquals(cin, SpecialFunctions.cin(x), 1e-12, "Cin(" + x + ")");
            assertEquals(-si, SpecialFunctions.si(-x), 1e-13);
        }
    }
}
