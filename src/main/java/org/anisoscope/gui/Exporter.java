package org.anisoscope.gui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.FileChooser;
import org.anisoscope.Version;
import org.anisoscope.io.Animations;
import org.anisoscope.io.VectorFigures;
import java.util.Locale;

/**
 * Figure and data export, from the menu or a view's right-click menu. Files are written
 * atomically; a failed write says why in the status line and in a message box, and leaves any
 * earlier file and everything in the window as it was.
 */
final class Exporter {
    private Exporter() {}

    static final int MAX_PIXELS = 12000;

    /** A file's extension, lower case ("" without one). */
    static String extension(Path file) {
        String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1);
    }

    /** The format a file is written in, by its extension, among those given; a clear refusal otherwise. */
    static String format(Path file, String what, String... formats) {
        String ext = extension(file);
        if (List.of(formats).contains(ext)) return ext;
        String allowed = "." + String.join(", .", formats);
        throw new IllegalArgumentException((ext.isEmpty() ? "the file name " + file.getFileName() + " has no extension"
                : "." + ext + " is not a format the window writes " + what + " in") + ": end it in " + allowed);
    }

    /**
     * Writes the view as a figure of w x h pixels at dpi, in the format the file's extension names:
     * PNG (dots per inch recorded in the file), PDF (a page of w x h pixels at dpi, fonts embedded)
     * or SVG; in PDF and SVG the view's lines and text stay vector ({@link ExportableView#vector}).
     */
    static void figure(ExportableView v, Path file, int w, int h, int dpi, String provenance) throws IOException {
        format(file, "figures", "png", "pdf", "svg");
        if (w < 50 || h < 50 || w > MAX_PIXELS || h > MAX_PIXELS)
            throw new IllegalArgumentException("the figure must be 50 to " + MAX_PIXELS + " pixels wide and high; got " + w + " x " + h);
        if (dpi < 30 || dpi > 2400) throw new IllegalArgumentException("DPI must be between 30 and 2400; got " + dpi);
        double scale = dpi / 96.0;
        String software = "anisoscope " + Version.get();
        VectorFigures.Meta meta = new VectorFigures.Meta("Anisoscope: " + v.name(), software, provenance);
        VectorFigures.write(file, w, h, dpi, g -> v.paint(g, w, h, scale), () -> v.render(w, h, scale), meta);
    }

    static void askFigure(LabWindow win, ExportableView v) {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Export " + v.name() + " as a figure (PNG, PDF or SVG)");
        Size size = v instanceof javafx.scene.layout.Region r ? new Size(r.getWidth(), r.getHeight()) : win.viewsSize();
        String stem = v instanceof CompositeView ? CompositeView.STEM : v.name();
        TextField path = new TextField(win.lastExportDir.resolve("anisoscope-" + stem + "." + win.lastFigureFormat).toString());
        path.setPrefColumnCount(32);
        TextField w = new TextField(Integer.toString((int) Math.max(400, size.w * 2))), h = new TextField(Integer.toString((int) Math.max(250, size.h * 2)));
        TextField dpi = new TextField("192");
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setInitialFileName(Path.of(path.getText()).getFileName().toString());
            fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PNG image", "*.png"),
                    new FileChooser.ExtensionFilter("PDF (vector)", "*.pdf"), new FileChooser.ExtensionFilter("SVG (vector)", "*.svg"));
            java.io.File f = fc.showSaveDialog(win.getScene().getWindow());
            if (f != null) path.setText(f.getPath());
        });
        GridPane g = grid();
        g.addRow(0, new Label("file (.png, .pdf, .svg)"), path, browse);
        g.addRow(1, new Label("width (px)"), w);
        g.addRow(2, new Label("height (px)"), h);
        g.addRow(3, new Label("DPI"), dpi);
        if (!v.vector()) g.addRow(4, new Label(""), new Label("the 3D view goes into a PDF or SVG as its picture"));
        if (!confirmed(d, g)) return;
        try {
            Path file = Path.of(path.getText().trim());
            figure(v, file, Integer.parseInt(w.getText().trim()), Integer.parseInt(h.getText().trim()), Integer.parseInt(dpi.getText().trim()),
                    win.display.provenance());
            remember(win, file);
            win.lastFigureFormat = extension(file);
            win.setStatus("wrote " + file, false);
        } catch (NumberFormatException e) {
            fail(win, "width, height and DPI must be whole numbers");
        } catch (IOException | IllegalArgumentException e) {
            fail(win, e.getMessage());
        }
    }

    /** The most pixels an animation holds in memory (all frames together, 4 bytes each). */
    static final long MAX_ANIMATION_PIXELS = 60_000_000L;

    /**
     * Writes the view at every snapshot as an animated GIF of w x h pixel frames. The frames are
     * drawn on the FX thread, one per display pulse (so the window stays live and the status line
     * counts them; the scrubber is held meanwhile), then quantised and written on a background
     * thread, which reports in the status line. {@code done} (may be null) runs on the FX thread
     * after success or failure.
     */
    static void animation(LabWindow win, ExportableView v, Path file, int w, int h, int delayMs, int holdMs, Runnable done) {
        format(file, "animations", "gif", "mp4");
        if (w < 50 || h < 50 || w > 4000 || h > 4000)
            throw new IllegalArgumentException("animation frames must be 50 to 4000 pixels wide and high; got " + w + " x " + h);
        Animations.checkDelays(delayMs, holdMs);
        int n = win.live() == null ? 0 : win.live().framesAvailable();
        if (n == 0) throw new IllegalArgumentException("there are no snapshots to animate yet: press Run");
        if ((long) n * w * h > MAX_ANIMATION_PIXELS)
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%d frames of %d x %d pixels are too many to hold (%.0f Mpx; at most %d): make the frames smaller",
                    n, w, h, (double) n * w * h / 1e6, MAX_ANIMATION_PIXELS / 1_000_000));
        // fonts and lines scaled as the on-screen view's to this size
        double onScreen = v instanceof javafx.scene.layout.Region r && r.getWidth() > 0 ? r.getWidth() : w;
        double scale = Math.max(0.5, Math.min(4, w / onScreen));
        List<BufferedImage> frames = new java.util.ArrayList<>();
        win.display.holdScrubber(true);
        new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                try {
                    if (frames.size() < n) {
                        frames.add(win.display.renderFrame(v, frames.size(), w, h, scale));
                        win.setStatus("drawing " + file.getFileName() + ": frame " + frames.size() + " of " + n + "…", false);
                        return;
                    }
                } catch (RuntimeException e) {
                    stop();
                    win.display.showFrame(true);
                    win.display.holdScrubber(false);
                    fail(win, "drawing the frames failed: " + e.getMessage());
                    if (done != null) done.run();
                    return;
                }
                stop();
                win.display.showFrame(true); // back to the scrubber's snapshot
                win.display.holdScrubber(false);
                write(win, file, frames, delayMs, holdMs, done);
            }
        }.start();
    }

    private static void write(LabWindow win, Path file, List<BufferedImage> frames, int delayMs, int holdMs, Runnable done) {
        String provenance = win.display.provenance() + "; all " + frames.size() + " snapshots";
        win.setStatus("writing " + file + " (" + frames.size() + " frames)…", false);
        boolean mp4 = extension(file).equals("mp4");
        Background.inBackground("animation-export", () -> {
            if (mp4) Animations.writeMp4(file, Animations.of(frames), delayMs, holdMs, provenance);
            else Animations.writeGif(file, Animations.of(frames), delayMs, holdMs, provenance);
        }, failure -> {
            if (failure == null) {
                remember(win, file);
                win.setStatus("wrote " + file + " (" + frames.size() + " frames)", false);
            } else {
                fail(win, failure);
            }
            if (done != null) done.run();
        });
    }

    static void askAnimation(LabWindow win, ExportableView v) {
        if (win.live() == null || win.live().framesAvailable() == 0) {
            win.setStatus("nothing to animate yet: press Run, then export the snapshots as an animation", true);
            return;
        }
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Export " + v.name() + " as an animation, GIF or MP4 (one frame per snapshot)");
        Size size = v instanceof javafx.scene.layout.Region r ? new Size(r.getWidth(), r.getHeight()) : win.viewsSize();
        String stem = v instanceof CompositeView ? CompositeView.STEM : v.name();
        TextField path = new TextField(win.lastExportDir.resolve("anisoscope-" + stem + ".mp4").toString());
        path.setPrefColumnCount(32);
        TextField w = new TextField(Integer.toString((int) Math.max(400, Math.round(size.w * 1.5)))),
                h = new TextField(Integer.toString((int) Math.max(250, Math.round(size.h * 1.5))));
        TextField delay = new TextField("400"), hold = new TextField("2000");
        GridPane g = grid();
        g.addRow(0, new Label("file (.mp4, .gif)"), path);
        g.addRow(1, new Label("width (px)"), w);
        g.addRow(2, new Label("height (px)"), h);
        g.addRow(3, new Label("ms per frame"), delay);
        g.addRow(4, new Label("ms on the last frame"), hold);
        if (!confirmed(d, g)) return;
        try {
            animation(win, v, Path.of(path.getText().trim()), Integer.parseInt(w.getText().trim()), Integer.parseInt(h.getText().trim()),
                    Integer.parseInt(delay.getText().trim()), Integer.parseInt(hold.getText().trim()), null);
        } catch (NumberFormatException e) {
            fail(win, "width, height and frame times must be whole numbers");
        } catch (IllegalArgumentException e) {
            fail(win, e.getMessage());
        }
    }

    static void askData(LabWindow win, ExportableView v) {
        List<ExportableView.DataFile> files = v.data();
        if (files.isEmpty()) {
            win.setStatus("nothing to export from the " + v.name() + " view yet", true);
            return;
        }
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Export the data of the " + v.name() + " view");
        ChoiceBox<String> which = new ChoiceBox<>();
        for (ExportableView.DataFile f : files) which.getItems().add(f.description());
        which.getSelectionModel().select(0);
        TextField path = new TextField(win.lastExportDir.resolve(files.get(0).fileName()).toString());
        path.setPrefColumnCount(32);
        which.getSelectionModel().selectedIndexProperty().addListener((o, a, b) ->
                path.setText(win.lastExportDir.resolve(files.get(b.intValue()).fileName()).toString()));
        GridPane g = grid();
        g.addRow(0, new Label("what"), which);
        g.addRow(1, new Label("file"), path);
        if (!confirmed(d, g)) return;
        try {
            Path file = Path.of(path.getText().trim());
            files.get(Math.max(0, which.getSelectionModel().getSelectedIndex())).writer().write(file);
            remember(win, file);
            win.setStatus("wrote " + file, false);
        } catch (IOException | IllegalArgumentException e) {
            fail(win, e.getMessage());
        }
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(6);
        g.setVgap(6);
        return g;
    }

    /** Shows the dialog with this content; true when the user pressed OK. */
    private static boolean confirmed(Dialog<ButtonType> d, GridPane content) {
        d.getDialogPane().setContent(content);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Optional<ButtonType> r = d.showAndWait();
        return r.isPresent() && r.get() == ButtonType.OK;
    }

    private static void remember(LabWindow win, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && Files.isDirectory(dir)) win.lastExportDir = dir;
    }

    private static void fail(LabWindow win, String message) {
        String m = "export failed: " + message + " (nothing was overwritten)";
        win.setStatus(m, true);
        Alert a = new Alert(Alert.AlertType.ERROR, m, ButtonType.OK);
        a.setHeaderText(null);
        a.show();
    }

    record Size(double w, double h) {}
}
