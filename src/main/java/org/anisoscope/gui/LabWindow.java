package org.anisoscope.gui;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.anisoscope.Version;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.analysis.FitJackknife;
import org.anisoscope.analysis.PowerLaw;
import org.anisoscope.mixing.Prediction;
import org.anisoscope.mixing.Predictor;
import org.anisoscope.mixing.SpectrumFit;
import org.anisoscope.sky.MaskCoupling;
import org.anisoscope.sky.Observation;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.run.ConvergenceCheck;
import org.anisoscope.run.Engines;
import org.anisoscope.run.LiveRun;
import org.anisoscope.run.RunFiles;
import org.anisoscope.run.SimulationRun;

/**
 * The laboratory window: parameters and run control on the left, the four views in the middle,
 * the time scrubber below. A thin layer over {@link LiveRun} (the same run API as the CLI) and
 * {@link Predictor}: the run works on its own thread, and an animation timer looks at it once per
 * display frame, redrawing only when something changed, so snapshots reach the views at the
 * display's pace whatever the run's pace, and the FX thread never waits for the run.
 */
final class LabWindow extends BorderPane {
    static final String THEORY_TO_C1 = "theory normalised to C_1^sub", THEORY_ABSOLUTE = "theory absolute",
            THEORY_COS_ALPHA = "theory absolute × 1/⟨cos α⟩² (Sec. 3.3)";

    final ParameterPanel params;
    final SkyMapView sky = new SkyMapView();
    final TrajectoryView trajectories = new TrajectoryView();
    final SpectrumView spectrum = new SpectrumView();
    final EvolutionView evolution = new EvolutionView();
    final Button run = new Button("Run"), pause = new Button("Pause"), cancel = new Button("Cancel");
    final ProgressBar progress = new ProgressBar(0);
    final Label progressText = new Label(), status = new Label();
    final Slider scrubber = new Slider(0, 0, 0);
    final Label scrubText = new Label("no snapshots yet");
    final CheckBox follow = new CheckBox("follow the run");
    final ChoiceBox<String> mapSource = new ChoiceBox<>();
    final TextField fwhm = new TextField("0");
    final CheckBox removeDipole = new CheckBox("remove monopole + dipole");
    final ChoiceBox<String> normalise = new ChoiceBox<>();
    final CheckBox observatory = new CheckBox("observatory: B0 to RA,Dec");
    final TextField observatoryB0 = new TextField("229.7,23.3"), observatoryBand = new TextField("-90,90");
    final CheckBox perDeclination = new CheckBox("Dec means out");

    /** The live prediction and the fits each work on a thread of their own, off the FX thread. */
    private final ExecutorService predictor = daemonThread("anisoscope-prediction"), fitter = daemonThread("anisoscope-fit");
    private final AtomicLong predictionGeneration = new AtomicLong();
    private final AnimationTimer timer;
    private final FrameTimes frameTimes = new FrameTimes();
    private LiveRun live;
    private long seenVersion = -1;
    private int shownIndex = -1;
    private LiveRun.Frame shownFrame;
    private LiveRun.Frame[] evolutionFrames = new LiveRun.Frame[0];
    private volatile Prediction lastPrediction;
    /** How the engine named in the panel is found (tests substitute their own). */
    java.util.function.Function<String, Engines.Choice> engines = name -> Engines.choose(name, Runtime.getRuntime().availableProcessors());

    LabWindow() {
        params = new ParameterPanel(engineFound());
        setTop(menus());
        setLeft(leftColumn());
        setCenter(views());
        setBottom(scrubberBar());
        params.onPredictionInputs(this::schedulePrediction);
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                tick();
            }
        };
        timer.start();
        schedulePrediction();
    }

    private static ExecutorService daemonThread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    static String engineFound() {
        return Engines.found(Runtime.getRuntime().availableProcessors()) + ". auto takes CUDA where it is found, else the CPU";
    }

    // ---- layout -------------------------------------------------------------------------------

    private MenuBar menus() {
        Menu file = new Menu("File");
        Menu png = new Menu("Export figure (PNG)");
        Menu gif = new Menu("Export animation (GIF)");
        Menu data = new Menu("Export data");
        for (ExportableView v : exportable()) {
            MenuItem p = new MenuItem(v.name() + "…");
            p.setOnAction(e -> Exporter.askPng(this, v));
            png.getItems().add(p);
            MenuItem a = new MenuItem(v.name() + "…");
            a.setOnAction(e -> Exporter.askAnimation(this, v));
            gif.getItems().add(a);
            MenuItem d = new MenuItem(v.name() + "…");
            d.setOnAction(e -> Exporter.askData(this, v));
            data.getItems().add(d);
        }
        MenuItem open = new MenuItem("Open a run (a folder simulate or Save wrote)…");
        open.setOnAction(e -> askOpenRun());
        MenuItem save = new MenuItem("Save the run (summary.json, C_ℓ CSVs, FITS maps)…");
        save.setOnAction(e -> askSaveRun());
        MenuItem quit = new MenuItem("Quit");
        quit.setOnAction(e -> getScene().getWindow().hide());
        file.getItems().addAll(open, png, gif, data, save, quit);
        Menu runMenu = new Menu("Run");
        MenuItem halveDt = new MenuItem("Check convergence: halve dt…"), halveLambda = new MenuItem("Check convergence: halve λ_min…");
        halveDt.setOnAction(e -> checkConvergence(ConvergenceCheck.Setting.DT));
        halveLambda.setOnAction(e -> checkConvergence(ConvergenceCheck.Setting.LAMBDA_MIN));
        MenuItem separation = new MenuItem("Time for neighbouring directions to part…");
        separation.setOnAction(e -> measureSeparation());
        resumeItem.setDisable(true);
        resumeItem.setOnAction(e -> resumeOpened());
        MenuItem copyCommand = new MenuItem("Copy as command (the simulate line that makes this run)");
        copyCommand.setOnAction(e -> copyAsCommand());
        runMenu.getItems().addAll(copyCommand, resumeItem, halveDt, halveLambda, separation);
        Menu help = new Menu("Help");
        MenuItem about = new MenuItem("About");
        about.setOnAction(e -> setStatus("Anisoscope " + Version.get() + ": Kuhlen, Phan & Mertsch, small-scale anisotropies; "
                + "see README.md for the conventions", false));
        help.getItems().add(about);
        return new MenuBar(file, runMenu, help);
    }

    List<ExportableView> exportable() {
        return List.of(sky, trajectories, spectrum, evolution);
    }

    private Node leftColumn() {
        run.setDefaultButton(true);
        run.disableProperty().bind(params.validProperty().not());
        run.setOnAction(e -> startRun());
        pause.setDisable(true);
        pause.setOnAction(e -> togglePause());
        cancel.setDisable(true);
        cancel.setOnAction(e -> cancelRun());
        HBox buttons = new HBox(6, run, pause, cancel);
        progress.setMaxWidth(Double.MAX_VALUE);
        progressText.setWrapText(true);
        progressText.setStyle("-fx-font-size: 11px;");
        status.setWrapText(true);
        status.setMaxWidth(260);
        status.setStyle("-fx-font-size: 11px;");
        VBox box = new VBox(8, params, buttons, progress, progressText, status);
        box.setPadding(new Insets(8));
        box.setPrefWidth(320);
        ScrollPane sp = new ScrollPane(box);
        sp.setFitToWidth(true);
        sp.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        return sp;
    }

    /**
     * Passes the observatory settings to the sky view (or the simulation's frame when unticked); a
     * field that does not parse is marked and said in the status line, and the view keeps its frame.
     */
    void applyObserver() {
        if (!observatory.isSelected()) {
            observatoryB0.setStyle("");
            observatoryBand.setStyle("");
            sky.setObserver(null);
            scheduleSeen();
            return;
        }
        double[] b0 = pair(observatoryB0, "B0's direction must be RA,Dec in degrees with -90 <= Dec <= 90, e.g. 229.7,23.3", -90, 90, false);
        double[] band = pair(observatoryBand, "the declination band must be MIN,MAX in degrees with -90 <= MIN < MAX <= 90, e.g. -90,-25", -90, 90, true);
        if (b0 == null || band == null) return;
        sky.setObserver(new Observation.Observatory(b0[0], b0[1], band[0], band[1], perDeclination.isSelected()));
        scheduleSeen();
    }

    /** Two numbers "a,b" from f, the second (and with ordered, the first below it) in lo..hi; null, marked and said, otherwise. */
    private double[] pair(TextField f, String rule, double lo, double hi, boolean ordered) {
        String[] parts = f.getText().split(",");
        try {
            if (parts.length != 2) throw new NumberFormatException();
            double a = Double.parseDouble(parts[0].trim()), b = Double.parseDouble(parts[1].trim());
            boolean ok = Double.isFinite(a) && b >= lo && b <= hi && (!ordered || (a >= lo && a < b));
            if (ok) {
                f.setStyle("");
                return new double[] {a, b};
            }
        } catch (NumberFormatException e) {
            // said below
        }
        f.setStyle("-fx-border-color: #c00000;");
        setStatus(rule, true);
        return null;
    }

    private Node views() {
        mapSource.getItems().addAll("realisation 1", "latest realisation", "ensemble mean");
        mapSource.setValue("latest realisation");
        mapSource.valueProperty().addListener(o -> showFrame(true));
        fwhm.setPrefColumnCount(4);
        fwhm.textProperty().addListener(o -> {
            try {
                double v = Double.parseDouble(fwhm.getText().trim());
                if (v < 0 || v > 180) throw new NumberFormatException();
                fwhm.setStyle("");
                sky.setSmoothing(v);
            } catch (NumberFormatException ex) {
                fwhm.setStyle("-fx-border-color: #c00000;");
                setStatus("smoothing FWHM must be a number of degrees from 0 to 180", true);
            }
        });
        removeDipole.selectedProperty().addListener((o, a, b) -> sky.setRemoveDipole(b));
        HBox skyBar = new HBox(6, new Label("map:"), mapSource, new Label("FWHM (deg):"), fwhm, removeDipole);
        // the sky as an observatory sees it (as `observe`): default B0 toward the IBEX ribbon's centre, ecliptic (219.2°, 39.9°)
        for (javafx.beans.Observable o : new javafx.beans.Observable[] {observatory.selectedProperty(), observatoryB0.textProperty(),
                observatoryBand.textProperty(), perDeclination.selectedProperty()}) o.addListener(x -> applyObserver());
        observatoryB0.setPrefColumnCount(7);
        observatoryBand.setPrefColumnCount(6);
        for (TextField f : new TextField[] {observatoryB0, observatoryBand}) f.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        observatory.setTooltip(new javafx.scene.control.Tooltip("the sky in equatorial coordinates as an observatory sees it, as the observe command "
                + "makes it"));
        perDeclination.setTooltip(new javafx.scene.control.Tooltip("each declination band's mean taken out, as ground-based relative-intensity maps "
                + "(IceCube, HAWC) are made: no m = 0 modes in equatorial coordinates"));
        observatoryB0.setTooltip(new javafx.scene.control.Tooltip("where B0 points, RA,Dec in degrees; 229.7,23.3 is the IBEX ribbon's centre"));
        observatoryBand.setTooltip(new javafx.scene.control.Tooltip("the declinations seen, MIN,MAX in degrees: IceCube's maps -90,-25, HAWC's -20,60"));
        HBox observatoryBar = new HBox(6, observatory, observatoryB0, new Label("Dec"), observatoryBand, perDeclination);
        normalise.getItems().addAll(THEORY_TO_C1, THEORY_ABSOLUTE, THEORY_COS_ALPHA);
        normalise.setValue(THEORY_TO_C1);
        normalise.valueProperty().addListener((o, a, b) -> spectrum.setNormalisation(b.equals(THEORY_TO_C1) ? SpectrumView.Normalisation.TO_C1
                : b.equals(THEORY_ABSOLUTE) ? SpectrumView.Normalisation.ABSOLUTE : SpectrumView.Normalisation.COS_ALPHA));
        MenuButton observedMenu = new MenuButton("observed C_ℓ");
        MenuItem load = new MenuItem("Load a spectrum (CSV l,C_l,sigma_l)…"), clear = new MenuItem("Remove it");
        load.setOnAction(e -> askObserved());
        clear.setOnAction(e -> {
            spectrum.setObserved(null, null);
            setStatus("observed spectrum removed", false);
        });
        observedMenu.getItems().addAll(load, clear);
        observedMenu.setOnShowing(e -> clear.setDisable(spectrum.observed() == null));
        MenuButton fitMenu = new MenuButton("fit Ω0ΔT");
        MenuItem fitSim = new MenuItem("to the simulated C_ℓ^sub at this time"), fitObs = new MenuItem("to the observed spectrum");
        fitSim.setOnAction(e -> fitOmegaDt(false));
        fitObs.setOnAction(e -> fitOmegaDt(true));
        fitMenu.getItems().addAll(fitSim, fitObs);
        fitMenu.setOnShowing(e -> {
            fitSim.setDisable(shownFrame == null || shownFrame.realisations() < 1);
            fitObs.setDisable(spectrum.observed() == null);
        });
        HBox specBar = new HBox(6, normalise, observedMenu, fitMenu);
        for (HBox b : new HBox[] {skyBar, observatoryBar, specBar}) {
            b.setPadding(new Insets(2, 4, 2, 4));
            b.setStyle("-fx-font-size: 11px;");
        }
        VBox skyBox = new VBox(skyBar, observatoryBar, sky), specBox = new VBox(specBar, spectrum);
        VBox.setVgrow(sky, Priority.ALWAYS);
        VBox.setVgrow(spectrum, Priority.ALWAYS);
        for (ExportableView v : exportable()) contextMenu((Node) v, v);
        SplitPane topRow = new SplitPane(skyBox, trajectories), bottomRow = new SplitPane(specBox, evolution);
        SplitPane all = new SplitPane(topRow, bottomRow);
        all.setOrientation(Orientation.VERTICAL);
        return all;
    }

    private void contextMenu(Node n, ExportableView v) {
        MenuItem png = new MenuItem("Export figure (PNG)…"), gif = new MenuItem("Export animation (GIF)…"), data = new MenuItem("Export data…");
        png.setOnAction(e -> Exporter.askPng(this, v));
        gif.setOnAction(e -> Exporter.askAnimation(this, v));
        data.setOnAction(e -> Exporter.askData(this, v));
        ContextMenu cm = new ContextMenu(png, gif, data);
        // a right click (some platforms send no context-menu event for it), or the keyboard's menu key
        n.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == javafx.scene.input.MouseButton.SECONDARY) cm.show(n, e.getScreenX(), e.getScreenY());
        });
        n.setOnContextMenuRequested(e -> {
            if (e.isKeyboardTrigger()) cm.show(n, e.getScreenX(), e.getScreenY());
        });
    }

    private Node scrubberBar() {
        scrubber.setMajorTickUnit(1);
        scrubber.setMinorTickCount(0);
        scrubber.setSnapToTicks(true);
        scrubber.setBlockIncrement(1);
        scrubber.setDisable(true);
        HBox.setHgrow(scrubber, Priority.ALWAYS);
        follow.setSelected(true);
        scrubber.valueProperty().addListener((o, a, b) -> {
            int k = (int) Math.round(b.doubleValue());
            if (k != shownIndex) {
                if (scrubber.isValueChanging() || scrubber.isFocused()) follow.setSelected(k == (int) scrubber.getMax());
                showFrame(false);
            }
        });
        scrubText.setMinWidth(330);
        HBox bar = new HBox(8, new Label("backtracking time:"), scrubber, scrubText, follow);
        bar.setPadding(new Insets(4, 8, 4, 8));
        return bar;
    }

    // ---- run control --------------------------------------------------------------------------

    /**
     * Puts the `simulate` command that makes the panel's run (the same fields, seeds and snapshot
     * times: the same particles and spectra) on the clipboard, and shows it in the status line.
     */
    String copyAsCommand() {
        String line;
        try {
            line = params.runSpec(sky.observer()).shellCommand("anisoscope-run");
        } catch (IllegalArgumentException e) {
            setStatus(e.getMessage(), true);
            return null;
        }
        javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
        c.putString(line);
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        setStatus("copied: " + line, false);
        return line;
    }

    void startRun() {
        if (live != null && !live.finished()) return;
        SimulationParameters p;
        Engines.Choice choice;
        try {
            p = params.parameters();
            choice = engines.apply(params.engine.getValue());
        } catch (IllegalArgumentException e) {
            setStatus(e.getMessage(), true);
            return;
        }
        // with the sky view's observatory on, every realisation's sky is also seen through it (as simulate --observatory)
        Observation.Observatory seenBy = sky.observer();
        show(new LiveRun(p, choice.engine(), Runtime.getRuntime().availableProcessors(), SimulationRun.TRAJECTORY_SAMPLES, params.kSourceValue())
                .observedBy(seenBy));
        setStatus((choice.notice() == null ? "running on " + choice.engine().description() : choice.notice())
                + (seenBy == null ? "" : "; every sky also as seen in Dec " + seenBy.decLo() + " to " + seenBy.decHi()
                + (seenBy.perDeclination() ? ", declination means out" : "")), false);
        live.start();
        pause.setText("Pause");
        updateButtons();
    }

    /** Makes r the window's run: the views follow it from its first snapshot. */
    private void show(LiveRun r) {
        live = r;
        resumable = null;
        resumeItem.setDisable(true);
        runSaved = false;
        endAnnounced = false;
        seenVersion = -1;
        shownIndex = -1;
        shownFrame = null;
        evolutionFrames = new LiveRun.Frame[0];
        follow.setSelected(true);
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

    /** Run > Resume: enabled while the opened run is a partial one with a checkpoint (simulate stopped or killed). */
    final MenuItem resumeItem = new MenuItem("Resume the opened partial run");
    private Path resumable;
    private final java.util.concurrent.atomic.AtomicBoolean resumeCancel = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean resuming;

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
            setStatus("a run is in progress: cancel it or let it finish before resuming another", true);
            return;
        }
        resuming = true;
        resumeItem.setDisable(true);
        resumeCancel.set(false);
        cancel.setDisable(false);
        setStatus("resuming " + dir + "…", false);
        int threads = Runtime.getRuntime().availableProcessors();
        Engines.Choice choice = engines.apply(params.engine.getValue());
        inBackground("anisoscope-resume", () -> {
            try (org.anisoscope.run.FolderRun run = org.anisoscope.run.FolderRun.open(dir, "the run", org.anisoscope.io.RunFolder.Mode.RESUME, null)) {
                int n = run.spec().params().realisations();
                long[] last = {0};
                org.anisoscope.run.FolderRun.Written w = run.run(choice.engine(), threads, new org.anisoscope.run.SimulationRun.Listener() {
                    @Override
                    public void progress(double f, int r, double t) {
                        long now = System.nanoTime();
                        if (now - last[0] < 250_000_000L) return;
                        last[0] = now;
                        Platform.runLater(() -> setStatus(String.format(Locale.ROOT, "resuming %s: realisation %d of %d, %.0f %% (Cancel stops it; "
                                + "it can be resumed again)", dir, r + 1, n, 100 * f), false));
                    }
                }, resumeCancel::get);
                if (w.result() == null) throw new java.io.IOException("stopped before another realisation was complete; the run is as it was");
                if (w.keptAside()) throw new java.io.IOException("stopped: the partial run is kept in " + w.where());
            }
        }, failure -> {
            resuming = false;
            cancel.setDisable(live == null || live.finished());
            if (failure != null) {
                setStatus("the run was not resumed to its end: " + failure, true);
                resumeItem.setDisable(org.anisoscope.run.FolderRun.resumeTarget(dir) == null);
            } else {
                openRun(dir);
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
            SimulationParameters p = params.parameters();
            Engines.Choice choice = engines.apply(params.engine.getValue());
            int threads = Runtime.getRuntime().availableProcessors();
            ConvergenceCheck check = new ConvergenceCheck(p, setting, choice.engine(), params.kSourceValue(), threads,
                    ConvergenceCheck.defaultMultipoles(p.lmax()), 0.05, 0.95);
            w = new ConvergenceWindow(getScene() == null ? null : getScene().getWindow(), check, choice.engine().name(), lastExportDir);
        } catch (IllegalArgumentException e) {
            setStatus("no convergence check: " + e.getMessage(), true);
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
        setStatus(statusText, false);
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
            SimulationParameters p = params.parameters();
            double tMax = p.times()[p.times().length - 1];
            SimulationParameters fields = new SimulationParameters(p.rho(), p.eta(), p.brmsMicroGauss(), p.outerScalePc(), 1, p.realisations(),
                    p.seed(), p.lambdaMinRg(), p.dt(), new double[] {tMax});
            org.anisoscope.run.PairSeparationRun run = new org.anisoscope.run.PairSeparationRun(fields, 64,
                    org.anisoscope.run.PairSeparationRun.DEFAULT_ANGLES, org.anisoscope.run.PairSeparationRun.DEFAULT_DISTANCES,
                    Runtime.getRuntime().availableProcessors());
            w = new SeparationWindow(getScene() == null ? null : getScene().getWindow(), run, lastExportDir);
        } catch (IllegalArgumentException e) {
            setStatus("no separation measurement: " + e.getMessage(), true);
            return null;
        }
        return open(w, "time to part: measuring in its own window");
    }

    /** Stops any run (window closing): asks it to cancel and waits up to 3 s. */
    void shutdown() {
        for (MeasurementWindow<?> w : List.copyOf(measurements)) w.cancel();
        timer.stop();
        predictor.shutdownNow();
        fitter.shutdownNow();
        if (live != null && !live.finished()) {
            live.cancel();
            try {
                live.await(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    LiveRun live() { return live; }

    private void updateButtons() {
        boolean active = live != null && !live.finished();
        run.disableProperty().unbind();
        if (active) run.setDisable(true);
        else run.disableProperty().bind(params.validProperty().not());
        pause.setDisable(!active || live.state() == LiveRun.State.CANCELLING);
        cancel.setDisable(!active || live.state() == LiveRun.State.CANCELLING);
        pause.setText(live != null && live.state() == LiveRun.State.PAUSED ? "Resume" : "Pause");
    }

    // ---- the display loop ---------------------------------------------------------------------

    private void tick() {
        if (live == null) return;
        long v = live.version();
        if (v == seenVersion) return;
        long t0 = System.nanoTime();
        seenVersion = v;
        updateButtons();
        LiveRun.Progress pr = live.progress();
        progress.setProgress(pr.fraction());
        SimulationParameters p = live.params();
        double tau = p.tauSQlt();
        progressText.setText(String.format(Locale.ROOT, "%s — realisation %d/%d, Ω_rms T = %.4g (%.2f QLT τ_s, %.3g yr)%s",
                live.state().name().toLowerCase(Locale.ROOT), pr.realisation() + 1, p.realisations(), pr.time(), pr.time() / tau,
                pr.time() * p.yearsPerTimeUnit(), Double.isFinite(pr.etaSeconds()) && !live.finished()
                        ? String.format(Locale.ROOT, ", %.0f s left", pr.etaSeconds()) : ""));
        if (live.finished() && !endAnnounced) {
            setStatus(live.message(), live.state() == LiveRun.State.FAILED);
            endAnnounced = true;
        }
        int n = live.framesAvailable();
        if (n > 0) {
            if (scrubberHolds == 0) scrubber.setDisable(false);
            scrubber.setMax(n - 1);
            if (follow.isSelected()) scrubber.setValue(n - 1);
            LiveRun.Frame[] fs = new LiveRun.Frame[n];
            boolean changed = fs.length != evolutionFrames.length;
            for (int k = 0; k < n; k++) {
                fs[k] = live.frame(k);
                changed |= k < evolutionFrames.length && fs[k] != evolutionFrames[k];
            }
            if (changed) {
                evolutionFrames = fs;
                evolution.setFrames(fs, tau, p.yearsPerTimeUnit(), p.gradientX() == 0 ? Double.NaN : p.driftCoefficient());
            }
        }
        showFrame(false);
        frameTimes.add(System.nanoTime() - t0);
    }

    /** Moves every view to the scrubber's snapshot (force: redraw even when it did not change). */
    void showFrame(boolean force) {
        if (live == null) return;
        int n = live.framesAvailable();
        if (n == 0) return;
        showFrame(Math.max(0, Math.min(n - 1, (int) Math.round(scrubber.getValue()))), force);
    }

    private int scrubberHolds;

    /** Holds the scrubber still (disabled) while an animation is drawn; holds nest. */
    void holdScrubber(boolean hold) {
        scrubberHolds = Math.max(0, scrubberHolds + (hold ? 1 : -1));
        scrubber.setDisable(scrubberHolds > 0 || live == null || live.framesAvailable() == 0);
    }

    /**
     * The view drawn at snapshot k, w x h pixels, for an animation: the snapshot is shown (all
     * views move, as with the scrubber) and the view rendered off-screen. The caller shows the
     * scrubber's snapshot again when done ({@link #showFrame(boolean)}).
     */
    java.awt.image.BufferedImage renderFrame(ExportableView v, int k, int w, int h, double scale) {
        showFrame(k, true);
        return v.render(w, h, scale);
    }

    private void showFrame(int k, boolean force) {
        LiveRun.Frame f = live.frame(k);
        if (!force && k == shownIndex && f == shownFrame) return;
        shownIndex = k;
        shownFrame = f;
        SimulationParameters p = live.params();
        double tau = p.tauSQlt();
        scrubText.setText(String.format(Locale.ROOT, "snapshot %d/%d: Ω_rms T = %.4g = %.2f QLT τ_s = %.3g yr", k + 1,
                p.times().length, f.time(), f.time() / tau, f.time() * p.yearsPerTimeUnit()));
        evolution.setCursor(f.time());
        String src = mapSource.getValue();
        float[] map;
        double[] local = null;
        String title;
        switch (src) {
            case "realisation 1" -> {
                map = f.mapFirst();
                title = "realisation 1";
                local = f.localFieldFirst();
            }
            case "ensemble mean" -> {
                map = f.mapMean();
                title = f.realisations() > 0 ? "mean of " + f.realisations() + " realisations" : "realisation in progress";
            }
            default -> {
                map = f.mapLatest();
                title = "realisation " + (f.latestRealisation() + 1);
                local = f.localFieldLatest();
            }
        }
        RunFiles.Summary saved = live.saved();
        String noMap = null, noPaths = null;
        if (saved != null) {
            noMap = src.equals("ensemble mean") ? "a run's files keep realisation 1's maps only: choose 'realisation 1'"
                    : RunFiles.mapFile(saved.dir(), k).getFileName() + " is not in the run's folder: the spectra and curves come from summary.json";
            noPaths = "no trajectories.csv in the run's folder: Run makes the run again with the same seeds, and with them";
        }
        sky.setKeywords(keywords(f));
        sky.setMap(map, String.format(Locale.ROOT, "%s, Ω_rms T = %.4g (%.2f QLT τ_s)", title, f.time(), f.time() / tau), local, noMap);
        spectrum.setGradientFactor(p.predictionFactor());
        Ensemble.Seen seen = live.seen();
        spectrum.setSeenSimulation(seen == null ? null : seen.clSub()[k], seen == null ? null : seen.clSubErr()[k],
                seen == null ? "" : String.format(Locale.ROOT, "Dec %.3g° to %.3g°%s, B0 at Dec %.3g°", seen.observatory().decLo(),
                        seen.observatory().decHi(), seen.observatory().perDeclination() ? ", means out" : "", seen.observatory().decDeg()));
        spectrum.setFrame(f);
        trajectories.setTrajectories(f.trajectories(), p.nside(), p.rgPc(), f.time(), noPaths);
    }

    private Map<String, String> keywords(LiveRun.Frame f) {
        Map<String, String> kw = new LinkedHashMap<>();
        SimulationParameters p = live.params();
        kw.put("VERSION", Version.get());
        kw.put("SEED", Long.toString(p.seed()));
        kw.put("RHO", Double.toString(p.rho()));
        kw.put("ETA", Double.toString(p.eta()));
        kw.put("TIME", Double.toString(f.time()));
        kw.put("KZZ", Double.toString(f.kzz()));
        kw.put("GRADANG", Double.toString(p.gradientAngleDeg()));
        kw.put("CREATOR", "anisoscope GUI, map: " + mapSource.getValue());
        return kw;
    }

    /** Text for figure metadata: version, parameters and seed, so a figure can be made again. */
    String provenance() {
        StringBuilder sb = new StringBuilder("anisoscope " + Version.get());
        if (live != null) {
            SimulationParameters p = live.params();
            sb.append(String.format(Locale.ROOT, "; rho=%s eta=%s nside=%d realisations=%d seed=%d dt=%s lambda_min=r_g/%s",
                    p.rho(), p.eta(), p.nside(), p.realisations(), p.seed(), p.dt(), p.lambdaMinRg()));
            if (p.gradientAngleDeg() != 0) sb.append(String.format(Locale.ROOT, " gradient_angle=%s deg", p.gradientAngleDeg()));
            if (shownFrame != null) sb.append(String.format(Locale.ROOT, "; Omega_rms T=%s", shownFrame.time()));
            if (live.saved() != null) sb.append("; opened from ").append(live.saved().dir()).append(", ").append(live.saved().provenance());
        }
        return sb.toString();
    }

    // ---- live prediction ----------------------------------------------------------------------

    void schedulePrediction() {
        if (!params.predictionValidProperty().get()) {
            spectrum.setPrediction(null, "");
            return;
        }
        double rho = params.rho(), eta = params.etaValue(), odt = params.omegaDtValue();
        long gen = predictionGeneration.incrementAndGet();
        predictor.submit(() -> {
            if (gen != predictionGeneration.get()) return; // a newer request is queued
            try {
                Prediction p = Predictor.predict(rho, eta, Predictor.DEFAULT_LMAX, odt, 1);
                Platform.runLater(() -> {
                    if (gen != predictionGeneration.get()) return;
                    lastPrediction = p;
                    scheduleSeen();
                    spectrum.setPrediction(p.cl(), String.format(Locale.ROOT, "theory: Ω0ΔT = %.3g (%s), ℓmax = %d (drawn to %d), ρ = %.3g, η = %.2g",
                            p.omegaDt(), Double.isNaN(odt) ? "Eq. 51" : "set", Predictor.DEFAULT_LMAX, Predictor.shownLmax(Predictor.DEFAULT_LMAX), rho, eta));
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> setStatus("the analytic curve failed: " + e.getMessage(), true));
            }
        });
    }

    Prediction lastPrediction() { return lastPrediction; }

    /** The band's coupling last made (one band at a time: the fields change it rarely, the prediction often). */
    private volatile MaskCoupling seenCoupling;

    /**
     * ⟨cos²⟩ of the realisations' dipoles to B0 for folding the prediction's dipole through the
     * cut: the local mean field's (SlabField), with the panel's λ_min (simulate's 150 if it does not parse).
     */
    double dipoleCos2(double rho, double eta) {
        double lm = 150;
        try {
            double v = Double.parseDouble(params.lambdaMin.getText().trim());
            if (v > 0 && Double.isFinite(v)) lm = v;
        } catch (NumberFormatException e) {
            // the panel marks the field; the curve uses the default meanwhile
        }
        return Ensemble.expectedMeanCosSq(rho, eta, lm);
    }

    private MaskCoupling seenCoupling(Observation.Observatory o, int lmax) {
        MaskCoupling mc = seenCoupling;
        double zLo = Math.sin(Math.toRadians(o.decLo())), zHi = Math.sin(Math.toRadians(o.decHi()));
        if (mc == null || mc.zLo() != zLo || mc.zHi() != zHi || mc.declinationMeansOut() != o.perDeclination() || mc.lmax() != lmax) {
            mc = MaskCoupling.ofDeclinations(o.decLo(), o.decHi(), o.perDeclination(), lmax, 1);
            seenCoupling = mc;
        }
        return mc;
    }

    /**
     * The analytic curve as the observatory in the sky view would measure it, on the prediction's
     * thread (the coupling takes ~0.1 s at lmax 100, then is kept for the band): none when the
     * observatory is off or its fields do not parse.
     */
    void scheduleSeen() {
        Observation.Observatory o = sky.observer();
        Prediction p = lastPrediction;
        if (o == null || p == null) {
            spectrum.setSeenPrediction(null, null);
            return;
        }
        long gen = predictionGeneration.get();
        double cos2 = dipoleCos2(p.rho(), p.eta()); // reads the panel: on the FX thread
        predictor.submit(() -> {
            try {
                MaskCoupling mc = seenCoupling(o, p.lmax());
                double[] cl = mc.expectedSeenReliable(p.cl(), o.decDeg(), cos2);
                String name = String.format(Locale.ROOT, "Dec %.3g° to %.3g°%s", o.decLo(), o.decHi(),
                        o.perDeclination() ? ", means out" : "");
                Platform.runLater(() -> {
                    if (gen != predictionGeneration.get() || lastPrediction != p || !o.equals(sky.observer())) return; // superseded
                    spectrum.setSeenPrediction(cl, name);
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> setStatus("the analytic curve as seen failed: " + e.getMessage(), true));
            }
        });
    }

    // ---- saving and opening a run ----------------------------------------------------------------

    /** Whether the window's run has been saved (File > Save the run) since it was made. */
    private boolean runSaved;
    /** Whether the status line has said how the window's run ended (it says so once). */
    private boolean endAnnounced;

    /**
     * Asked before an opened run replaces one made here that was not saved (the panel's parameters
     * are replaced too); true: replace it. Tests substitute their own answer.
     */
    java.util.function.Predicate<String> confirmReplace = question -> {
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION, question,
                javafx.scene.control.ButtonType.CANCEL, javafx.scene.control.ButtonType.OK);
        a.setTitle("Open a run");
        a.setHeaderText("The run in the window has not been saved");
        if (getScene() != null) a.initOwner(getScene().getWindow());
        return a.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).isPresent();
    };

    /** Asks for a run's folder and opens it. */
    void askOpenRun() {
        askPath(null, "Open a run", "The folder simulate --out (or File > Save the run) wrote: summary.json, and the maps where they are kept",
                "folder", lastExportDir.resolve("anisoscope-run")).ifPresent(this::openRun);
    }

    /**
     * Opens a run's files in the window: its spectra, curves and realisation 1's maps at every
     * snapshot, and its parameters in the panel (so Run makes it again). Read on a background thread;
     * a folder that is not a run is refused in the status line and the window keeps what it shows.
     * A run in progress is not replaced; one made here and not saved only after asking.
     */
    void openRun(Path dir) {
        if (live != null && !live.finished()) {
            setStatus("a run is in progress: cancel it or let it finish before opening another", true);
            return;
        }
        if (live != null && live.saved() == null && !runSaved && live.outcome() != null && live.outcome().ensemble().completed() > 0
                && !confirmReplace.test("Opening " + dir + " replaces the run in the window and the panel's parameters. "
                        + "Cancel, and File > Save the run keeps it.")) {
            setStatus("nothing opened: the run in the window is kept", false);
            return;
        }
        setStatus("reading the run in " + dir + "…", false);
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
                    if (target != null && !resuming && (live == null || live.finished())) {
                        resumable = target;
                        resumeItem.setDisable(false);
                        setStatus("cannot open the run: " + why + "; but " + target + " is an interrupted run with complete realisations kept: "
                                + "Run > Resume the opened partial run continues it", true);
                    } else {
                        setStatus("cannot open the run: " + why, true);
                    }
                });
                return;
            } catch (OutOfMemoryError e) {
                Platform.runLater(() -> setStatus("cannot open the run: its maps do not fit in the memory Java may use (-Xmx)", true));
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
        if (live != null && !live.finished()) {
            setStatus("a run was started while " + s.dir() + " was read; it was not opened", true);
            return;
        }
        if (seen != null) {
            // the sky view takes the run's observatory, so that what is drawn and what Run makes again match the files
            Observation.Observatory o = seen.observatory();
            observatoryB0.setText(shortNumber(o.raDeg()) + "," + shortNumber(o.decDeg()));
            observatoryBand.setText(shortNumber(o.decLo()) + "," + shortNumber(o.decHi()));
            perDeclination.setSelected(o.perDeclination());
            observatory.setSelected(true);
        }
        show(LiveRun.opened(s, maps, paths, seen));
        resumable = s.partial() ? org.anisoscope.run.FolderRun.resumeTarget(s.dir()) : null;
        resumeItem.setDisable(resumable == null || resuming);
        endAnnounced = true; // the line below says it
        Path parent = s.dir().getParent();
        if (parent != null) lastExportDir = parent;
        boolean same = params.show(s.params(), s.rigidityVolts(), s.kSource());
        int ns = s.times().length;
        setStatus(String.format(Locale.ROOT, "opened %s: %d snapshots, %d realisation%s%s, maps of realisation 1 at %d of them%s; made by anisoscope %s on %s, "
                        + "seed %d. %s", s.dir(), ns, s.realisations(), s.realisations() == 1 ? "" : "s", s.partial() ? " (partial)" : "", found,
                paths == null ? ", no trajectories" : "", s.version(),
                s.engine(), s.params().seed(), resumable != null ? "Run > Resume the opened partial run continues it in its folder."
                        : same ? "The panel holds its parameters: Run makes it again."
                        : "The panel holds its parameters, but its snapshot times are not the panel's (log-spaced from 0.1): Run makes a run "
                        + "with the same fields at the panel's times; simulate with the same options makes it again exactly."), false);
    }


    /** Asks for a folder and saves the finished run there as `simulate` would have written it. */
    void askSaveRun() {
        if (live != null && live.saved() != null) {
            setStatus("this run was opened from " + live.saved().dir() + ": its files are there", false);
            return;
        }
        if (live == null || !live.finished() || live.outcome() == null || live.outcome().ensemble().completed() == 0) {
            setStatus("nothing to save yet: a run must have ended with at least one complete realisation", true);
            return;
        }
        askPath(null, "Save the run", "A folder for summary.json, cl_snapshot_KK.csv and map_snapshot_KK.fits, as simulate writes them\n"
                + "(fit --sim, figure --sim and animate --sim read it): a new or empty folder (one that holds anything is refused)", "folder",
                lastExportDir.resolve("anisoscope-run")).ifPresent(dir -> saveRun(dir, null));
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
        LiveRun r = live;
        setStatus("saving the run to " + dir + "…", false);
        inBackground("anisoscope-save", () -> {
            try (org.anisoscope.io.RunFolder folder = org.anisoscope.io.RunFolder.open(dir, "the folder", org.anisoscope.io.RunFolder.Mode.NEW)) {
                RunFiles.write(folder.work(), r.params(), r.outcome(), r.kSource(), r.engine().name(), Double.NaN, null);
                folder.commit(false);
            }
        }, failure -> {
            if (failure == null) {
                if (live == r) runSaved = true;
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null) lastExportDir = parent;
                setStatus("saved the run to " + dir + ": summary.json, " + r.params().times().length
                        + " C_ℓ CSVs and FITS maps (fit, figure and animate read them)", false);
            } else {
                setStatus("saving the run failed: " + failure + " (the run in the window is unaffected)", true);
            }
            if (done != null) done.run();
        });
    }

    /** File work off the FX thread. */
    @FunctionalInterface
    interface Io {
        void run() throws java.io.IOException;
    }

    /**
     * Runs work on a daemon thread of its own, then finished on the FX thread with null on
     * success or the failure's message (an I/O error or a refusal), never a stack trace.
     */
    static void inBackground(String threadName, Io work, java.util.function.Consumer<String> finished) {
        Thread t = new Thread(() -> {
            String error = null;
            try {
                work.run();
            } catch (java.io.IOException | RuntimeException e) {
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            String failure = error;
            Platform.runLater(() -> finished.accept(failure));
        }, threadName);
        t.setDaemon(true);
        t.start();
    }

    // ---- observed spectra and fits -------------------------------------------------------------

    /** Asks for a spectrum file (l,C_l,sigma_l, as `fit` reads) and shows it in the spectrum view. */
    void askObserved() {
        askPath(null, "Load an observed angular power spectrum", "CSV with a header l,C_l,sigma_l (any l, e.g. from 1; '#' lines are comments)",
                "file", lastExportDir.resolve("observed.csv")).ifPresent(this::loadObserved);
    }

    /** Reads and shows an observed spectrum; a damaged file is reported and the view kept as it was. */
    void loadObserved(Path file) {
        try {
            org.anisoscope.io.ClCsv.Spectrum s = org.anisoscope.io.ClCsv.readWithErrors(file);
            int n = 0;
            for (int l = 1; l < s.cl().length; l++) if (s.cl()[l] > 0 && s.sigma()[l] > 0) n++;
            if (n < 3) throw new java.io.IOException(file + ": fewer than three multipoles l >= 1 with a positive C_l and error");
            spectrum.setObserved(s, file.getFileName().toString());
            setStatus("observed spectrum " + file + ": " + n + " multipoles; drawn scaled to the simulation's (or the theory's) lowest one", false);
        } catch (java.io.IOException | IllegalArgumentException e) {
            setStatus("cannot load the observed spectrum: " + e.getMessage(), true);
        }
    }

    /**
     * Fits Ω0ΔT (and the normalisation) of the prediction to the observed spectrum, with ρ and η
     * from the panel, or to the simulated C_ℓ^sub at the shown time, with the run's ρ and η and a
     * flat offset for a misestimated shot noise (as `fit` does); on its own thread (seconds). The
     * result goes into the Ω0ΔT field, so the theory curve shows it, and into the status line.
     */
    void fitOmegaDt(boolean toObserved) {
        SpectrumFit.Data data;
        double rho, eta;
        java.util.function.Supplier<double[][]> realisations = () -> null; // each realisation's C_l at the fitted time, for the jackknife
        double noise = 0;
        if (toObserved) {
            org.anisoscope.io.ClCsv.Spectrum s = spectrum.observed();
            if (s == null) {
                setStatus("load an observed spectrum first", true);
                return;
            }
            if (!params.predictionValidProperty().get()) {
                setStatus("the fit needs valid rigidity, η, B_rms and L_max in the panel", true);
                return;
            }
            data = new SpectrumFit.Data(s.cl(), s.sigma(), "observed " + s.source());
            rho = params.rho();
            eta = params.etaValue();
        } else {
            LiveRun.Frame f = shownFrame;
            if (f == null || f.realisations() < 1) {
                setStatus("the fit needs a complete realisation: run first", true);
                return;
            }
            if (live.params().predictionFactor() == 0) {
                setStatus("nothing to fit: with the gradient across B0 the mixing-matrix prediction has no source", true);
                return;
            }
            data = new SpectrumFit.Data(f.clSub(), f.clSubErr(), String.format(Locale.ROOT, "simulated C_l^sub at Omega_rms T = %.4g", f.time()));
            rho = live.params().rho();
            eta = live.params().eta();
            noise = f.noise();
            realisations = realisationSpectra(live, f);
        }
        java.util.function.Supplier<double[][]> fromRealisations = realisations;
        double subtracted = noise;
        // an observed spectrum is an observatory's: with the sky view's observatory on, the prediction is fitted as it would see it
        Observation.Observatory seenBy = toObserved ? sky.observer() : null;
        double seenCos2 = seenBy == null ? Double.NaN : dipoleCos2(rho, eta);
        setStatus("fitting Ω0ΔT to the " + (toObserved ? "observed spectrum" : "simulated C_ℓ^sub") + "…", false);
        fitter.submit(() -> {
            try {
                SpectrumFit.Fold fold = SpectrumFit.FULL_SKY;
                if (seenBy != null) {
                    MaskCoupling mc = seenCoupling(seenBy, Predictor.DEFAULT_LMAX);
                    double cos2 = seenCos2;
                    fold = new SpectrumFit.Fold(cl -> mc.expectedSeen(cl, seenBy.decDeg(), cos2), String.format(Locale.ROOT,
                            "as seen in Dec %.3g° to %.3g°%s, dipoles about B0 with ⟨cos²⟩ %.2f", seenBy.decLo(), seenBy.decHi(),
                            seenBy.perDeclination() ? ", means out" : "", cos2));
                }
                SpectrumFit.Result r = SpectrumFit.fit(data, rho, eta, Predictor.DEFAULT_LMAX, false, !toObserved, Runtime.getRuntime().availableProcessors(),
                        fold);
                PowerLaw.Result pl;
                try {
                    pl = PowerLaw.fit(data.cl(), data.sigma(), PowerLaw.LMIN, r.lfit(), !toObserved); // as `fit` does
                } catch (IllegalArgumentException e) {
                    pl = null; // too few multipoles from 5 up: the status line says only the fit
                }
                PowerLaw.Result index = pl;
                // errors from the scatter between realisations, as `fit` gives them (a few seconds more)
                double[][] real = fromRealisations.get();
                String jk = toObserved ? "" : "; errors: χ² intervals only (a jackknife needs 3 realisations' spectra)";
                if (real != null && real.length >= 3) {
                    FitJackknife.Result j = FitJackknife.of(real, subtracted, data.sigma(), 1, r, pl, rho, eta, Predictor.DEFAULT_LMAX,
                            Runtime.getRuntime().availableProcessors(), null);
                    jk = String.format(Locale.ROOT, "; jackknife over %d realisations: Ω0ΔT ± %s, index ± %s", j.realisations(),
                            jkErr(j.omegaDtErr()), jkErr(j.indexErr()));
                }
                String jackknife = jk;
                Platform.runLater(() -> showFit(r, index, jackknife));
            } catch (RuntimeException e) {
                Platform.runLater(() -> setStatus("the fit failed: " + e.getMessage(), true));
            }
        });
    }

    /**
     * Each complete realisation's C_ℓ^num at frame f's time, read on the fit's thread: from the run
     * made here while its ensemble is the frame's, from cl_realisations.csv for an opened run; null
     * when neither has them.
     */
    private static java.util.function.Supplier<double[][]> realisationSpectra(LiveRun run, LiveRun.Frame f) {
        org.anisoscope.analysis.Ensemble.Result res = run.result();
        RunFiles.Summary saved = run.saved();
        return () -> {
            if (res != null && res.realisations() == f.realisations()) {
                double[][] real = new double[res.realisations()][];
                for (int i = 0; i < real.length; i++) real[i] = res.clRealisations()[i][f.index()];
                return real;
            }
            try {
                double[][][] all = saved == null ? null : RunFiles.readClRealisations(saved);
                return all == null ? null : all[f.index()];
            } catch (java.io.IOException e) {
                return null; // the χ² intervals still stand; the status line says there is no jackknife
            }
        };
    }

    private static String jkErr(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2g", v) : "— (a bound)";
    }

    private void showFit(SpectrumFit.Result r, PowerLaw.Result index, String jackknife) {
        double c = Math.cbrt(r.best().omega0TauS());
        params.omegaDt.setText(String.format(Locale.ROOT, "%.3g", r.omegaDt()));
        double p = r.probabilityToExceed();
        setStatus(String.format(Locale.ROOT, "fit to the %s%s: Ω0ΔT = %.3g (1σ %s – %s) = %.3g (Ω0τ_s)^(1/3); χ² = %.1f for %d dof over ℓ = %d..%d%s%s%s",
                r.data().source(), r.fold() == SpectrumFit.FULL_SKY ? "" : " (the prediction " + r.fold().description() + ")", r.omegaDt(), bound(r.omegaDtLow()), bound(r.omegaDtHigh()), r.omegaDt() / c, r.chi2(), r.dof(), r.lmin(), r.lfit(),
                Double.isNaN(p) ? "" : String.format(Locale.ROOT, " (probability to exceed %.2g%s)", p, r.shapeRejected() ? ": not this shape" : ""),
                r.atEdge() ? "; at the end of the searched range: read it as a bound" : "",
                index == null ? "" : index.atEdge() ? String.format(Locale.ROOT, ". No power law over ℓ = %d..%d (the index runs to the end of "
                        + "the searched range)", index.lmin(), index.lmax())
                        : String.format(Locale.ROOT, ". Power law over ℓ = %d..%d: C_ℓ ∝ ℓ^%.3g (1σ %s – %s; the paper: −2.7)",
                        index.lmin(), index.lmax(), index.index(), bound(index.low()), bound(index.high()))) + jackknife, false);
    }

    private static String shortNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String bound(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3g", v) : "unbounded";
    }

    void setStatus(String text, boolean error) {
        status.setText(text == null ? "" : text);
        status.setTextFill(error ? Color.rgb(190, 0, 0) : Color.rgb(40, 40, 40));
    }

    FrameTimes frameTimes() { return frameTimes; }

    /** FX-thread time spent per display update (for the benchmark; bounded memory). */
    static final class FrameTimes {
        private final long[] ring = new long[4096];
        private int count;

        synchronized void add(long nanos) {
            ring[count % ring.length] = nanos;
            count++;
        }

        synchronized long[] snapshot() {
            int n = Math.min(count, ring.length);
            long[] out = new long[n];
            for (int i = 0; i < n; i++) out[i] = ring[(count - n + i) % ring.length];
            return out;
        }

        synchronized void clear() {
            count = 0;
        }
    }

    Path lastExportDir = Path.of(System.getProperty("user.home", "."));
}
