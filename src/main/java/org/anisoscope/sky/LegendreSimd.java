package org.anisoscope.sky;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Sht}'s Legendre step for one m through the JDK's Vector API, in libsharp's order: the lanes
 * are ring pairs, two vectors of them at a time, and each runs up the whole recurrence in l in
 * registers, adding its sums as it goes (the block-by-block scalar step writes every row to memory
 * and reads it back, which on this path cost more than the arithmetic). Loaded by name only where
 * {@code jdk.incubator.vector} is present.
 *
 * <p>Every lambda_lm is the scalar step's, bit for bit (same recurrence, same seeds, joined at the
 * same l), and the synthesis adds them into each ring pair's sums in the scalar step's order, so
 * alm2map gives the same maps on both paths. The analysis sums over ring pairs become per-lane
 * partial sums: {@code part} holds, per map and multipole, the lanes of the real and imaginary
 * sums, which {@link Sht} adds up in a fixed order once the m is done (reduceLanes' order is
 * unspecified, and a result must not depend on the JIT). Each map runs its own recurrence: a
 * kernel for two maps at once holds too many vectors and ran slower than two of these.
 *
 * <p>Ring pairs before their recurrence starts hold zero, as do the pairs past the last that
 * surfaces, so whole vectors always run; Sht pads its arrays over ring pairs to whole groups.
 */
final class LegendreSimd implements Sht.VectorLegendre {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int N = D.length();

    @Override
    public int lanes() { return N; }

    @Override
    public int group() { return 2 * N; }

    @Override
    public void analysis(int kend, int lmax, int ab, double[] z, double[] lsd, double[] s0, double[] s1, double[] alpha,
                         double[] gamma, double[][] er, double[][] ei, double[][] or, double[][] oi, int base, double[] part,
                         int stride) {
        double[] sc = new double[4 * N];
        for (int k0 = 0; k0 < kend; k0 += 2 * N) {
            int lfirst = (int) lsd[k0]; // pairs are in order of their start
            for (int i = 0; i < er.length; i++) analysisPairs(k0, lfirst, lmax, ab, z, lsd, s0, s1, alpha, gamma, er, ei, or, oi, base, i, part, stride, sc);
        }
    }

    @Override
    public void synthesis(int kend, int lm, int ab, double[] z, double[] lsd, double[] s0, double[] s1, double[] alpha,
                          double[] gamma, double[][] cre, double[][] cim, int[] off, double[][] acc) {
        double[] sc = new double[4 * N];
        for (int k0 = 0; k0 < kend; k0 += 2 * N) {
            int lfirst = (int) lsd[k0];
            for (int i = 0; i < cre.length; i++) synthesisPairs(k0, lfirst, lm, ab, z, lsd, s0, s1, alpha, gamma, cre, cim, off, i, acc, sc);
        }
    }

    /**
     * The pairs from next on whose recurrence starts at l join with their seeds (lambda_l into sc's
     * first 2N, lambda_{l+1} into its last 2N); returns the next pair still to join. Between such
     * segments every vector goes through sc: a vector carried round the outer loop is boxed by C2.
     */
    private static int join(int k0, int l, int next, double[] lsd, double[] s0, double[] s1, double[] sc) {
        for (; next < k0 + 2 * N && lsd[next] == l; next++) {
            sc[next - k0] = s0[next];
            sc[2 * N + next - k0] = s1[next];
        }
        return next;
    }

    /** Where the segment from l ends (exclusive): where the next pair joins, or past lm. */
    private static int segmentEnd(int k0, int next, double[] lsd, int lm) {
        return next < k0 + 2 * N && lsd[next] <= lm ? (int) lsd[next] : lm + 1;
    }

    /** One map's analysis partial sums for ring pairs k0 .. k0 + 2N - 1, added to part (the map at map stride, l at 2 N l). */
    private static void analysisPairs(int k0, int lfirst, int lm, int ab, double[] z, double[] lsd, double[] s0, double[] s1,
                                      double[] alpha, double[] gamma, double[][] er, double[][] ei, double[][] or, double[][] oi,
                                      int base, int map, double[] part, int stride, double[] sc) {
        int at = map * stride;
        java.util.Arrays.fill(sc, 0.0);
        int next = k0, l = lfirst;
        while (l <= lm) {
            next = join(k0, l, next, lsd, s0, s1, sc);
            int end = segmentEnd(k0, next, lsd, lm);
            DoubleVector pa = DoubleVector.fromArray(D, sc, 0), pb = DoubleVector.fromArray(D, sc, N);
            DoubleVector qa = DoubleVector.fromArray(D, sc, 2 * N), qb = DoubleVector.fromArray(D, sc, 3 * N);
            DoubleVector za = DoubleVector.fromArray(D, z, k0);
            DoubleVector zb = DoubleVector.fromArray(D, z, k0 + N);
            DoubleVector fera = DoubleVector.fromArray(D, er[map], base + k0), feia = DoubleVector.fromArray(D, ei[map], base + k0);
            DoubleVector fora = DoubleVector.fromArray(D, or[map], base + k0), foia = DoubleVector.fromArray(D, oi[map], base + k0);
            DoubleVector ferb = DoubleVector.fromArray(D, er[map], base + k0 + N), feib = DoubleVector.fromArray(D, ei[map], base + k0 + N);
            DoubleVector forb = DoubleVector.fromArray(D, or[map], base + k0 + N), foib = DoubleVector.fromArray(D, oi[map], base + k0 + N);
            int j = l;
            for (; j + 1 < end; j += 2) {
                int e = 2 * N * j;
                pb.fma(ferb, pa.mul(fera)).add(DoubleVector.fromArray(D, part, at + e)).intoArray(part, at + e);
                pb.fma(feib, pa.mul(feia)).add(DoubleVector.fromArray(D, part, at + e + N)).intoArray(part, at + e + N);
                qb.fma(forb, qa.mul(fora)).add(DoubleVector.fromArray(D, part, at + e + 2 * N)).intoArray(part, at + e + 2 * N);
                qb.fma(foib, qa.mul(foia)).add(DoubleVector.fromArray(D, part, at + e + 3 * N)).intoArray(part, at + e + 3 * N);
                double a2 = alpha[ab + j + 2], g2 = gamma[ab + j + 2], a3 = alpha[ab + j + 3], g3 = gamma[ab + j + 3];
                DoubleVector na = za.mul(a2).fma(qa, pa.mul(g2));
                DoubleVector nb = zb.mul(a2).fma(qb, pb.mul(g2));
                DoubleVector ma = za.mul(a3).fma(na, qa.mul(g3));
                DoubleVector mb = zb.mul(a3).fma(nb, qb.mul(g3));
                pa = na;
                qa = ma;
                pb = nb;
                qb = mb;
            }
            if (j < end) { // the last multipole, lm, even (memory only in this branch)
                int e = 2 * N * j;
                pb.fma(ferb, pa.mul(fera)).add(DoubleVector.fromArray(D, part, at + e)).intoArray(part, at + e);
                pb.fma(feib, pa.mul(feia)).add(DoubleVector.fromArray(D, part, at + e + N)).intoArray(part, at + e + N);
            }
            pa.intoArray(sc, 0);
            pb.intoArray(sc, N);
            qa.intoArray(sc, 2 * N);
            qb.intoArray(sc, 3 * N);
            l = end;
        }
    }

    /** One map's synthesis sums (a_lm at cre[map][off[map] + l]) for ring pairs k0 .. k0 + 2N - 1, written to acc[4 map ..]. */
    private static void synthesisPairs(int k0, int lfirst, int lm, int ab, double[] z, double[] lsd, double[] s0, double[] s1,
                                       double[] alpha, double[] gamma, double[][] cre, double[][] cim, int[] off, int map,
                                       double[][] acc, double[] sc) {
        double[] re = cre[map], im = cim[map];
        int o = off[map];
        for (int c = 4 * map; c < 4 * map + 4; c++) java.util.Arrays.fill(acc[c], k0, k0 + 2 * N, 0.0);
        java.util.Arrays.fill(sc, 0.0);
        int next = k0, l = lfirst;
        while (l <= lm) {
            next = join(k0, l, next, lsd, s0, s1, sc);
            int end = segmentEnd(k0, next, lsd, lm);
            DoubleVector pa = DoubleVector.fromArray(D, sc, 0), pb = DoubleVector.fromArray(D, sc, N);
            DoubleVector qa = DoubleVector.fromArray(D, sc, 2 * N), qb = DoubleVector.fromArray(D, sc, 3 * N);
            DoubleVector za = DoubleVector.fromArray(D, z, k0);
            DoubleVector zb = DoubleVector.fromArray(D, z, k0 + N);
            DoubleVector era = DoubleVector.fromArray(D, acc[4 * map], k0), eia = DoubleVector.fromArray(D, acc[4 * map + 1], k0);
            DoubleVector ora = DoubleVector.fromArray(D, acc[4 * map + 2], k0), oia = DoubleVector.fromArray(D, acc[4 * map + 3], k0);
            DoubleVector erb = DoubleVector.fromArray(D, acc[4 * map], k0 + N), eib = DoubleVector.fromArray(D, acc[4 * map + 1], k0 + N);
            DoubleVector orb = DoubleVector.fromArray(D, acc[4 * map + 2], k0 + N), oib = DoubleVector.fromArray(D, acc[4 * map + 3], k0 + N);
            int j = l;
            for (; j + 1 < end; j += 2) {
                DoubleVector ce = DoubleVector.broadcast(D, re[o + j]), ci = DoubleVector.broadcast(D, im[o + j]);
                era = pa.fma(ce, era);
                eia = pa.fma(ci, eia);
                erb = pb.fma(ce, erb);
                eib = pb.fma(ci, eib);
                DoubleVector co = DoubleVector.broadcast(D, re[o + j + 1]), cj = DoubleVector.broadcast(D, im[o + j + 1]);
                ora = qa.fma(co, ora);
                oia = qa.fma(cj, oia);
                orb = qb.fma(co, orb);
                oib = qb.fma(cj, oib);
                double a2 = alpha[ab + j + 2], g2 = gamma[ab + j + 2], a3 = alpha[ab + j + 3], g3 = gamma[ab + j + 3];
                DoubleVector na = za.mul(a2).fma(qa, pa.mul(g2));
                DoubleVector nb = zb.mul(a2).fma(qb, pb.mul(g2));
                DoubleVector ma = za.mul(a3).fma(na, qa.mul(g3));
                DoubleVector mb = zb.mul(a3).fma(nb, qb.mul(g3));
                pa = na;
                qa = ma;
                pb = nb;
                qb = mb;
            }
            // the last multipole, lm, when even; otherwise nothing: coefficients 0, since a vector
            // updated under a branch is boxed too (adds +-0, which changes no sum)
            boolean last = j < end;
            DoubleVector ce = DoubleVector.broadcast(D, last ? re[o + j] : 0.0), ci = DoubleVector.broadcast(D, last ? im[o + j] : 0.0);
            era = pa.fma(ce, era);
            eia = pa.fma(ci, eia);
            erb = pb.fma(ce, erb);
            eib = pb.fma(ci, eib);
            pa.intoArray(sc, 0);
            pb.intoArray(sc, N);
            qa.intoArray(sc, 2 * N);
            qb.intoArray(sc, 3 * N);
            era.intoArray(acc[4 * map], k0);
            eia.intoArray(acc[4 * map + 1], k0);
            ora.intoArray(acc[4 * map + 2], k0);
            oia.intoArray(acc[4 * map + 3], k0);
            erb.intoArray(acc[4 * map], k0 + N);
            eib.intoArray(acc[4 * map + 1], k0 + N);
            orb.intoArray(acc[4 * map + 2], k0 + N);
            oib.intoArray(acc[4 * map + 3], k0 + N);
            l = end;
        }
    }
}
