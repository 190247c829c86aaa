package org.anisoscope.gui;

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
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.anisoscope.Version;
import org.anisoscope.run.ConvergenceCheck;

/**
 * The window's layout: menus, the left column (panel, buttons, progress, status), the four views
 * with their bars, and the scrubber bar, each control wired to the part that owns its job.
 */
final class WindowLayout {
    private final LabWindow win;
    private final ParameterPanel params;
    private final SkyMapView sky;
    private final TrajectoryView trajectories;
    private final SpectrumView spectrum;
    private final EvolutionView evolution;
    private final Button run;
    private final Button pause;
    private final Button cancel;
    private final ProgressBar progress;
    private final Label progressText;
    private final Label status;
    private final Slider scrubber;
    private final Label scrubText;
    private final CheckBox follow;
    private final ChoiceBox<String> mapSource;
    private final TextField fwhm;
    private final CheckBox removeDipole;
    private final ChoiceBox<String> normalise;
    private final CheckBox observatory;
    private final TextField observatoryB0;
    private final TextField observatoryBand;
    private final CheckBox perDeclination;
    private final MenuItem resumeItem;

    WindowLayout(LabWindow win) {
        this.win = win;
        this.params = win.params;
        this.sky = win.sky;
        this.trajectories = win.trajectories;
        this.spectrum = win.spectrum;
        this.evolution = win.evolution;
        this.run = win.run;
        this.pause = win.pause;
        this.cancel = win.cancel;
        this.progress = win.progress;
        this.progressText = win.progressText;
        this.status = win.status;
        this.scrubber = win.scrubber;
        this.scrubText = win.scrubText;
        this.follow = win.follow;
        this.mapSource = win.mapSource;
        this.fwhm = win.fwhm;
        this.removeDipole = win.removeDipole;
        this.normalise = win.normalise;
        this.observatory = win.observatory;
        this.observatoryB0 = win.observatoryB0;
        this.observatoryBand = win.observatoryBand;
        this.perDeclination = win.perDeclination;
        this.resumeItem = win.resumeItem;
    }

    // ---- layout -------------------------------------------------------------------------------

    MenuBar menus() {
        Menu file = new Menu("File");
        Menu png = new Menu("Export figure (PNG)");
        Menu gif = new Menu("Export animation (GIF)");
        Menu data = new Menu("Export data");
        for (ExportableView v : win.exportable()) {
            MenuItem p = new MenuItem(v.name() + "…");
            p.setOnAction(e -> Exporter.askPng(win, v));
            png.getItems().add(p);
            MenuItem a = new MenuItem(v.name() + "…");
            a.setOnAction(e -> Exporter.askAnimation(win, v));
            gif.getItems().add(a);
            MenuItem d = new MenuItem(v.name() + "…");
            d.setOnAction(e -> Exporter.askData(win, v));
            data.getItems().add(d);
        }
        MenuItem open = new MenuItem("Open a run (a folder simulate or Save wrote)…");
        open.setOnAction(e -> win.files.askOpenRun());
        MenuItem save = new MenuItem("Save the run (summary.json, C_ℓ CSVs, FITS maps)…");
        save.setOnAction(e -> win.files.askSaveRun());
        MenuItem quit = new MenuItem("Quit");
        quit.setOnAction(e -> win.getScene().getWindow().hide());
        file.getItems().addAll(open, png, gif, data, save, quit);
        Menu runMenu = new Menu("Run");
        MenuItem halveDt = new MenuItem("Check convergence: halve dt…"), halveLambda = new MenuItem("Check convergence: halve λ_min…");
        halveDt.setOnAction(e -> win.runs.checkConvergence(ConvergenceCheck.Setting.DT));
        halveLambda.setOnAction(e -> win.runs.checkConvergence(ConvergenceCheck.Setting.LAMBDA_MIN));
        MenuItem separation = new MenuItem("Time for neighbouring directions to part…");
        separation.setOnAction(e -> win.runs.measureSeparation());
        resumeItem.setDisable(true);
        resumeItem.setOnAction(e -> win.runs.resumeOpened());
        MenuItem copyCommand = new MenuItem("Copy as command (the simulate line that makes this run)");
        copyCommand.setOnAction(e -> win.runs.copyAsCommand());
        runMenu.getItems().addAll(copyCommand, resumeItem, halveDt, halveLambda, separation);
        Menu help = new Menu("Help");
        MenuItem about = new MenuItem("About");
        about.setOnAction(e -> win.setStatus("Anisoscope " + Version.get() + ": Kuhlen, Phan & Mertsch, small-scale anisotropies; "
                + "see docs/physics.md for the conventions", false));
        help.getItems().add(about);
        return new MenuBar(file, runMenu, help);
    }

    Node leftColumn() {
        run.setDefaultButton(true);
        run.disableProperty().bind(params.validProperty().not());
        run.setOnAction(e -> win.runs.startRun());
        pause.setDisable(true);
        pause.setOnAction(e -> win.runs.togglePause());
        cancel.setDisable(true);
        cancel.setOnAction(e -> win.runs.cancelRun());
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

    Node views() {
        mapSource.getItems().addAll("realisation 1", "latest realisation", "ensemble mean");
        mapSource.setValue("latest realisation");
        mapSource.valueProperty().addListener(o -> win.display.showFrame(true));
        fwhm.setPrefColumnCount(4);
        fwhm.textProperty().addListener(o -> {
            try {
                double v = Double.parseDouble(fwhm.getText().trim());
                if (v < 0 || v > 180) throw new NumberFormatException();
                fwhm.setStyle("");
                sky.setSmoothing(v);
            } catch (NumberFormatException ex) {
                fwhm.setStyle("-fx-border-color: #c00000;");
                win.setStatus("smoothing FWHM must be a number of degrees from 0 to 180", true);
            }
        });
        removeDipole.selectedProperty().addListener((o, a, b) -> sky.setRemoveDipole(b));
        HBox skyBar = new HBox(6, new Label("map:"), mapSource, new Label("FWHM (deg):"), fwhm, removeDipole);
        // the sky as an observatory sees it (as `observe`): default B0 toward the IBEX ribbon's centre, ecliptic (219.2°, 39.9°)
        for (javafx.beans.Observable o : new javafx.beans.Observable[] {observatory.selectedProperty(), observatoryB0.textProperty(),
                observatoryBand.textProperty(), perDeclination.selectedProperty()}) o.addListener(x -> win.observatoryBar.applyObserver());
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
        normalise.getItems().addAll(LabWindow.THEORY_TO_C1, LabWindow.THEORY_ABSOLUTE, LabWindow.THEORY_COS_ALPHA);
        normalise.setValue(LabWindow.THEORY_TO_C1);
        normalise.valueProperty().addListener((o, a, b) -> spectrum.setNormalisation(b.equals(LabWindow.THEORY_TO_C1) ? SpectrumView.Normalisation.TO_C1
                : b.equals(LabWindow.THEORY_ABSOLUTE) ? SpectrumView.Normalisation.ABSOLUTE : SpectrumView.Normalisation.COS_ALPHA));
        MenuButton observedMenu = new MenuButton("observed C_ℓ");
        MenuItem load = new MenuItem("Load a spectrum (CSV l,C_l,sigma_l)…"), clear = new MenuItem("Remove it");
        load.setOnAction(e -> win.fits.askObserved());
        clear.setOnAction(e -> {
            spectrum.setObserved(null, null);
            win.setStatus("observed spectrum removed", false);
        });
        observedMenu.getItems().addAll(load, clear);
        observedMenu.setOnShowing(e -> clear.setDisable(spectrum.observed() == null));
        MenuButton fitMenu = new MenuButton("fit Ω0ΔT");
        MenuItem fitSim = new MenuItem("to the simulated C_ℓ^sub at this time"), fitObs = new MenuItem("to the observed spectrum");
        fitSim.setOnAction(e -> win.fits.fitOmegaDt(false));
        fitObs.setOnAction(e -> win.fits.fitOmegaDt(true));
        fitMenu.getItems().addAll(fitSim, fitObs);
        fitMenu.setOnShowing(e -> {
            fitSim.setDisable(win.display.shownFrame() == null || win.display.shownFrame().realisations() < 1);
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
        for (ExportableView v : win.exportable()) contextMenu((Node) v, v);
        SplitPane topRow = new SplitPane(skyBox, trajectories), bottomRow = new SplitPane(specBox, evolution);
        SplitPane all = new SplitPane(topRow, bottomRow);
        all.setOrientation(Orientation.VERTICAL);
        return all;
    }

    private void contextMenu(Node n, ExportableView v) {
        MenuItem png = new MenuItem("Export figure (PNG)…"), gif = new MenuItem("Export animation (GIF)…"), data = new MenuItem("Export data…");
        png.setOnAction(e -> Exporter.askPng(win, v));
        gif.setOnAction(e -> Exporter.askAnimation(win, v));
        data.setOnAction(e -> Exporter.askData(win, v));
        ContextMenu cm = new ContextMenu(png, gif, data);
        // a right click (some platforms send no context-menu event for it), or the keyboard's menu key
        n.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == javafx.scene.input.MouseButton.SECONDARY) cm.show(n, e.getScreenX(), e.getScreenY());
        });
        n.setOnContextMenuRequested(e -> {
            if (e.isKeyboardTrigger()) cm.show(n, e.getScreenX(), e.getScreenY());
        });
    }

    Node scrubberBar() {
        scrubber.setMajorTickUnit(1);
        scrubber.setMinorTickCount(0);
        scrubber.setSnapToTicks(true);
        scrubber.setBlockIncrement(1);
        scrubber.setDisable(true);
        HBox.setHgrow(scrubber, Priority.ALWAYS);
        follow.setSelected(true);
        scrubber.valueProperty().addListener((o, a, b) -> {
            int k = (int) Math.round(b.doubleValue());
            if (k != win.display.shownIndex()) {
                if (scrubber.isValueChanging() || scrubber.isFocused()) follow.setSelected(k == (int) scrubber.getMax());
                win.display.showFrame(false);
            }
        });
        scrubText.setMinWidth(330);
        HBox bar = new HBox(8, new Label("backtracking time:"), scrubber, scrubText, follow);
        bar.setPadding(new Insets(4, 8, 4, 8));
        return bar;
    }
}
