package org.anisoscope.gui;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.anisoscope.plot.LinePlot;

/**
 * A Run-menu measurement in a window of its own (the convergence check, the time to part): the
 * work on its own thread with progress and Cancel, then its report as the command prints it, its
 * figure, Save (the command's files) and a PNG export. Closing the window cancels the work.
 * Subclasses say what is measured and how it reads.
 *
 * @param <R> the measurement's result
 */
abstract class MeasurementWindow<R> {
    final Stage stage = new Stage();
    final ProgressBar progress = new ProgressBar(0);
    final Label progressText = new Label("starting…"), status = new Label();
    final TextArea report = new TextArea();
    final Button cancel = new Button("Cancel"), save = new Button("Save…"), exportButton = new Button("Export figure (PNG, PDF, SVG)…"),
            close = new Button("Close");
    final ImageView figure = new ImageView();
    final TabPane tabs = new TabPane();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Texts texts;
    private volatile R result;
    private volatile boolean finished;
    Path lastDir;

    /**
     * What a subclass tells the frame: its wording and its files. noun: what the work is called in
     * a sentence ("check"); cancelled: the progress line after a cancel; saveTitle, exportTitle: the
     * dialogs' titles; saveFolder, pngName: what they offer in the last folder used.
     */
    record Texts(String title, String what, String reportPrompt, boolean figureFirst, String noun, String cancelled, String saveTitle,
                 String saveHeader, String saveFolder, String exportTitle, String pngName) {}

    MeasurementWindow(Window owner, Texts t, Path lastDir) {
        this.texts = t;
        this.lastDir = lastDir;
        Label what = new Label(t.what());
        what.setWrapText(true);
        what.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        progress.setMaxWidth(Double.MAX_VALUE);
        report.setEditable(false);
        report.setStyle("-fx-font-family: monospace; -fx-font-size: 11px;");
        report.setPromptText(t.reportPrompt());
        StackPane figurePane = new StackPane(figure);
        figurePane.setMinSize(0, 0);
        figure.setPreserveRatio(true);
        figure.fitWidthProperty().bind(figurePane.widthProperty());
        figure.fitHeightProperty().bind(figurePane.heightProperty());
        Tab table = new Tab("table", report), plot = new Tab("figure", figurePane);
        tabs.getTabs().addAll(t.figureFirst() ? List.of(plot, table) : List.of(table, plot));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        status.setWrapText(true);
        cancel.setOnAction(e -> cancel());
        save.setDisable(true);
        save.setOnAction(e -> RunFolders.askPath(stage, t.saveTitle(), t.saveHeader(), "folder", this.lastDir.resolve(t.saveFolder()))
                .ifPresent(dir -> save(dir, null)));
        exportButton.setDisable(true);
        exportButton.setOnAction(e -> RunFolders.askPath(stage, t.exportTitle(), "A figure file, .png, .pdf or .svg (1200 × 800 "
                + "pixels at 150 dpi, with the version and seed in its metadata)", "file", this.lastDir.resolve(t.pngName())).ifPresent(f -> exportFigure(f, null)));
        close.setOnAction(e -> stage.close());
        VBox box = new VBox(8, what, progress, progressText, tabs, status, new HBox(6, cancel, save, exportButton, close));
        box.setPadding(new Insets(10));
        stage.setScene(new Scene(box, 1060, 680));
        stage.setTitle(t.title());
        if (owner != null) stage.initOwner(owner);
        stage.setOnHidden(e -> cancel());
    }

    /** The work, on its own thread: null when cancelled (or a CancellationException). */
    abstract R measure(BooleanSupplier cancelled);

    abstract List<String> reportLines(R r);

    abstract LinePlot figureOf(R r);

    /** Shows what the result says in the status line. */
    abstract void showVerdict(R r);

    abstract void write(Path dir, R r) throws java.io.IOException;

    /** What the status line says after a save into dir. */
    abstract String saved(Path dir);

    /** One line of provenance for the PNG's text chunks (seed, parameters). */
    abstract String provenance();

    /** Shows the window and starts the work on its own thread. */
    void start() {
        stage.show();
        Thread t = new Thread(this::work, "anisoscope-" + texts.noun());
        t.setDaemon(true);
        t.start();
    }

    /** Progress from the work's thread: the bar and its line. */
    void showProgress(double fraction, String text) {
        Platform.runLater(() -> {
            progress.setProgress(fraction);
            progressText.setText(text);
        });
    }

    private void work() {
        String error = null;
        R r = null;
        try {
            r = measure(cancelled::get);
        } catch (CancellationException e) {
            r = null;
        } catch (RuntimeException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        R done = r;
        String failure = error;
        Platform.runLater(() -> finish(done, failure));
    }

    private void finish(R r, String failure) {
        result = r;
        finished = true;
        cancel.setDisable(true);
        if (failure != null) {
            progressText.setText("the " + texts.noun() + " failed");
            setStatus(failure, true);
        } else if (r == null) {
            progressText.setText(texts.cancelled());
        } else {
            progress.setProgress(1);
            progressText.setText("done");
            report.setText(String.join("\n", reportLines(r)));
            figure.setImage(toFx(figureOf(r).render(1000, 500, 1)));
            showVerdict(r);
            save.setDisable(false);
            exportButton.setDisable(false);
        }
    }

    void cancel() {
        cancelled.set(true);
    }

    boolean finished() { return finished; }

    R result() { return result; }

    /** Writes the files into dir off the FX thread; done (may be null) runs on the FX thread afterwards. */
    void save(Path dir, Runnable done) {
        R r = result;
        setStatus("saving to " + dir + "…", false);
        Background.inBackground("anisoscope-save", () -> write(dir, r), failure -> {
            if (failure == null) {
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null) lastDir = parent;
                setStatus(saved(dir), false);
            } else {
                setStatus("saving failed: " + failure + " (the " + texts.noun() + " in this window is unaffected)", true);
            }
            if (done != null) done.run();
        });
    }

    /**
     * Writes the figure off the FX thread, 1200 x 800 pixels at 150 dpi, as the file's extension says
     * (PNG, or PDF and SVG in vector); done (may be null) runs on the FX thread afterwards.
     */
    void exportFigure(Path file, Runnable done) {
        R r = result;
        try {
            Exporter.format(file, "figures", "png", "pdf", "svg");
        } catch (IllegalArgumentException e) {
            setStatus(e.getMessage(), true);
            if (done != null) done.run();
            return;
        }
        setStatus("writing " + file + "…", false);
        LinePlot plot = figureOf(r);
        String software = "anisoscope " + org.anisoscope.Version.get(), provenance = provenance();
        var meta = new org.anisoscope.io.VectorFigures.Meta(org.anisoscope.plot.Typeset.plain(plot.title()), software, provenance);
        Background.inBackground("anisoscope-figure", () -> org.anisoscope.io.VectorFigures.write(file, 1200, 800, 150,
                g -> plot.paint(g, 1200, 800, 150 / 96.0), () -> plot.render(1200, 800, 150 / 96.0), meta), failure -> {
            setStatus(failure == null ? "wrote " + file : "writing the figure failed: " + failure + " (the " + texts.noun() + " in this window is unaffected)",
                    failure != null);
            if (done != null) done.run();
        });
    }

    /** An AWT image as a JavaFX one (javafx.swing is not among the modules we ship). */
    static javafx.scene.image.Image toFx(java.awt.image.BufferedImage img) {
        javafx.scene.image.WritableImage fx = new javafx.scene.image.WritableImage(img.getWidth(), img.getHeight());
        int[] argb = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        fx.getPixelWriter().setPixels(0, 0, img.getWidth(), img.getHeight(), javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0,
                img.getWidth());
        return fx;
    }

    void setStatus(String text, boolean error) {
        status.setText(text);
        status.setTextFill(error ? Color.rgb(190, 0, 0) : Color.rgb(40, 40, 40));
    }
}
