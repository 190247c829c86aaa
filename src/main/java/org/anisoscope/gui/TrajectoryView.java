package org.anisoscope.gui;

import java.awt.image.BufferedImage;
import java.util.Locale;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.PerspectiveCamera;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SnapshotParameters;
import javafx.scene.SubScene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.Box;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.Cylinder;
import javafx.scene.shape.DrawMode;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.Sphere;
import javafx.scene.shape.TriangleMesh;
import javafx.scene.transform.Rotate;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import org.anisoscope.plot.Colormap;
import org.anisoscope.run.LiveRun;
import org.anisoscope.sky.Healpix;

/**
 * A sample of backtracked trajectories in 3D (JavaFX 3D), growing with T, each coloured by its
 * arrival direction (cos of the angle to B0: red along B0, blue against it), with the B0 axis, the
 * observer at the origin and a scale bar in pc. Drag to rotate, scroll to zoom, right-drag (or
 * shift-drag) to pan. Where JavaFX has no 3D (no OpenGL: remote desktops, some virtual machines,
 * its software pipeline) the same scene is drawn as lines on a canvas, projected through the same
 * rotation, pan and perspective camera, so the view, its controls and its exports work everywhere.
 */
final class TrajectoryView extends Pane implements ExportableView {
    private static final Colormap CMAP = Colormap.load(Colormap.DIVERGING);
    private static final double SCENE_SIZE = 200; // the largest extent is drawn this long

    private final Group world = new Group(), paths = new Group(), axes = new Group();
    private final Rotate rx = new Rotate(-20, Rotate.X_AXIS), ry = new Rotate(-30, Rotate.Y_AXIS);
    private final Translate pan = new Translate();
    /** Moves the middle of the drawn paths' box to the origin, so that they fill the view and turn about their middle. */
    private final Translate centre = new Translate();
    /** Shrink the drawing to the height below the caption and move it down by half the caption's, so that the caption covers none of it. */
    private final Translate lift = new Translate();
    private final Scale fit = new Scale(1, 1, 1);
    private final PerspectiveCamera camera = new PerspectiveCamera(true);
    private final boolean threeD;
    private final SubScene sub;      // the 3D scene, or null
    private final Canvas flat;       // the flat fallback, or null
    /** What the flat fallback draws: decimated paths (r_g), their colours, scene units per r_g, the scale bar (r_g). */
    private float[][] flatPaths = new float[0][];
    private Color[] flatColours = new Color[0];
    private double flatScale, flatBarRg;
    private final Label caption = new Label();
    private double dragX, dragY;
    private int shownPaths;
    private LiveRun.Trajectories shownData;
    /** Points per drawn path: enough for the eye, few enough to rebuild the meshes within a frame. */
    static final int MAX_POINTS = 400;
    private double extentPc;

    TrajectoryView() {
        this(javafx.application.Platform.isSupported(javafx.application.ConditionalFeature.SCENE3D));
    }

    /** threeD false: the flat fallback (also for tests, which run where JavaFX has no 3D). */
    TrajectoryView(boolean threeD) {
        this.threeD = threeD;
        world.getChildren().addAll(axes, paths);
        world.getTransforms().addAll(lift, pan, rx, ry, fit, centre);
        camera.setNearClip(0.5);
        camera.setFarClip(5000);
        // far enough that the whole drawing (±SCENE_SIZE, the scale bar just below) fits the 30° vertical field of view
        camera.setTranslateZ(-1.2 * SCENE_SIZE / Math.tan(Math.toRadians(camera.getFieldOfView() / 2)));
        Node surface;
        if (threeD) {
            Group root = new Group(world, new AmbientLight(Color.WHITE));
            sub = new SubScene(root, 400, 300, true, SceneAntialiasing.BALANCED);
            sub.setFill(Color.rgb(250, 250, 250));
            sub.setCamera(camera);
            sub.widthProperty().bind(widthProperty());
            sub.heightProperty().bind(heightProperty());
            flat = null;
            surface = sub;
        } else {
            sub = null;
            flat = new Canvas();
            flat.widthProperty().bind(widthProperty());
            flat.heightProperty().bind(heightProperty());
            for (javafx.beans.Observable o : new javafx.beans.Observable[] {flat.widthProperty(), flat.heightProperty(), rx.angleProperty(),
                    ry.angleProperty(), pan.xProperty(), pan.yProperty(), camera.translateZProperty()}) o.addListener(x -> drawFlat());
            surface = flat;
        }
        caption.setStyle("-fx-background-color: rgba(255,255,255,0.85); -fx-padding: 1 4 1 4; -fx-font-size: 11px;");
        caption.setMouseTransparent(true);
        caption.setLayoutX(4);
        caption.setLayoutY(4);
        caption.setWrapText(true);
        caption.maxWidthProperty().bind(widthProperty().subtract(8));
        pairInset.setVisible(false);
        pairInset.setMouseTransparent(true);
        widthProperty().addListener(o -> placeInset());
        heightProperty().addListener(o -> placeInset());
        caption.boundsInParentProperty().addListener(o -> liftBelowCaption());
        camera.translateZProperty().addListener(o -> liftBelowCaption());
        band.setManaged(false);
        band.setMouseTransparent(true);
        band.setVisible(false);
        band.setFill(Color.TRANSPARENT);
        band.setStroke(Color.gray(0.1));
        band.getStrokeDashArray().addAll(4.0, 3.0);
        getChildren().addAll(surface, caption, pairInset, band);
        setMinSize(120, 90);
        setPrefSize(520, 320);
        surface.setOnMousePressed(e -> {
            dragX = e.getSceneX();
            dragY = e.getSceneY();
            pressX = e.getX();
            pressY = e.getY();
            moved = false;
            banding = e.isPrimaryButtonDown() && e.isShortcutDown();
        });
        surface.setOnMouseDragged(e -> {
            double dx = e.getSceneX() - dragX, dy = e.getSceneY() - dragY;
            dragX = e.getSceneX();
            dragY = e.getSceneY();
            moved |= Math.hypot(e.getX() - pressX, e.getY() - pressY) > 3;
            if (banding) {
                band.setX(Math.min(pressX, e.getX()));
                band.setY(Math.min(pressY, e.getY()));
                band.setWidth(Math.abs(e.getX() - pressX));
                band.setHeight(Math.abs(e.getY() - pressY));
                band.setVisible(true);
            } else if (e.isSecondaryButtonDown() || e.isShiftDown()) {
                pan.setX(pan.getX() + dx);
                pan.setY(pan.getY() + dy);
            } else {
                ry.setAngle(ry.getAngle() - dx * 0.4);
                rx.setAngle(rx.getAngle() + dy * 0.4);
            }
        });
        surface.setOnMouseReleased(e -> {
            if (e.getButton() != javafx.scene.input.MouseButton.PRIMARY) return;
            if (banding && moved) selectEnds(band.getX(), band.getY(), band.getWidth(), band.getHeight(), e.isShiftDown());
            else if (!moved) selectAt(e.getX(), e.getY(), e.isShiftDown());
            else placeInset(); // turned or moved: the inset to the emptiest corner again
            band.setVisible(false);
            banding = false;
        });
        surface.setOnScroll(e -> zoom(e.getDeltaY()));
        if (flat != null) { // in 3D each ribbon says when the mouse enters it
            flat.setOnMouseMoved(e -> hover(pathAt(e.getX(), e.getY())));
            flat.setOnMouseExited(e -> hover(-1));
        }
        caption.setText("trajectories appear when the run starts");
    }

    // ---- hovering a path: it is drawn thicker and its pixel is ringed on the sky ----------------

    private int hovered = -1;
    private int[] flatPixels = new int[0];
    private java.util.function.IntConsumer onHover = p -> { };

    /** Called with the RING pixel of the path under the mouse (-1: none). */
    void onHover(java.util.function.IntConsumer listener) { onHover = listener; }

    /** The path drawn at index i (of the shown ones) is hovered (-1: none). */
    void hover(int i) {
        if (i == hovered) return;
        hovered = i;
        materials();
        drawFlat();
        onHover.accept(i >= 0 && i < flatPixels.length ? flatPixels[i] : -1);
    }

    /** The pixel of the hovered path (-1: none). */
    int hoveredPixel() { return hovered >= 0 && hovered < flatPixels.length ? flatPixels[hovered] : -1; }

    // ---- picking in the view: a click on a path, or a box (ctrl-drag) round where paths end ------

    private double pressX, pressY;
    private boolean moved, banding;
    private final javafx.scene.shape.Rectangle band = new javafx.scene.shape.Rectangle();
    /** The pixels of the paths picked in this view (RING), kept while the same pixels' paths are shown. */
    private final java.util.LinkedHashSet<Integer> selected = new java.util.LinkedHashSet<>();
    private java.util.function.Consumer<int[]> onSelect = p -> { };

    /** Called with the pixels of the paths picked in this view (empty: none) after every change. */
    void onSelect(java.util.function.Consumer<int[]> listener) { onSelect = listener; }

    int[] selectedPixels() { return selected.stream().mapToInt(Integer::intValue).toArray(); }

    /** A click at (x, y): the path there picked (shift: added, or taken out again); beside every path: none. */
    void selectAt(double x, double y, boolean add) {
        int i = pathAt(x, y);
        if (!add) selected.clear();
        if (i >= 0 && !selected.remove(flatPixels[i])) selected.add(flatPixels[i]);
        selectionChanged();
    }

    /**
     * A box on the view: the paths whose end, where the particle is at the time shown, is drawn inside
     * it (shift: added) — the sky directions of the particles now in that part of space.
     */
    void selectEnds(double x, double y, double w, double h, boolean add) {
        if (!add) selected.clear();
        double[] at = new double[2];
        FlatCamera cam = flatCamera();
        for (int i = 0; i < flatPaths.length; i++) {
            float[] p = flatPaths[i];
            if (cam.point(p, p.length / 3 - 1, at) && at[0] >= x && at[0] <= x + w && at[1] >= y && at[1] <= y + h) selected.add(flatPixels[i]);
        }
        selectionChanged();
    }

    /** The pixel of drawn path i. */
    int pixelOfPath(int i) { return flatPixels[i]; }

    /** Where path i's last point is drawn: {x, y}. */
    double[] screenOfEnd(int i) { return screenOfPoint(i, flatPaths[i].length / 3 - 1); }

    private void selectionChanged() {
        materials();
        drawFlat();
        onSelect.accept(selectedPixels());
    }

    private boolean isSelected(int i) { return i < flatPixels.length && selected.contains(flatPixels[i]); }

    /** The 3D ribbons' colours: the hovered one black, picked ones darker, the rest their own. */
    private void materials() {
        if (!threeD) return;
        for (int k = 0; k < paths.getChildren().size() && k < flatColours.length; k++) {
            if (paths.getChildren().get(k) instanceof MeshView mv) {
                mv.setMaterial(new PhongMaterial(k == hovered ? Color.BLACK : isSelected(k) ? flatColours[k].deriveColor(0, 1, 0.55, 1) : flatColours[k]));
            }
        }
    }

    /** Index of the drawn path passing within 6 px of (x, y), the nearest; -1 when none does. */
    int pathAt(double x, double y) {
        if (flatPaths.length == 0) return -1;
        FlatCamera cam = flatCamera();
        double[] a = new double[2], b = new double[2];
        int best = -1;
        double bestD = 6;
        for (int i = 0; i < flatPaths.length; i++) {
            float[] p = flatPaths[i];
            boolean prev = false;
            for (int j = 0; j < p.length / 3; j++) {
                boolean seen = cam.point(p, j, b);
                if (seen && prev) {
                    double d = segmentDistance(x, y, a[0], a[1], b[0], b[1]);
                    if (d < bestD) {
                        bestD = d;
                        best = i;
                    }
                }
                a[0] = b[0];
                a[1] = b[1];
                prev = seen;
            }
        }
        return best;
    }

    /** Where path i's point j is drawn: {x, y} (for tests: the mouse over a path). */
    double[] screenOfPoint(int i, int j) {
        double[] out = new double[2];
        flatCamera().point(flatPaths[i], j, out);
        return out;
    }

    private static double segmentDistance(double x, double y, double ax, double ay, double bx, double by) {
        double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
        double u = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
        return Math.hypot(x - ax - u * dx, y - ay - u * dy);
    }

    @Override
    public String name() { return "trajectories"; }

    void zoom(double delta) {
        double z = camera.getTranslateZ() * Math.pow(1.0015, delta);
        camera.setTranslateZ(Math.max(-3000, Math.min(-30, z)));
    }

    double cameraDistance() { return -camera.getTranslateZ(); }
    double rotationY() { return ry.getAngle(); }

    /** Number of trajectories drawn. */
    int pathCount() { return shownPaths; }

    /** Largest extent of the drawn paths, pc. */
    double extentPc() { return extentPc; }

    /**
     * Shows the sampled trajectories (paths in r_g) of nside's pixels; rgPc converts to parsec.
     */
    void setTrajectories(LiveRun.Trajectories tr, int nside, double rgPc, double time, String whyNone) {
        fieldLine = null;
        show(tr, null, -1, nside, rgPc, time, whyNone);
        pair(null, 0);
    }

    /**
     * Shows the paths of pixels picked on the map (realisation: 0-based), each in its pixel's colour
     * on the map, instead of the run's sampled paths.
     */
    void setPicked(LiveRun.Trajectories tr, Color[] colours, int realisation, int nside, double rgPc, double time, double dtPerPoint,
                   double[][] terms, float[] fieldLine) {
        this.fieldLine = fieldLine;
        show(tr, colours, realisation, nside, rgPc, time, null);
        pair(tr != null && tr.paths().length == 2 ? tr.paths() : null, dtPerPoint);
        if (terms != null) terms(terms);
    }

    private double[][] terms;
    /** The field line through the observer, drawn with picked paths (null: none); and as drawn (stretched). */
    private float[] fieldLine, flatFieldLine;

    float[] fieldLine() { return fieldLine; }

    /** One picked pixel's value in its two terms, {t, gradient term, K term}; null unless one pixel is shown. */
    double[][] terms() { return terms; }

    /**
     * The inset for one picked pixel: its Liouville value δ(T) and the two terms it is made of, the
     * gradient term ρ g·x(T) (where the particle is) and the K term 3ρ K_zz g_z μ(T) (where it is going).
     */
    private void terms(double[][] t) {
        terms = t;
        int n = t[0].length;
        double lo = 0, hi = 0;
        double[] sum = new double[n];
        for (int j = 0; j < n; j++) {
            sum[j] = t[1][j] + t[2][j];
            for (double v : new double[] {t[1][j], t[2][j], sum[j]}) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        Pen g = freshInset();
        double w = pairInset.getWidth(), h = pairInset.getHeight();
        if (n < 3 || !(t[0][n - 1] > t[0][1])) return;
        double pad = 0.05 * Math.max(hi - lo, 1e-30);
        Axes ax = new Axes(w, h, t[0][1], t[0][n - 1], true, lo - pad, hi + pad, false);
        ax.draw(g, "backtracking time Ω_rms t", "δ", "this pixel's value");
        ax.line(g, t[0], t[1], SpectrumView.NUM, 1.2, null);
        ax.line(g, t[0], t[2], SpectrumView.SUB, 1.2, null);
        ax.line(g, t[0], sum, Color.BLACK, 1.6, null);
        ax.legend(g, new String[] {"ρ g·x", "3ρK_zz g_z μ", "δ"}, new Color[] {SpectrumView.NUM, SpectrumView.SUB, Color.BLACK},
                new boolean[] {false, false, false}, true);
    }

    // ---- pair mode: two picked pixels, and how their particles' paths part --------------------

    private final Canvas pairInset = new Canvas(300, 180);
    private double[][] separation;

    /** The inset shown, cleared of what it showed before, on a light background: its pen. */
    private Pen freshInset() {
        pairInset.setVisible(true);
        double w = pairInset.getWidth(), h = pairInset.getHeight();
        pairInset.getGraphicsContext2D().clearRect(0, 0, w, h);
        Pen g = Pen.of(pairInset.getGraphicsContext2D());
        g.setFill(Color.rgb(255, 255, 255, 0.9));
        g.fillRect(0, 0, w, h);
        return g;
    }

    /** Time and distance of the two picked particles, {t, d (r_g)} per recorded point; null without a pair. */
    double[][] separation() { return separation; }

    /** Shows (or, with null, hides) the inset of the pair's separation against backtracking time, on log axes. */
    private void pair(float[][] two, double dtPerPoint) {
        terms = null;
        if (two == null) {
            separation = null;
            pairInset.setVisible(false);
            return;
        }
        int n = Math.min(two[0].length, two[1].length) / 3;
        double[] t = new double[n], d = new double[n];
        double dMin = Double.MAX_VALUE, dMax = 0;
        for (int j = 0; j < n; j++) {
            double dx = two[0][3 * j] - two[1][3 * j], dy = two[0][3 * j + 1] - two[1][3 * j + 1], dz = two[0][3 * j + 2] - two[1][3 * j + 2];
            t[j] = j * dtPerPoint;
            d[j] = Math.sqrt(dx * dx + dy * dy + dz * dz);
            if (j > 0 && d[j] > 0) {
                dMin = Math.min(dMin, d[j]);
                dMax = Math.max(dMax, d[j]);
            }
        }
        separation = new double[][] {t, d};
        Pen g = freshInset();
        double w = pairInset.getWidth(), h = pairInset.getHeight();
        if (n < 3 || !(dMax > 0)) return;
        Axes ax = new Axes(w, h, Math.max(dtPerPoint, 1e-6), Math.max(t[n - 1], 2 * dtPerPoint), true, dMin / 2, dMax * 2, true);
        ax.draw(g, "backtracking time Ω_rms t", "separation (r_g)", "the pair parts");
        ax.line(g, t, d, Color.BLACK, 1.4, null);
    }

    /** The paths shown now (the run's sampled ones, or the picked ones), as given. */
    LiveRun.Trajectories shown() { return shownData; }

    private void show(LiveRun.Trajectories tr, Color[] given, int realisation, int nside, double rgPc, double time, String whyNone) {
        if (tr == shownData && tr != null) return; // same paths: keep the meshes
        shownData = tr;
        paths.getChildren().clear();
        axes.getChildren().clear();
        shownPaths = 0;
        flatPaths = new float[0][];
        flatPixels = new int[0];
        flatFieldLine = null;
        flatColours = new Color[0];
        if (tr == null || tr.paths() == null || tr.paths().length == 0) {
            caption.setText(whyNone == null ? "no trajectories at this time" : whyNone);
            drawFlat();
            return;
        }
        double ext = 1e-30, extXY = 1e-30;
        for (float[] p : tr.paths()) {
            for (int j = 0; j < p.length; j++) {
                ext = Math.max(ext, Math.abs(p[j]));
                if (j % 3 != 2) extXY = Math.max(extXY, Math.abs(p[j]));
            }
        }
        // late paths run far along B0 and little across it: x and y stretched (by a round factor, said on
        // screen) keep the across-B0 wandering readable, in 3D and flat alike
        stretch = stretchFor(ext, extXY);
        Healpix hp = new Healpix(nside);
        java.util.List<float[]> kept = new java.util.ArrayList<>();
        java.util.List<Color> colours = new java.util.ArrayList<>();
        java.util.List<Integer> keptPixels = new java.util.ArrayList<>();
        hovered = -1;
        // the box round the paths as drawn and the observer: its middle is the view's, its largest half side SCENE_SIZE
        double[] lo = new double[3], hi = new double[3];
        for (int i = 0; i < tr.paths().length; i++) {
            float[] p = decimate(tr.paths()[i]);
            if (p.length < 6) continue;
            p = stretched(p);
            for (int j = 0; j < p.length; j++) {
                lo[j % 3] = Math.min(lo[j % 3], p[j]);
                hi[j % 3] = Math.max(hi[j % 3], p[j]);
            }
            double[] dir = hp.pix2vec(tr.pixels()[i]);
            int argb = CMAP.argb(0.5 + 0.5 * dir[2]);
            kept.add(p);
            colours.add(given != null ? given[i] : Color.rgb((argb >> 16) & 255, (argb >> 8) & 255, argb & 255));
            keptPixels.add(tr.pixels()[i]);
        }
        double half = 1e-30;
        for (int c = 0; c < 3; c++) half = Math.max(half, (hi[c] - lo[c]) / 2);
        double s = SCENE_SIZE / half; // scene units per r_g (along z; x and y times stretch)
        // physics (x, y, z) is the scene's (x, -z, y)
        centre.setX(-(lo[0] + hi[0]) / 2 * s);
        centre.setY((lo[2] + hi[2]) / 2 * s);
        centre.setZ(-(lo[1] + hi[1]) / 2 * s);
        for (int i = 0; i < kept.size(); i++) {
            if (threeD) {
                MeshView mv = ribbon(kept.get(i), s, 0.9, colours.get(i));
                int index = i;
                mv.setOnMouseEntered(e -> hover(index));
                mv.setOnMouseExited(e -> hover(-1));
                paths.getChildren().add(mv);
            }
            shownPaths++;
        }
        axisTop = -hi[2] * s - 0.1 * SCENE_SIZE;
        axisBottom = -lo[2] * s + 0.1 * SCENE_SIZE;
        barX = lo[0] * s;
        // B0 axis (physics z drawn upwards), observer, scale bar
        Cylinder b0 = new Cylinder(0.7, axisBottom - axisTop);
        b0.setTranslateY((axisTop + axisBottom) / 2);
        b0.setMaterial(new PhongMaterial(Color.gray(0.35)));
        Sphere observer = new Sphere(3.5);
        observer.setMaterial(new PhongMaterial(Color.BLACK));
        extentPc = ext * rgPc;
        // the bar measures x: a round length below half the paths' width across B0, so it fits under them
        double bar = niceBelow(Math.max((hi[0] - lo[0]) / stretch * rgPc / 2, 1e-30));
        Box scaleBar = new Box(bar / rgPc * s * stretch, 1.2, 1.2);
        scaleBar.setMaterial(new PhongMaterial(Color.rgb(30, 30, 30)));
        scaleBar.setTranslateX(barX + bar / rgPc * s * stretch / 2);
        scaleBar.setTranslateY(axisBottom);
        if (threeD) axes.getChildren().addAll(b0, observer, scaleBar);
        if (given == null) {
            caption.setText(String.format(Locale.ROOT, "%d trajectories to Ω_rms T = %.4g; grey axis: B0; black dot: observer; bar at the bottom: %s pc "
                    + "(colour: arrival direction, red along B0, blue against)%s; a click on a path, or a box dragged with Ctrl round "
                    + "where paths end, marks their pixels on the map%s", shownPaths, time, Axes.fmt(bar), stretchNote(),
                    threeD ? "" : FLAT_NOTE));
        } else {
            caption.setText(String.format(Locale.ROOT, "%s picked on the map: %s in realisation %d to Ω_rms T = %.4g; "
                    + "grey axis: B0; black dot: observer; dashed: the field line through it; dots: the paths' ends; bar at the bottom: %s pc "
                    + "(colour: %s on the map; a click beside the "
                    + "map goes back to the sampled paths)%s%s", shownPaths == 1 ? "the pixel" : "the " + shownPaths + " pixels",
                    shownPaths == 1 ? "its particle's path" : "their particles' paths", realisation + 1, time, Axes.fmt(bar),
                    shownPaths == 1 ? "its value" : "each pixel's value", stretchNote(), threeD ? "" : FLAT_NOTE));
        }
        // picked paths: the field line through the observer (what the guiding centres follow until they scatter), and where each path ends
        flatFieldLine = null;
        if (given != null && fieldLine != null) {
            float[] fl = stretched(decimate(fieldLine));
            flatFieldLine = fl;
            if (threeD && fl.length >= 6) paths.getChildren().add(ribbon(fl, s, 0.5, Color.gray(0.25)));
            if (threeD) {
                for (int i = 0; i < kept.size(); i++) {
                    float[] p = kept.get(i);
                    Sphere end = new Sphere(2.2);
                    end.setMaterial(new PhongMaterial(colours.get(i).darker()));
                    end.setTranslateX(p[p.length - 3] * s);
                    end.setTranslateY(-p[p.length - 1] * s);
                    end.setTranslateZ(p[p.length - 2] * s);
                    axes.getChildren().add(end);
                }
            }
        }
        flatPaths = kept.toArray(new float[0][]);
        flatColours = colours.toArray(new Color[0]);
        flatPixels = keptPixels.stream().mapToInt(Integer::intValue).toArray();
        flatScale = s;
        flatBarRg = bar / rgPc * stretch;
        // the paths picked here stay picked while their pixels' paths are shown (scrubbing), else they are let go
        java.util.Set<Integer> now = new java.util.HashSet<>(keptPixels);
        boolean gone = selected.retainAll(now);
        materials();
        drawFlat();
        placeInset();
        if (gone) onSelect.accept(selectedPixels());
    }

    /** Where the caption ends on the view, with a margin. */
    private double captionBottom() { return caption.getBoundsInParent().getMaxY() + 4; }

    /**
     * The drawing shrunk to the height below the caption and moved down by half the caption's height
     * on screen (in scene units at its middle: the camera's distance over its focal length).
     */
    private void liftBelowCaption() {
        double h = getHeight(), top = Math.min(captionBottom(), h / 2);
        double focal = h / 2 / Math.tan(Math.toRadians(camera.getFieldOfView() / 2));
        double y = h > 0 ? top / 2 * -camera.getTranslateZ() / focal : 0, f = h > 0 ? (h - top) / h : 1;
        if (Math.abs(y - lift.getY()) > 1e-9 || Math.abs(f - fit.getX()) > 1e-12) {
            lift.setY(y);
            fit.setX(f);
            fit.setY(f);
            fit.setZ(f);
            drawFlat();
        }
    }

    /** The B0 axis's ends and the scale bar's start, scene units (before the centring). */
    private double axisTop = -1.15 * SCENE_SIZE, axisBottom = 1.15 * SCENE_SIZE, barX;

    /**
     * The inset (one pixel's value, or the pair's separation) to the corner where the fewest points
     * of the paths are drawn, below the caption.
     */
    private void placeInset() {
        double w = getWidth(), h = getHeight(), iw = pairInset.getWidth(), ih = pairInset.getHeight();
        double top = captionBottom();
        liftBelowCaption();
        double[][] corners = {{w - iw - 6, h - ih - 6}, {6, h - ih - 6}, {w - iw - 6, top}, {6, top}};
        int best = 0;
        if (pairInset.isVisible() && flatPaths.length > 0 && w > iw && h > ih) {
            int[] count = new int[corners.length];
            FlatCamera cam = flatCamera();
            double[] at = new double[2];
            for (float[] p : flatPaths) {
                for (int j = 0; j < p.length / 3; j++) {
                    if (!cam.point(p, j, at)) continue;
                    for (int c = 0; c < corners.length; c++) {
                        if (at[0] >= corners[c][0] && at[0] <= corners[c][0] + iw && at[1] >= corners[c][1] && at[1] <= corners[c][1] + ih) count[c]++;
                    }
                }
            }
            for (int c = 1; c < corners.length; c++) if (count[c] < count[best]) best = c;
        }
        pairInset.setLayoutX(corners[best][0]);
        pairInset.setLayoutY(corners[best][1]);
    }

    /** x and y drawn this many times their length (1: to scale). */
    private double stretch = 1;

    double stretch() { return stretch; }

    /**
     * A round factor (2, 5, 10, 20, 50, ...) that brings the paths' extent across B0 to about half
     * their extent along it, when they are more than four times longer along B0; else 1.
     */
    static double stretchFor(double ext, double extXY) {
        double want = ext / extXY / 2;
        if (ext < 4 * extXY) return 1;
        // the nearest of 1, 2, 5 times a power of ten, on a log scale
        double decade = Math.pow(10, Math.floor(Math.log10(want))), m = want / decade;
        return (m < Math.sqrt(2) ? 1 : m < Math.sqrt(10) ? 2 : m < Math.sqrt(50) ? 5 : 10) * decade;
    }

    /** A path as drawn: x and y times the stretch (a copy; p itself when it is 1). */
    private float[] stretched(float[] p) {
        if (stretch == 1) return p;
        float[] q = p.clone();
        for (int j = 0; j < q.length; j++) if (j % 3 != 2) q[j] *= (float) stretch;
        return q;
    }

    private String stretchNote() {
        return stretch == 1 ? "" : "; x and y drawn " + Axes.fmt(stretch) + "× their length (z, along B0, to scale; the bar measures x)";
    }

    /** Whether the scene is drawn in JavaFX 3D (else flat, on a canvas). */
    boolean threeD() { return threeD; }

    /**
     * The flat fallback: every point goes through the scene's own transforms (physics (x, y, z) to
     * scene (x, -z, y), then the rotations and the pan) and the perspective camera's projection
     * (vertical field of view, eye at camera z), so it shows what the 3D view would.
     */
    private void drawFlat() {
        if (flat == null) return;
        double w = flat.getWidth(), h = flat.getHeight();
        if (w < 2 || h < 2) return;
        javafx.scene.canvas.GraphicsContext g = flat.getGraphicsContext2D();
        g.setFill(Color.rgb(250, 250, 250));
        g.fillRect(0, 0, w, h);
        if (flatPaths.length == 0) return;
        FlatCamera cam = flatCamera();
        double[] xy = new double[2];
        for (int pass = 0; pass < 2; pass++) { // the picked ones over the others
            for (int i = 0; i < flatPaths.length; i++) {
                if (isSelected(i) != (pass == 1)) continue;
                g.setLineWidth(i == hovered ? 3 : pass == 1 ? 2.4 : 1.2);
                g.setStroke(i == hovered ? Color.BLACK : pass == 1 ? flatColours[i].deriveColor(0, 1, 0.55, 1) : flatColours[i]);
                polyline(g, cam, flatPaths[i]);
            }
        }
        if (flatFieldLine != null) { // the field line through the observer, dashed, and each picked path's end
            g.setStroke(Color.gray(0.25));
            g.setLineWidth(1);
            g.setLineDashes(5, 3);
            polyline(g, cam, flatFieldLine);
            g.setLineDashes((double[]) null);
            for (int i = 0; i < flatPaths.length; i++) {
                float[] p = flatPaths[i];
                if (p.length < 3 || !cam.point(p, p.length / 3 - 1, xy)) continue;
                g.setFill(flatColours[i].darker());
                g.fillOval(xy[0] - 3, xy[1] - 3, 6, 6);
            }
        }
        // B0 axis, observer, scale bar, as in 3D
        double[] a = new double[2], b = new double[2];
        g.setStroke(Color.gray(0.35));
        g.setLineWidth(1.5);
        if (cam.scene(0, axisTop, 0, a) && cam.scene(0, axisBottom, 0, b)) g.strokeLine(a[0], a[1], b[0], b[1]);
        if (cam.scene(0, 0, 0, a)) {
            g.setFill(Color.BLACK);
            g.fillOval(a[0] - 3.5, a[1] - 3.5, 7, 7);
        }
        g.setStroke(Color.rgb(30, 30, 30));
        g.setLineWidth(2);
        if (cam.scene(barX, axisBottom, 0, a) && cam.scene(barX + flatBarRg * flatScale, axisBottom, 0, b)) g.strokeLine(a[0], a[1], b[0], b[1]);
    }

    /** A path of physics points {x0, y0, z0, x1, ..} as a line on the flat view, broken where it passes behind the camera. */
    private static void polyline(javafx.scene.canvas.GraphicsContext g, FlatCamera cam, float[] p) {
        double[] xy = new double[2];
        g.beginPath();
        boolean open = false;
        for (int j = 0; j < p.length / 3; j++) {
            boolean seen = cam.point(p, j, xy);
            if (seen && open) g.lineTo(xy[0], xy[1]);
            else if (seen) g.moveTo(xy[0], xy[1]);
            open = seen;
        }
        g.stroke();
    }

    /**
     * The camera as it is now: the scene's transforms, then the perspective projection onto the view;
     * the flat fallback draws through it, and in 3D it says where a point is drawn (picking).
     */
    private FlatCamera flatCamera() {
        double h = getHeight();
        return new FlatCamera(lift.createConcatenation(pan).createConcatenation(rx).createConcatenation(ry).createConcatenation(fit)
                .createConcatenation(centre),
                h / 2 / Math.tan(Math.toRadians(camera.getFieldOfView() / 2)), camera.getTranslateZ(), getWidth(), h, flatScale);
    }

    /** Projects onto the flat view: scene points, and physics points (x, y, z in r_g as drawn) at scale scene units per r_g. */
    private record FlatCamera(javafx.scene.transform.Transform t, double focal, double camZ, double w, double h, double scale) {
        /** Screen position of scene point (x, y, z); false when behind the camera. */
        boolean scene(double x, double y, double z, double[] out) {
            javafx.geometry.Point3D q = t.transform(x, y, z);
            double depth = q.getZ() - camZ;
            if (depth < 1) return false;
            out[0] = w / 2 + q.getX() * focal / depth;
            out[1] = h / 2 + q.getY() * focal / depth;
            return true;
        }

        /** Screen position of point j of a physics path: (x, y, z) is the scene's (x, -z, y). */
        boolean point(float[] p, int j, double[] out) {
            return scene(p[3 * j] * scale, -p[3 * j + 2] * scale, p[3 * j + 1] * scale, out);
        }
    }

    /** Every k-th point (and always the last) so that at most MAX_POINTS remain. */
    static float[] decimate(float[] p) {
        int n = p.length / 3;
        if (n <= MAX_POINTS) return p;
        int step = (n + MAX_POINTS - 2) / (MAX_POINTS - 1);
        int m = (n - 1) / step + 1 + ((n - 1) % step == 0 ? 0 : 1);
        float[] out = new float[3 * m];
        int j = 0;
        for (int i = 0; i < n; i += step) {
            System.arraycopy(p, 3 * i, out, 3 * j++, 3);
        }
        if (j < m) System.arraycopy(p, 3 * (n - 1), out, 3 * j, 3);
        return out;
    }

    private static double niceBelow(double v) {
        double m = Math.pow(10, Math.floor(Math.log10(v)));
        double f = v / m;
        return (f >= 5 ? 5 : f >= 2 ? 2 : 1) * m;
    }

    /**
     * A thin tube of three faces along the path (a triangular prism per segment): unlike a flat
     * ribbon it never vanishes when seen edge-on, and it is the cheapest mesh that does not. The
     * cross-section is set by the fixed vector (1, 1, 1), so it does not twist along the path.
     */
    private static MeshView ribbon(float[] p, double s, double width, Color c) {
        int n = p.length / 3;
        TriangleMesh mesh = new TriangleMesh();
        float[] pts = new float[n * 9];
        double r = width / 2;
        for (int i = 0; i < n; i++) {
            // physics (x, y, z) -> scene (x, -z, y): z up on screen
            double x = p[3 * i] * s, y = -p[3 * i + 2] * s, z = p[3 * i + 1] * s;
            int j = Math.min(n - 1, i + 1), k = Math.max(0, i - 1);
            double tx = (p[3 * j] - p[3 * k]) * s, ty = -(p[3 * j + 2] - p[3 * k + 2]) * s, tz = (p[3 * j + 1] - p[3 * k + 1]) * s;
            // a = t x (1,1,1) and b = t x a, normalised: two directions across the path
            double ax = ty - tz, ay = tz - tx, az = tx - ty, an = Math.sqrt(ax * ax + ay * ay + az * az);
            if (an < 1e-12) {
                ax = 1;
                ay = az = 0;
                an = 1;
                tx = 0;
                ty = 1;
                tz = 0;
            }
            ax /= an;
            ay /= an;
            az /= an;
            double bx = ty * az - tz * ay, by = tz * ax - tx * az, bz = tx * ay - ty * ax, bn = Math.sqrt(bx * bx + by * by + bz * bz);
            bx /= bn;
            by /= bn;
            bz /= bn;
            for (int e = 0; e < 3; e++) {
                double cs = Math.cos(2 * Math.PI * e / 3) * r, sn = Math.sin(2 * Math.PI * e / 3) * r;
                pts[9 * i + 3 * e] = (float) (x + ax * cs + bx * sn);
                pts[9 * i + 3 * e + 1] = (float) (y + ay * cs + by * sn);
                pts[9 * i + 3 * e + 2] = (float) (z + az * cs + bz * sn);
            }
        }
        mesh.getPoints().addAll(pts);
        mesh.getTexCoords().addAll(0, 0);
        int[] faces = new int[(n - 1) * 36];
        for (int i = 0; i < n - 1; i++) {
            for (int e = 0; e < 3; e++) { // the face between edges e and e + 1: two triangles
                int a = 3 * i + e, b = 3 * i + (e + 1) % 3, cc = a + 3, d = b + 3;
                int[] f = {a, 0, b, 0, cc, 0, b, 0, d, 0, cc, 0};
                System.arraycopy(f, 0, faces, 36 * i + 12 * e, 12);
            }
        }
        mesh.getFaces().addAll(faces);
        MeshView mv = new MeshView(mesh);
        mv.setCullFace(CullFace.NONE);
        mv.setDrawMode(DrawMode.FILL);
        mv.setMaterial(new PhongMaterial(c));
        return mv;
    }

    @Override
    public BufferedImage render(int w, int h, double scale) {
        SnapshotParameters sp = new SnapshotParameters();
        double fx = w / Math.max(1, getWidth()), fy = h / Math.max(1, getHeight());
        sp.setTransform(new Scale(fx, fy));
        sp.setFill(Color.WHITE);
        // the note on how the screen draws it is for the screen, not for a figure in a talk
        String onScreen = caption.getText();
        caption.setText(onScreen.replace(FLAT_NOTE, ""));
        try {
            return PlotView.toAwt(snapshot(sp, null));
        } finally {
            caption.setText(onScreen);
        }
    }

    /** Said on screen where JavaFX draws the scene flat; left out of exported figures. */
    static final String FLAT_NOTE = "; drawn flat: JavaFX has no 3D here";
}
