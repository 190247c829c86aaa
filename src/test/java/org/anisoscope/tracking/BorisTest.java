package org.anisoscope.tracking;

import static org.junit.jupiter.api.Assertions.*;

import org.anisoscope.turbulence.SlabField;
import org.junit.jupiter.api.Test;

class BorisTest {

    /**
     * Uniform field b along z: Boris rotates by exactly 2 atan(b dt / 2) per step (checked to 1e-12
     * after 1000 periods, up to the round-off of 1.3e5 steps), which differs from the exact b dt by (b dt)^3/12 per step, and the orbit
     * radius |u_perp|/b is kept to O((b dt)^2).
     */
    @Test
    void gyrationInAUniformField() {
        double b = 0.7, dt = 0.05, q = 1.0;
        double[] u = {0.6, 0.0, 0.8};
        double x = 0, y = 0;
        int steps = (int) Math.round(1000 * 2 * Math.PI / (b * dt));
        double angle = 0, prev = Math.atan2(u[1], u[0]);
        double xmin = 1e9, xmax = -1e9;
        for (int s = 0; s < steps; s++) {
            x += 0.5 * dt * u[0];
            y += 0.5 * dt * u[1];
            Boris.rotate(u, 0, 0, b, q, dt);
            x += 0.5 * dt * u[0];
            y += 0.5 * dt * u[1];
            double a = Math.atan2(u[1], u[0]);
            angle += Math.IEEEremainder(a - prev, 2 * Math.PI);
            prev = a;
            if (s > steps - 200) { xmin = Math.min(xmin, x); xmax = Math.max(xmax, x); }
        }
        double borisAngle = -steps * 2 * Math.atan(0.5 * q * b * dt); // u x b with b along +z turns u clockwise
        assertEquals(borisAngle, angle, 1e-10 * Math.abs(borisAngle)); // round-off over 1.3e5 steps
        double exact = -steps * b * dt;
        assertEquals(exact, angle, Math.abs(exact) * (b * dt) * (b * dt) / 12 * 1.01);
        assertEquals(0.8, u[2], 1e-14);
        double radius = 0.5 * (xmax - xmin);
        assertEquals(0.6 / b, radius, 0.6 / b * (b * dt) * (b * dt));
    }

    /**
     * Reversal is exact in exact arithmetic (the step is symmetric). Nearby paths diverge
     * exponentially in turbulence with structure far below r_g (measured: round-off grows 1e10-fold
     * in 900 steps with lambda_min = r_g/150), so reversibility is checked where it is meaningful:
     * in a field resolved by the step (lambda_min = 2 r_g), over 2000 steps (16 gyrations).
     */
    static final int STEPS = 2000;

    @Test
    void speedIsConservedToRoundOffAndStepsAreReversible() {
        SlabField f = SlabField.generate(0.05, 0.5, 2.0, 11);
        double[] x = {0}, y = {0}, z = {0};
        double[] ux = {0.3}, uy = {-0.5}, uz = {Math.sqrt(1 - 0.09 - 0.25)};
        CpuBacktracker.advance(f, x, y, z, ux, uy, uz, 0, 1, STEPS, 0.05);
        double speed = Math.sqrt(ux[0] * ux[0] + uy[0] * uy[0] + uz[0] * uz[0]);
        assertEquals(1.0, speed, 1e-12);
        assertTrue(Math.hypot(x[0], z[0]) > 1, "the particle moved: z = " + z[0]);
        // reverse: flip u and the charge (q = +1), step back the same number of steps
        double[] u = new double[3];
        double[] b = new double[2];
        double px = x[0], py = y[0], pz = z[0];
        u[0] = -ux[0];
        u[1] = -uy[0];
        u[2] = -uz[0];
        for (int s = 0; s < STEPS; s++) {
            px += 0.025 * u[0]; py += 0.025 * u[1]; pz += 0.025 * u[2];
            f.field(pz, b);
            Boris.rotate(u, b[0], b[1], f.b0(), +1.0, 0.05);
            px += 0.025 * u[0]; py += 0.025 * u[1]; pz += 0.025 * u[2];
        }
        assertEquals(0, px, 1e-9);
        assertEquals(0, py, 1e-9);
        assertEquals(0, pz, 1e-9);
        assertEquals(0.3, -u[0], 1e-9);
    }
}
