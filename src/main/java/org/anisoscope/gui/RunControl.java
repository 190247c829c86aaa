package org.anisoscope.gui;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import org.anisoscope.sky.Observation;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.run.ConvergenceCheck;
import org.anisoscope.run.Engines;
import org.anisoscope.run.LiveRun;
import org.anisoscope.run.SimulationRun;

/**
 * The window's run: Run, Pause, Cancel, Resume of an opened partial run, Copy as command, the Run
 * menu's measurement windows, and the buttons' state. The run itself is a {@link LiveRun} on its own thread.
 */
final class RunControl {
    private final LabWindow win;

    RunControl(LabWindow win) {
        this.win = win;
    }

    // ---- run control --------------------------------------------------------------------------

    /**
     * Puts the `simulate` command that makes the panel's run (the same fields, seeds and snapshot
     * times: the same particles and spectra) on the clipboard, and shows it in the status line.
     */
    String copyAsCommand() {
        String line;
        try {
            line = win.params.runSpec(win.sky.observer()).shellCommand("anisoscope-run");
        } catch (IllegalArgumentException e) {
            win.setStatus(e.getMessage(), true);
            return null;
        }
        javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
        c.putString(line);
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        win.setStatus("copied: " + line, false);
        return line;
    }

    /**
     * File > Export the run as a SLURM job: the panel's run as the {@code slurm} command writes it (a
     * job array of its shards and the merge job after it), for the user to submit on their cluster.
     */
    void askSlurmJob() {
        org.anisoscope.run.RunSpec spec;
        try {
            spec = win.params.runSpec(win.sky.observer());
            spec.parameters();
        } catch (IllegalArgumentException e) {
            win.setStatus(e.getMessage(), true);
            return;
        }
        javafx.scene.control.Dialog<javafx.scene.control.ButtonType> d = new javafx.scene.control.Dialog<>();
        d.setTitle("Export the run as a SLURM job (an array of shards, then their merge)");
        javafx.scene.control.TextField run = new javafx.scene.control.TextField(win.lastExportDir.resolve("anisoscope-run").toString()),
                shards = new javafx.scene.control.TextField(Integer.toString(Math.min(4, spec.realisations()))),
                partition = new javafx.scene.control.TextField(), time = new javafx.scene.control.TextField("04:00:00"),
                mem = new javafx.scene.control.TextField("8G"), cpus = new javafx.scene.control.TextField("16"),
                gpus = new javafx.scene.control.TextField("0");
        run.setPrefColumnCount(32);
        javafx.scene.layout.GridPane g = new javafx.scene.layout.GridPane();
        g.setHgap(6);
        g.setVgap(6);
        String[] labels = {"run folder (on the cluster's file system)", "shards (array tasks)", "partition (empty: the default)", "time per task",
                "memory per task", "CPUs per task", "GPUs per task"};
        javafx.scene.control.TextField[] fields = {run, shards, partition, time, mem, cpus, gpus};
        for (int i = 0; i < labels.length; i++) g.addRow(i, new javafx.scene.control.Label(labels[i]), fields[i]);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL);
        if (d.showAndWait().orElse(javafx.scene.control.ButtonType.CANCEL) != javafx.scene.control.ButtonType.OK) return;
        try {
            Path out = Path.of(run.getText().trim());
            int n = Integer.parseInt(shards.getText().trim());
            org.anisoscope.run.Shard.of(1, n, spec.realisations());
            int c = Integer.parseInt(cpus.getText().trim()), gp = Integer.parseInt(gpus.getText().trim());
            org.anisoscope.run.SlurmJob.Written w = slurmJob(spec, out, n, partition.getText(), time.getText(), mem.getText(), c, gp);
            win.lastExportDir = w.array().getParent().getParent();
            win.setStatus("wrote " + w.array() + " and " + w.merge() + "; submit them on the cluster: " + w.submitLine(), false);
        } catch (NumberFormatException e) {
            win.setStatus("shards, CPUs and GPUs per task must be whole numbers", true);
        } catch (java.io.IOException | IllegalArgumentException e) {
            win.setStatus("the SLURM job was not written: " + e.getMessage(), true);
        }
    }

    /** The panel's run as a SLURM job into out's folder (the scripts in OUT.slurm): the slurm command's scripts. */
    static org.anisoscope.run.SlurmJob.Written slurmJob(org.anisoscope.run.RunSpec spec, Path out, int shards, String partition, String time,
                                                        String mem, int cpus, int gpus) throws java.io.IOException {
        List<String> words = new java.util.ArrayList<>(spec.commandLine(out.toString()));
        words.remove(0); // "simulate"
        int at = words.indexOf("--out");
        words.remove(at + 1);
        words.remove(at);
        return new org.anisoscope.run.SlurmJob(shards, partition, time, mem, cpus, gpus).write(words, out, null, false);
    }

    void startRun() {
        if (live != null && !live.finished()) return;
        // a finished run made here and not saved goes only when the user agrees (a stray Enter on Run must not lose it)
        if (live != null && live.saved() == null && !win.runSaved && live.outcome() != null && live.outcome().ensemble().completed() > 0
                && !win.confirmReplace.test("Run replaces the finished run in the window, which is not saved. Cancel, and File > Save the run "
                        + "keeps it.")) {
            win.setStatus("not started: the run in the window is kept", false);
            return;
        }
        win.sky.clearPicks(); // the new run's particles are others
        win.picks.forget();
        SimulationParameters p;
        Engines.Choice choice;
        try {
            p = win.params.parameters();
            choice = win.engines.apply(win.params.engine.getValue());
        } catch (IllegalArgumentException e) {
            win.setStatus(e.getMessage(), true);
            return;
        }
        // with the sky view's observatory on, every realisation's sky is also seen through it (as simulate --observatory)
        Observation.Observatory seenBy = win.sky.observer();
        show(new LiveRun(p, choice.engine(), Runtime.getRuntime().availableProcessors(), SimulationRun.TRAJECTORY_SAMPLES, win.params.kSourceValue())
                .observedBy(seenBy));
        win.setStatus((choice.notice() == null ? "running on " + choice.engine().description() : choice.notice())
                + (seenBy == null ? "" : "; every sky also as seen in Dec " + seenBy.decLo() + " to " + seenBy.decHi()
                + (seenBy.perDeclination() ? ", declination means out" : "")), false);
        live.start();
        win.pause.setText("Pause");
        updateButtons();
    }

    /** Makes r the window's run: the views follow it from its first snapshot. */
    void show(LiveRun r) {
        live = r;
        resumable = null;
        win.resumeItem.setDisable(true);
        win.runSaved = false;
        win.endAnnounced = false;
        win.display.reset();
        win.follow.setSelected(true);
    }

    void togglePause() {
        if (live == null) return;
        if (live.state() == LiveRun.State.PAUSED) live.resume();
        else live.pause();
    }

    void cancelRun() {
        if (live != null) live.cancel();
        resumeCancel.set(true);
    }

    Path resumable;

    private final java.util.concurrent.atomic.AtomicBoolean resumeCancel = new java.util.concurrent.atomic.AtomicBoolean();

    volatile boolean resuming;

    /**
     * Continues the opened partial run in its own folder, as `simulate --resume DIR` does (the same
     * run layer: the checkpoint's realisations kept, the rest computed, the folder replaced whole at
     * the end), with progress in the status line and Cancel to stop it again (still resumable); then
     * opens the finished run.
     */
    void resumeOpened() {
        Path dir = resumable;
        if (dir == null || resuming) return;
        if (live != null && !live.finished()) {
            win.setStatus("a run is in progress: cancel it or let it finish before resuming another", true);
            return;
        }
        resuming = true;
        win.resumeItem.setDisable(true);
        resumeCancel.set(false);
        win.cancel.setDisable(false);
        win.setStatus("resuming " + dir + "…", false);
        int threads = Runtime.getRuntime().availableProcessors();
        Engines.Choice choice = win.engines.apply(win.params.engine.getValue());
        Background.inBackground("anisoscope-resume", () -> {
            try (org.anisoscope.run.FolderRun resumed = org.anisoscope.run.FolderRun.open(dir, "the run", org.anisoscope.io.RunFolder.Mode.RESUME, null)) {
                int n = resumed.spec().params().realisations();
                long[] last = {0};
                org.anisoscope.run.FolderRun.Written w = resumed.run(choice.engine(), threads, new org.anisoscope.run.SimulationRun.Listener() {
                    @Override
                    public void progress(double f, int r, double t) {
                        long now = System.nanoTime();
                        if (now - last[0] < 250_000_000L) return;
                        last[0] = now;
                        Platform.runLater(() -> win.setStatus(String.format(Locale.ROOT, "resuming %s: realisation %d of %d, %.0f %% (Cancel stops it; "
                                + "it can be resumed again)", dir, r + 1, n, 100 * f), false));
                    }
                }, resumeCancel::get);
                if (w.result() == null) throw new java.io.IOException("stopped before another realisation was complete; the run is as it was");
                if (w.keptAside()) throw new java.io.IOException("stopped: the partial run is kept in " + w.where());
            }
        }, failure -> {
            resuming = false;
            win.cancel.setDisable(live == null || live.finished());
            if (failure != null) {
                win.setStatus("the run was not resumed to its end: " + failure, true);
                win.resumeItem.setDisable(org.anisoscope.run.FolderRun.resumeTarget(dir) == null);
            } else {
                win.files.openRun(dir);
            }
        });
    }

    /**
     * Opens a convergence check of the panel's parameters in a window of its own (null, with the
     * reason in the status line, when the parameters cannot make one).
     */
    ConvergenceWindow checkConvergence(ConvergenceCheck.Setting setting) {
        ConvergenceWindow w;
        try {
            SimulationParameters p = win.params.parameters();
            Engines.Choice choice = win.engines.apply(win.params.engine.getValue());
            int threads = Runtime.getRuntime().availableProcessors();
            ConvergenceCheck check = new ConvergenceCheck(p, setting, choice.engine(), win.params.kSourceValue(), threads,
                    ConvergenceCheck.defaultMultipoles(p.lmax()), 0.05, 0.95);
            w = new ConvergenceWindow(win.getScene() == null ? null : win.getScene().getWindow(), check, choice.engine().name(), win.lastExportDir);
        } catch (IllegalArgumentException e) {
            win.setStatus("no convergence check: " + e.getMessage(), true);
            return null;
        }
        return open(w, "convergence check started in its own window (halving " + setting.label + ")");
    }

    /** The Run-menu windows still open: closing the main window cancels their work. */
    private final List<MeasurementWindow<?>> measurements = new java.util.ArrayList<>();

    /** Starts a Run-menu window and keeps it until it closes (closing it also cancels: its own handler). */
    private <W extends MeasurementWindow<?>> W open(W w, String statusText) {
        measurements.add(w);
        w.stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> measurements.remove(w));
        w.start();
        win.setStatus(statusText, false);
        return w;
    }

    /**
     * Opens `separation` for the panel's field (ρ, η, seed, dt, λ_min, its realisations, to T_max;
     * 64 directions and the command's angles and distances) in a window of its own (null, with the
     * reason in the status line, when the panel cannot make one).
     */
    SeparationWindow measureSeparation() {
        SeparationWindow w;
        try {
            SimulationParameters p = win.params.parameters();
            double tMax = p.times()[p.times().length - 1];
            SimulationParameters fields = new SimulationParameters(p.rho(), p.eta(), p.brmsMicroGauss(), p.outerScalePc(), 1, p.realisations(),
                    p.seed(), p.lambdaMinRg(), p.dt(), new double[] {tMax}, 0, SimulationParameters.defaultLmax(1), p.spectralIndex())
                    .withTurbulence(p.geometry(), p.modes());
            org.anisoscope.run.PairSeparationRun separation = new org.anisoscope.run.PairSeparationRun(fields, 64,
                    org.anisoscope.run.PairSeparationRun.DEFAULT_ANGLES, org.anisoscope.run.PairSeparationRun.DEFAULT_DISTANCES,
                    Runtime.getRuntime().availableProcessors());
            w = new SeparationWindow(win.getScene() == null ? null : win.getScene().getWindow(), separation, win.lastExportDir);
        } catch (IllegalArgumentException e) {
            win.setStatus("no separation measurement: " + e.getMessage(), true);
            return null;
        }
        return open(w, "time to part: measuring in its own window");
    }

    /** Stops any run (window closing): asks it to cancel and waits up to 3 s. */
    void shutdown() {
        for (MeasurementWindow<?> w : List.copyOf(measurements)) w.cancel();
        if (live != null && !live.finished()) {
            live.cancel();
            try {
                live.await(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private LiveRun live;

    LiveRun live() { return live; }

    void updateButtons() {
        boolean active = live != null && !live.finished();
        win.run.disableProperty().unbind();
        if (active) win.run.setDisable(true);
        else win.run.disableProperty().bind(win.params.validProperty().not());
        win.pause.setDisable(!active || live.state() == LiveRun.State.CANCELLING);
        win.cancel.setDisable(!active || live.state() == LiveRun.State.CANCELLING);
        win.pause.setText(live != null && live.state() == LiveRun.State.PAUSED ? "Resume" : "Pause");
    }
}
