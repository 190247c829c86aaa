package org.anisoscope.tracking;

import org.anisoscope.sky.Healpix;
import org.anisoscope.turbulence.SlabField;
import org.anisoscope.turbulence.Turbulence;

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
    public static float[][] compute(Turbulence field, int nside, double dt, double[] times, int[] pixels, long toStep) {
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

    /**
     * The magnetic field line through the observer, {x0, y0, z0, x1, ..} in r_g, from z = zFrom to zTo
     * (through 0): what the particles' guiding centres follow until they scatter across it. In slab
     * turbulence dx/dz = δB_x(z)/B0, dy/dz = δB_y(z)/B0, integrated with the trapezoidal rule in
     * steps of at most step r_g; in isotropic turbulence, where δB_z can turn the line back, dr/ds =
     * B/|B| by fourth-order Runge–Kutta in steps of step along the line, each way until it leaves
     * the z range (or has run 20 times its length).
     */
    public static float[] fieldLine(Turbulence field, double zFrom, double zTo, double step) {
        if (!(zFrom <= 0 && zTo >= 0) || !(step > 0)) throw new IllegalArgumentException("the field line runs through the observer (z = 0)");
        if (field instanceof SlabField slab) return fieldLine(slab, zFrom, zTo, step);
        double cap = 20 * Math.max(zTo - zFrom, step);
        float[][] half = new float[2][];
        for (int d = 0; d < 2; d++) {
            double sign = d == 0 ? -1 : 1;
            java.util.ArrayList<double[]> pts = new java.util.ArrayList<>();
            double[] r = {0, 0, 0};
            for (double s = 0; s < cap && r[2] >= zFrom && r[2] <= zTo; s += step) {
                double[] k1 = direction(field, r, sign), k2 = direction(field, shifted(r, k1, step / 2), sign);
                double[] k3 = direction(field, shifted(r, k2, step / 2), sign), k4 = direction(field, shifted(r, k3, step), sign);
                for (int c = 0; c < 3; c++) r[c] += step / 6 * (k1[c] + 2 * k2[c] + 2 * k3[c] + k4[c]);
                pts.add(r.clone());
            }
            half[d] = new float[3 * pts.size()];
            for (int i = 0; i < pts.size(); i++) {
                int at = d == 0 ? pts.size() - 1 - i : i; // the way down is written from its far end to the observer
                for (int c = 0; c < 3; c++) half[d][3 * at + c] = (float) pts.get(i)[c];
            }
        }
        float[] out = new float[half[0].length + 3 + half[1].length];
        System.arraycopy(half[0], 0, out, 0, half[0].length);
        System.arraycopy(half[1], 0, out, half[0].length + 3, half[1].length);
        return out; // the observer, (0, 0, 0), between the two
    }

    /** ±B/|B| at r. */
    private static double[] direction(Turbulence field, double[] r, double sign) {
        double[] b = new double[3];
        field.fieldAt(r[0], r[1], r[2], b);
        b[2] += field.b0();
        double n = sign / Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
        for (int c = 0; c < 3; c++) b[c] *= n;
        return b;
    }

    private static double[] shifted(double[] r, double[] d, double h) {
        return new double[] {r[0] + h * d[0], r[1] + h * d[1], r[2] + h * d[2]};
    }

    private static float[] fieldLine(SlabField field, double zFrom, double zTo, double step) {
        int down = (int) Math.ceil(-zFrom / step), up = (int) Math.ceil(zTo / step);
        float[] out = new float[3 * (down + up + 1)];
        double[] b = new double[3], c = new double[3];
        for (int dir : new int[] {-1, 1}) {
            int n = dir < 0 ? down : up;
            double h = n == 0 ? 0 : (dir < 0 ? -zFrom : zTo) / n * dir, x = 0, y = 0, z = 0;
            field.field(0, b);
            for (int k = 1; k <= n; k++) {
                field.field(z + h, c);
                x += h * 0.5 * (b[0] + c[0]) / field.b0();
                y += h * 0.5 * (b[1] + c[1]) / field.b0();
                z += h;
                int at = dir < 0 ? down - k : down + k;
                out[3 * at] = (float) x;
                out[3 * at + 1] = (float) y;
                out[3 * at + 2] = (float) z;
                double[] t = b;
                b = c;
                c = t;
            }
        }
        return out; // the point at index down is the observer, (0, 0, 0)
    }

    /**
     * One pixel's particle in detail, at the same recorded steps as {@link #compute}: {step, x, z, uz}
     * per point (uz = μ, the pitch-angle cosine along B0: |u| = 1), what a pixel's Liouville value is
     * made of (the gradient term from x and z, the K term from μ).
     */
    public static double[][] detail(Turbulence field, int nside, double dt, double[] times, int pixel, long toStep) {
        long[] steps = CpuBacktracker.stepCounts(times, dt);
        long total = steps[steps.length - 1];
        if (toStep < 0 || toStep > total) throw new IllegalArgumentException("step " + toStep + " is outside the run's 0 to " + total);
        Healpix hp = new Healpix(nside);
        if (pixel < 0 || pixel >= hp.npix()) throw new IllegalArgumentException("pixel " + pixel + " is not one of Nside " + nside + "'s");
        double[] v = hp.pix2vec(pixel);
        double[] x = {0}, y = {0}, z = {0}, ux = {v[0]}, uy = {v[1]}, uz = {v[2]};
        long stride = CpuBacktracker.Trajectories.stride(total);
        int n = (int) (toStep / stride) + 1;
        double[][] out = new double[4][n];
        out[3][0] = uz[0];
        for (int j = 1; j < n; j++) {
            // the engine's step, a stride at a time (each particle's arithmetic does not depend on the chunks)
            CpuBacktracker.advance(field, x, y, z, ux, uy, uz, 0, 1, (int) stride, dt);
            out[0][j] = (double) j * stride;
            out[1][j] = x[0];
            out[2][j] = z[0];
            out[3][j] = uz[0];
        }
        return out;
    }
}
