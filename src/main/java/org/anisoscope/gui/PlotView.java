package org.anisoscope.gui;

import java.awt.image.BufferedImage;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;

/**
 * A view drawn on a canvas that follows its pane's size. Subclasses draw with
 * {@link #draw(Pen, double, double)} at any size, so a PNG export at another size or
 * resolution is the same drawing, not a scaled screenshot.
 */
abstract class PlotView extends Pane implements ExportableView {
    private final Canvas canvas = new Canvas();

    PlotView() {
        getChildren().add(canvas);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        setMinSize(120, 90);
        setPrefSize(520, 320);
    }

    @Override
    public abstract String name();

    /** Draws the whole view into g on a w x h area. */
    abstract void draw(Pen g, double w, double h);

    Canvas canvas() { return canvas; }

    final void redraw() {
        double w = canvas.getWidth(), h = canvas.getHeight();
        if (w < 2 || h < 2) return;
        draw(Pen.of(canvas.getGraphicsContext2D()), w, h);
    }

    /** The view drawn off-screen at w x h device pixels with fonts and lines scaled by scale. */
    @Override
    public BufferedImage render(int w, int h, double scale) {
        Canvas c = new Canvas(w, h);
        GraphicsContext g = c.getGraphicsContext2D();
        g.save();
        g.scale(scale, scale);
        draw(Pen.of(g), w / scale, h / scale);
        g.restore();
        WritableImage img = c.snapshot(null, null);
        return toAwt(img);
    }

    /** The same drawing on a Java2D canvas: in a PDF or SVG its lines stay lines and its text text; the sky at scale pixels per unit. */
    @Override
    public void paint(java.awt.Graphics2D g, int w, int h, double scale) {
        java.awt.Graphics2D c = (java.awt.Graphics2D) g.create();
        try {
            c.scale(scale, scale);
            draw(Pen.of(c, scale), w / scale, h / scale);
        } finally {
            c.dispose();
        }
    }

    @Override
    public boolean vector() { return true; }

    static BufferedImage toAwt(javafx.scene.image.Image img) {
        int w = (int) img.getWidth(), h = (int) img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pr = img.getPixelReader();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            pr.getPixels(0, y, w, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, w);
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    static void clear(Pen g, double w, double h) {
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
    }

    /** A centred message, wrapped at word boundaries to the view's width (a long file name must not run off both sides). */
    static void message(Pen g, double w, double h, String text) {
        clear(g, w, h);
        javafx.scene.text.Font font = javafx.scene.text.Font.font(13);
        g.setFill(Color.gray(0.45));
        g.setFont(font);
        g.setTextAlign(javafx.scene.text.TextAlignment.CENTER);
        java.util.List<String> lines = wrap(text, font, Math.max(80, w - 24));
        double lh = 17, y0 = h / 2 - (lines.size() - 1) * lh / 2;
        for (int i = 0; i < lines.size(); i++) g.fillText(lines.get(i), w / 2, y0 + i * lh);
        g.setTextAlign(javafx.scene.text.TextAlignment.LEFT);
    }

    /** text in lines no wider than width (a single word wider than that gets a line of its own). */
    static java.util.List<String> wrap(String text, javafx.scene.text.Font font, double width) {
        javafx.scene.text.Text probe = new javafx.scene.text.Text();
        probe.setFont(font);
        java.util.List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String tried = line.length() == 0 ? word : line + " " + word;
            probe.setText(tried);
            if (line.length() > 0 && probe.getLayoutBounds().getWidth() > width) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(tried);
            }
        }
        lines.add(line.toString());
        return lines;
    }
}
