package org.anisoscope.gui;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.paint.Color;
import org.anisoscope.run.Engines;
import org.anisoscope.run.LiveRun;

/**
 * The laboratory window: parameters and run control on the left, the four views in the middle,
 * the time scrubber below. It only composes its parts, each owning one job: {@link WindowLayout}
 * (menus, bars), {@link RunControl} (the run), {@link DisplayLoop} (the views following the run),
 * {@link LivePrediction} (the analytic curve), {@link ObservatoryBar}, {@link RunFolders} (open,
 * save) and {@link Fits}, over the same run API as the command line ({@link LiveRun}); work off
 * the FX thread goes through {@link Background}.
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
    final MenuItem resumeItem = new MenuItem("Resume the opened partial run");
    /** How the engine named in the panel is found (tests substitute their own). */
    java.util.function.Function<String, Engines.Choice> engines = name -> Engines.choose(name, Runtime.getRuntime().availableProcessors());

    /** Where exports and saved runs went last (the next dialog starts there). */
    Path lastExportDir = Path.of(System.getProperty("user.home", "."));
    /** The format of the last figure exported (the next one offers the same). */
    String lastFigureFormat = "png";

    /** The four views' area on screen, for the composite figure's default size. */
    Exporter.Size viewsSize() {
        double w = sky.getWidth() + trajectories.getWidth(), h = sky.getHeight() + spectrum.getHeight();
        return w > 100 && h > 100 ? new Exporter.Size(w, h + 60) : new Exporter.Size(1100, 760);
    }
    /** Whether the window's run has been saved (File > Save the run) since it was made. */
    boolean runSaved;
    /** Whether the status line has said how the window's run ended (it says so once). */
    boolean endAnnounced;

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

    final RunControl runs;
    final DisplayLoop display;
    /** Pixels picked on the sky and their particles' paths in the 3D view. */
    final Picks picks = new Picks(this);
    final LivePrediction prediction;
    final ObservatoryBar observatoryBar;
    final RunFolders files;
    final Fits fits;

    LabWindow() {
        params = new ParameterPanel(engineFound());
        runs = new RunControl(this);
        display = new DisplayLoop(this);
        sky.onPick(pixels -> picks.pick(pixels, sky.pickedValues(pixels), sky.colourLimit()));
        trajectories.onHover(sky::highlight); // the path under the mouse: its pixel ringed on the map
        trajectories.onSelect(sky::mark); // paths picked in the 3D view: their pixels marked on the map
        prediction = new LivePrediction(this);
        observatoryBar = new ObservatoryBar(this);
        files = new RunFolders(this);
        fits = new Fits(this);
        WindowLayout layout = new WindowLayout(this);
        setTop(layout.menus());
        setLeft(layout.leftColumn());
        setCenter(layout.views());
        setBottom(layout.scrubberBar());
        params.onPredictionInputs(prediction::schedulePrediction);
        display.start();
        prediction.schedulePrediction();
    }

    static String engineFound() {
        return Engines.found(Runtime.getRuntime().availableProcessors()) + ". auto takes CUDA where it is found, else the CPU";
    }

    List<ExportableView> exportable() {
        return List.of(sky, trajectories, spectrum, evolution);
    }

    /** The window's run (null before the first). */
    LiveRun live() { return runs.live(); }

    /** Stops any run and every background thread (the window closing). */
    void shutdown() {
        runs.shutdown();
        display.stop();
        prediction.stop();
        fits.stop();
        sky.stop();
    }

    void setStatus(String text, boolean error) {
        status.setText(text == null ? "" : text);
        status.setTextFill(error ? Color.rgb(190, 0, 0) : Color.rgb(40, 40, 40));
    }
}
