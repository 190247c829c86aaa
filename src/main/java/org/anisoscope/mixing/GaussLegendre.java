package org.anisoscope.mixing;

/** Gauss–Legendre nodes and weights on [-1, 1] (from commons-math3, computed once). */
final class GaussLegendre {
    private GaussLegendre() {}

    static final double[] NODES_8, WEIGHTS_8, NODES_32, WEIGHTS_32;

    static {
        var factory = new org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory();
        var r8 = factory.legendre(8);
        var r32 = factory.legendre(32);
        NODES_8 = new double[8];
        WEIGHTS_8 = new double[8];
        NODES_32 = new double[32];
        WEIGHTS_32 = new double[32];
        for (int i = 0; i < 8; i++) {
            NODES_8[i] = r8.getPoint(i);
            WEIGHTS_8[i] = r8.getWeight(i);
        }
        for (int i = 0; i < 32; i++) {
            NODES_32[i] = r32.getPoint(i);
            WEIGHTS_32[i] = r32.getWeight(i);
        }
    }
}
