package org.anisoscope.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A line and point plot on linear or logarithmic axes, rendered with Java2D so that it works
 * headless (batch figures from the command line): series drawn as lines, dashed lines or points
 * with error bars, a legend, a title, axis labels and a note under the frame. Non-finite values and,
 * on a log axis, values ≤ 0 are left out (a line breaks there).
 */
public final class LinePlot {
    public enum Style { LINE, DASHED, POINTS }

    /** One data set; err (may be null) is the 1-sigma error of y for POINTS. */
    public record Series(String name, double[] x, double[] y, double[] err, Color color, Style style) {}

    private String title = "", xLabel = "", yLabel = "", note = "";
    private boolean logX, logY;
    private double yMinFloor = 0; // a log axis spans at most this many decades below the top (0: no limit)
    private double headroom = Double.NaN; // room above the data for the legend: a factor (log) or a fraction of the span (linear); NaN: none
    private boolean legendLeft;
    private record Marker(double x, String label) {}

    private final List<Marker> markers = new ArrayList<>();
    private final List<Series> series = new ArrayList<>();

    public LinePlot title(String t) { title = t == null ? "" : t; return this; }

    /** The title as set (for a file's metadata). */
    public String title() { return title; }
    public LinePlot labels(String x, String y) { xLabel = x; yLabel = y; return this; }
    public LinePlot note(String n) { note = n == null ? "" : n; return this; }
    public LinePlot log(boolean x, boolean y) { logX = x; logY = y; return this; }
    /** On a log y axis, show at most this many decades below the largest value (small values would flatten the rest). */
    public LinePlot decades(double d) { yMinFloor = d; return this; }
    public LinePlot add(Series s) { series.add(s); return this; }
    /** Room above the data for the legend: a factor on a log axis, a fraction of the span on a linear one. */
    public LinePlot headroom(double h) { headroom = h; return this; }
    /** A dotted vertical line at x with a label at its foot (e.g. T = τ_s). */
    public LinePlot marker(double x, String label) {
        markers.add(new Marker(x, label == null ? "" : label));
        return this;
    }

    /**
     * Limits a linear y axis to [lo, hi] at most (the data's own range where it is narrower, and the
     * legend's headroom above): one wild point then does not flatten the rest; what lies outside is clipped.
     */
    public LinePlot yLimits(double lo, double hi) {
        if (!(hi > lo)) throw new IllegalArgumentException("y limits must increase: " + lo + ", " + hi);
        yLo = lo;
        yHi = hi;
        return this;
    }

    private double yLo = Double.NEGATIVE_INFINITY, yHi = Double.POSITIVE_INFINITY;

    /** A fixed y range, on either scale, whatever the data: panels meant to be compared share one axis. */
    public LinePlot yRange(double lo, double hi) {
        if (!(hi > lo) || logY && !(lo > 0)) throw new IllegalArgumentException("a y range must increase (and be positive on a log axis): " + lo + ", " + hi);
        yFixed = new double[] {lo, hi};
        return this;
    }

    private double[] yFixed;

    private FigureStyle look = FigureStyle.DEFAULT;

    /** The style's type and line sizes and colours (its size is the caller's: render and paint take it). */
    public LinePlot style(FigureStyle s) { look = s; return this; }

    /** The legend in the top left corner instead of the top right. */
    public LinePlot legendLeft(boolean b) { legendLeft = b; return this; }

    /** The axis ranges the data ask for: {x0, x1, y0, y1}. */
    double[] ranges() {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                double x = s.x()[i], y = s.y()[i];
                if (!usable(x, logX) || !usable(y, logY)) continue;
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
            }
        }
        if (!(x1 >= x0)) { x0 = logX ? 1 : 0; x1 = logX ? 10 : 1; }
        if (!(y1 >= y0)) { y0 = logY ? 1 : 0; y1 = logY ? 10 : 1; }
        if (x1 == x0) x1 = logX ? x0 * 10 : x0 + 1;
        if (y1 == y0) { y0 = logY ? y0 / 10 : y0 - 1; y1 = logY ? y1 * 10 : y1 + 1; }
        if (logY) {
            if (yMinFloor > 0) y0 = Math.max(y0, y1 / Math.pow(10, yMinFloor));
            y0 /= 2;
            y1 *= 2 * (Double.isNaN(headroom) ? 1 : headroom);
        } else {
            y0 = Math.max(y0, yLo);
            y1 = Math.min(y1, yHi);
            if (!(y1 > y0) && Double.isFinite(yLo) && Double.isFinite(yHi)) { y0 = yLo; y1 = yHi; }
            double pad = 0.05 * (y1 - y0), extra = Double.isNaN(headroom) ? 0 : headroom * (y1 - y0);
            y0 -= pad;
            y1 += pad + extra;
        }
        if (yFixed != null) return new double[] {x0, x1, yFixed[0], yFixed[1]};
        return new double[] {x0, x1, y0, y1};
    }

    private static boolean usable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    /** The figure at width x height pixels; scale multiplies fonts and line widths (DPI / 96). */
    public BufferedImage render(int width, int height, double scale) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        paint(g, width, height, scale);
        g.dispose();
        return img;
    }

    /**
     * Draws the figure on g, width x height user units with fonts and lines times scale: what
     * {@link #render} rasterises, and what a PDF or SVG canvas keeps as vectors and text.
     */
    public void paint(Graphics2D g, int width, int height, double scale) {
        if (width < 100 || height < 100) throw new IllegalArgumentException("a figure must be at least 100 x 100 pixels; got " + width + " x " + height);
        double lines = scale * look.line();
        scale *= look.text(); // type, and the marks that go with it
        double[] r = ranges();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(look.paper());
        g.fillRect(0, 0, width, height);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(12 * scale));
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        String title = look.titles() ? this.title : "", note = look.titles() ? this.note : ""; // a paper's go into the caption
        double left = 7.5 * fm.charWidth('0') + 1.6 * fm.getHeight(), top = (title.isEmpty() ? 0.8 : 2.2) * fm.getHeight(),
                right = 1.5 * fm.charWidth('0');
        double bottom = (note.isEmpty() ? 3.0 : 4.3) * fm.getHeight();
        Frame f = new Frame(left, top, width - left - right, height - top - bottom, r, logX, logY);
        // frame, ticks, labels
        g.setColor(look.frame());
        g.setStroke(new BasicStroke((float) (1 * lines)));
        g.draw(new Rectangle2D.Double(f.left, f.top, f.w, f.h));
        double lastRight = Double.NEGATIVE_INFINITY; // a label that would touch the one before it is left out (large type, a narrow panel)
        for (Ticks.Tick t : Ticks.of(r[0], r[1], logX)) {
            double x = f.px(t.value());
            g.draw(new Line2D.Double(x, f.top + f.h, x, f.top + f.h - (t.major() ? 6 : 3) * scale));
            if (t.label() == null) continue;
            double half = Typeset.width(g, t.label()) / 2;
            if (x - half < lastRight + fm.charWidth('0')) continue;
            centred(g, t.label(), x, f.top + f.h + fm.getAscent() + 4 * scale);
            lastRight = x + half;
        }
        for (Ticks.Tick t : Ticks.of(r[2], r[3], logY)) {
            double y = f.py(t.value());
            g.draw(new Line2D.Double(f.left, y, f.left + (t.major() ? 6 : 3) * scale, y));
            if (t.label() != null) g.drawString(t.label(), (float) (f.left - 4 * scale - fm.stringWidth(t.label())), (float) (y + fm.getAscent() / 2.5));
        }
        centred(g, xLabel, f.left + f.w / 2, f.top + f.h + fm.getAscent() + fm.getHeight() + 8 * scale);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, fm.getHeight(), f.top + f.h / 2);
        // a long label in smaller type rather than past the frame's ends (a paper's short frames)
        float ySize = font.getSize2D();
        while (Typeset.width(g, yLabel) > f.h + f.top && ySize > 0.6f * font.getSize2D()) g.setFont(font.deriveFont(ySize *= 0.94f));
        centred(g, yLabel, fm.getHeight(), f.top + f.h / 2 + fm.getAscent() / 2.0);
        g.setFont(font);
        g.setTransform(saved);
        g.setColor(look.ink());
        // a long title in smaller type rather than off both edges
        float titleSize = (float) (13 * scale);
        g.setFont(font.deriveFont(Font.BOLD, titleSize));
        while (Typeset.width(g, title) > width - 8 * scale && titleSize > 7 * scale) g.setFont(font.deriveFont(Font.BOLD, titleSize *= 0.94f));
        double half = Typeset.width(g, title) / 2;
        Typeset.centred(g, title, Math.min(width - 4 * scale - half, Math.max(f.left + f.w / 2, 4 * scale + half)), top - 0.7 * fm.getHeight());
        g.setFont(font);
        if (!note.isEmpty()) {
            g.setColor(look.muted());
            float noteSize = (float) (10.5 * scale);
            g.setFont(font.deriveFont(noteSize));
            double noteX = Typeset.width(g, note) > width - f.left - 4 * scale ? 4 * scale : f.left;
            while (Typeset.width(g, note) > width - noteX - 4 * scale && noteSize > 6 * scale) g.setFont(font.deriveFont(noteSize *= 0.94f));
            Typeset.draw(g, note, noteX, height - 0.6 * fm.getHeight());
            g.setFont(font);
        }
        // data, clipped to the frame
        Shape clip = g.getClip();
        g.clip(new Rectangle2D.Double(f.left, f.top, f.w, f.h));
        for (Series s : series) draw(g, f, s, scale, lines);
        Color markerColour = look.dark() ? FigureStyle.PURPLE : new Color(120, 60, 160);
        for (Marker m : markers) {
            double x = m.x();
            if (!usable(x, logX) || x < r[0] || x > r[1]) continue;
            double px = f.px(x);
            g.setColor(markerColour);
            g.setStroke(new BasicStroke((float) (1.2 * lines), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10,
                    new float[] {(float) (2 * scale), (float) (3 * scale)}, 0));
            g.draw(new Line2D.Double(px, f.top, px, f.top + f.h));
            Typeset.draw(g, m.label(), px + 4 * scale, f.top + f.h - 10 * scale); // above the tick marks
        }
        g.setClip(clip);
        legend(g, f, scale, lines);
    }

    private void draw(Graphics2D g, Frame f, Series s, double scale, double lines) {
        g.setColor(look.on(s.color()));
        if (s.style() == Style.POINTS) {
            g.setStroke(new BasicStroke((float) (1 * lines)));
            double rad = 2.6 * scale;
            for (int i = 0; i < s.x().length; i++) {
                double x = s.x()[i], y = s.y()[i];
                if (!usable(x, logX) || !usable(y, logY)) continue;
                double px = f.px(x), py = f.py(y);
                if (s.err() != null && Double.isFinite(s.err()[i]) && s.err()[i] > 0) {
                    double lo = y - s.err()[i], hi = y + s.err()[i];
                    double plo = logY && lo <= 0 ? f.top + f.h : f.py(lo);
                    g.draw(new Line2D.Double(px, plo, px, f.py(hi)));
                }
                g.fill(new Ellipse2D.Double(px - rad, py - rad, 2 * rad, 2 * rad));
            }
            return;
        }
        float w = (float) (1.8 * lines);
        g.setStroke(s.style() == Style.DASHED
                ? new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {(float) (7 * lines), (float) (4 * lines)}, 0)
                : new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D.Double path = new Path2D.Double();
        boolean open = false;
        for (int i = 0; i < s.x().length; i++) {
            double x = s.x()[i], y = s.y()[i];
            if (!usable(x, logX) || !usable(y, logY)) {
                open = false;
                continue;
            }
            if (open) path.lineTo(f.px(x), f.py(y));
            else path.moveTo(f.px(x), f.py(y));
            open = true;
        }
        g.draw(path);
    }

    /** The legend: every series with a name (an unnamed one, e.g. the second line of a ± band, has no entry). */
    /**
     * Whether any of s is drawn: a point usable on both axes and inside the ranges r (x0, x1, y0,
     * y1), or its error bar reaching into them.
     */
    private boolean drawn(Series s, double[] r) {
        for (int i = 0; i < s.x().length && i < s.y().length; i++) {
            double x = s.x()[i], y = s.y()[i], e = s.err() == null || i >= s.err().length || !Double.isFinite(s.err()[i]) ? 0 : s.err()[i];
            if (!usable(x, logX) || !within(x, r[0], r[1]) || !Double.isFinite(y)) continue;
            if (usable(y, logY) && within(y, r[2], r[3])) return true;
            double lo = Math.min(r[2], r[3]), hi = Math.max(r[2], r[3]);
            if (e > 0 && y - e <= hi && y + e >= lo) return true;
        }
        return false;
    }

    private static boolean within(double v, double a, double b) {
        double lo = Math.min(a, b), hi = Math.max(a, b), tol = 1e-9 * (hi - lo);
        return v >= lo - tol && v <= hi + tol;
    }

    /** The names the legend lists: the named series with something drawn. */
    List<String> legendNames() {
        double[] r = ranges();
        return series.stream().filter(s -> s.name() != null && !s.name().isEmpty() && drawn(s, r)).map(Series::name).toList();
    }

    /** How much of the data falls in the box at (x, y), w x h: points, and lines sampled along their length. */
    private int dataIn(Frame f, double x, double y, double w, double h) {
        int n = 0;
        for (Series s : series) {
            double px0 = Double.NaN, py0 = Double.NaN;
            for (int i = 0; i < s.x().length && i < s.y().length; i++) {
                if (!usable(s.x()[i], logX) || !usable(s.y()[i], logY)) {
                    px0 = Double.NaN;
                    continue;
                }
                double px = f.px(s.x()[i]), py = f.py(s.y()[i]);
                int steps = s.style() == Style.POINTS || Double.isNaN(px0) ? 1 : 8;
                for (int k = 1; k <= steps; k++) {
                    double qx = steps == 1 ? px : px0 + (px - px0) * k / steps, qy = steps == 1 ? py : py0 + (py - py0) * k / steps;
                    if (qx >= x && qx <= x + w && qy >= y && qy <= y + h) n++;
                }
                px0 = px;
                py0 = py;
            }
        }
        return n;
    }

    private void legend(Graphics2D g, Frame f, double scale, double lines) {
        // a series with nothing inside the frame has no place in the legend (the convergence figure's unresolved multipoles)
        List<Series> named = series.stream().filter(s -> s.name() != null && !s.name().isEmpty() && drawn(s, f.r())).toList();
        if (named.isEmpty()) return;
        Font font = g.getFont();
        g.setFont(font.deriveFont((float) (font.getSize2D() * look.legend())));
        FontMetrics fm = g.getFontMetrics();
        double line = fm.getHeight() * 1.05, sw = 26 * scale;
        double wmax = 0;
        for (Series s : named) wmax = Math.max(wmax, Typeset.width(g, s.name()));
        double bw = sw + 8 * scale + wmax + 10 * scale, bh = line * named.size() + 6 * scale;
        // the asked top corner, unless the data run through it and another corner is emptier
        double xl = f.left + 6 * scale, xr = f.left + f.w - bw - 6 * scale, yt = f.top + 6 * scale, yb = f.top + f.h - bh - 6 * scale;
        double[][] corners = legendLeft ? new double[][] {{xl, yt}, {xr, yt}, {xl, yb}, {xr, yb}} : new double[][] {{xr, yt}, {xl, yt}, {xl, yb}, {xr, yb}};
        double x = corners[0][0], y = corners[0][1];
        int least = Integer.MAX_VALUE;
        for (double[] c : corners) {
            int n = dataIn(f, c[0], c[1], bw, bh);
            if (n < least) {
                least = n;
                x = c[0];
                y = c[1];
            }
            if (n == 0) break;
        }
        Color paper = look.paper();
        g.setColor(new Color(paper.getRed(), paper.getGreen(), paper.getBlue(), 220));
        g.fill(new Rectangle2D.Double(x, y, bw, bh));
        for (int i = 0; i < named.size(); i++) {
            Series s = named.get(i);
            double cy = y + 3 * scale + line * (i + 0.5);
            g.setColor(look.on(s.color()));
            if (s.style() == Style.POINTS) {
                double rad = 2.6 * scale;
                g.fill(new Ellipse2D.Double(x + 5 * scale + sw / 2 - rad, cy - rad, 2 * rad, 2 * rad));
            } else {
                g.setStroke(s.style() == Style.DASHED ? new BasicStroke((float) (1.8 * lines), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10,
                        new float[] {(float) (6 * lines), (float) (3 * lines)}, 0) : new BasicStroke((float) (1.8 * lines)));
                g.draw(new Line2D.Double(x + 5 * scale, cy, x + 5 * scale + sw, cy));
            }
            g.setColor(look.ink());
            Typeset.draw(g, s.name(), x + 10 * scale + sw, cy + fm.getAscent() / 2.6);
        }
        g.setFont(font);
    }

    /** s centred on x, its sub- and superscripts set as such ({@link Typeset}). */
    private static void centred(Graphics2D g, String s, double x, double baseline) {
        Typeset.centred(g, s, x, baseline);
    }

    /** The plotting area and the data-to-pixel map. */
    private record Frame(double left, double top, double w, double h, double[] r, boolean logX, boolean logY) {
        double px(double x) {
            double f = logX ? Math.log(x / r[0]) / Math.log(r[1] / r[0]) : (x - r[0]) / (r[1] - r[0]);
            return left + f * w;
        }

        double py(double y) {
            double f = logY ? Math.log(y / r[2]) / Math.log(r[3] / r[2]) : (y - r[2]) / (r[3] - r[2]);
            return top + (1 - f) * h;
        }
    }
}
