package org.anisoscope.plot;

import java.awt.Color;
import java.util.List;
import java.util.Locale;

/**
 * How a figure is sized and set for where it goes: {@code default} (8 × 5.3 in at 150 dpi, as the
 * app has always drawn), {@code paper} (a journal's single column, 3.4 in wide, 8 pt type),
 * {@code paper-wide} (double column, 7 in, 9 pt), {@code talk} (a 16:9 slide, 1920 × 1080, 22 pt
 * type, thick lines) and {@code talk-dark} (the same on a dark background). text and line multiply
 * the default type (9 pt) and line widths, legend the legend's type; a paper's figures leave their
 * title and note to the caption (titles false: the file's metadata keep the title).
 */
public record FigureStyle(String name, double widthIn, double heightIn, int dpi, double text, double line, double legend, boolean titles,
                          Color paper, Color ink, Color frame, Color muted, boolean dark) {
    private static final Color WHITE = Color.WHITE, INK = new Color(20, 20, 20), FRAME = new Color(60, 60, 60), MUTED = new Color(80, 80, 80);
    private static final Color NIGHT = new Color(22, 24, 30), DAY = new Color(236, 236, 236), NIGHT_FRAME = new Color(200, 200, 200),
            NIGHT_MUTED = new Color(185, 185, 185);

    public static final FigureStyle DEFAULT = new FigureStyle("default", 8, 16.0 / 3, 150, 1, 1, 1, true, WHITE, INK, FRAME, MUTED, false);
    public static final FigureStyle PAPER = new FigureStyle("paper", 3.4, 2.55, 300, 8.0 / 9, 0.75, 7.0 / 8, false, WHITE, INK, FRAME, MUTED, false);
    public static final FigureStyle PAPER_WIDE = new FigureStyle("paper-wide", 7, 3.5, 300, 1, 0.85, 8.0 / 9, false, WHITE, INK, FRAME, MUTED, false);
    public static final FigureStyle TALK = new FigureStyle("talk", 40.0 / 3, 7.5, 144, 2.4, 2.2, 0.9, true, WHITE, INK, FRAME, MUTED, false);
    public static final FigureStyle TALK_DARK = new FigureStyle("talk-dark", 40.0 / 3, 7.5, 144, 2.4, 2.2, 0.9, true, NIGHT, DAY, NIGHT_FRAME,
            NIGHT_MUTED, true);

    public static final List<FigureStyle> ALL = List.of(DEFAULT, PAPER, PAPER_WIDE, TALK, TALK_DARK);

    /** The style of that name; a refusal that lists the styles otherwise. */
    public static FigureStyle named(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (FigureStyle s : ALL) if (s.name().equals(n)) return s;
        throw new IllegalArgumentException("--style " + name + " is not a style: give one of " + names());
    }

    public static String names() {
        return String.join(", ", ALL.stream().map(FigureStyle::name).toList());
    }

    /** The same style with titles drawn or not (a figure's panels keep the titles that tell them apart). */
    public FigureStyle withTitles(boolean t) {
        return new FigureStyle(name, widthIn, heightIn, dpi, text, line, legend, t, paper, ink, frame, muted, dark);
    }

    /** The figure's width and height in pixels at dpi. */
    public int widthPx(int dpi) { return (int) Math.round(widthIn * dpi); }

    public int heightPx(int dpi) { return (int) Math.round(heightIn * dpi); }

    /** A data colour on this paper: black and near-black curves (the analytic one) take the ink on a dark background. */
    public Color on(Color c) {
        if (!dark || c == null) return c;
        double lum = (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255;
        if (lum < 0.25) return new Color(ink.getRed(), ink.getGreen(), ink.getBlue(), c.getAlpha());
        return c;
    }

    /**
     * The colours for data: Okabe and Ito's palette (Color Universal Design), told apart by people
     * with any common colour-vision deficiency: blue, vermilion, bluish green, orange, reddish purple,
     * sky blue, yellow, and black.
     */
    public static final Color BLUE = new Color(0, 114, 178), VERMILION = new Color(213, 94, 0), GREEN = new Color(0, 158, 115),
            ORANGE = new Color(230, 159, 0), PURPLE = new Color(204, 121, 167), SKY = new Color(86, 180, 233), YELLOW = new Color(240, 228, 66),
            GREY = new Color(115, 115, 115);

    /** Colours for a family of curves (C_1 … C_5, several distances): the palette's in order. */
    public static final Color[] SERIES = {BLUE, ORANGE, GREEN, VERMILION, PURPLE, SKY, YELLOW};
}
