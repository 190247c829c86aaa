package org.anisoscope.util;

/** Counts in words: "1 realisation", "6 realisations". */
public final class Words {
    private Words() {}

    /** n and the noun, plural unless n is 1 (nouns whose plural adds an s). */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
