package org.anisoscope.gui;

import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.anisoscope.plot.Ticks;

/** A plot frame with logarithmic or linear axes, drawn on a canvas; maps data to pixels. */
final class Axes {
    final double left, top, width, height;
    final double x0, x1, y0, y1;
    final boolean logX, logY;

    Axes(double w, double h, double x0, double x1, boolean logX, double y0, double y1, boolean logY) {
        this.left = 62;
        this.top = 26;
        this.width = Math.max(10, w - left - 14);
        this.height = Math.max(10, h - top - 40);
        this.logX = logX;
        this.logY = logY;
        this.x0 = x0;
        this.x1 = x1 > x0 ? x1 : x0 * 10 + 1;
        this.y0 = y0;
        this.y1 = y1 > y0 ? y1 : y0 * 10 + 1;
    }

    double px(double x) {
        double f = logX ? Math.log(x / x0) / Math.log(x1 / x0) : (x - x0) / (x1 - x0);
        return left + f * width;
    }

    double py(double y) {
        double f = logY ? Math.log(y / y0) / Math.log(y1 / y0) : (y - y0) / (y1 - y0);
        return top + (1 - f) * height;
    }

    boolean inside(double x, double y) {
        return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (!logX || x > 0) && (!logY || y > 0);
    }

    /** Frame, ticks, labels, title. */
    void draw(Pen g, String xLabel, String yLabel, String title) {
        g.setStroke(Color.gray(0.25));
        g.setLineWidth(1);
        g.strokeRect(left, top, width, height);
        g.setFont(Font.font(11));
        g.setFill(Color.gray(0.15));
        ticks(g, true);
        ticks(g, false);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillTypeset(xLabel, left + width / 2, top + height + 34);
        g.setFont(Font.font(12));
        g.fillTypeset(title, left + width / 2, 17);
        g.save();
        g.translate(14, top + height / 2);
        g.rotate(-90);
        g.setFont(Font.font(11));
        g.fillTypeset(yLabel, 0, 0);
        g.restore();
        g.setTextAlign(TextAlignment.LEFT);
    }

    private void ticks(Pen g, boolean xAxis) {
        g.setTextAlign(xAxis ? TextAlignment.CENTER : TextAlignment.RIGHT);
        for (Ticks.Tick t : Ticks.of(xAxis ? x0 : y0, xAxis ? x1 : y1, xAxis ? logX : logY)) tick(g, xAxis, t.value(), t.major() ? 6 : 3, t.label());
    }

    private void tick(Pen g, boolean xAxis, double v, double len, String text) {
        if (xAxis) {
            double x = px(v);
            g.strokeLine(x, top + height, x, top + height - len);
            if (text != null) g.fillText(text, x, top + height + 15);
        } else {
            double y = py(v);
            g.strokeLine(left, y, left + len, y);
            if (text != null) g.fillText(text, left - 4, y + 4);
        }
    }

    static String fmt(double v) {
        return Ticks.format(v);
    }

    /** Polyline through the points inside the axes (breaks at points outside). */
    void line(Pen g, double[] xs, double[] ys, Color c, double width, double[] dashes) {
        g.setStroke(c);
        g.setLineWidth(width);
        g.setLineDashes(dashes);
        boolean open = false;
        g.save();
        g.beginPath();
        g.rect(left, top, this.width, height);
        g.clip();
        g.beginPath();
        for (int i = 0; i < xs.length; i++) {
            double x = xs[i], y = ys[i];
            boolean ok = Double.isFinite(x) && Double.isFinite(y) && (!logX || x > 0) && (!logY || y > 0);
            if (!ok) {
                open = false;
                continue;
            }
            if (!open) g.moveTo(px(x), py(y));
            else g.lineTo(px(x), py(y));
            open = true;
        }
        g.stroke();
        g.restore();
        g.setLineDashes((double[]) null);
    }

    void legend(Pen g, String[] names, Color[] colours, boolean[] dashed) {
        legend(g, names, colours, dashed, false);
    }

    /** The legend box in the top right corner, or the top left one. */
    void legend(Pen g, String[] names, Color[] colours, boolean[] dashed, boolean atLeft) {
        legend(g, names, colours, dashed, atLeft, 0);
    }

    /**
     * The legend box at the top (right or left), or, with above > 0, in the bottom left corner
     * that far above the frame's bottom: where a falling spectrum leaves the plot empty.
     */
    void legend(Pen g, String[] names, Color[] colours, boolean[] dashed, boolean atLeft, double above) {
        g.setFont(Font.font(11));
        double longest = 0;
        for (String n : names) longest = Math.max(longest, g.typesetWidth(n));
        double boxW = 34 + longest + 6, x = atLeft || above > 0 ? left + 8 : left + width - boxW - 4;
        double y = above > 0 ? top + height - above - 14 * names.length - 4 : top + 6;
        g.setFill(Color.rgb(255, 255, 255, 0.85));
        g.fillRect(x - 4, y - 2, boxW + 4, 14 * names.length + 6);
        for (int i = 0; i < names.length; i++) {
            g.setStroke(colours[i]);
            g.setLineWidth(2);
            g.setLineDashes(dashed[i] ? new double[] {5, 4} : null);
            g.strokeLine(x, y + 14 * i + 6, x + 22, y + 14 * i + 6);
            g.setLineDashes((double[]) null);
            g.setFill(Color.gray(0.1));
            g.fillTypeset(names[i], x + 27, y + 14 * i + 10);
        }
    }
}
