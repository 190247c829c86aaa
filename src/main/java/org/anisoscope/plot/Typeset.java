package org.anisoscope.plot;

import java.awt.Font;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleBiFunction;

/**
 * Labels with sub- and superscripts, written as the field writes them in plain text: {@code C_ℓ^sub},
 * {@code Ω_rms T}, {@code τ_s}, {@code <C_ℓ>^num}, {@code K_zz}, {@code 10^{-3}}. After {@code _} or
 * {@code ^} a word (letters and digits) or a braced group is lowered or raised; a subscript directly
 * followed by a superscript (or the reverse) is stacked, as LaTeX sets C_ℓ^sub. Angle brackets that
 * close later in the label become ⟨ ⟩ (an ensemble mean). {@code \_} and {@code \^} stay literal:
 * {@link #literal} escapes text that is not markup, such as a run's folder name.
 *
 * <p>The layout here is independent of the canvas: a renderer gives it a way to measure text and
 * draws the positioned runs it returns (Java2D here, the window's canvas in the gui package), so
 * every figure sets a label the same way, and in PDF and SVG each run stays text.
 */
public final class Typeset {
    private Typeset() {}

    /** Size of a lowered or raised run, relative to the label's. */
    public static final double SCRIPT = 0.7;
    /** How far a subscript's baseline drops and a superscript's rises, in units of the label's size. */
    static final double DROP = 0.22, RISE = 0.38;

    /** A piece of a label: its text and level (-1 lowered, 0 on the baseline, +1 raised). */
    public record Run(String text, int level) {}

    /** A run placed: x from the label's start, dy added to the baseline (down positive), its font size relative to the label's. */
    public record Placed(String text, double x, double dy, double size) {}

    /** A laid-out label: its runs and its total width, in the units of the font size given. */
    public record Layout(List<Placed> runs, double width) {}

    /** The label split into runs (markup removed). */
    public static List<Run> parse(String s) {
        List<Run> out = new ArrayList<>();
        if (s == null || s.isEmpty()) return out;
        s = angles(s);
        StringBuilder base = new StringBuilder();
        int i = 0, n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < n && (s.charAt(i + 1) == '_' || s.charAt(i + 1) == '^')) {
                base.append(s.charAt(i + 1));
                i += 2;
                continue;
            }
            if ((c == '_' || c == '^') && i + 1 < n) {
                int start = i + 1, end;
                String script;
                if (s.charAt(start) == '{') {
                    end = s.indexOf('}', start);
                    if (end < 0) { base.append(c); i++; continue; }
                    script = s.substring(start + 1, end);
                    end++;
                } else {
                    end = start;
                    while (end < n && word(s.charAt(end))) end++;
                    script = s.substring(start, end);
                }
                if (script.isEmpty()) { base.append(c); i++; continue; }
                if (base.length() > 0) out.add(new Run(base.toString(), 0));
                base.setLength(0);
                out.add(new Run(script.replace("-", "−"), c == '_' ? -1 : 1));
                i = end;
                continue;
            }
            base.append(c);
            i++;
        }
        if (base.length() > 0) out.add(new Run(base.toString(), 0));
        return out;
    }

    /** The label as plain text, markup removed (ⁿ and _ gone): for a file's metadata and for tests. */
    public static String plain(String s) {
        StringBuilder b = new StringBuilder();
        for (Run r : parse(s)) b.append(r.text());
        return b.toString();
    }

    /** text that is not markup (a folder name, a user's title): its _ and ^ stay as they are. */
    public static String literal(String text) {
        return text == null ? "" : text.replace("_", "\\_").replace("^", "\\^");
    }

    /**
     * Places the runs of s for a font of size 1: measure(text, relative size) is the width of text
     * at that size, in the same units.
     */
    public static Layout layout(String s, ToDoubleBiFunction<String, Double> measure) {
        List<Placed> out = new ArrayList<>();
        double x = 0, stackX = 0, stackW = 0;
        int prevLevel = 0;
        for (Run r : parse(s)) {
            double size = r.level() == 0 ? 1 : SCRIPT;
            double w = measure.applyAsDouble(r.text(), size);
            if (r.level() != 0 && prevLevel == -r.level()) {
                // stacked over (or under) the script before it: C_ℓ^sub
                out.add(new Placed(r.text(), stackX, r.level() < 0 ? DROP : -RISE, size));
                x = stackX + Math.max(stackW, w);
                prevLevel = 2; // a third script starts afresh
                continue;
            }
            double gap = r.level() != 0 ? 0.04 : 0;
            stackX = x + gap;
            stackW = w;
            out.add(new Placed(r.text(), stackX, r.level() < 0 ? DROP : r.level() > 0 ? -RISE : 0, size));
            x = stackX + w;
            prevLevel = r.level();
        }
        return new Layout(out, x);
    }

    /** Whether c continues a script written without braces: letters, digits (ℓ, Greek included). */
    private static boolean word(char c) {
        return Character.isLetterOrDigit(c);
    }

    /** < and > as ⟨ ⟩ where a < closes with a later > (an ensemble mean), left alone otherwise. */
    private static String angles(String s) {
        if (s.indexOf('<') < 0) return s;
        StringBuilder b = new StringBuilder(s);
        int open = -1;
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (c == '<') open = i;
            else if (c == '>' && open >= 0) {
                b.setCharAt(open, '⟨');
                b.setCharAt(i, '⟩');
                open = -1;
            }
        }
        return b.toString();
    }

    // --- Java2D ---

    /** s laid out in g's current font (positions and width in units of its size). */
    private static Layout layout(Graphics2D g, String s) {
        Font f = g.getFont();
        float size = f.getSize2D();
        return layout(s, (t, k) -> g.getFontMetrics(k == 1 ? f : f.deriveFont((float) (size * k))).stringWidth(t) / size);
    }

    /** The width of s set in g's current font. */
    public static double width(Graphics2D g, String s) {
        return layout(g, s).width() * g.getFont().getSize2D();
    }

    /** Draws s in g's current font with its baseline at y, starting at x. */
    public static void draw(Graphics2D g, String s, double x, double y) {
        draw(g, layout(g, s), x, y);
    }

    private static void draw(Graphics2D g, Layout lay, double x, double y) {
        Font f = g.getFont();
        float size = f.getSize2D();
        for (Placed p : lay.runs()) {
            g.setFont(p.size() == 1 ? f : f.deriveFont((float) (size * p.size())));
            g.drawString(p.text(), (float) (x + p.x() * size), (float) (y + p.dy() * size));
        }
        g.setFont(f);
    }

    /** Draws s centred on x. */
    public static void centred(Graphics2D g, String s, double x, double y) {
        if (s == null || s.isEmpty()) return;
        Layout lay = layout(g, s);
        draw(g, lay, x - lay.width() * g.getFont().getSize2D() / 2, y);
    }
}
