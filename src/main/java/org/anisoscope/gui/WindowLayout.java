package org.anisoscope.gui;

import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
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

    WindowLayout(LabWindow win) {
        this.win = win;
    }

    // ---- layout -------------------------------------------------------------------------------

    MenuBar menus() {
        Menu file = new Menu("File");
        Menu png = new Menu("Export figure (PNG, PDF, SVG)");
        Menu gif = new Menu("Export animation (MP4, GIF)");
        Menu data = new Menu("Export data");
        for (ExportableView v : win.exportable()) {
            MenuItem p = new MenuItem(v.name() + "…");
            p.setOnAction(e -> Exporter.askFigure(win, v));
            png.getItems().add(p);
            MenuItem a = new MenuItem(v.name() + "…");
            a.setOnAction(e -> Exporter.askAnimation(win, v));
            gif.getItems().add(a);
            MenuItem d = new MenuItem(v.name() + "…");
            d.setOnAction(e -> Exporter.askData(win, v));
            data.getItems().add(d);
        }
        MenuItem all = new MenuItem("all four views together…");
        all.setOnAction(e -> Exporter.askFigure(win, new CompositeView(win.exportable())));
        png.getItems().add(all);
        MenuItem allAnimated = new MenuItem("all four views together…");
        allAnimated.setOnAction(e -> Exporter.askAnimation(win, new CompositeView(win.exportable())));
        gif.getItems().add(allAnimated);
        MenuItem open = new MenuItem("Open a run (a folder simulate or Save wrote)…");
        open.setOnAction(e -> win.files.askOpenRun());
        MenuItem save = new MenuItem("Save the run (summary.json, C_ℓ CSVs, FITS maps)…");
        save.setOnAction(e -> win.files.askSaveRun());
        MenuItem quit = new MenuItem("Quit");
        quit.setOnAction(e -> win.getScene().getWindow().hide());
        MenuItem slurm = new MenuItem("Export the run as a SLURM job (its shards on a cluster, then their merge)…");
        slurm.setOnAction(e -> win.runs.askSlurmJob());
        file.getItems().addAll(open, png, gif, data, save, slurm, quit);
        Menu runMenu = new Menu("Run");
        MenuItem halveDt = new MenuItem("Check convergence: halve dt…"), halveLambda = new MenuItem("Check convergence: halve λ_min…");
        halveDt.setOnAction(e -> win.runs.checkConvergence(ConvergenceCheck.Setting.DT));
        halveLambda.setOnAction(e -> win.runs.checkConvergence(ConvergenceCheck.Setting.LAMBDA_MIN));
        MenuItem separation = new MenuItem("Time for neighbouring directions to part…");
        separation.setOnAction(e -> win.runs.measureSeparation());
        win.resumeItem.setDisable(true);
        win.resumeItem.setOnAction(e -> win.runs.resumeOpened());
        MenuItem copyCommand = new MenuItem("Copy as command (the simulate line that makes this run)");
        copyCommand.setOnAction(e -> win.runs.copyAsCommand());
        runMenu.getItems().addAll(copyCommand, win.resumeItem, halveDt, halveLambda, separation);
        Menu help = new Menu("Help");
        MenuItem about = new MenuItem("About");
        about.setOnAction(e -> win.setStatus("Anisoscope " + Version.get() + ": Kuhlen, Phan & Mertsch, small-scale anisotropies; "
                + "see docs/physics.md for the conventions", false));
        help.getItems().add(about);
        return new MenuBar(file, runMenu, help);
    }

    Node leftColumn() {
        win.run.setDefaultButton(true);
        win.run.disableProperty().bind(win.params.validProperty().not());
        win.run.setOnAction(e -> win.runs.startRun());
        win.pause.setDisable(true);
        win.pause.setOnAction(e -> win.runs.togglePause());
        win.cancel.setDisable(true);
        win.cancel.setOnAction(e -> win.runs.cancelRun());
        HBox buttons = new HBox(6, win.run, win.pause, win.cancel);
        win.progress.setMaxWidth(Double.MAX_VALUE);
        win.progressText.setWrapText(true);
        win.progressText.setStyle("-fx-font-size: 11px;");
        win.status.setWrapText(true);
        win.status.setMaxWidth(260);
        win.status.setStyle("-fx-font-size: 11px;");
        VBox box = new VBox(8, win.params, buttons, win.progress, win.progressText, win.status);
        box.setPadding(new Insets(8));
        box.setPrefWidth(320);
        ScrollPane sp = new ScrollPane(box);
        sp.setFitToWidth(true);
        sp.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        return sp;
    }

    Node views() {
        win.mapSource.getItems().addAll("realisation 1", "latest realisation", "ensemble mean");
        win.mapSource.setValue("latest realisation");
        win.mapSource.valueProperty().addListener(o -> win.display.showFrame(true));
        win.fwhm.setPrefColumnCount(4);
        win.fwhm.textProperty().addListener(o -> {
            try {
                double v = Double.parseDouble(win.fwhm.getText().trim());
                if (v < 0 || v > 180) throw new NumberFormatException();
                win.fwhm.setStyle("");
                win.sky.setSmoothing(v);
            } catch (NumberFormatException ex) {
                win.fwhm.setStyle("-fx-border-color: #c00000;");
                win.setStatus("smoothing FWHM must be a number of degrees from 0 to 180", true);
            }
        });
        win.removeDipole.selectedProperty().addListener((o, a, b) -> win.sky.setRemoveDipole(b));
        HBox skyBar = new HBox(6, new Label("map:"), win.mapSource, new Label("FWHM (deg):"), win.fwhm, win.removeDipole);
        // the sky as an observatory sees it (as `observe`): default B0 toward the IBEX ribbon's centre, ecliptic (219.2°, 39.9°)
        for (javafx.beans.Observable o : new javafx.beans.Observable[] {win.observatory.selectedProperty(), win.observatoryB0.textProperty(),
                win.observatoryBand.textProperty(), win.perDeclination.selectedProperty()}) o.addListener(x -> win.observatoryBar.applyObserver());
        win.observatoryB0.setPrefColumnCount(7);
        win.observatoryBand.setPrefColumnCount(6);
        for (TextField f : new TextField[] {win.observatoryB0, win.observatoryBand}) f.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        win.observatory.setTooltip(new javafx.scene.control.Tooltip("the sky in equatorial coordinates as an observatory sees it, as the observe command "
                + "makes it"));
        win.perDeclination.setTooltip(new javafx.scene.control.Tooltip("each declination band's mean taken out, as ground-based relative-intensity maps "
                + "(IceCube, HAWC) are made: no m = 0 modes in equatorial coordinates"));
        win.observatoryB0.setTooltip(new javafx.scene.control.Tooltip("where B0 points, RA,Dec in degrees; 229.7,23.3 is the IBEX ribbon's centre"));
        win.observatoryBand.setTooltip(new javafx.scene.control.Tooltip("the declinations seen, MIN,MAX in degrees: IceCube's maps -90,-25, HAWC's -20,60"));
        HBox observatoryBar = new HBox(6, win.observatory, win.observatoryB0, new Label("Dec"), win.observatoryBand, win.perDeclination);
        win.normalise.getItems().addAll(LabWindow.THEORY_TO_C1, LabWindow.THEORY_ABSOLUTE, LabWindow.THEORY_COS_ALPHA);
        win.normalise.setValue(LabWindow.THEORY_TO_C1);
        win.normalise.valueProperty().addListener((o, a, b) -> win.spectrum.setNormalisation(b.equals(LabWindow.THEORY_TO_C1) ? SpectrumView.Normalisation.TO_C1
                : b.equals(LabWindow.THEORY_ABSOLUTE) ? SpectrumView.Normalisation.ABSOLUTE : SpectrumView.Normalisation.COS_ALPHA));
        MenuButton observedMenu = new MenuButton("observed C_ℓ");
        MenuItem load = new MenuItem("Load a spectrum (CSV l,C_l,sigma_l)…"), clear = new MenuItem("Remove it");
        load.setOnAction(e -> win.fits.askObserved());
        clear.setOnAction(e -> {
            win.spectrum.setObserved(null, null);
            win.setStatus("observed spectrum removed", false);
        });
        observedMenu.getItems().addAll(load, clear);
        observedMenu.setOnShowing(e -> clear.setDisable(win.spectrum.observed() == null));
        MenuButton fitMenu = new MenuButton("fit Ω0ΔT");
        MenuItem fitSim = new MenuItem("to the simulated C_ℓ^sub at this time"), fitObs = new MenuItem("to the observed spectrum");
        fitSim.setOnAction(e -> win.fits.fitOmegaDt(false));
        fitObs.setOnAction(e -> win.fits.fitOmegaDt(true));
        fitMenu.getItems().addAll(fitSim, fitObs);
        fitMenu.setOnShowing(e -> {
            fitSim.setDisable(win.display.shownFrame() == null || win.display.shownFrame().realisations() < 1);
            fitObs.setDisable(win.spectrum.observed() == null);
        });
        HBox specBar = new HBox(6, win.normalise, observedMenu, fitMenu);
        for (HBox b : new HBox[] {skyBar, observatoryBar, specBar}) {
            b.setPadding(new Insets(2, 4, 2, 4));
            b.setStyle("-fx-font-size: 11px;");
        }
        VBox skyBox = new VBox(skyBar, observatoryBar, win.sky), specBox = new VBox(specBar, win.spectrum);
        VBox.setVgrow(win.sky, Priority.ALWAYS);
        VBox.setVgrow(win.spectrum, Priority.ALWAYS);
        for (ExportableView v : win.exportable()) contextMenu((Node) v, v);
        SplitPane topRow = new SplitPane(skyBox, win.trajectories), bottomRow = new SplitPane(specBox, win.evolution);
        SplitPane all = new SplitPane(topRow, bottomRow);
        all.setOrientation(Orientation.VERTICAL);
        return all;
    }

    private void contextMenu(Node n, ExportableView v) {
        MenuItem png = new MenuItem("Export figure (PNG, PDF, SVG)…"), gif = new MenuItem("Export animation (MP4, GIF)…"),
                data = new MenuItem("Export data…");
        png.setOnAction(e -> Exporter.askFigure(win, v));
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
        win.scrubber.setMajorTickUnit(1);
        win.scrubber.setMinorTickCount(0);
        win.scrubber.setSnapToTicks(true);
        win.scrubber.setBlockIncrement(1);
        win.scrubber.setDisable(true);
        HBox.setHgrow(win.scrubber, Priority.ALWAYS);
        win.follow.setSelected(true);
        win.scrubber.valueProperty().addListener((o, a, b) -> {
            int k = (int) Math.round(b.doubleValue());
            if (k != win.display.shownIndex()) {
                if (win.scrubber.isValueChanging() || win.scrubber.isFocused()) win.follow.setSelected(k == (int) win.scrubber.getMax());
                win.display.showFrame(false);
            }
        });
        win.scrubText.setMinWidth(330);
        HBox bar = new HBox(8, new Label("backtracking time:"), win.scrubber, win.scrubText, win.follow);
        bar.setPadding(new Insets(4, 8, 4, 8));
        return bar;
    }
}
