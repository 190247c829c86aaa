package org.anisoscope.physics;

import java.util.Locale;

/**
 * The turbulence's geometry: slab (δB ⟂ B0, a function of z only: the paper's) or isotropic 3D
 * (plane waves in every direction, Giacalone & Jokipii 1994). Quasi-linear theory's closed forms
 * ({@link Qlt}) and the mixing-matrix prediction are the slab's.
 */
public enum Geometry {
    SLAB, ISOTROPIC;

    /** As a user writes it: slab, isotropic. */
    public String word() { return name().toLowerCase(Locale.ROOT); }

    /** --turbulence slab|isotropic, the message naming what was given. */
    public static Geometry parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        for (Geometry g : values()) if (g.word().equals(t)) return g;
        throw new IllegalArgumentException("--turbulence must be slab or isotropic; got '" + s + "'");
    }
}
