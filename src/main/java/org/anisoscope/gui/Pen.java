package org.anisoscope.gui;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayDeque;
import java.util.Deque;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.anisoscope.plot.Typeset;

/**
 * What the views draw with: the window's canvas (on screen, and for PNG exports), or a Java2D
 * canvas (the PDF and SVG exports, where lines stay lines and text stays text). The methods are the
 * canvas's own ({@link GraphicsContext}'s, with the same meaning), so a view is drawn by one piece of
 * code whatever it is drawn on; {@link #fillTypeset} sets a label's sub- and superscripts.
 */
abstract class Pen {
    static Pen of(GraphicsContext g) { return new Fx(g); }

    /** A Java2D canvas; rasters (the sky) are drawn at pixelsPerUnit device pixels per unit. */
    static Pen of(Graphics2D g, double pixelsPerUnit) { return new Awt(g, pixelsPerUnit); }

    abstract void save();
    abstract void restore();
    abstract void translate(double x, double y);
    abstract void scale(double x, double y);
    /** Rotates by degrees, as the canvas does. */
    abstract void rotate(double degrees);
    abstract void beginPath();
    abstract void moveTo(double x, double y);
    abstract void lineTo(double x, double y);
    abstract void rect(double x, double y, double w, double h);
    abstract void stroke();
    /** Limits what follows (until restore) to the current path. */
    abstract void clip();
    abstract void setFill(Color c);
    abstract void setStroke(Color c);
    abstract void setLineWidth(double w);
    abstract void setLineDashes(double... dashes);
    abstract void setFont(Font f);
    abstract void setTextAlign(TextAlignment a);
    abstract void fillText(String text, double x, double y);
    abstract void strokeLine(double x0, double y0, double x1, double y1);
    abstract void strokeRect(double x, double y, double w, double h);
    abstract void fillRect(double x, double y, double w, double h);
    abstract void strokeOval(double x, double y, double w, double h);
    abstract void fillOval(double x, double y, double w, double h);
    abstract void strokePolygon(double[] xs, double[] ys, int n);
    abstract void drawImage(Image img, double x, double y, double w, double h);

    /** Device pixels per unit here: how finely a raster drawn now should be made. */
    abstract double pixelsPerUnit();

    /** Whether this pen draws on that canvas (the one on screen, not an export). */
    abstract boolean drawsOn(Canvas c);

    /** The width of text in the current font scaled by k. */
    abstract double textWidth(String text, double k);

    abstract Font font();

    abstract TextAlignment textAlign();

    /** The width of a label set as {@link #fillTypeset} sets it. */
    final double typesetWidth(String label) {
        double size = font().getSize();
        return Typeset.layout(label, (t, k) -> textWidth(t, k) / size).width() * size;
    }

    /** A label with its markup ({@link Typeset}) set as sub- and superscripts, aligned as the text alignment says. */
    final void fillTypeset(String label, double x, double y) {
        if (label == null || label.isEmpty()) return;
        Font f = font();
        double size = f.getSize();
        Typeset.Layout lay = Typeset.layout(label, (t, k) -> textWidth(t, k) / size);
        double x0 = switch (textAlign()) {
            case CENTER -> x - lay.width() * size / 2;
            case RIGHT -> x - lay.width() * size;
            default -> x;
        };
        TextAlignment a = textAlign();
        setTextAlign(TextAlignment.LEFT);
        for (Typeset.Placed p : lay.runs()) {
            setFont(p.size() == 1 ? f : Font.font(f.getFamily(), size * p.size()));
            fillText(p.text(), x0 + p.x() * size, y + p.dy() * size);
        }
        setFont(f);
        setTextAlign(a);
    }

    private static final class Fx extends Pen {
        private final GraphicsContext g;
        private final Text probe = new Text();

        Fx(GraphicsContext g) { this.g = g; }

        @Override void save() { g.save(); }
        @Override void restore() { g.restore(); }
        @Override void translate(double x, double y) { g.translate(x, y); }
        @Override void scale(double x, double y) { g.scale(x, y); }
        @Override void rotate(double degrees) { g.rotate(degrees); }
        @Override void beginPath() { g.beginPath(); }
        @Override void moveTo(double x, double y) { g.moveTo(x, y); }
        @Override void lineTo(double x, double y) { g.lineTo(x, y); }
        @Override void rect(double x, double y, double w, double h) { g.rect(x, y, w, h); }
        @Override void stroke() { g.stroke(); }
        @Override void clip() { g.clip(); }
        @Override void setFill(Color c) { g.setFill(c); }
        @Override void setStroke(Color c) { g.setStroke(c); }
        @Override void setLineWidth(double w) { g.setLineWidth(w); }
        @Override void setLineDashes(double... dashes) { g.setLineDashes(dashes); }
        @Override void setFont(Font f) { g.setFont(f); }
        @Override void setTextAlign(TextAlignment a) { g.setTextAlign(a); }
        @Override void fillText(String text, double x, double y) { g.fillText(text, x, y); }
        @Override void strokeLine(double x0, double y0, double x1, double y1) { g.strokeLine(x0, y0, x1, y1); }
        @Override void strokeRect(double x, double y, double w, double h) { g.strokeRect(x, y, w, h); }
        @Override void fillRect(double x, double y, double w, double h) { g.fillRect(x, y, w, h); }
        @Override void strokeOval(double x, double y, double w, double h) { g.strokeOval(x, y, w, h); }
        @Override void fillOval(double x, double y, double w, double h) { g.fillOval(x, y, w, h); }
        @Override void strokePolygon(double[] xs, double[] ys, int n) { g.strokePolygon(xs, ys, n); }
        @Override void drawImage(Image img, double x, double y, double w, double h) { g.drawImage(img, x, y, w, h); }
        @Override double pixelsPerUnit() { return Math.max(1, g.getTransform().getMxx()); }
        @Override boolean drawsOn(Canvas c) { return g.getCanvas() == c; }
        @Override Font font() { return g.getFont(); }
        @Override TextAlignment textAlign() { return g.getTextAlign(); }

        @Override
        double textWidth(String text, double k) {
            Font f = g.getFont();
            probe.setFont(k == 1 ? f : Font.font(f.getFamily(), f.getSize() * k));
            probe.setText(text);
            return probe.getLayoutBounds().getWidth();
        }
    }

    /** Java2D, for PDF and SVG: the canvas's state (colours, line, font, alignment) kept here, saved and restored with the transform and clip. */
    private static final class Awt extends Pen {
        private final Graphics2D g;
        private final double pixelsPerUnit;
        private record State(AffineTransform transform, java.awt.Shape clip, Color fill, Color stroke, double lineWidth, double[] dashes,
                             Font font, TextAlignment align) {}

        private final Deque<State> saved = new ArrayDeque<>();
        private Color fill = Color.BLACK, strokeColour = Color.BLACK;
        private double lineWidth = 1;
        private double[] dashes;
        private Font font = Font.getDefault();
        private TextAlignment align = TextAlignment.LEFT;
        private Path2D.Double path = new Path2D.Double();

        Awt(Graphics2D g, double pixelsPerUnit) {
            this.g = g;
            this.pixelsPerUnit = pixelsPerUnit;
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            setFont(font);
        }

        private static java.awt.Color awt(Color c) {
            return new java.awt.Color((float) c.getRed(), (float) c.getGreen(), (float) c.getBlue(), (float) c.getOpacity());
        }

        private void useStroke() {
            g.setColor(awt(strokeColour));
            float w = (float) lineWidth;
            if (dashes == null || dashes.length == 0) {
                g.setStroke(new BasicStroke(w, BasicStroke.CAP_SQUARE, BasicStroke.JOIN_MITER, 10));
            } else {
                float[] d = new float[dashes.length];
                for (int i = 0; i < d.length; i++) d[i] = (float) dashes[i];
                g.setStroke(new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, d, 0));
            }
        }

        private void draw(java.awt.Shape s) {
            useStroke();
            g.draw(s);
        }

        private void fill(java.awt.Shape s) {
            g.setColor(awt(fill));
            g.fill(s);
        }

        @Override void save() { saved.push(new State(g.getTransform(), g.getClip(), fill, strokeColour, lineWidth, dashes, font, align)); }

        @Override
        void restore() {
            State s = saved.poll();
            if (s == null) return;
            g.setTransform(s.transform());
            g.setClip(s.clip());
            fill = s.fill();
            strokeColour = s.stroke();
            lineWidth = s.lineWidth();
            dashes = s.dashes();
            setFont(s.font());
            align = s.align();
        }

        @Override void translate(double x, double y) { g.translate(x, y); }
        @Override void scale(double x, double y) { g.scale(x, y); }
        @Override void rotate(double degrees) { g.rotate(Math.toRadians(degrees)); }
        @Override void beginPath() { path = new Path2D.Double(); }
        @Override void moveTo(double x, double y) { path.moveTo(x, y); }

        @Override
        void lineTo(double x, double y) {
            if (path.getCurrentPoint() == null) path.moveTo(x, y);
            else path.lineTo(x, y);
        }

        @Override void rect(double x, double y, double w, double h) { path.append(new Rectangle2D.Double(x, y, w, h), false); }
        @Override void stroke() { draw(path); }
        @Override void clip() { g.clip(path); }
        @Override void setFill(Color c) { fill = c; }
        @Override void setStroke(Color c) { strokeColour = c; }
        @Override void setLineWidth(double w) { lineWidth = w; }
        @Override void setLineDashes(double... d) { dashes = d == null ? null : d.clone(); }

        @Override
        void setFont(Font f) {
            font = f;
            boolean bold = f.getStyle().toLowerCase(java.util.Locale.ROOT).contains("bold");
            g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, bold ? java.awt.Font.BOLD : java.awt.Font.PLAIN, 1).deriveFont((float) f.getSize()));
        }

        @Override void setTextAlign(TextAlignment a) { align = a; }

        @Override
        void fillText(String text, double x, double y) {
            double w = g.getFontMetrics().stringWidth(text);
            double x0 = align == TextAlignment.CENTER ? x - w / 2 : align == TextAlignment.RIGHT ? x - w : x;
            g.setColor(awt(fill));
            g.drawString(text, (float) x0, (float) y);
        }

        @Override void strokeLine(double x0, double y0, double x1, double y1) { draw(new Line2D.Double(x0, y0, x1, y1)); }
        @Override void strokeRect(double x, double y, double w, double h) { draw(new Rectangle2D.Double(x, y, w, h)); }
        @Override void fillRect(double x, double y, double w, double h) { fill(new Rectangle2D.Double(x, y, w, h)); }
        @Override void strokeOval(double x, double y, double w, double h) { draw(new Ellipse2D.Double(x, y, w, h)); }
        @Override void fillOval(double x, double y, double w, double h) { fill(new Ellipse2D.Double(x, y, w, h)); }

        @Override
        void strokePolygon(double[] xs, double[] ys, int n) {
            Path2D.Double p = new Path2D.Double();
            for (int i = 0; i < n; i++) {
                if (i == 0) p.moveTo(xs[i], ys[i]);
                else p.lineTo(xs[i], ys[i]);
            }
            p.closePath();
            draw(p);
        }

        @Override
        void drawImage(Image img, double x, double y, double w, double h) {
            java.awt.image.BufferedImage b = PlotView.toAwt(img);
            AffineTransform t = new AffineTransform();
            t.translate(x, y);
            t.scale(w / b.getWidth(), h / b.getHeight());
            g.drawImage(b, t, null);
        }

        @Override double pixelsPerUnit() { return pixelsPerUnit; }
        @Override boolean drawsOn(Canvas c) { return false; }
        @Override Font font() { return font; }
        @Override TextAlignment textAlign() { return align; }

        @Override
        double textWidth(String text, double k) {
            java.awt.Font f = g.getFont();
            return g.getFontMetrics(k == 1 ? f : f.deriveFont((float) (f.getSize2D() * k))).stringWidth(text);
        }
    }
}
