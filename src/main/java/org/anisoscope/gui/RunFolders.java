package org.anisoscope.gui;

import java.nio.file.Path;
import java.util.Locale;
import javafx.application.Platform;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.sky.Observation;
import org.anisoscope.run.LiveRun;
import org.anisoscope.run.RunFiles;

/**
 * File > Open a run and File > Save the run: a run's folder read into the window (its parameters
 * into the panel), and the window's run written as `simulate` writes one.
 */
final class RunFolders {
    private final LabWindow win;

    RunFolders(LabWindow win) {
        this.win = win;
    }

    /** Asks for a run's folder and opens it. */
    void askOpenRun() {
        askPath(null, "Open a run", "The folder simulate --out (or File > Save the run) wrote: summary.json, and the maps where they are kept",
                "folder", win.lastExportDir.resolve("anisoscope-run")).ifPresent(this::openRun);
    }

    /**
     * Opens a run's files in the window: its spectra, curves and realisation 1's maps at every
     * snapshot, and its parameters in the panel (so Run makes it again). Read on a background thread;
     * a folder that is not a run is refused in the status line and the window keeps what it shows.
     * A run in progress is not replaced; one made here and not saved only after asking.
     */
    void openRun(Path dir) {
        LiveRun live = win.runs.live();
        if (live != null && !live.finished()) {
            win.setStatus("a run is in progress: cancel it or let it finish before opening another", true);
            return;
        }
        if (live != null && live.saved() == null && !win.runSaved && live.outcome() != null && live.outcome().ensemble().completed() > 0
                && !win.confirmReplace.test("Opening " + dir + " replaces the run in the window and the panel's parameters. "
                        + "Cancel, and File > Save the run keeps it.")) {
            win.setStatus("nothing opened: the run in the window is kept", false);
            return;
        }
        win.setStatus("reading the run in " + dir + "…", false);
        Thread t = new Thread(() -> {
            RunFiles.Summary s;
            float[][] maps;
            LiveRun.Trajectories[] paths;
            org.anisoscope.analysis.Ensemble.Seen seen;
            int found = 0;
            try {
                s = RunFiles.readSummary(dir);
                paths = RunFiles.readTrajectories(s);
                seen = RunFiles.readSeen(s);
                maps = new float[s.times().length][];
                for (int k = 0; k < maps.length; k++) {
                    double[] m = RunFiles.readMap(s, k);
                    if (m == null) continue;
                    maps[k] = new float[m.length];
                    for (int i = 0; i < m.length; i++) maps[k][i] = (float) m[i];
                    found++;
                }
            } catch (java.io.IOException | RuntimeException e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                // killed before any file was written: only its checkpoint is there, and it can be continued
                Path target = org.anisoscope.run.FolderRun.resumeTarget(dir);
                Platform.runLater(() -> {
                    LiveRun now = win.runs.live(); // when the failure is said, not when the folder was asked for
                    if (target != null && !win.runs.resuming && (now == null || now.finished())) {
                        win.runs.resumable = target;
                        win.resumeItem.setDisable(false);
                        win.setStatus("cannot open the run: " + why + "; but " + target + " is an interrupted run with complete realisations kept: "
                                + "Run > Resume the opened partial run continues it", true);
                    } else {
                        win.setStatus("cannot open the run: " + why, true);
                    }
                });
                return;
            } catch (OutOfMemoryError e) {
                Platform.runLater(() -> win.setStatus("cannot open the run: its maps do not fit in the memory Java may use (-Xmx)", true));
                return;
            }
            RunFiles.Summary summary = s;
            float[][] m = maps;
            LiveRun.Trajectories[] tr = paths;
            int nmaps = found;
            org.anisoscope.analysis.Ensemble.Seen sn = seen;
            Platform.runLater(() -> installOpened(summary, m, tr, nmaps, sn));
        }, "anisoscope-open");
        t.setDaemon(true);
        t.start();
    }

    private void installOpened(RunFiles.Summary s, float[][] maps, LiveRun.Trajectories[] paths, int found, Ensemble.Seen seen) {
        LiveRun live = win.runs.live();
        if (live != null && !live.finished()) {
            win.setStatus("a run was started while " + s.dir() + " was read; it was not opened", true);
            return;
        }
        if (seen != null) {
            // the sky view takes the run's observatory, so that what is drawn and what Run makes again match the files
            Observation.Observatory o = seen.observatory();
            win.observatoryB0.setText(Fits.shortNumber(o.raDeg()) + "," + Fits.shortNumber(o.decDeg()));
            win.observatoryBand.setText(Fits.shortNumber(o.decLo()) + "," + Fits.shortNumber(o.decHi()));
            win.perDeclination.setSelected(o.perDeclination());
            win.observatory.setSelected(true);
        }
        win.runs.show(LiveRun.opened(s, maps, paths, seen));
        win.runs.resumable = s.partial() ? org.anisoscope.run.FolderRun.resumeTarget(s.dir()) : null;
        win.resumeItem.setDisable(win.runs.resumable == null || win.runs.resuming);
        win.endAnnounced = true; // the line below says it
        Path parent = s.dir().getParent();
        if (parent != null) win.lastExportDir = parent;
        boolean same = win.params.show(s.params(), s.rigidityVolts(), s.diffusion().kSource());
        int ns = s.times().length;
        win.setStatus(String.format(Locale.ROOT, "opened %s: %d snapshots, %d realisation%s%s, maps of realisation 1 at %d of them%s; made by anisoscope %s on %s, "
                        + "seed %d. %s", s.dir(), ns, s.realisations(), s.realisations() == 1 ? "" : "s", s.partial() ? " (partial)" : "", found,
                paths == null ? ", no trajectories" : "", s.version(),
                s.engine(), s.params().seed(), win.runs.resumable != null ? "Run > Resume the opened partial run continues it in its folder."
                        : same ? "The panel holds its parameters: Run makes it again."
                        : "The panel holds its parameters, but its snapshot times are not the panel's (log-spaced from 0.1): Run makes a run "
                        + "with the same fields at the panel's times; simulate with the same options makes it again exactly."), false);
    }

    /** Asks for a folder and saves the finished run there as `simulate` would have written it. */
    void askSaveRun() {
        LiveRun live = win.runs.live();
        if (live != null && live.saved() != null) {
            win.setStatus("this run was opened from " + live.saved().dir() + ": its files are there", false);
            return;
        }
        if (live == null || !live.finished() || live.outcome() == null || live.outcome().ensemble().completed() == 0) {
            win.setStatus("nothing to save yet: a run must have ended with at least one complete realisation", true);
            return;
        }
        askPath(null, "Save the run", "A folder for summary.json, cl_snapshot_KK.csv and map_snapshot_KK.fits, as simulate writes them\n"
                + "(fit --sim, figure --sim and animate --sim read it): a new or empty folder (one that holds anything is refused)", "folder",
                win.lastExportDir.resolve("anisoscope-run")).ifPresent(dir -> saveRun(dir, null));
    }

    /** Asks for a file or folder in a text dialog (owner may be null), prefilled with initial. */
    static java.util.Optional<Path> askPath(javafx.stage.Window owner, String title, String header, String label, Path initial) {
        javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog(initial.toString());
        d.setTitle(title);
        d.setHeaderText(header);
        d.setContentText(label);
        d.getEditor().setPrefColumnCount(32);
        if (owner != null) d.initOwner(owner);
        return d.showAndWait().map(text -> Path.of(text.trim()));
    }

    /** Saves the finished run into dir on a background thread; done (may be null) runs on the FX thread afterwards. */
    void saveRun(Path dir, Runnable done) {
        LiveRun r = win.runs.live();
        win.setStatus("saving the run to " + dir + "…", false);
        Background.inBackground("anisoscope-save", () -> {
            try (org.anisoscope.io.RunFolder folder = org.anisoscope.io.RunFolder.open(dir, "the folder", org.anisoscope.io.RunFolder.Mode.NEW)) {
                RunFiles.write(folder.work(), r.params(), r.outcome(), r.kSource(), r.engine().name(), Double.NaN, null);
                folder.commit(false);
            }
        }, failure -> {
            if (failure == null) {
                if (win.runs.live() == r) win.runSaved = true; // not if another run has taken its place meanwhile
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null) win.lastExportDir = parent;
                win.setStatus("saved the run to " + dir + ": summary.json, " + r.params().times().length
                        + " C_ℓ CSVs and FITS maps (fit, figure and animate read them)", false);
            } else {
                win.setStatus("saving the run failed: " + failure + " (the run in the window is unaffected)", true);
            }
            if (done != null) done.run();
        });
    }
}
