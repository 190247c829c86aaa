package org.anisoscope.tracking;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.anisoscope.turbulence.IsotropicField;
import org.junit.jupiter.api.Test;

/** The Boris step through the plane-wave field: both lock-step paths are the one-particle definition, bit for bit; it keeps |u|; it gyrates. */
class PlaneWaveStepTest {
    static double[][] state(int n, long seed) {
        Random rnd = new Random(seed);
        double[][] s = new double[6][n];
        for (int p = 0; p < n; p++) {
            for (int c = 0; c < 3; c++) s[c][p] = 50 * rnd.nextGaussian();
            double mu = 2 * rnd.nextDouble() - 1, phi = 2 * Math.PI * rnd.nextDouble(), st = Math.sqrt(1 - mu * mu);
            s[3][p] = st * Math.cos(phi);
            s[4][p] = st * Math.sin(phi);
            s[5][p] = mu;
        }
        return s;
    }

    @Test
    void theSimdAndScalarPathsAreTheOneParticleStepBitForBit() {
        assertTrue(PlaneWaveStep.simd(), "the tests run with the Vector API: the SIMD path must be the one compared");
        IsotropicField f = IsotropicField.generate(0.3, 0.5, 1.0 / 150, 2, 5.0 / 3.0, 64);
        for (int n : new int[] {1, 7, 8, 64, 203}) {
            double[][] s0 = state(n, n), simd = new double[6][], scalar = new double[6][];
            for (int c = 0; c < 6; c++) {
                simd[c] = s0[c].clone();
                scalar[c] = s0[c].clone();
            }
            PlaneWaveStep.advance(f, simd[0], simd[1], simd[2], simd[3], simd[4], simd[5], 0, n, 100, 0.05);
            PlaneWaveStep.advanceScalar(f, scalar[0], scalar[1], scalar[2], scalar[3], scalar[4], scalar[5], 0, n, 100, 0.05);
            for (int p = 0; p < n; p++) {
                double[] one = {s0[0][p], s0[1][p], s0[2][p], s0[3][p], s0[4][p], s0[5][p]};
                reference(f, one, 100, 0.05);
                for (int c = 0; c < 6; c++) {
                    assertEquals(Double.doubleToRawLongBits(one[c]), Double.doubleToRawLongBits(scalar[c][p]), "scalar, " + n + " particles, p " + p);
                    assertEquals(Double.doubleToRawLongBits(one[c]), Double.doubleToRawLongBits(simd[c][p]), "SIMD, " + n + " particles, p " + p);
                }
            }
        }
    }

    /**
     * Boris rotates u without changing its length, whatever the field: after 10⁴ steps |u| is 1 to
     * round-off (1e-12). In a field of tiny turbulence (η = 10⁻¹², δB/B0 = 10⁻⁶) a particle gyrates
     * about B0 with Ω0 = √(1 − η): after one period in 2000 steps its velocity returns to within the
     * rotation's phase error ((Ω0 dt)³/12 a step, 5e-6 over the period) and the turbulence's pull
     * (~2π δB/B0 = 6e-6): the bound, 1e-4, is ten times their sum; u_z is kept to 1e-5.
     */
    @Test
    void itKeepsTheSpeedAndGyratesAboutB0() {
        IsotropicField f = IsotropicField.generate(0.3, 0.5, 1.0 / 150, 5, 1.5, 100);
        double[][] s = state(16, 9);
        PlaneWaveStep.advance(f, s[0], s[1], s[2], s[3], s[4], s[5], 0, 16, 10_000, 0.05);
        for (int p = 0; p < 16; p++) assertEquals(1, Math.sqrt(s[3][p] * s[3][p] + s[4][p] * s[4][p] + s[5][p] * s[5][p]), 1e-12, "particle " + p);
        IsotropicField calm = IsotropicField.generate(0.3, 1e-12, 1.0 / 150, 5, 1.5, 100);
        double dt = 2 * Math.PI / calm.b0() / 2000;
        double[][] g = state(4, 11), g0 = state(4, 11);
        PlaneWaveStep.advance(calm, g[0], g[1], g[2], g[3], g[4], g[5], 0, 4, 2000, dt);
        for (int p = 0; p < 4; p++) {
            assertEquals(g0[3][p], g[3][p], 1e-4, "u_x back after a period, particle " + p);
            assertEquals(g0[4][p], g[4][p], 1e-4, "u_y back after a period, particle " + p);
            assertEquals(g0[5][p], g[5][p], 1e-5, "u_z kept, particle " + p);
        }
    }

    /**
     * One particle, one step at a time, through {@link IsotropicField#field}: the definition the
     * lock-step paths must reproduce bit for bit. s: {x, y, z, ux, uy, uz}, advanced in place.
     */
    static void reference(IsotropicField f, double[] s, int steps, double dt) {
        double half = 0.5 * dt, h = 0.5 * -1.0 * dt, b0 = f.b0();
        double[] b = new double[3];
        for (int k = 0; k < steps; k++) {
            double vx = s[3], vy = s[4], vz = s[5];
            double px = s[0] + half * vx, py = s[1] + half * vy, pz = s[2] + half * vz;
            f.field(px, py, pz, b);
            double tx = h * b[0], ty = h * b[1], tz = h * (b0 + b[2]);
            double sf = 2.0 / (1.0 + (tx * tx + ty * ty + tz * tz));
            double qx = vx + (vy * tz - vz * ty);
            double qy = vy + (vz * tx - vx * tz);
            double qz = vz + (vx * ty - vy * tx);
            vx = vx + sf * (qy * tz - qz * ty);
            vy = vy + sf * (qz * tx - qx * tz);
            vz = vz + sf * (qx * ty - qy * tx);
            s[0] = px + half * vx;
            s[1] = py + half * vy;
            s[2] = pz + half * vz;
            s[3] = vx;
            s[4] = vy;
            s[5] = vz;
        }
    }

    /** The warm-up runs its own particles through its own field: a run after it is the one-particle step's, bit for bit. */
    @Test
    void theWarmUpLeavesTheStepAsItWas() {
        PlaneWaveStep.warmUp();
        assertTrue(PlaneWaveStep.warm());
        IsotropicField f = IsotropicField.generate(0.089, 0.5, 1.0 / 150, 5, 5.0 / 3, 24);
        int n = 16; // whole vectors: the SIMD path
        double[] x = new double[n], y = new double[n], z = new double[n], ux = new double[n], uy = new double[n], uz = new double[n];
        for (int p = 0; p < n; p++) {
            double mu = (p + 0.5) / n * 2 - 1;
            ux[p] = Math.sqrt(1 - mu * mu);
            uz[p] = mu;
        }
        double[][] start = {ux.clone(), uz.clone()};
        PlaneWaveStep.advance(f, x, y, z, ux, uy, uz, 0, n, 20, 0.05);
        for (int p = 0; p < n; p++) {
            double[] want = {0, 0, 0, start[0][p], 0, start[1][p]};
            reference(f, want, 20, 0.05);
            assertArrayEquals(want, new double[] {x[p], y[p], z[p], ux[p], uy[p], uz[p]}, "particle " + p);
        }
    }
}
