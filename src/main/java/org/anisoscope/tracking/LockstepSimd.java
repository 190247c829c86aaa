package org.anisoscope.tracking;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.anisoscope.turbulence.SlabField;

/**
 * {@link Lockstep}'s SIMD path: the lanes of a vector are particles, the grid reads are gathers, the
 * Boris arithmetic is lane-wise with the scalar path's operations in its order (the Vector API
 * never contracts to FMA). Loaded by name only where {@code jdk.incubator.vector} is present.
 *
 * <p>The API has no lane-wise floor and (in JDK 17) no cheap double-to-int conversion, so for
 * |u| < 2^50: r = (u + 1.5 * 2^52) - 1.5 * 2^52 is u rounded to an integer, floor = r - (r > u),
 * and the low mantissa bits of floor + 1.5 * 2^52 are floor's two's complement, i.e. the index
 * (long) floor & (POINTS - 1). {@code (u - floor) + 0.0} turns the one difference from Math.floor,
 * +0.0 for u = -0.0, back into the scalar path's +0.0. Lockstep checks the range first.
 */
final class LockstepSimd implements Lockstep.Stepper {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Indices of a gather: as many int lanes as D has doubles. */
    private static final VectorSpecies<Integer> I = VectorShape.forBitSize(D.vectorBitSize() / 2).withLanes(int.class);
    private static final int N = D.length();
    private static final double ROUND = 0x1.8p52;
    private static final long MASK = SlabField.POINTS - 1;

    int lanes() { return N; }

    @Override
    public void advance(SlabField field, double[] x, double[] y, double[] z, double[] ux, double[] uy, double[] uz,
                        int p0, int p1, int steps, double dt) {
        int pv = p0 + (p1 - p0) / N * N; // whole vectors; the rest on the scalar path
        if (pv > p0) vectors(field, x, y, z, ux, uy, uz, p0, pv, steps, dt);
        if (p1 > pv) Lockstep.scalar(field, x, y, z, ux, uy, uz, pv, p1, steps, dt);
    }

    private static void vectors(SlabField field, double[] x, double[] y, double[] z, double[] ux, double[] uy, double[] uz,
                                int p0, int p1, int steps, double dt) {
        int ng = field.ngrids(), n = p1 - p0;
        if (ng == 2) {
            // the wrapped grids are made on first use: fetched here, the kernel's compiled code never
            // meets that branch, which a new field would otherwise send back to the interpreter
            twoGrids(field.wrappedGrid(0), field.wrappedGrid(1), field.invSpacing(0), field.invSpacing(1), field.b0(),
                    x, y, z, ux, uy, uz, p0, p1, steps, dt);
            return;
        }
        double[][] g = new double[ng][];
        double[] inv = new double[ng];
        for (int j = 0; j < ng; j++) {
            g[j] = field.grid(j);
            inv[j] = field.invSpacing(j);
        }
        // per grid and particle of the block: the interpolation weight and the two cells' indices
        double[][] f = new double[ng][n];
        int[][] k0 = new int[ng][n], k1 = new int[ng][n];
        double half = 0.5 * dt;
        double h = 0.5 * -1.0 * dt;
        double tz = h * field.b0();
        for (int s = 0; s < steps; s++) {
            // two passes per step, each its own method: in one, with the loop over the grids, C2 ran past
            // its node limit in some runs and left a gather to the API's Java fallback (boxed, ~10x
            // slower); vectors cross neither call
            lookup(z, uz, p0, p1, half, inv, f, k0, k1);
            push(g, x, y, z, ux, uy, uz, p0, p1, half, h, tz, f, k0, k1);
        }
    }

    /*
     * Most of the paper's fields have two grids (rho from ~7e-4 to ~0.7 at lambda_min = r_g/150: 1 and
     * 10 PV): for them one pass per step with both grids written out, which C2 keeps in registers and
     * which outruns the two passes (docs/benchmarks.md). The grids are read through their wrapped
     * copies (SlabField.wrappedGrid), so one index serves both corners of a cell. Three grids written
     * out the same way ran slower than the two passes, and a loop over the grids or small helper
     * methods in one pass get the vectors boxed; for the same reason the Boris part is written out
     * here and in push (shared as a method, with the field handed over through a small array, the
     * two-grid kernel lost a third of its speed: docs/benchmarks.md).
     */

    /** One whole step per vector of particles, two grids. */
    private static void twoGrids(double[] g0, double[] g1, double inv0, double inv1, double b0, double[] x, double[] y, double[] z,
                                 double[] ux, double[] uy, double[] uz, int p0, int p1, int steps, double dt) {
        int[] k0 = new int[N], k1 = new int[N];
        double half = 0.5 * dt, h = 0.5 * -1.0 * dt, tz = h * b0, tz2 = tz * tz;
        DoubleVector zero = DoubleVector.zero(D), two = DoubleVector.broadcast(D, 2.0);
        for (int s = 0; s < steps; s++) {
            for (int p = p0; p < p1; p += N) {
                DoubleVector vx = DoubleVector.fromArray(D, ux, p);
                DoubleVector vy = DoubleVector.fromArray(D, uy, p);
                DoubleVector vz = DoubleVector.fromArray(D, uz, p);
                DoubleVector px = DoubleVector.fromArray(D, x, p).add(vx.mul(half));
                DoubleVector py = DoubleVector.fromArray(D, y, p).add(vy.mul(half));
                DoubleVector pz = DoubleVector.fromArray(D, z, p).add(vz.mul(half));
                DoubleVector u = pz.mul(inv0);
                DoubleVector r = u.add(ROUND).sub(ROUND);
                DoubleVector fl = r.sub(1.0, r.compare(VectorOperators.GT, u));
                DoubleVector f0 = u.sub(fl).add(0.0);
                LongVector i = fl.add(ROUND).reinterpretAsLongs().and(MASK);
                ((IntVector) i.add(i).convertShape(VectorOperators.L2I, I, 0)).intoArray(k0, 0);
                u = pz.mul(inv1);
                r = u.add(ROUND).sub(ROUND);
                fl = r.sub(1.0, r.compare(VectorOperators.GT, u));
                DoubleVector f1 = u.sub(fl).add(0.0);
                i = fl.add(ROUND).reinterpretAsLongs().and(MASK);
                ((IntVector) i.add(i).convertShape(VectorOperators.L2I, I, 0)).intoArray(k1, 0);
                DoubleVector ax = DoubleVector.fromArray(D, g0, 0, k0, 0), cx = DoubleVector.fromArray(D, g0, 2, k0, 0);
                DoubleVector ay = DoubleVector.fromArray(D, g0, 1, k0, 0), cy = DoubleVector.fromArray(D, g0, 3, k0, 0);
                DoubleVector bx = zero.add(ax.add(f0.mul(cx.sub(ax)))), by = zero.add(ay.add(f0.mul(cy.sub(ay))));
                ax = DoubleVector.fromArray(D, g1, 0, k1, 0);
                cx = DoubleVector.fromArray(D, g1, 2, k1, 0);
                ay = DoubleVector.fromArray(D, g1, 1, k1, 0);
                cy = DoubleVector.fromArray(D, g1, 3, k1, 0);
                bx = bx.add(ax.add(f1.mul(cx.sub(ax))));
                by = by.add(ay.add(f1.mul(cy.sub(ay))));
                DoubleVector tx = bx.mul(h), ty = by.mul(h);
                DoubleVector sf = two.div(tx.mul(tx).add(ty.mul(ty)).add(tz2).add(1.0));
                DoubleVector qx = vx.add(vy.mul(tz).sub(vz.mul(ty)));
                DoubleVector qy = vy.add(vz.mul(tx).sub(vx.mul(tz)));
                DoubleVector qz = vz.add(vx.mul(ty).sub(vy.mul(tx)));
                vx = vx.add(sf.mul(qy.mul(tz).sub(qz.mul(ty))));
                vy = vy.add(sf.mul(qz.mul(tx).sub(qx.mul(tz))));
                vz = vz.add(sf.mul(qx.mul(ty).sub(qy.mul(tx))));
                px.add(vx.mul(half)).intoArray(x, p);
                py.add(vy.mul(half)).intoArray(y, p);
                pz.add(vz.mul(half)).intoArray(z, p);
                vx.intoArray(ux, p);
                vy.intoArray(uy, p);
                vz.intoArray(uz, p);
            }
        }
    }

    /** z to the half step (the drift's first half), and each grid's weight and cells there. */
    private static void lookup(double[] z, double[] uz, int p0, int p1, double half, double[] inv, double[][] f, int[][] k0,
                               int[][] k1) {
        for (int p = p0; p < p1; p += N) {
            DoubleVector pz = DoubleVector.fromArray(D, z, p).add(DoubleVector.fromArray(D, uz, p).mul(half));
            pz.intoArray(z, p);
            for (int j = 0; j < inv.length; j++) {
                DoubleVector u = pz.mul(inv[j]);
                DoubleVector r = u.add(ROUND).sub(ROUND);
                VectorMask<Double> above = r.compare(VectorOperators.GT, u);
                DoubleVector fl = r.sub(1.0, above);
                u.sub(fl).add(0.0).intoArray(f[j], p - p0);
                LongVector i0 = fl.add(ROUND).reinterpretAsLongs().and(MASK);
                LongVector i1 = i0.add(1L).and(MASK);
                ((IntVector) i0.add(i0).convertShape(VectorOperators.L2I, I, 0)).intoArray(k0[j], p - p0);
                ((IntVector) i1.add(i1).convertShape(VectorOperators.L2I, I, 0)).intoArray(k1[j], p - p0);
            }
        }
    }

    /** The field from the grids (gathers), the Boris rotation, and the drift's two halves for x and y, the second for z. */
    private static void push(double[][] g, double[] x, double[] y, double[] z, double[] ux, double[] uy, double[] uz, int p0,
                             int p1, double half, double h, double tz, double[][] f, int[][] k0, int[][] k1) {
        double tz2 = tz * tz;
        DoubleVector zero = DoubleVector.zero(D), two = DoubleVector.broadcast(D, 2.0);
        for (int p = p0; p < p1; p += N) {
            int i = p - p0;
            DoubleVector vx = DoubleVector.fromArray(D, ux, p);
            DoubleVector vy = DoubleVector.fromArray(D, uy, p);
            DoubleVector vz = DoubleVector.fromArray(D, uz, p);
            DoubleVector px = DoubleVector.fromArray(D, x, p).add(vx.mul(half));
            DoubleVector py = DoubleVector.fromArray(D, y, p).add(vy.mul(half));
            DoubleVector pz = DoubleVector.fromArray(D, z, p); // at the half step already
            DoubleVector bx = zero, by = zero;
            for (int j = 0; j < g.length; j++) {
                double[] gj = g[j];
                DoubleVector fj = DoubleVector.fromArray(D, f[j], i);
                DoubleVector ax = DoubleVector.fromArray(D, gj, 0, k0[j], i);
                DoubleVector cx = DoubleVector.fromArray(D, gj, 0, k1[j], i);
                DoubleVector ay = DoubleVector.fromArray(D, gj, 1, k0[j], i);
                DoubleVector cy = DoubleVector.fromArray(D, gj, 1, k1[j], i);
                bx = bx.add(ax.add(fj.mul(cx.sub(ax))));
                by = by.add(ay.add(fj.mul(cy.sub(ay))));
            }
            DoubleVector tx = bx.mul(h), ty = by.mul(h);
            DoubleVector sf = two.div(tx.mul(tx).add(ty.mul(ty)).add(tz2).add(1.0));
            DoubleVector qx = vx.add(vy.mul(tz).sub(vz.mul(ty)));
            DoubleVector qy = vy.add(vz.mul(tx).sub(vx.mul(tz)));
            DoubleVector qz = vz.add(vx.mul(ty).sub(vy.mul(tx)));
            vx = vx.add(sf.mul(qy.mul(tz).sub(qz.mul(ty))));
            vy = vy.add(sf.mul(qz.mul(tx).sub(qx.mul(tz))));
            vz = vz.add(sf.mul(qx.mul(ty).sub(qy.mul(tx))));
            px.add(vx.mul(half)).intoArray(x, p);
            py.add(vy.mul(half)).intoArray(y, p);
            pz.add(vz.mul(half)).intoArray(z, p);
            vx.intoArray(ux, p);
            vy.intoArray(uy, p);
            vz.intoArray(uz, p);
        }
    }
}
