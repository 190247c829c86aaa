package org.anisoscope.tracking;

import org.anisoscope.turbulence.Turbulence;

/**
 * The sampled particles' paths, integrated apart from the ensemble with {@link CpuBacktracker#advance}
 * (the same arithmetic as the engines, so the same paths) and recorded as
 * {@link CpuBacktracker.Trajectories} does: the ensemble's steps then run in long chunks
 * whatever the recording stride (clipping them to it cost the CPU engine 29 % at Nside 16).
 */
final class SampledPaths {
    private final Turbulence field;
    private final double dt;
    private final CpuBacktracker.Trajectories traj;
    private final double[] x, y, z, ux, uy, uz; // indexed by sample
    private long at;

    SampledPaths(Turbulence field, double dt, int npix, int samples, long totalSteps, double[] ux0, double[] uy0, double[] uz0) {
        this(field, dt, new CpuBacktracker.Trajectories(npix, samples, totalSteps), ux0, uy0, uz0);
    }

    /** The paths of traj's pixels, whose particles start with velocities ux0[pixel], ... */
    SampledPaths(Turbulence field, double dt, CpuBacktracker.Trajectories traj, double[] ux0, double[] uy0, double[] uz0) {
        this.field = field;
        this.dt = dt;
        this.traj = traj;
        int[] pix = traj.pixels();
        int s = pix.length;
        x = new double[s];
        y = new double[s];
        z = new double[s];
        ux = new double[s];
        uy = new double[s];
        uz = new double[s];
        for (int i = 0; i < s; i++) {
            ux[i] = ux0[pix[i]];
            uy[i] = uy0[pix[i]];
            uz[i] = uz0[pix[i]];
        }
        traj.recordSamples(0, x, y, z);
    }

    void advanceTo(long step) {
        if (x.length == 0) return;
        while (at < step) {
            long chunk = traj.clip(at, step - at);
            CpuBacktracker.advance(field, x, y, z, ux, uy, uz, 0, x.length, (int) chunk, dt);
            at += chunk;
            traj.recordSamples(at, x, y, z);
        }
    }

    int[] pixels() { return traj.pixels(); }

    float[][] copy() { return traj.copy(); }
}
