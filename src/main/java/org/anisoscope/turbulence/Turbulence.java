package org.anisoscope.turbulence;

import org.anisoscope.physics.Geometry;
import org.anisoscope.physics.SimulationParameters;

/**
 * One realisation of magnetostatic turbulence about B0 ẑ, in units of B_rms with lengths in r_g:
 * what the engines backtrack through. Two geometries: {@link SlabField} (the paper's) and
 * {@link IsotropicField}.
 */
public sealed interface Turbulence permits SlabField, IsotropicField {
    Geometry geometry();

    /** B0 in B_rms: √(1 − η), along z. */
    double b0();

    double eta();

    /** The 1D spectrum's index: ∝ |k|^(-q). */
    double spectralIndex();

    long seed();

    /** δB at (x, y, z): out[0..2] (δB_z is 0 in slab turbulence). */
    void fieldAt(double x, double y, double z, double[] out);

    /**
     * The turbulent field averaged around the observer over a region of size length (r_g): the
     * segment |z| ≤ length/2 for slab turbulence, which varies along z only, the ball of diameter
     * length for isotropic turbulence; {δB_x, δB_y, δB_z}.
     */
    double[] meanField(double length);

    /** Realisation of run p with this seed ({@link SimulationParameters#realisationSeed}). */
    static Turbulence of(SimulationParameters p, long seed) {
        return p.geometry() == Geometry.SLAB
                ? SlabField.generate(p.rho(), p.eta(), p.lambdaMin(), seed, p.spectralIndex())
                : IsotropicField.generate(p.rho(), p.eta(), p.lambdaMin(), seed, p.spectralIndex(), p.modes());
    }
}
