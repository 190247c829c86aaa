package org.anisoscope.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypesetTest {
    private static List<Typeset.Run> runs(Object... textLevel) {
        java.util.ArrayList<Typeset.Run> out = new java.util.ArrayList<>();
        for (int i = 0; i < textLevel.length; i += 2) out.add(new Typeset.Run((String) textLevel[i], (Integer) textLevel[i + 1]));
        return out;
    }

    @Test
    void labelsOfTheFieldSplitIntoScripts() {
        assertEquals(runs("C", 0, "ℓ", -1, "sub", 1), Typeset.parse("C_ℓ^sub"));
        assertEquals(runs("Ω", 0, "rms", -1, " T", 0), Typeset.parse("Ω_rms T"));
        assertEquals(runs("⟨C", 0, "ℓ", -1, "⟩", 0, "num", 1), Typeset.parse("<C_ℓ>^num"));
        assertEquals(runs("10", 0, "−3", 1), Typeset.parse("10^{-3}"));
        assertEquals(runs("K", 0, "zz", -1, " (r", 0, "g", -1, " c)", 0), Typeset.parse("K_zz (r_g c)"));
        // a script ends at the first character that is not a letter or digit
        assertEquals(runs("t", 0, "sep", -1, " (Ω", 0, "rms", -1, "⁻¹)", 0), Typeset.parse("t_sep (Ω_rms⁻¹)"));
    }

    @Test
    void literalTextStaysAsWritten() {
        String folder = "runs/my_run^2";
        assertEquals(runs(folder, 0), Typeset.parse(Typeset.literal(folder)));
        assertEquals(folder, Typeset.plain(Typeset.literal(folder)));
        // a lone marker, an unclosed brace and a < without its > are text
        assertEquals("a_ b^ c_{d x < y", Typeset.plain("a_ b^ c_{d x < y"));
        assertEquals("base − halved (% of x)", Typeset.plain("base − halved (% of x)"));
    }

    @Test
    void plainTextDropsTheMarkupOnly() {
        assertEquals("Cℓsub ± σ", Typeset.plain("C_ℓ^sub ± σ"));
        assertEquals("⟨z²⟩/2T", Typeset.plain("<z²>/2T"));
    }

    @Test
    void stackedScriptsShareTheirStartAndTheLabelIsAsWideAsItsWiderScript() {
        // widths: one unit per character, scripts at their relative size
        Typeset.Layout l = Typeset.layout("C_ℓ^sub", (t, k) -> t.length() * k);
        assertEquals(3, l.runs().size());
        Typeset.Placed sub = l.runs().get(1), sup = l.runs().get(2);
        assertEquals(sub.x(), sup.x(), 1e-12, "ℓ and sub start together");
        assertTrue(sub.dy() > 0 && sup.dy() < 0, "ℓ below the baseline, sub above");
        assertEquals(Typeset.SCRIPT, sub.size(), 1e-12);
        assertEquals(sup.x() + 3 * Typeset.SCRIPT, l.width(), 1e-12, "the wider script sets the width");
        // a plain label is as wide as its text
        assertEquals(5, Typeset.layout("hello", (t, k) -> t.length() * k).width(), 1e-12);
    }

    @Test
    void drawnLabelIsNarrowerThanItsMarkupAndLeavesInkBelowAndAboveTheBaseline() {
        BufferedImage img = new BufferedImage(300, 80, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 30));
        double typeset = Typeset.width(g, "C_ℓ^sub"), raw = g.getFontMetrics().stringWidth("C_ℓ^sub");
        assertTrue(typeset < 0.75 * raw, typeset + " against " + raw);
        g.setColor(java.awt.Color.BLACK);
        Typeset.draw(g, "C_ℓ^sub", 10, 50);
        g.dispose();
        boolean below = false;
        for (int y = 52; y < 80; y++) for (int x = 0; x < 300; x++) below |= (img.getRGB(x, y) >>> 24) > 128;
        assertTrue(below, "the subscript reaches below the baseline");
    }
}
