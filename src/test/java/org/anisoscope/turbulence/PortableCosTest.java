package org.anisoscope.turbulence;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The portable cosine: close to the true one, and the lane-wise path gives the scalar path's bits. */
class PortableCosTest {
    /**
     * Against StrictMath.cos (fdlibm, within 1 ulp of the truth): 10⁶ arguments spread over
     * |x| ≤ 10⁶, 10⁵ near multiples of π/2 (where cos passes zero and an absolute error shows
     * most), and the small ones; the largest difference measured was 7.8e-16, the bound 2e-15.
     */
    @Test
    void itIsWithinTwoTimesTenToTheMinusFifteenOfTheCosine() {
        Random rnd = new Random(3);
        double worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double x = (rnd.nextDouble() * 2 - 1) * Math.pow(10, 6 * rnd.nextDouble());
            worst = Math.max(worst, Math.abs(PortableCos.cos(x) - StrictMath.cos(x)));
        }
        for (int i = 0; i < 100_000; i++) {
            double x = Math.PI / 2 * rnd.nextInt(2_000_000) + 1e-9 * rnd.nextGaussian();
            worst = Math.max(worst, Math.abs(PortableCos.cos(x) - StrictMath.cos(x)));
        }
        for (double x : new double[] {0, -0.0, 1e-300, Math.PI, -Math.PI, 2 * Math.PI, 1e6, -1e6}) {
            worst = Math.max(worst, Math.abs(PortableCos.cos(x) - StrictMath.cos(x)));
        }
        assertTrue(worst < 2e-15, "largest difference from StrictMath.cos: " + worst);
        assertTrue(Double.isNaN(PortableCos.cos(Double.NaN)) && Double.isNaN(PortableCos.cos(Double.POSITIVE_INFINITY)));
    }

    @Test
    void theLaneWisePathGivesTheScalarBits() {
        assertTrue(PortableCos.simd(), "the tests run with the Vector API: the lane-wise path must be the one compared");
        Random rnd = new Random(8);
        double[] x = new double[100_003], out = new double[x.length];
        for (int i = 0; i < x.length; i++) x[i] = (rnd.nextDouble() * 2 - 1) * Math.pow(10, 7 * rnd.nextDouble());
        PortableCos.cos(x, out, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Double.doubleToRawLongBits(PortableCos.cos(x[i])), Double.doubleToRawLongBits(out[i]), "x = " + x[i]);
        }
        // a range that starts inside the array and leaves a tail shorter than a vector
        double[] part = new double[x.length];
        PortableCos.cos(x, part, 5, 1000);
        for (int i = 0; i < x.length; i++) assertEquals(i >= 5 && i < 1000 ? out[i] : 0, part[i], 0, "index " + i);
    }
}
