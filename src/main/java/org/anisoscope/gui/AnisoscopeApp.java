package org.anisoscope.gui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.anisoscope.Version;

/** The JavaFX application: one laboratory window; closing it stops a run cleanly. */
public final class AnisoscopeApp extends Application {
    @Override
    public void start(Stage stage) {
        LabWindow win = new LabWindow();
        // an unexpected failure in the window says so in its status line (one line on stderr too),
        // never as a stack trace in the user's face; the run and its snapshots are left alone
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            String m = "internal error (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); the run and its snapshots are unaffected";
            System.err.println("error: " + m);
            if (System.getenv("ANISOSCOPE_DEBUG") != null) e.printStackTrace();
            if (Platform.isFxApplicationThread()) win.setStatus(m, true);
            else Platform.runLater(() -> win.setStatus(m, true));
        });
        Scene scene = new Scene(win, 1400, 900);
        stage.setTitle("Anisoscope " + Version.get() + " — small-scale cosmic-ray anisotropies");
        stage.setScene(scene);
        stage.setOnHidden(e -> {
            win.shutdown();
            Platform.exit();
        });
        stage.show();
        Thread warm = new Thread(org.anisoscope.tracking.CpuBacktracker::warmUp, "anisoscope-warm-up");
        warm.setDaemon(true);
        warm.start();
        // gui --tour DIR [--nside N]: run, screenshot three times, measure, close
        var named = getParameters().getNamed();
        if (named.containsKey("observed")) win.fits.loadObserved(java.nio.file.Path.of(named.get("observed")));
        if (named.containsKey("open")) win.files.openRun(java.nio.file.Path.of(named.get("open")));
        if (named.containsKey("tour")) {
            if (named.containsKey("nside")) win.params.nside.setValue(Integer.parseInt(named.get("nside")));
            if (named.containsKey("realisations")) win.params.realisations.setText(named.get("realisations"));
            String d = named.get("tour");
            new Tour(win, scene, d.isEmpty() || d.equals("-") ? null : java.nio.file.Path.of(d), stage::hide).start();
        }
    }
}
