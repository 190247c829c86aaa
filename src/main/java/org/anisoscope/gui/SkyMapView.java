package org.anisoscope.gui;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.anisoscope.plot.Colormap;
import org.anisoscope.sky.Dipole;
import org.anisoscope.sky.Healpix;
import org.anisoscope.sky.Mollweide;
import org.anisoscope.sky.Observation;
import org.anisoscope.sky.Rotation;
import org.anisoscope.sky.Sht;

/**
 * Mollweide map of the relative intensity at one backtracking time: the chosen realisation or
 * the ensemble mean, optionally smoothed and with monopole and dipole removed (the paper's Fig. 2,
 * right column), with a graticule, a colour bar, markers for B0, the fitted dipole and the local
 * mean field, and a read-out of the direction and value under the mouse. Optionally as an
 * observatory sees it ({@link Observer}): in equatorial coordinates, cut to a declination band,
 * with each declination's mean taken out, as `observe` does.
 *
 * <p>The processing (smoothing, the observatory's turn and cut, the dipole fit and removal) runs on
 * a thread of its own, the latest request winning, so the window stays live while a transform runs;
 * the screen shows the last map processed meanwhile. What is read or exported (the shown map, its
 * data files, a rendered figure) is always the current settings': it is made on the spot if the
 * background has not finished it.
 */
final class SkyMapView extends PlotView {
    enum Source { FIRST, LATEST, MEAN }

    private static final Colormap CMAP = Colormap.load(Colormap.DIVERGING);

    private float[] raw;            // the map as the run gave it
    private String whyNone = "no sky map yet: press Run";
    private String title = "";
    private double[] localField;    // local mean field direction of the shown realisation, or null
    private double fwhmDeg;
    private boolean removeDipole;
    /** The sky as an observatory sees it, or null; smoothing happens before (in the simulation's frame, on the whole sky). */
    private Observation.Observatory observer;
    private Sht sht;

    /** What to show: the map and its labels as given, and the settings it is processed with. */
    private record Request(float[] raw, String title, double[] localField, String whyNone, double fwhmDeg, boolean removeDipole,
                           Observation.Observatory observer) {}

    /** A request processed: the values drawn and exported (null: no map) and the fitted dipole (before removal; null: none). */
    private record Processed(Request request, double[] shown, double[] dipole, String thread) {}

    private final java.util.concurrent.ExecutorService worker = Background.daemonThread("anisoscope-sky");
    /** Guards the processing and its smoothing cache, which the worker and a reader may both run. */
    private final Object lock = new Object();
    private volatile Request wanted;
    private volatile Processed done;
    private final Label readout = new Label();
    // mouse hit-testing of the last on-screen drawing
    private double mapX, mapY, mapW, mapH;

    SkyMapView() {
        readout.setFont(Font.font(11));
        readout.setStyle("-fx-background-color: rgba(255,255,255,0.85); -fx-padding: 1 4 1 4;");
        readout.setMouseTransparent(true);
        getChildren().add(readout);
        readout.setAlignment(Pos.BOTTOM_LEFT);
        readout.layoutXProperty().set(4);
        readout.layoutYProperty().bind(heightProperty().subtract(20));
        canvas().setOnMouseMoved(e -> hover(e.getX(), e.getY()));
        canvas().setOnMouseExited(e -> readout.setText(""));
        canvas().setOnMousePressed(e -> {
            if (e.getButton() != javafx.scene.input.MouseButton.PRIMARY) return;
            pressX = e.getX();
            pressY = e.getY();
            band = null;
        });
        canvas().setOnMouseDragged(e -> {
            if (e.getButton() != javafx.scene.input.MouseButton.PRIMARY) return;
            band = new double[] {Math.min(pressX, e.getX()), Math.min(pressY, e.getY()), Math.abs(e.getX() - pressX), Math.abs(e.getY() - pressY)};
            redraw();
        });
        canvas().setOnMouseReleased(e -> {
            if (e.getButton() != javafx.scene.input.MouseButton.PRIMARY) return;
            double[] b = band;
            band = null;
            if (b != null && b[2] > 4 && b[3] > 4) pickBox(b[0], b[1], b[2], b[3], e.isShiftDown());
            else pickAt(e.getX(), e.getY(), e.isShiftDown());
        });
    }

    // ---- picking pixels: a click, shift-click to add, a dragged box ---------------------------

    private double pressX, pressY;
    private double[] band; // the box being dragged: x, y, w, h
    private final java.util.LinkedHashSet<Integer> picked = new java.util.LinkedHashSet<>();
    private java.util.function.Consumer<int[]> onPick = p -> { };

    /** Called with the picked pixels (RING, the map's Nside; empty: cleared) after every pick. */
    void onPick(java.util.function.Consumer<int[]> listener) { onPick = listener; }

    int[] picked() { return picked.stream().mapToInt(Integer::intValue).toArray(); }

    private int highlighted = -1;

    /** Rings pixel p on the map (the path under the mouse in the 3D view); -1: none. */
    void highlight(int p) {
        if (p == highlighted) return;
        highlighted = p;
        redraw();
    }

    int highlighted() { return highlighted; }

    private int[] marked = new int[0];

    /** Marks pixels on the map with squares (the paths picked in the 3D view); empty: none. */
    void mark(int[] pixels) {
        marked = pixels.clone();
        redraw();
    }

    int[] marked() { return marked.clone(); }

    /** Forgets the picked and marked pixels (a new run: other particles), without calling the listener. */
    void clearPicks() {
        picked.clear();
        marked = new int[0];
        redraw();
    }

    /** A map value's colour as the map draws it (ARGB), lim the colour scale's end (> 0). */
    private static int argbOf(double v, double lim) {
        return Sht.seen(v) ? CMAP.argb(0.5 + 0.5 * v / lim) : Colormap.BAD;
    }

    /** The same as a colour. */
    static Color colourOf(double v, double lim) {
        int argb = argbOf(v, lim);
        return Color.rgb((argb >> 16) & 255, (argb >> 8) & 255, argb & 255);
    }

    /** The colour scale's end for a map: its largest |value| among the seen pixels (1 for a blank map). */
    private static double limitOf(double[] shown) {
        double lim = 0;
        for (double v : shown) if (Sht.seen(v)) lim = Math.max(lim, Math.abs(v));
        return lim == 0 ? 1 : lim;
    }

    /** The direction {theta, phi} under (x, y) on screen in the last drawing, or null off the map. */
    private double[] angleAt(double x, double y) {
        if (mapW <= 0) return null;
        return Mollweide.inverse(((x - mapX) / mapW * 2 - 1) * Mollweide.XMAX, (1 - (y - mapY) / mapH * 2) * Mollweide.YMAX);
    }

    /** Where direction (theta, phi) is drawn on screen in the last drawing: {x, y}. */
    private double[] screenOf(double theta, double phi) {
        double[] xy = Mollweide.forward(theta, phi);
        return new double[] {mapX + (xy[0] / Mollweide.XMAX + 1) / 2 * mapW, mapY + (1 - xy[1] / Mollweide.YMAX) / 2 * mapH};
    }

    /** The pixel under (x, y) on screen, or -1 off the map. */
    int pixelAt(double x, double y) {
        Processed d = done;
        if (d == null || d.shown() == null) return -1;
        double[] ang = angleAt(x, y);
        return ang == null ? -1 : (int) new Healpix(Healpix.npix2nside(d.shown().length)).ang2pix(ang[0], ang[1]);
    }

    /** Where pixel p's centre is drawn on screen: {x, y}. */
    double[] screenOf(int p) {
        double[] ang = new Healpix(Healpix.npix2nside(done.shown().length)).pix2ang(p);
        return screenOf(ang[0], ang[1]);
    }

    private boolean canPick() {
        Processed d = done;
        if (d == null || d.shown() == null) return false;
        if (d.request().observer() != null) {
            readout.setText("picking works on the simulation's own sky: switch the observatory view off");
            return false;
        }
        return true;
    }

    void pickAt(double x, double y, boolean add) {
        if (!canPick()) return;
        int p = pixelAt(x, y);
        if (!add) picked.clear();
        if (p >= 0 && !picked.remove(p)) picked.add(p);
        picksChanged();
    }

    /** Picks exactly these pixels (RING, the map's Nside), as a click or a box would. */
    void pick(int[] pixels) {
        if (!canPick()) return;
        picked.clear();
        for (int p : pixels) picked.add(p);
        picksChanged();
    }

    void pickBox(double x, double y, double w, double h, boolean add) {
        if (!canPick()) return;
        if (!add) picked.clear();
        int npix = done.shown().length;
        Healpix hp = new Healpix(Healpix.npix2nside(npix));
        for (int p = 0; p < npix; p++) {
            double[] ang = hp.pix2ang(p), at = screenOf(ang[0], ang[1]);
            if (at[0] >= x && at[0] <= x + w && at[1] >= y && at[1] <= y + h) picked.add(p);
        }
        picksChanged();
    }

    private void picksChanged() {
        redraw();
        onPick.accept(picked());
    }

    /** The picked pixels' values on the map as shown, and the colour scale's end. */
    double[] pickedValues(int[] pixels) {
        double[] shown = done.shown(), v = new double[pixels.length];
        for (int i = 0; i < pixels.length; i++) v[i] = shown[pixels[i]];
        return v;
    }

    double colourLimit() {
        return limitOf(done.shown());
    }

    /** The picked pixels ringed, and the box being dragged. */
    private void drawPicks(Pen g) {
        if (!picked.isEmpty() && done != null && done.shown() != null) {
            g.setStroke(Color.BLACK);
            g.setLineWidth(1.2);
            double r = picked.size() > 200 ? 1.5 : 4;
            for (int p : picked) {
                if (p >= done.shown().length) continue;
                double[] at = screenOf(p);
                g.strokeOval(at[0] - r, at[1] - r, 2 * r, 2 * r);
            }
        }
        if (marked.length > 0 && done != null && done.shown() != null) {
            double r = marked.length > 200 ? 2 : 5;
            for (int p : marked) {
                if (p >= done.shown().length) continue;
                double[] at = screenOf(p);
                g.setStroke(Color.WHITE);
                g.setLineWidth(3);
                g.strokeRect(at[0] - r, at[1] - r, 2 * r, 2 * r);
                g.setStroke(Color.BLACK);
                g.setLineWidth(1.4);
                g.strokeRect(at[0] - r, at[1] - r, 2 * r, 2 * r);
            }
        }
        if (highlighted >= 0 && done != null && done.shown() != null && highlighted < done.shown().length) {
            double[] at = screenOf(highlighted);
            g.setStroke(Color.BLACK);
            g.setLineWidth(2.5);
            g.strokeOval(at[0] - 7, at[1] - 7, 14, 14);
            g.setStroke(Color.WHITE);
            g.setLineWidth(1);
            g.strokeOval(at[0] - 9, at[1] - 9, 18, 18);
        }
        if (band != null) {
            g.setStroke(Color.gray(0.1));
            g.setLineWidth(1);
            g.setLineDashes(4, 3);
            g.strokeRect(band[0], band[1], band[2], band[3]);
            g.setLineDashes((double[]) null);
        }
    }

    @Override
    public String name() { return "sky"; }

    /** Metadata written into exported FITS headers (version, seed, time, ...). */
    private java.util.Map<String, String> keywords = java.util.Map.of();

    void setKeywords(java.util.Map<String, String> k) { keywords = k; }

    /** The keywords of the map as shown: in equatorial coordinates when an observatory sees it. */
    private java.util.Map<String, String> shownKeywords(Observation.Observatory observer) {
        if (observer == null) return keywords;
        java.util.Map<String, String> k = new java.util.LinkedHashMap<>(keywords);
        k.put("COORDSYS", "C");
        k.put("B0RA", Double.toString(observer.raDeg()));
        k.put("B0DEC", Double.toString(observer.decDeg()));
        k.put("DECMIN", Double.toString(observer.decLo()));
        k.put("DECMAX", Double.toString(observer.decHi()));
        k.put("DECMEANS", observer.perDeclination() ? "removed" : "kept");
        return k;
    }

    @Override
    public java.util.List<DataFile> data() {
        Processed d = settled();
        double[] m = d.shown();
        if (m == null) return java.util.List.of(); // no map (then also no request, before the first)
        float[] r = d.request().raw();
        java.util.Map<String, String> shownKeywords = shownKeywords(d.request().observer());
        double[] rawMap = new double[r.length];
        for (int i = 0; i < r.length; i++) rawMap[i] = r[i];
        return java.util.List.of(
                new DataFile("sky.fits", "HEALPix map as shown, smoothed/removed (and as an observatory sees it) as set (FITS, RING)",
                        f -> org.anisoscope.io.HealpixFits.write(f, m, "DELTA", "relative intensity for |grad f/f| = 1/L_c", shownKeywords)),
                new DataFile("sky_raw.fits", "HEALPix map as the run made it, no smoothing or removal (FITS, RING)",
                        f -> org.anisoscope.io.HealpixFits.write(f, rawMap, "DELTA", "relative intensity for |grad f/f| = 1/L_c", keywords)));
    }

    /** The map to show (RING order), with its title; null clears the view. */
    /** whyNone: what the view says when map is null (null: that there is no map yet). */
    void setMap(float[] map, String title, double[] localField, String whyNone) {
        this.raw = map;
        this.whyNone = whyNone == null ? "no sky map yet: press Run" : whyNone;
        this.title = title == null ? "" : title;
        this.localField = localField;
        process();
    }

    void setSmoothing(double fwhmDeg) {
        this.fwhmDeg = fwhmDeg;
        process();
    }

    void setRemoveDipole(boolean remove) {
        this.removeDipole = remove;
        process();
    }

    boolean removeDipole() { return removeDipole; }

    /** Shows the sky as an observatory sees it (null: in the simulation's frame, B0 up). */
    void setObserver(Observation.Observatory o) {
        this.observer = o;
        process();
    }

    Observation.Observatory observer() { return observer; }

    /** The values drawn (after smoothing and removal), RING order; null when empty. */
    double[] shownMap() {
        double[] m = settled().shown();
        return m == null ? null : m.clone();
    }

    double[] dipoleVector() {
        double[] v = settled().dipole();
        return v == null ? null : v.clone();
    }

    /** The thread that processed the map now on the screen (the worker's name, or the reader's that could not wait). */
    String processedBy() {
        Processed d = done;
        return d == null ? null : d.thread();
    }

    /** Asks for the current settings to be processed in the background, then redraws; a newer request supersedes it. */
    private void process() {
        Request q = new Request(raw, title, localField, whyNone, fwhmDeg, removeDipole, observer);
        wanted = q;
        if (raw == null) { // nothing to process
            synchronized (lock) {
                done = new Processed(q, null, null, Thread.currentThread().getName());
            }
            redraw();
            return;
        }
        worker.submit(() -> {
            synchronized (lock) {
                if (wanted != q || done != null && done.request() == q) return; // superseded, or made already
                done = processed(q);
            }
            javafx.application.Platform.runLater(this::redraw);
        });
    }

    /** The current settings processed: made here and now if the background has not yet. */
    private Processed settled() {
        synchronized (lock) {
            Request q = wanted;
            if (q == null) return new Processed(null, null, null, null);
            if (done == null || done.request() != q) done = processed(q);
            return done;
        }
    }

    @Override
    public java.awt.image.BufferedImage render(int w, int h, double scale) {
        settled(); // a figure shows the current settings, not the last map the background finished
        return super.render(w, h, scale);
    }

    void stop() { worker.shutdownNow(); }

    /** Smoothing, the observatory's view, the dipole fit and its removal; under the lock. */
    private Processed processed(Request q) {
        if (q.raw() == null) return new Processed(q, null, null, Thread.currentThread().getName());
        double[] m = smoothed(q.raw(), q.fwhmDeg());
        if (q.observer() != null) m = q.observer().observe(m).map();
        double[] dipole, shown;
        try {
            dipole = Dipole.fitDipole(m).vector();
            shown = q.removeDipole() ? Dipole.removeDipole(m) : m;
        } catch (IllegalArgumentException e) {
            // a band too narrow to fit a dipole in: shown as it is, without the marker
            dipole = null;
            shown = m;
        }
        return new Processed(q, shown, dipole, Thread.currentThread().getName());
    }

    private float[] smoothedRaw;
    private double smoothedFwhm = -1;
    private double[] smoothedMap;

    /**
     * The map smoothed as set (a copy as double), kept while the map and the FWHM stay the same: the
     * dipole removal and the observatory settings redraw from it without another transform.
     */
    private double[] smoothed(float[] raw, double fwhmDeg) {
        if (raw != smoothedRaw || fwhmDeg != smoothedFwhm) {
            double[] m = new double[raw.length];
            for (int i = 0; i < m.length; i++) m[i] = raw[i];
            int nside = Healpix.npix2nside(m.length);
            if (fwhmDeg > 0) {
                if (sht == null || sht.nside() != nside) sht = new Sht(nside, 3 * nside - 1, 1);
                m = sht.smoothing(m, Math.toRadians(fwhmDeg), 0);
            }
            smoothedRaw = raw;
            smoothedFwhm = fwhmDeg;
            smoothedMap = m;
        }
        return smoothedMap; // read only: the rotation, the cut and the removal each make a new map
    }

    @Override
    void draw(Pen g, double w, double h) {
        Processed d = done;
        if (d == null || d.shown() == null) {
            message(g, w, h, d == null ? whyNone : d.request().whyNone());
            return;
        }
        Request q = d.request();
        double[] shown = d.shown(), dipole = d.dipole(), localField = q.localField();
        Observation.Observatory observer = q.observer();
        String title = q.title();
        clear(g, w, h);
        double barH = observer == null ? 46 : 60, top = 22; // the observatory's band and means on a line of their own
        double mw = Math.min(w - 16, 2 * (h - top - barH - 6));
        double mh = mw / 2;
        double mx = (w - mw) / 2, my = top;
        boolean onScreen = g.drawsOn(canvas());
        if (onScreen) {
            mapX = mx;
            mapY = my;
            mapW = mw;
            mapH = mh;
        }
        int nside = Healpix.npix2nside(shown.length);
        double lim = limitOf(shown);
        // raster: one colour per device pixel of the ellipse, through a cached pixel lookup
        int iw = Math.max(1, (int) Math.round(mw * scaleOf(g))), ih = Math.max(1, (int) Math.round(mh * scaleOf(g)));
        int[] lookup = lookup(iw, ih, nside);
        int[] argb = new int[iw * ih];
        for (int i = 0; i < argb.length; i++) {
            int pix = lookup[i];
            if (pix < 0) {
                argb[i] = 0xFFFFFFFF;
                continue;
            }
            argb[i] = argbOf(shown[pix], lim);
        }
        WritableImage img = new WritableImage(iw, ih);
        img.getPixelWriter().setPixels(0, 0, iw, ih, PixelFormat.getIntArgbInstance(), argb, 0, iw);
        g.drawImage(img, mx, my, mw, mh);
        // graticule every 30 degrees
        g.setStroke(Color.gray(0.3, 0.45));
        g.setLineWidth(0.6);
        for (double[] line : graticule()) {
            g.beginPath();
            for (int i = 0; i < line.length; i += 2) {
                double x = mx + (line[i] / Mollweide.XMAX + 1) / 2 * mw, y = my + (1 - line[i + 1] / Mollweide.YMAX) / 2 * mh;
                if (i == 0) g.moveTo(x, y);
                else g.lineTo(x, y);
            }
            g.stroke();
        }
        g.setStroke(Color.gray(0.2));
        g.setLineWidth(1);
        g.strokeOval(mx, my, mw, mh);
        // markers: B0 (along z, or where the observer put it), the dipole, the local mean field
        Rotation rot = observer == null ? null : observer.rotation();
        double[] b0 = rot == null ? new double[] {0, 0, 1} : rot.apply(new double[] {0, 0, 1});
        java.util.List<Marker> marks = new java.util.ArrayList<>();
        marks.add(marker(mx, my, mw, mh, b0, "B0", Color.BLACK, 'x'));
        marks.add(marker(mx, my, mw, mh, new double[] {-b0[0], -b0[1], -b0[2]}, "-B0", Color.BLACK, 'x'));
        if (dipole != null && norm(dipole) > 0) marks.add(marker(mx, my, mw, mh, dipole, "dipole", Color.rgb(20, 20, 20), 'd'));
        if (localField != null) {
            double[] lf = rot == null ? localField : rot.apply(localField);
            marks.add(marker(mx, my, mw, mh, lf, "B local", Color.rgb(0, 110, 0), 'o'));
            marks.add(marker(mx, my, mw, mh, new double[] {-lf[0], -lf[1], -lf[2]}, "", Color.rgb(0, 110, 0), 'o'));
        }
        drawMarkers(g, marks, w, my, my + mh + 8);
        g.setFill(Color.gray(0.1));
        g.setFont(Font.font(12));
        g.setTextAlign(TextAlignment.CENTER);
        g.fillTypeset(observer == null ? title : title + String.format(Locale.ROOT, " — equatorial, B0 toward RA %.4g°, Dec %.3g°", observer.raDeg(),
                observer.decDeg()), w / 2, 15);
        colourBar(g, w, my + mh + 10, lim, q);
        g.setTextAlign(TextAlignment.LEFT);
        if (onScreen) drawPicks(g);
    }

    private int[] lookupCache;
    private long lookupKey = -1;

    /** HEALPix pixel of each raster cell of an iw x ih Mollweide image (-1 outside the ellipse). */
    private int[] lookup(int iw, int ih, int nside) {
        long key = ((long) iw << 40) | ((long) ih << 20) | nside;
        if (key == lookupKey) return lookupCache;
        Healpix hp = new Healpix(nside);
        int[] t = new int[iw * ih];
        for (int j = 0; j < ih; j++) {
            double y = Mollweide.YMAX * (1 - 2 * (j + 0.5) / ih);
            for (int i = 0; i < iw; i++) {
                double x = Mollweide.XMAX * (2 * (i + 0.5) / iw - 1);
                double[] ang = Mollweide.inverse(x, y);
                t[j * iw + i] = ang == null ? -1 : (int) hp.ang2pix(ang[0], ang[1]);
            }
        }
        lookupCache = t;
        lookupKey = key;
        return t;
    }

    private static double scaleOf(Pen g) {
        return g.pixelsPerUnit();
    }

    private void colourBar(Pen g, double w, double y, double lim, Request q) {
        Observation.Observatory observer = q.observer();
        double bw = Math.min(360, w * 0.6), bx = (w - bw) / 2, bh = 10;
        int n = 128;
        for (int i = 0; i < n; i++) {
            int c = CMAP.argb((i + 0.5) / n);
            g.setFill(Color.rgb((c >> 16) & 255, (c >> 8) & 255, c & 255));
            g.fillRect(bx + bw * i / n, y, bw / n + 0.6, bh);
        }
        g.setStroke(Color.gray(0.3));
        g.setLineWidth(0.8);
        g.strokeRect(bx, y, bw, bh);
        g.setFill(Color.gray(0.1));
        g.setFont(Font.font(11));
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText(String.format(Locale.ROOT, "%.3g", -lim), bx, y + bh + 13);
        g.fillText("0", bx + bw / 2, y + bh + 13);
        g.fillText(String.format(Locale.ROOT, "%.3g", lim), bx + bw, y + bh + 13);
        g.fillTypeset("relative intensity δ (|∇f/f| = 1/L_c)" + (q.removeDipole() ? ", monopole and dipole removed" : "")
                + (q.fwhmDeg() > 0 ? String.format(Locale.ROOT, ", smoothed %.1f° FWHM", q.fwhmDeg()) : ""), w / 2, y + bh + 27);
        if (observer != null) {
            g.fillText(String.format(Locale.ROOT, "seen: Dec %.3g° to %.3g° (grey: not seen)%s", observer.decLo(), observer.decHi(),
                    observer.perDeclination() ? ", each declination's mean removed" : ""), w / 2, y + bh + 41);
        }
    }

    private static double[][] graticuleCache;

    /** Parallels and meridians every 30 degrees in projection-plane coordinates (computed once). */
    private static double[][] graticule() {
        if (graticuleCache != null) return graticuleCache;
        java.util.List<double[]> lines = new java.util.ArrayList<>();
        for (int deg = -60; deg <= 60; deg += 30) lines.add(line(deg, true));
        for (int deg = -150; deg <= 180; deg += 30) lines.add(line(deg, false));
        graticuleCache = lines.toArray(new double[0][]);
        return graticuleCache;
    }

    private static double[] line(double deg, boolean parallel) {
        double[] out = new double[2 * 91];
        for (int s = 0; s <= 90; s++) {
            double theta, phi;
            if (parallel) {
                theta = Math.toRadians(90 - deg);
                phi = Math.toRadians(-180 + 4 * s) + 1e-9;
            } else {
                theta = Math.toRadians(2 * s) + 1e-9;
                phi = Math.toRadians(deg);
            }
            double[] xy = Mollweide.forward(Math.min(theta, Math.PI - 1e-9), phi);
            out[2 * s] = xy[0];
            out[2 * s + 1] = xy[1];
        }
        return out;
    }

    /** A direction marked on the map: where, its label, colour and shape (x cross, d diamond, o circle). */
    private record Marker(double x, double y, String label, Color colour, char shape) {}

    private static final double MARKER_R = 5;

    private static Marker marker(double mx, double my, double mw, double mh, double[] v, String label, Color c, char shape) {
        double n = norm(v);
        double theta = Math.acos(Math.max(-1, Math.min(1, v[2] / n))), phi = Math.atan2(v[1], v[0]);
        if (phi < 0) phi += 2 * Math.PI;
        double[] xy = Mollweide.forward(theta, phi);
        return new Marker(mx + (xy[0] / Mollweide.XMAX + 1) / 2 * mw, my + (1 - xy[1] / Mollweide.YMAX) / 2 * mh, label, c, shape);
    }

    /**
     * The markers, then their labels, each label where it overlaps no marker, no label placed before
     * it and leaves the view least (beside, then above or below its marker): the dipole and the local
     * field often point close together.
     */
    private static void drawMarkers(Pen g, java.util.List<Marker> marks, double w, double titleBottom, double bottom) {
        double r = MARKER_R;
        java.util.List<double[]> taken = new java.util.ArrayList<>();
        taken.add(new double[] {0, 0, w, titleBottom - 1}); // the title's line
        for (Marker m : marks) {
            double x = m.x(), y = m.y();
            g.setStroke(m.colour());
            g.setLineWidth(1.6);
            switch (m.shape()) {
                case 'x' -> {
                    g.strokeLine(x - r, y - r, x + r, y + r);
                    g.strokeLine(x - r, y + r, x + r, y - r);
                }
                case 'd' -> g.strokePolygon(new double[] {x, x + r, x, x - r}, new double[] {y - r - 1, y, y + r + 1, y}, 4);
                default -> g.strokeOval(x - r, y - r, 2 * r, 2 * r);
            }
            taken.add(new double[] {x - r - 1, y - r - 1, 2 * r + 2, 2 * r + 2});
        }
        g.setFont(Font.font(10));
        g.setTextAlign(TextAlignment.LEFT);
        double th = 11, asc = 8.5; // a 10-point label's box and baseline
        for (Marker m : marks) {
            if (m.label().isEmpty()) continue;
            double tw = g.typesetWidth(m.label()), x = m.x(), y = m.y();
            double[][] at = { // left edge and top of the label's box
                    {x + r + 2, y - r - th + 3}, {x + r + 2, y + r - 3}, {x - r - 2 - tw, y - r - th + 3}, {x - r - 2 - tw, y + r - 3},
                    {x - tw / 2, y - r - 2 - th}, {x - tw / 2, y + r + 2}, {x + r + 2, y - r - 2 * th}, {x - r - 2 - tw, y + r + th}};
            double[] best = at[0];
            double bestCost = Double.MAX_VALUE;
            for (double[] a : at) {
                double cost = 0;
                for (double[] t : taken) cost += overlap(a[0], a[1], tw, th, t) * 4;
                cost += Math.max(0, -a[0]) + Math.max(0, a[0] + tw - w) + Math.max(0, -a[1]) + Math.max(0, a[1] + th - bottom);
                if (cost < bestCost - 1e-9) {
                    best = a;
                    bestCost = cost;
                }
                if (cost == 0) break;
            }
            taken.add(new double[] {best[0], best[1], tw, th});
            g.setFill(m.colour());
            g.fillTypeset(m.label(), best[0], best[1] + asc);
        }
    }

    /** The area two boxes share: one at (x, y), w x h, and t = {x, y, w, h}. */
    private static double overlap(double x, double y, double w, double h, double[] t) {
        double ox = Math.min(x + w, t[0] + t[2]) - Math.max(x, t[0]), oy = Math.min(y + h, t[1] + t[3]) - Math.max(y, t[1]);
        return ox > 0 && oy > 0 ? ox * oy : 0;
    }

    private static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    private void hover(double x, double y) {
        Processed d = done;
        if (d == null || d.shown() == null || mapW <= 0) return;
        double[] shown = d.shown();
        Observation.Observatory observer = d.request().observer();
        double[] ang = angleAt(x, y);
        if (ang == null) {
            readout.setText("");
            return;
        }
        int pix = (int) new Healpix(Healpix.npix2nside(shown.length)).ang2pix(ang[0], ang[1]);
        double lon = Math.toDegrees(ang[1]), lat = 90 - Math.toDegrees(ang[0]);
        String value = Sht.seen(shown[pix]) ? String.format(Locale.ROOT, "δ = %.4g", shown[pix]) : "not seen";
        if (observer != null) {
            readout.setText(String.format(Locale.ROOT, "RA %.1f°  Dec %.1f°  %s  pixel %d", (lon + 360) % 360, lat, value, pix));
        } else {
            readout.setText(String.format(Locale.ROOT, "lon %.1f°  lat %.1f°  (θ from B0 %.1f°)  %s  pixel %d",
                    lon, lat, Math.toDegrees(ang[0]), value, pix));
        }
    }

    /** The direction and value under the mouse, as shown. */
    String readoutText() { return readout.getText(); }
}
