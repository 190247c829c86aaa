package org.anisoscope.tracking;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.anisoscope.turbulence.SlabField;
import org.junit.jupiter.api.Test;

/** The lock-step paths against the engine's step taken one particle at a time, bit for bit. */
class LockstepTest {

    /** The per-particle loop the engine ran before lock-step blocks: Boris.rotate with SlabField.field. */
    static void reference(SlabField f, double[][] s, int steps, double dt) {
        double[] b = new double[2], u = new double[3];
        double half = 0.5 * dt;
        for (int p = 0; p < s[0].length; p++) {
            double px = s[0][p], py = s[1][p], pz = s[2][p];
            u[0] = s[3][p];
            u[1] = s[4][p];
            u[2] = s[5][p];
            for (int k = 0; k < steps; k++) {
                px += half * u[0];
                py += half * u[1];
                pz += half * u[2];
                f.field(pz, b);
                Boris.rotate(u, b[0], b[1], f.b0(), -1.0, dt);
                px += half * u[0];
                py += half * u[1];
                pz += half * u[2];
            }
            s[0][p] = px;
            s[1][p] = py;
            s[2][p] = pz;
            s[3][p] = u[0];
            s[4][p] = u[1];
            s[5][p] = u[2];
        }
    }

    /** n particles at random places (both signs of z, some at -0.0) with random unit velocities. */
    static double[][] state(int n, double spread, long seed) {
        Random r = new Random(seed);
        double[][] s = new double[6][n];
        for (int p = 0; p < n; p++) {
            double cz = 2 * r.nextDouble() - 1, phi = 2 * Math.PI * r.nextDouble(), sz = Math.sqrt(1 - cz * cz);
            s[0][p] = spread * r.nextGaussian();
            s[1][p] = spread * r.nextGaussian();
            s[2][p] = p % 7 == 0 ? -0.0 : spread * r.nextGaussian();
            s[3][p] = sz * Math.cos(phi);
            s[4][p] = sz * Math.sin(phi);
            s[5][p] = p % 7 == 0 ? -0.0 : cz; // with z = -0.0 the first lookup is at -0.0
        }
        return s;
    }

    static double[][] copy(double[][] s) {
        double[][] c = new double[s.length][];
        for (int i = 0; i < s.length; i++) c[i] = s[i].clone();
        return c;
    }

    static void assertBits(double[][] want, double[][] got, String what) {
        for (int c = 0; c < want.length; c++) {
            for (int p = 0; p < want[c].length; p++) {
                long a = Double.doubleToRawLongBits(want[c][p]), b = Double.doubleToRawLongBits(got[c][p]);
                if (a != b) fail(what + ": component " + c + " of particle " + p + " is " + got[c][p] + ", want " + want[c][p]);
            }
        }
    }

    @Test
    void theTestJvmRunsTheSimdPath() {
        // Surefire starts the tests with --add-modules jdk.incubator.vector: without it the SIMD
        // comparisons below would compare the scalar path with itself
        assertTrue(Lockstep.simd(), "the SIMD path is not running: " + Lockstep.path());
    }

    @Test
    void bothPathsGiveTheOneParticleStepBitForBit() {
        double dt = 0.05;
        // one to four nested grids (the SIMD path's two- and three-grid kernels and its two passes for
        // the others); particle counts that fill no whole vector or block
        double[] rhos = {1.0, 0.089, 0.00005, 0.00000005};
        int[] grids = {1, 2, 3, 4};
        for (int i = 0; i < rhos.length; i++) {
            SlabField f = SlabField.generate(rhos[i], 0.5, 1.0 / 150, 11 + i);
            assertEquals(grids[i], f.ngrids());
            for (int n : new int[] {1, 7, 8, 64, 203}) {
                double[][] s0 = state(n, 30 / rhos[i], 100 + n);
                double[][] want = copy(s0);
                reference(f, want, 300, dt);
                double[][] simd = copy(s0), scalar = copy(s0);
                Lockstep.advance(f, simd[0], simd[1], simd[2], simd[3], simd[4], simd[5], 0, n, 300, dt);
                Lockstep.advanceScalar(f, scalar[0], scalar[1], scalar[2], scalar[3], scalar[4], scalar[5], 0, n, 300, dt);
                assertBits(want, simd, "SIMD, " + grids[i] + " grids, " + n + " particles");
                assertBits(want, scalar, "scalar, " + grids[i] + " grids, " + n + " particles");
            }
        }
    }

    @Test
    void aRangeThatStartsInsideTheArraysLeavesTheRestAlone() {
        SlabField f = SlabField.generate(0.089, 0.5, 1.0 / 150, 5);
        double[][] s0 = state(150, 200, 9);
        double[][] got = copy(s0);
        Lockstep.advance(f, got[0], got[1], got[2], got[3], got[4], got[5], 13, 141, 50, 0.05);
        double[][] want = copy(s0);
        double[][] mid = new double[6][];
        for (int c = 0; c < 6; c++) mid[c] = java.util.Arrays.copyOfRange(s0[c], 13, 141);
        reference(f, mid, 50, 0.05);
        for (int c = 0; c < 6; c++) System.arraycopy(mid[c], 0, want[c], 13, 128);
        assertBits(want, got, "particles 13 .. 140");
    }

    @Test
    void particlesBeyondTheSimdFloorsRangeTakeTheScalarPathWithTheSameResult() {
        SlabField f = SlabField.generate(0.00089, 0.5, 1.0 / 150, 2);
        // z / spacing of the finest grid near 2^51: the SIMD floor would no longer be exact there
        double far = 0x1p51 / f.invSpacing(f.ngrids() - 1);
        double[][] s0 = state(40, 10, 4);
        for (int p = 0; p < 40; p += 3) s0[2][p] = (p % 2 == 0 ? far : -far) * (1 - 1e-3 * p);
        assertFalse(Lockstep.floorExact(f, s0[2], 0, 40, 10, 0.05));
        assertTrue(Lockstep.floorExact(f, state(40, 10, 4)[2], 0, 40, 10, 0.05));
        double[][] want = copy(s0), got = copy(s0);
        reference(f, want, 10, 0.05);
        Lockstep.advance(f, got[0], got[1], got[2], got[3], got[4], got[5], 0, 40, 10, 0.05);
        assertBits(want, got, "far particles");
    }

    @Test
    void theWarmUpOnlyReadsTheFieldAndServesEachKernelOnce() {
        // its particles are its own: the field's grids are the same to the bit afterwards, for the
        // two-grid kernel and for the two passes (three grids)
        for (double rho : new double[] {0.089, 0.00005}) {
            SlabField f = SlabField.generate(rho, 0.5, 1.0 / 150, 21);
            double[][] before = new double[f.ngrids()][];
            for (int j = 0; j < f.ngrids(); j++) before[j] = f.grid(j).clone();
            Lockstep.warmUp(f);
            assertTrue(Lockstep.warm(f), f.ngrids() + " grids: not marked warm");
            for (int j = 0; j < f.ngrids(); j++) assertArrayEquals(before[j], f.grid(j), "grid " + j + " of " + f.ngrids());
        }
    }
}
