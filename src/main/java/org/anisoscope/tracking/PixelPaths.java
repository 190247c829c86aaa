package org.anisoscope.tracking;

import org.anisoscope.sky.Healpix;
import org.anisoscope.turbulence.SlabField;

/**
 * The paths of chosen pixels' particles, computed on demand from a realisation's field with the
 * engine's own step and recorded as a run records its sampled paths (the same stride), so a pixel
 * the run sampled gets its path from the run's trajectories.csv, bit for bit; any other pixel gets
 * the path its particle took in the run.
 */
public final class PixelPaths {
    private PixelPaths() {}

    /**
     * Paths {x0, y0, z0, x1, ..} in r_g of the particles arriving in these RING pixels, from the
     * observer back to step toStep of a run to these times (at most its last step), one point every
     * {@link CpuBacktracker#trajectoryStride} steps.
     */
    public static float[][] compute(SlabField field, int nside, double dt, double[] times, int[] pixels, long toStep) {
        long[] steps = CpuBacktracker.stepCounts(times, dt);
        long total = steps[steps.length - 1];
        if (toStep < 0 || toStep > total) throw new IllegalArgumentException("step " + toStep + " is outside the run's 0 to " + total);
        Healpix hp = new Healpix(nside);
        long npix = hp.npix();
        double[] ux = new double[(int) npix], uy = new double[(int) npix], uz = new double[(int) npix], v = new double[3];
        for (int p : pixels) {
            if (p < 0 || p >= npix) throw new IllegalArgumentException("pixel " + p + " is not one of Nside " + nside + "'s 0 to " + (npix - 1));
            hp.pix2vec(p, v);
            ux[p] = v[0];
            uy[p] = v[1];
            uz[p] = v[2];
        }
        SampledPaths paths = new SampledPaths(field, dt, new CpuBacktracker.Trajectories(pixels, total), ux, uy, uz);
        paths.advanceTo(toStep);
        return paths.copy();
    }
}
