package org.anisoscope.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Tick marks of a linear or logarithmic axis, for any renderer (the window's canvas, Java2D figures). */
public final class Ticks {
    private Ticks() {}

    /** One tick: its value, whether it is a major (labelled) one, its label (null for minor ticks). */
    public record Tick(double value, boolean major, String label) {}

    /**
     * Ticks over [a, b]: on a log axis every decade (thinned to about seven labels) with minor ticks
     * at 2..9; on a linear axis about six steps of 1, 2 or 5 times a power of ten, all labelled.
     */
    public static List<Tick> of(double a, double b, boolean log) {
        List<Tick> out = new ArrayList<>();
        if (log) {
            int e0 = (int) Math.floor(Math.log10(a)), e1 = (int) Math.ceil(Math.log10(b));
            int step = Math.max(1, (e1 - e0) / 7);
            for (int e = e0; e <= e1; e++) {
                for (int m = 1; m <= 9; m++) {
                    double v = m * Math.pow(10, e);
                    if (v < a * 0.999 || v > b * 1.001) continue;
                    boolean major = m == 1 && (e - e0) % step == 0;
                    out.add(new Tick(v, major, major ? decade(e) : null));
                }
            }
        } else {
            double span = b - a, raw = span / 6, mag = Math.pow(10, Math.floor(Math.log10(raw)));
            double st = raw / mag < 2 ? 2 * mag : raw / mag < 5 ? 5 * mag : 10 * mag;
            for (double v = Math.ceil(a / st) * st; v <= b + 1e-9 * span; v += st) out.add(new Tick(v, true, format(v)));
        }
        return out;
    }

    /** A decade's label: 1, 10, 100, 1000 as they are, the others as a power of ten, 10⁻³, 10⁵ (not 1e-3). */
    static String decade(int e) {
        if (e >= 0 && e <= 3) return String.valueOf((long) Math.pow(10, e));
        return "10" + superscript(e);
    }

    private static final String SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /** An integer in superscript characters (the plots' font, DejaVu Sans, has them all). */
    static String superscript(int n) {
        StringBuilder b = new StringBuilder(n < 0 ? "⁻" : "");
        for (char c : Integer.toString(Math.abs(n)).toCharArray()) b.append(SUPERSCRIPT_DIGITS.charAt(c - '0'));
        return b.toString();
    }

    /** A short label for a linear tick or a quantity in a caption. */
    public static String format(double v) {
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e4 || a < 1e-3) return String.format(Locale.ROOT, "%.0e", v);
        return significant(v, 3); // 0.2, 2.5, 150 — not 0.20 or 2.0
    }

    /** v to the given significant digits without trailing zeros: 0.5, 12.5, 1e+06 is 1000000. */
    public static String significant(double v, int digits) {
        if (!Double.isFinite(v)) return Double.toString(v);
        return new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).stripTrailingZeros().toPlainString();
    }
}
