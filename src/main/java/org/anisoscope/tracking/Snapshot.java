package org.anisoscope.tracking;

/**
 * Particle state of one realisation at backtracking time T (Omega_rms T), structure of arrays
 * indexed by HEALPix RING pixel: position r (in r_g, relative to the observer) and the reversed
 * velocity u (the physical momentum direction at t0 = t - T is -u).
 *
 * @param trajectories sampled particles' paths so far: trajectories[s] = {x0,y0,z0, x1,y1,z1, ..}
 *                     (float, in r_g); trajectoryPixels[s] is the pixel each one arrived in
 */
public record Snapshot(int index, double time, double[] x, double[] y, double[] z, double[] ux, double[] uy, double[] uz,
                       int[] trajectoryPixels, float[][] trajectories) {

    /** Largest |a - b| / max(1, |a|) over all particles and all six coordinates (engine comparisons). */
    public double maxRelativeDifference(Snapshot o) {
        double[][] u = {x, y, z, ux, uy, uz}, v = {o.x, o.y, o.z, o.ux, o.uy, o.uz};
        double worst = 0;
        for (int c = 0; c < 6; c++)
            for (int p = 0; p < u[c].length; p++) worst = Math.max(worst, Math.abs(u[c][p] - v[c][p]) / Math.max(1, Math.abs(u[c][p])));
        return worst;
    }
}
