package org.anisoscope.util;

/** Counts and times in words: "1 realisation", "6 realisations", "2.50 QLT τ_s". */
public final class Words {
    private Words() {}

    /** n and the noun, plural unless n is 1 (nouns whose plural adds an s). */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * A time t in QLT's τ_s between before and after ("2.50 QLT τ_s"), or nothing where tauS is not a
     * number: an isotropic run's, which has no QLT τ_s.
     */
    public static String qltTauS(double t, double tauS, String before, String after) {
        return Double.isFinite(tauS) ? before + String.format(java.util.Locale.ROOT, "%.2f QLT τ_s", t / tauS) + after : "";
    }
}
