package org.anisoscope.gui;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.anisoscope.analysis.PairSeparation;
import org.anisoscope.run.PairSeparationRun;

/**
 * The window's "time to part" (Run menu): `separation` for the panel's field, on a thread of its
 * own, in a window of its own with progress, Cancel, the table as the command prints it, the
 * figure, Save (the command's files) and a PNG export. Closing it cancels the measurement.
 */
final class SeparationWindow {
    final Stage stage = new Stage();
    final ProgressBar progress = new ProgressBar(0);
    final Label progressText = new Label("starting…"), status = new Label();
    final TextArea report = new TextArea();
    final Button cancel = new Button("Cancel"), save = new Button("Save…"), exportPng = new Button("Export figure (PNG)…"),
            close = new Button("Close");
    final ImageView figure = new ImageView();
    final TabPane tabs = new TabPane();
    private final PairSeparationRun run;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile PairSeparation.Result result;
    private volatile boolean finished;
    Path lastDir;

    SeparationWindow(Window owner, PairSeparationRun run, Path lastDir) {
        this.run = run;
        this.lastDir = lastDir;
        Label what = new Label(String.format(Locale.ROOT, "Pairs of particles leaving the observer at angles θ apart, through %d realisations of "
                        + "this field (%d directions each, Ω_rms T up to %.4g): how long until they are d r_g apart. Two directions share "
                        + "their past until then, so where t_sep grows like τ_L ln(1/θ) — chaotic orbits — the maps get an ℓ^−2 tail, "
                        + "C_ℓ ℓ² ≈ 4πK_zz g² τ_L (README: the simulated tail is 0.4–0.6 of it).", run.p().realisations(), run.directions(),
                run.p().times()[run.p().times().length - 1]));
        what.setWrapText(true);
        what.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        progress.setMaxWidth(Double.MAX_VALUE);
        report.setEditable(false);
        report.setStyle("-fx-font-family: monospace; -fx-font-size: 11px;");
        report.setPromptText("the table appears here when all realisations are done");
        StackPane figurePane = new StackPane(figure);
        figurePane.setMinSize(0, 0);
        figure.setPreserveRatio(true);
        figure.fitWidthProperty().bind(figurePane.widthProperty());
        figure.fitHeightProperty().bind(figurePane.heightProperty());
        tabs.getTabs().addAll(new Tab("figure", figurePane), new Tab("table", report));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        status.setWrapText(true);
        cancel.setOnAction(e -> cancel());
        save.setDisable(true);
        save.setOnAction(e -> LabWindow.askPath(stage, "Save the separation measurement", "A folder for separation.csv and separation.json as "
                + "the separation command writes them;\nfiles of the same name there are replaced", "folder", lastDir.resolve("anisoscope-separation"))
                .ifPresent(dir -> save(dir, null)));
        exportPng.setDisable(true);
        exportPng.setOnAction(e -> LabWindow.askPath(stage, "Export the separation figure", "A PNG file (1200 × 800 pixels at 150 dpi, with the "
                + "version and seed in its text chunks)", "file", lastDir.resolve("separation.png")).ifPresent(f -> exportPng(f, null)));
        close.setOnAction(e -> stage.close());
        VBox box = new VBox(8, what, progress, progressText, tabs, status, new HBox(6, cancel, save, exportPng, close));
        box.setPadding(new Insets(10));
        stage.setScene(new Scene(box, 1000, 680));
        stage.setTitle("Time for neighbouring directions to part");
        if (owner != null) stage.initOwner(owner);
        stage.setOnHidden(e -> cancel());
    }

    /** Shows the window and starts the measurement on its own thread. */
    void start() {
        stage.show();
        Thread t = new Thread(this::work, "anisoscope-separation");
        t.setDaemon(true);
        t.start();
    }

    private void work() {
        int n = run.p().realisations();
        PairSeparation.Result r = null;
        String error = null;
        try {
            r = run.run(k -> Platform.runLater(() -> {
                progress.setProgress((k + 1.0) / n);
                progressText.setText(String.format(Locale.ROOT, "realisation %d of %d done", k + 1, n));
            }), cancelled::get);
        } catch (CancellationException e) {
            r = null;
        } catch (RuntimeException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        PairSeparation.Result done = r;
        String failure = error;
        Platform.runLater(() -> finish(done, failure));
    }

    private void finish(PairSeparation.Result r, String failure) {
        result = r;
        finished = true;
        cancel.setDisable(true);
        if (failure != null) {
            progressText.setText("the measurement failed");
            setStatus(failure, true);
        } else if (r == null) {
            progressText.setText("cancelled: nothing measured");
        } else {
            progress.setProgress(1);
            progressText.setText("done");
            report.setText(String.join("\n", run.report(r)));
            figure.setImage(ConvergenceWindow.toFx(run.figure(r).render(960, 520, 1)));
            int last = r.distances().length > 1 ? 1 : 0; // 1 r_g with the default distances
            setStatus(String.format(Locale.ROOT, "τ_L = %.3g ± %.2g Ω_rms⁻¹ (to %s r_g apart): ℓ^−2 tail C_ℓ ℓ² ≈ %.3g with K_zz = %.3g r_g c of "
                    + "the reference particles", r.efold()[last], r.efoldErr()[last], org.anisoscope.plot.Ticks.significant(r.distances()[last], 3),
                    r.tailClL2(last, r.kzz(), run.p().rho()), r.kzz()), false);
            save.setDisable(false);
            exportPng.setDisable(false);
        }
    }

    void cancel() {
        cancelled.set(true);
    }

    boolean finished() { return finished; }

    PairSeparation.Result result() { return result; }

    /** Writes the files into dir off the FX thread; done (may be null) runs on the FX thread afterwards. */
    void save(Path dir, Runnable done) {
        PairSeparation.Result r = result;
        setStatus("saving to " + dir + "…", false);
        LabWindow.inBackground("anisoscope-save-separation", () -> run.write(dir, r), failure -> {
            if (failure == null) {
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null) lastDir = parent;
                setStatus("saved to " + dir + ": separation.csv, separation.json", false);
            } else {
                setStatus("saving failed: " + failure + " (the measurement in this window is unaffected)", true);
            }
            if (done != null) done.run();
        });
    }

    /** Writes the figure as a PNG off the FX thread; done (may be null) runs on the FX thread afterwards. */
    void exportPng(Path file, Runnable done) {
        PairSeparation.Result r = result;
        setStatus("writing " + file + "…", false);
        LabWindow.inBackground("anisoscope-separation-png", () -> org.anisoscope.io.Figures.writePng(file, run.figure(r).render(1200, 800, 150 / 96.0),
                150, "anisoscope " + org.anisoscope.Version.get(), "separation, seed " + run.p().seed() + ", " + run.p()), failure -> {
            setStatus(failure == null ? "wrote " + file : "writing the figure failed: " + failure + " (the measurement in this window is unaffected)",
                    failure != null);
            if (done != null) done.run();
        });
    }

    private void setStatus(String text, boolean error) {
        status.setText(text);
        status.setTextFill(error ? Color.rgb(190, 0, 0) : Color.rgb(40, 40, 40));
    }
}
