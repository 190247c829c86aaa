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
                       int[] trajectoryPixels, float[][] trajectories) {}
