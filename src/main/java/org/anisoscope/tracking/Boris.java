package org.anisoscope.tracking;

/**
 * The Boris step for a relativistic particle in a static magnetic field, in the simulation's
 * units (c = 1, |u| = 1, fields in B_rms, time in 1/Omega_rms): du/dt = q u x b, dr/dt = u.
 * Drift half a step, rotate with the field there, drift half a step: time-symmetric, and |u| is
 * conserved to round-off because the rotation is exact. kernels/backtrack.cu holds the same
 * arithmetic in the same order (so CPU and GPU agree to round-off).
 *
 * <p>Backtracking uses q = -1: integrating dr/dt = u, du/dt = -u x b forward with u = -v
 * retraces the physical trajectory backwards.
 */
public final class Boris {
    private Boris() {}

    /**
     * Rotates (ux, uy, uz) in place about b = (bx, by, bz) for a step dt with charge sign q.
     * state = {ux, uy, uz}.
     */
    public static void rotate(double[] u, double bx, double by, double bz, double q, double dt) {
        double h = 0.5 * q * dt;
        double tx = h * bx, ty = h * by, tz = h * bz;
        double s = 2.0 / (1.0 + (tx * tx + ty * ty + tz * tz));
        double ux = u[0], uy = u[1], uz = u[2];
        // u' = u + u x t
        double px = ux + (uy * tz - uz * ty);
        double py = uy + (uz * tx - ux * tz);
        double pz = uz + (ux * ty - uy * tx);
        // u+ = u + s (u' x t)
        u[0] = ux + s * (py * tz - pz * ty);
        u[1] = uy + s * (pz * tx - px * tz);
        u[2] = uz + s * (px * ty - py * tx);
    }

    /**
     * The lock-step scalar paths' common tail for particle p: the rotation of (vx, vy, vz) by
     * t = (tx, ty, tz) = ½ q dt b, in {@link #rotate}'s order, then the second half drift from the
     * midpoint (px, py, pz); the new state goes into the arrays.
     */
    static void rotateAndDrift(double px, double py, double pz, double vx, double vy, double vz, double tx, double ty, double tz,
                               double half, double[] x, double[] y, double[] z, double[] ux, double[] uy, double[] uz, int p) {
        double sf = 2.0 / (1.0 + (tx * tx + ty * ty + tz * tz));
        double qx = vx + (vy * tz - vz * ty);
        double qy = vy + (vz * tx - vx * tz);
        double qz = vz + (vx * ty - vy * tx);
        vx = vx + sf * (qy * tz - qz * ty);
        vy = vy + sf * (qz * tx - qx * tz);
        vz = vz + sf * (qx * ty - qy * tx);
        x[p] = px + half * vx;
        y[p] = py + half * vy;
        z[p] = pz + half * vz;
        ux[p] = vx;
        uy[p] = vy;
        uz[p] = vz;
    }
}
