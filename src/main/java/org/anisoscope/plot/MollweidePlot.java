package org.anisoscope.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.anisoscope.sky.Mollweide;

/**
 * A Mollweide figure of a HEALPix map, laid out as healpy's mollview: title above, the ellipse,
 * a horizontal colour bar with its unit below. Optional graticule (parallels every 30 degrees,
 * meridians every 60) and direction markers. Rendered with Java2D, so it works headless.
 */
public final class MollweidePlot {
    /** A direction to mark on the sky: theta, phi in radians. */
    public record Marker(double theta, double phi, String label, Color color) {}

    private String title = "";
    private String unit = "";
    private Colormap colormap = Colormap.load(Colormap.DIVERGING);
    private double min = Double.NaN, max = Double.NaN;
    private boolean symmetric = true;
    private boolean graticule = true;
    private final List<Marker> markers = new ArrayList<>();

    public MollweidePlot title(String t) { this.title = t == null ? "" : t; return this; }
    public MollweidePlot unit(String u) { this.unit = u == null ? "" : u; return this; }
    public MollweidePlot colormap(Colormap c) { this.colormap = c; return this; }
    /** Colour range; NaN for either end means "from the data". */
    public MollweidePlot range(double lo, double hi) { this.min = lo; this.max = hi; return this; }
    /** A range symmetric about zero (the default, for relative intensities). */
    public MollweidePlot symmetric(boolean s) { this.symmetric = s; return this; }
    public MollweidePlot graticule(boolean g) { this.graticule = g; return this; }
    public MollweidePlot marker(Marker m) { markers.add(m); return this; }

    private FigureStyle look = FigureStyle.DEFAULT;
    private double textK = 1;

    /** The style's colours, and type (and the room it takes) textScale times the default for the width. */
    public MollweidePlot style(FigureStyle s, double textScale) {
        if (!(textScale > 0.2 && textScale < 20)) throw new IllegalArgumentException("text scale out of range: " + textScale);
        look = s;
        textK = textScale;
        return this;
    }

    /** This figure's layout at a width (its type may take more room than the default's). */
    public Layout layoutFor(int width) { return layout(width, textK); }

    /** Value range actually used for the colours of this map: {lo, hi}. */
    public double[] colourRange(double[] raster) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : raster) {
            if (Double.isNaN(v)) continue;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (lo > hi) { lo = -1; hi = 1; }
        if (symmetric) {
            double a = Math.max(Math.abs(lo), Math.abs(hi));
            lo = -a;
            hi = a;
        }
        if (!Double.isNaN(min)) lo = min;
        if (!Double.isNaN(max)) hi = max;
        if (!(hi > lo)) { hi = lo + Math.max(1e-300, Math.abs(lo) * 1e-6); }
        return new double[] {lo, hi};
    }

    /** Geometry of the figure for a given width: where the ellipse sits (for tests and hit-testing). */
    public record Layout(int width, int height, int mapX, int mapY, int mapWidth, int mapHeight) {
        /** Image pixel of direction (theta, phi). */
        public int[] pixelOf(double theta, double phi) {
            double[] xy = Mollweide.forward(theta, phi);
            int px = mapX + (int) Math.floor((xy[0] / Mollweide.XMAX + 1) / 2 * mapWidth);
            int py = mapY + (int) Math.floor((1 - xy[1] / Mollweide.YMAX) / 2 * mapHeight);
            return new int[] {Math.min(px, mapX + mapWidth - 1), Math.min(py, mapY + mapHeight - 1)};
        }
    }

    /** A marker's radius in a figure width pixels wide. */
    private static double markerRadius(int width) {
        return Math.max(4, width / 120.0);
    }

    /** How far a marker at the pole reaches above the map, with a margin. */
    private static int poleClearance(int width) {
        return (int) Math.ceil(markerRadius(width)) + 2;
    }

    public static Layout layout(int width) { return layout(width, 1); }

    private static Layout layout(int width, double textK) {
        int mapW = width - 2 * Math.max(4, width / 50);
        int mapH = mapW / 2;
        // room for the title, and for a marker at the pole (B0) that reaches above the map by its radius
        int top = (int) Math.round(Math.max(18, width / 22) * textK) + poleClearance(width);
        int bottom = (int) Math.round(Math.max(50, width / 11) * textK);
        return new Layout(width, top + mapH + bottom, (width - mapW) / 2, top, mapW, mapH);
    }

    public BufferedImage render(double[] map, int width) {
        Layout lay = layout(checkWidth(width), textK);
        BufferedImage img = new BufferedImage(lay.width(), lay.height(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        paint(g, map, width, 1);
        g.dispose();
        return img;
    }

    private static int checkWidth(int width) {
        if (width < 200) throw new IllegalArgumentException("figure width must be at least 200 pixels (got " + width + ")");
        return width;
    }

    /**
     * Draws the figure on g in the user units of a width-pixel figure ({@link #layout}): the sky as an
     * image of oversample times the layout's pixels (a PDF or SVG embeds it, as healpy's PDFs do),
     * the outline, graticule, markers, title and colour bar as vectors and text.
     */
    public void paint(Graphics2D g, double[] map, int width, int oversample) {
        Layout lay = layout(checkWidth(width), textK);
        int w = lay.mapWidth(), h = lay.mapHeight(), iw = w * oversample, ih = h * oversample;
        double[] raster = Mollweide.raster(map, iw);
        double[] range = colourRange(raster);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(look.paper());
        g.fillRect(0, 0, lay.width(), lay.height());
        // the map itself, pixel by pixel; outside the ellipse transparent, inside NaN is the "bad" grey
        BufferedImage sky = new BufferedImage(iw, ih, BufferedImage.TYPE_INT_ARGB);
        for (int j = 0; j < ih; j++) {
            for (int i = 0; i < iw; i++) {
                double v = raster[j * iw + i];
                if (Double.isNaN(v) && Mollweide.inverse(Mollweide.XMAX * (2 * (i + 0.5) / iw - 1),
                        Mollweide.YMAX * (1 - 2 * (j + 0.5) / ih)) == null) continue;
                sky.setRGB(i, j, colormap.argb((v - range[0]) / (range[1] - range[0])));
            }
        }
        g.drawImage(sky, lay.mapX(), lay.mapY(), w, h, null);
        g.setColor(shade(150));
        g.setStroke(new BasicStroke(Math.max(1f, width / 1200f)));
        g.draw(new Ellipse2D.Double(lay.mapX(), lay.mapY(), w, h));
        if (graticule) drawGraticule(g, lay);
        drawMarkers(g, lay);
        drawTitle(g, lay);
        drawColourBar(g, lay, range);
    }

    private void drawGraticule(Graphics2D g, Layout lay) {
        g.setColor(shade(70));
        g.setStroke(new BasicStroke(Math.max(0.6f, lay.width() / 2000f)));
        for (int lat = -60; lat <= 60; lat += 30) {
            Path2D.Double p = new Path2D.Double();
            for (int k = 0; k <= 360; k++) {
                double[] xy = toImage(lay, Math.toRadians(90 - lat), Math.toRadians(k == 360 ? 179.999 : -180 + k));
                if (k == 0) p.moveTo(xy[0], xy[1]); else p.lineTo(xy[0], xy[1]);
            }
            g.draw(p);
        }
        for (int lon = -120; lon <= 180; lon += 60) {
            Path2D.Double p = new Path2D.Double();
            double lonRad = Math.toRadians(lon == 180 ? 179.999 : lon);
            for (int k = 0; k <= 180; k++) {
                double[] xy = toImage(lay, Math.toRadians(Math.min(179.999, Math.max(0.001, k))), lonRad);
                if (k == 0) p.moveTo(xy[0], xy[1]); else p.lineTo(xy[0], xy[1]);
            }
            g.draw(p);
        }
    }

    /** Lines over the sky: black, or white on a dark style, this opaque (0-255). */
    private Color shade(int alpha) {
        return look.dark() ? new Color(255, 255, 255, alpha) : new Color(0, 0, 0, alpha);
    }

    private static double[] toImage(Layout lay, double theta, double phi) {
        double[] xy = Mollweide.forward(theta, phi);
        return new double[] {lay.mapX() + (xy[0] / Mollweide.XMAX + 1) / 2 * lay.mapWidth(),
                lay.mapY() + (1 - xy[1] / Mollweide.YMAX) / 2 * lay.mapHeight()};
    }

    /** Where the last drawing put the markers' labels (for tests). */
    final List<java.awt.geom.Rectangle2D> labels = new ArrayList<>();

    /**
     * Draws the markers, then their labels where they overlap neither another label nor a marker
     * and stay inside the figure: above-right first, then below-right, above-left, below-left,
     * straight above, straight below (the first that fits; the least crowded if none does).
     */
    private void drawMarkers(Graphics2D g, Layout lay) {
        labels.clear();
        double r = markerRadius(lay.width());
        List<java.awt.geom.Rectangle2D> taken = new java.util.ArrayList<>();
        List<double[]> at = new java.util.ArrayList<>();
        for (Marker m : markers) {
            double[] xy = toImage(lay, m.theta(), m.phi());
            at.add(xy);
            g.setStroke(new BasicStroke((float) Math.max(1.5, r / 3)));
            g.setColor(Color.BLACK);
            g.draw(new Ellipse2D.Double(xy[0] - r - 1, xy[1] - r - 1, 2 * r + 2, 2 * r + 2));
            g.setColor(look.on(m.color()));
            g.draw(new Ellipse2D.Double(xy[0] - r, xy[1] - r, 2 * r, 2 * r));
            taken.add(new java.awt.geom.Rectangle2D.Double(xy[0] - r - 1, xy[1] - r - 1, 2 * r + 2, 2 * r + 2));
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 1).deriveFont((float) (Math.max(10, lay.width() / 70) * textK)));
        java.awt.FontMetrics fm = g.getFontMetrics();
        java.awt.geom.Rectangle2D bounds = new java.awt.geom.Rectangle2D.Double(0, lay.mapY(), lay.width(), lay.mapHeight());
        for (int i = 0; i < markers.size(); i++) {
            String label = markers.get(i).label();
            if (label == null || label.isEmpty()) continue;
            double x = at.get(i)[0], y = at.get(i)[1], w = Typeset.width(g, label), h = fm.getAscent() + fm.getDescent();
            double[][] offsets = {{r + 3, -r - h}, {r + 3, r}, {-r - 3 - w, -r - h}, {-r - 3 - w, r}, {-w / 2, -r - 3 - h}, {-w / 2, r + 3}};
            java.awt.geom.Rectangle2D best = null;
            int bestHits = Integer.MAX_VALUE;
            for (double[] o : offsets) {
                java.awt.geom.Rectangle2D box = new java.awt.geom.Rectangle2D.Double(x + o[0], y + o[1], w, h);
                int hits = bounds.contains(box) ? 0 : 1;
                for (java.awt.geom.Rectangle2D t : taken) if (t.intersects(box)) hits++;
                if (hits < bestHits) {
                    best = box;
                    bestHits = hits;
                }
                if (hits == 0) break;
            }
            taken.add(best);
            labels.add(best);
            g.setColor(look.on(markers.get(i).color()));
            Typeset.draw(g, label, best.getX(), best.getY() + fm.getAscent());
        }
    }

    private void drawTitle(Graphics2D g, Layout lay) {
        if (title.isEmpty() || !look.titles()) return; // a paper's title is its caption
        g.setColor(look.ink());
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 1).deriveFont((float) (Math.max(12, lay.width() / 45) * textK));
        // a long title (an observed map's frame, B0 and band) in smaller type rather than off both edges
        float size = font.getSize2D();
        g.setFont(font);
        while (Typeset.width(g, title) > lay.width() - 8 && size > 8) g.setFont(font = font.deriveFont(size *= 0.93f));
        FontMetrics fm = g.getFontMetrics();
        // above the room layout leaves for a marker at the pole
        Typeset.centred(g, title, lay.width() / 2.0, lay.mapY() - poleClearance(lay.width()) - fm.getDescent() - 2);
    }

    private void drawColourBar(Graphics2D g, Layout lay, double[] range) {
        int barW = (int) (lay.mapWidth() * 0.6), barH = (int) Math.round(Math.max(8, lay.width() / 60) * textK);
        int x0 = (lay.width() - barW) / 2, y0 = lay.mapY() + lay.mapHeight() + (int) Math.round(Math.max(6, lay.width() / 80) * textK);
        for (int i = 0; i < barW; i++) {
            g.setColor(new Color(colormap.argb((i + 0.5) / barW), true));
            g.fillRect(x0 + i, y0, 1, barH);
        }
        g.setColor(look.ink());
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x0, y0, barW, barH);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 1).deriveFont((float) (Math.max(10, lay.width() / 70) * textK)));
        FontMetrics fm = g.getFontMetrics();
        float ty = y0 + barH + fm.getAscent() + 2;
        String lo = tick(range[0]), hi = tick(range[1]);
        g.drawString(lo, x0 - fm.stringWidth(lo) / 2f, ty);
        g.drawString(hi, x0 + barW - fm.stringWidth(hi) / 2f, ty);
        if (range[0] < 0 && range[1] > 0) {
            float xz = (float) (x0 + barW * (-range[0] / (range[1] - range[0])));
            g.drawLine((int) xz, y0 + barH, (int) xz, y0 + barH + 3);
            g.drawString("0", xz - fm.stringWidth("0") / 2f, ty);
        }
        if (!unit.isEmpty()) Typeset.centred(g, unit, lay.width() / 2.0, ty + fm.getHeight());
    }

    static String tick(double v) {
        if (v == 0) return "0";
        double a = Math.abs(v);
        String t = a >= 1e-3 && a < 1e4 ? String.format(Locale.ROOT, "%.4g", v) : String.format(Locale.ROOT, "%.3e", v);
        // 0.5000 -> 0.5, 1.200e-05 -> 1.2e-05
        return t.replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1");
    }
}
