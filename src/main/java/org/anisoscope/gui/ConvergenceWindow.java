package org.anisoscope.gui;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.anisoscope.analysis.Convergence;
import org.anisoscope.run.ConvergenceCheck;

/**
 * The window's convergence check (Run menu): the panel's run and the same seeds with dt or λ_min
 * halved, on a thread of its own, in a window of its own with progress, Cancel, the report as
 * `converge` prints it, and Save (the same files as `converge`). Closing it cancels the check.
 */
final class ConvergenceWindow {
    final Stage stage = new Stage();
    final ProgressBar progress = new ProgressBar(0);
    final Label progressText = new Label("starting…"), status = new Label();
    final TextArea report = new TextArea();
    final Button cancel = new Button("Cancel"), save = new Button("Save…"), exportPng = new Button("Export figure (PNG)…"),
            close = new Button("Close");
    final javafx.scene.image.ImageView figure = new javafx.scene.image.ImageView();
    final javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane();
    private final ConvergenceCheck check;
    private final String engineName;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile Convergence.Result result;
    private volatile boolean finished;
    private long lastUpdate;
    Path lastDir;

    ConvergenceWindow(Window owner, ConvergenceCheck check, String engineName, Path lastDir) {
        this.check = check;
        this.engineName = engineName;
        this.lastDir = lastDir;
        Label what = new Label(String.format(Locale.ROOT, "Halving %s: this run (%s) and the same %d realisations with %s, compared snapshot by "
                        + "snapshot in K_zz(T), C_ℓ and the total power. A difference is converged when it is bounded below 5 %% of the halved "
                        + "run's value (for C_ℓ its C_ℓ^sub) at 95 %% confidence; C_ℓ dominated by shot noise are not judged.",
                check.setting() == ConvergenceCheck.Setting.DT ? "dt" : "λ_min", check.value(check.base()), check.base().realisations(),
                check.value(check.halved())).replace("Omega_rms", "Ω_rms"));
        what.setWrapText(true);
        what.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        progress.setMaxWidth(Double.MAX_VALUE);
        report.setEditable(false);
        report.setStyle("-fx-font-family: monospace; -fx-font-size: 11px;");
        report.setPromptText("the report appears here when both runs are done");
        javafx.scene.layout.StackPane figurePane = new javafx.scene.layout.StackPane(figure);
        figurePane.setMinSize(0, 0);
        figure.setPreserveRatio(true);
        figure.fitWidthProperty().bind(figurePane.widthProperty());
        figure.fitHeightProperty().bind(figurePane.heightProperty());
        javafx.scene.control.Tab table = new javafx.scene.control.Tab("table", report), plot = new javafx.scene.control.Tab("figure", figurePane);
        tabs.getTabs().addAll(table, plot);
        tabs.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        status.setWrapText(true);
        cancel.setOnAction(e -> cancel());
        save.setDisable(true);
        save.setOnAction(e -> askSave());
        exportPng.setDisable(true);
        exportPng.setOnAction(e -> LabWindow.askPath(stage, "Export the convergence figure", "A PNG file (1200 × 800 pixels at 150 dpi, with the "
                + "version and seed in its text chunks)", "file", lastDir.resolve("convergence.png")).ifPresent(f -> exportPng(f, null)));
        close.setOnAction(e -> stage.close());
        HBox buttons = new HBox(6, cancel, save, exportPng, close);
        VBox box = new VBox(8, what, progress, progressText, tabs, status, buttons);
        box.setPadding(new Insets(10));
        stage.setScene(new Scene(box, 1060, 680));
        stage.setTitle("Convergence check: halve " + (check.setting() == ConvergenceCheck.Setting.DT ? "dt" : "λ_min"));
        if (owner != null) stage.initOwner(owner);
        stage.setOnHidden(e -> cancel());
    }

    /** Shows the window and starts the check on its own thread. */
    void start() {
        stage.show();
        Thread t = new Thread(this::work, "anisoscope-convergence");
        t.setDaemon(true);
        t.start();
    }

    private void work() {
        String error = null;
        Convergence.Result r = null;
        try {
            r = check.run((f, label, real, time) -> {
                long now = System.nanoTime();
                if (now - lastUpdate < 100_000_000L) return; // ten updates a second are plenty
                lastUpdate = now;
                String text = String.format(Locale.ROOT, "%s run: realisation %d of %d, Ω_rms T = %.4g", label, real + 1, check.base().realisations(), time);
                Platform.runLater(() -> {
                    progress.setProgress(f);
                    progressText.setText(text);
                });
            }, cancelled::get);
        } catch (RuntimeException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        Convergence.Result done = r;
        String failure = error;
        Platform.runLater(() -> finish(done, failure));
    }

    private void finish(Convergence.Result r, String failure) {
        result = r;
        finished = true;
        cancel.setDisable(true);
        if (failure != null) {
            progressText.setText("the check failed");
            setStatus(failure, true);
        } else if (r == null) {
            progressText.setText("cancelled: nothing to compare");
        } else {
            progress.setProgress(1);
            progressText.setText("done");
            report.setText(String.join("\n", check.report(r)));
            figure.setImage(toFx(check.figure(r).render(1000, 500, 1)));
            setStatus(check.verdict(r), r.overall() == Convergence.Verdict.NOT_CONVERGED);
            save.setDisable(false);
            exportPng.setDisable(false);
        }
    }

    void cancel() {
        cancelled.set(true);
    }

    boolean finished() { return finished; }

    Convergence.Result result() { return result; }

    private void askSave() {
        LabWindow.askPath(stage, "Save the convergence check", "A folder for convergence.csv, convergence.json and both runs (base/, halved/) "
                + "as converge writes them;\nfiles of the same name there are replaced", "folder", lastDir.resolve("anisoscope-convergence"))
                .ifPresent(dir -> save(dir, null));
    }

    /** Writes the check's files into dir off the FX thread; done (may be null) runs on the FX thread afterwards. */
    void save(Path dir, Runnable done) {
        Convergence.Result r = result;
        setStatus("saving to " + dir + "…", false);
        LabWindow.inBackground("anisoscope-save-convergence", () -> check.write(dir, r, engineName, null), failure -> {
            if (failure == null) {
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null) lastDir = parent;
                setStatus("saved to " + dir + ": convergence.csv, convergence.json, base/ and halved/", false);
            } else {
                setStatus("saving failed: " + failure + " (the check in this window is unaffected)", true);
            }
            if (done != null) done.run();
        });
    }

    /** Writes the figure as a PNG off the FX thread; done (may be null) runs on the FX thread afterwards. */
    void exportPng(Path file, Runnable done) {
        Convergence.Result r = result;
        setStatus("writing " + file + "…", false);
        LabWindow.inBackground("anisoscope-convergence-png", () -> org.anisoscope.io.Figures.writePng(file, check.figure(r).render(1200, 800, 150 / 96.0),
                150, "anisoscope " + org.anisoscope.Version.get(), "convergence check, seed " + check.base().seed() + ", " + check.base()), failure -> {
            setStatus(failure == null ? "wrote " + file : "writing the figure failed: " + failure + " (the check in this window is unaffected)",
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

    private void setStatus(String text, boolean error) {
        status.setText(text);
        status.setTextFill(error ? Color.rgb(190, 0, 0) : Color.rgb(40, 40, 40));
    }
}
