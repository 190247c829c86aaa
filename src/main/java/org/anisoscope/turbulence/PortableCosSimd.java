package org.anisoscope.turbulence;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link PortableCos}'s arithmetic lane-wise: the same operations in the same order, so the same bits. Loaded only with the module. */
final class PortableCosSimd implements PortableCos.Lanes {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    @Override
    public void cos(double[] x, double[] out, int from, int to) {
        int i = from, end = from + (to - from) / D.length() * D.length();
        double[] c = PortableCos.COEF;
        for (; i < end; i += D.length()) {
            DoubleVector v = DoubleVector.fromArray(D, x, i);
            DoubleVector n = v.mul(PortableCos.INV_TWO_PI).add(PortableCos.ROUND).sub(PortableCos.ROUND);
            DoubleVector neg = n.neg();
            DoubleVector r = neg.lanewise(VectorOperators.FMA, PortableCos.C1, v);
            r = neg.lanewise(VectorOperators.FMA, PortableCos.C2, r);
            r = neg.lanewise(VectorOperators.FMA, PortableCos.C3, r);
            DoubleVector s = r.mul(r);
            DoubleVector p = DoubleVector.broadcast(D, c[0]);
            // written out: a loop would carry the vector round it (C2 boxes such vectors)
            p = p.lanewise(VectorOperators.FMA, s, c[1]);
            p = p.lanewise(VectorOperators.FMA, s, c[2]);
            p = p.lanewise(VectorOperators.FMA, s, c[3]);
            p = p.lanewise(VectorOperators.FMA, s, c[4]);
            p = p.lanewise(VectorOperators.FMA, s, c[5]);
            p = p.lanewise(VectorOperators.FMA, s, c[6]);
            p = p.lanewise(VectorOperators.FMA, s, c[7]);
            p = p.lanewise(VectorOperators.FMA, s, c[8]);
            p = p.lanewise(VectorOperators.FMA, s, c[9]);
            p = p.lanewise(VectorOperators.FMA, s, c[10]);
            p = p.lanewise(VectorOperators.FMA, s, c[11]);
            p = p.lanewise(VectorOperators.FMA, s, c[12]);
            p = p.lanewise(VectorOperators.FMA, s, c[13]);
            p = p.lanewise(VectorOperators.FMA, s, c[14]);
            p.intoArray(out, i);
        }
        for (; i < to; i++) out[i] = PortableCos.cos(x[i]);
    }
}
