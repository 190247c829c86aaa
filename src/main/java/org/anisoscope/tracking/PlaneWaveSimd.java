package org.anisoscope.tracking;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.anisoscope.turbulence.PortableCos;

/**
 * {@link PlaneWaveStep}'s SIMD path: a lane per particle, the modes summed in order, each cosine
 * {@link PortableCos}'s arithmetic and constants written out lane-wise (calling a shared lane-wise
 * cosine instead made the engine slower every time: docs/benchmarks.md), the Boris arithmetic in the
 * scalar path's order: the same bits. Loaded by name
 * only where {@code jdk.incubator.vector} is present.
 */
final class PlaneWaveSimd implements PlaneWaveStep.Stepper {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int N = D.length();
    private static final double INV_TWO_PI = PortableCos.INV_TWO_PI, ROUND = PortableCos.ROUND;
    private static final double C1 = PortableCos.C1, C2 = PortableCos.C2, C3 = PortableCos.C3;
    private static final double[] COEF = PortableCos.coefficients();

    /** Particles per vector. */
    int lanes() { return N; }

    @Override
    public void advance(double[][] m, double b0, double[] x, double[] y, double[] z, double[] ux, double[] uy, double[] uz,
                        int p0, int p1, int steps, double dt) {
        int pv = p0 + (p1 - p0) / N * N;
        if (pv > p0) vectors(m, b0, x, y, z, ux, uy, uz, p0, pv, steps, dt);
        if (p1 > pv) PlaneWaveStep.scalar(m, b0, x, y, z, ux, uy, uz, pv, p1, steps, dt);
    }

    private static void vectors(double[][] m, double b0, double[] x, double[] y, double[] z, double[] ux, double[] uy, double[] uz,
                                int p0, int p1, int steps, double dt) {
        double[] kx = m[0], ky = m[1], kz = m[2], ax = m[3], ay = m[4], az = m[5], ph = m[6];
        int modes = kx.length;
        double half = 0.5 * dt, h = 0.5 * -1.0 * dt;
        double[] c0 = COEF;
        DoubleVector zero = DoubleVector.zero(D), two = DoubleVector.broadcast(D, 2.0);
        for (int s = 0; s < steps; s++) {
            for (int p = p0; p < p1; p += N) {
                DoubleVector vx = DoubleVector.fromArray(D, ux, p), vy = DoubleVector.fromArray(D, uy, p), vz = DoubleVector.fromArray(D, uz, p);
                DoubleVector px = DoubleVector.fromArray(D, x, p).add(vx.mul(half));
                DoubleVector py = DoubleVector.fromArray(D, y, p).add(vy.mul(half));
                DoubleVector pz = DoubleVector.fromArray(D, z, p).add(vz.mul(half));
                DoubleVector bx = zero, by = zero, bz = zero;
                for (int n = 0; n < modes; n++) {
                    DoubleVector arg = px.mul(kx[n]).add(py.mul(ky[n])).add(pz.mul(kz[n])).add(ph[n]);
                    DoubleVector q = arg.mul(INV_TWO_PI).add(ROUND).sub(ROUND).neg();
                    DoubleVector r = q.lanewise(VectorOperators.FMA, C1, arg);
                    r = q.lanewise(VectorOperators.FMA, C2, r);
                    r = q.lanewise(VectorOperators.FMA, C3, r);
                    DoubleVector s2 = r.mul(r);
                    DoubleVector c = DoubleVector.broadcast(D, c0[0]);
                    c = c.lanewise(VectorOperators.FMA, s2, c0[1]);
                    c = c.lanewise(VectorOperators.FMA, s2, c0[2]);
                    c = c.lanewise(VectorOperators.FMA, s2, c0[3]);
                    c = c.lanewise(VectorOperators.FMA, s2, c0[4]);
                    c = c.lanewise(VectorOperators.FMA, s2, c0[5]);
                    c = c.lanewise(VectorOperators.FMA, s2, c0[6]);
                    c = c.lanewise(VectorOperators.FMA, s2, c0[7]);
                    c = c.lanewise(VectorOperators.FMA, s2, c0[8]);
                    c = c.lanewise(VectorOperators.FMA, s2, c0[9]);
                    c = c.lanewise(VectorOperators.FMA, s2, c0[10]);
                    c = c.lanewise(VectorOperators.FMA, s2, c0[11]);
                    c = c.lanewise(VectorOperators.FMA, s2, c0[12]);
                    c = c.lanewise(VectorOperators.FMA, s2, c0[13]);
                    c = c.lanewise(VectorOperators.FMA, s2, c0[14]);
                    bx = bx.add(c.mul(ax[n]));
                    by = by.add(c.mul(ay[n]));
                    bz = bz.add(c.mul(az[n]));
                }
                DoubleVector tx = bx.mul(h), ty = by.mul(h), tz = bz.add(b0).mul(h);
                DoubleVector sf = two.div(tx.mul(tx).add(ty.mul(ty)).add(tz.mul(tz)).add(1.0));
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
}
