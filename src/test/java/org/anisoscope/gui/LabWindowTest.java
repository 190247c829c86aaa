package org.anisoscope.gui;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.anisoscope.run.LiveRun;
import org.anisoscope.run.RunFiles;
import org.anisoscope.sky.Dipole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives the window as a user would (TestFX on Monocle's headless platform): parameters, Run,
 * snapshots arriving, scrubbing, dipole removal, exports through the dialogs, a cancelled second
 * run, and invalid input. Asserts on what the views hold.
 */
@ExtendWith(ApplicationExtension.class)
class LabWindowTest {
    LabWindow win;
    @TempDir Path dir;

    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        win = new LabWindow();
        win.confirmReplace = q -> true; // a test's second Run replaces its first; the tests of asking say otherwise
        stage.setScene(new Scene(win, 1300, 850));
        stage.setOnHidden(e -> win.shutdown());
        stage.show();
    }

    private void set(FxRobot robot, TextField f, String text) {
        robot.clickOn(f);
        robot.interact(f::selectAll); // typing then replaces the whole text, wherever the click put the caret
        robot.write(text);
    }

    private void smallRun(FxRobot robot, String realisations, String snapshots) {
        robot.interact(() -> {
            win.params.unit.setValue("rho");
            win.params.nside.setValue(4);
        });
        set(robot, win.params.rigidity, "0.089");
        set(robot, win.params.realisations, realisations);
        set(robot, win.params.tmax, "3");
        set(robot, win.params.snapshots, snapshots);
    }

    private static void waitUntil(java.util.function.BooleanSupplier c) throws Exception {
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, c::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aSmallRunEndToEnd(FxRobot robot) throws Exception {
        // invalid input is marked at the field and keeps Run disabled, with no dialog
        set(robot, win.params.eta, "1.5");
        assertTrue(win.run.isDisabled());
        assertTrue(win.params.errorOf(win.params.eta).contains("between 0 and 1"), win.params.errorOf(win.params.eta));
        set(robot, win.params.eta, "0.5");
        assertFalse(win.run.isDisabled());
        assertEquals("", win.params.errorOf(win.params.eta));

        // valid one by one but not together: too many steps; said below the fields
        set(robot, win.params.tmax, "9000");
        set(robot, win.params.dt, "0.0001");
        assertTrue(win.run.isDisabled());
        assertTrue(win.params.combinedError().contains("steps"), win.params.combinedError());
        set(robot, win.params.dt, "0.05");
        assertEquals("", win.params.combinedError());

        // λ_min is the user's: a bad value is refused with the reason, a good one reaches the run and the grid count is shown
        set(robot, win.params.lambdaMin, "0.5");
        assertTrue(win.run.isDisabled());
        assertTrue(win.params.errorOf(win.params.lambdaMin).contains("above 1"), win.params.errorOf(win.params.lambdaMin));
        set(robot, win.params.lambdaMin, "300");
        assertEquals("", win.params.errorOf(win.params.lambdaMin));

        // ℓmax: auto is 3 Nside − 1; a number above it is refused until Nside resolves it
        robot.interact(() -> win.params.nside.setValue(4));
        assertEquals(11, win.params.parameters().lmax());
        set(robot, win.params.lmax, "12");
        assertTrue(win.run.isDisabled());
        assertTrue(win.params.errorOf(win.params.lmax).contains("3 Nside − 1 = 11"), win.params.errorOf(win.params.lmax));
        robot.interact(() -> win.params.nside.setValue(8));
        assertEquals("", win.params.errorOf(win.params.lmax));
        assertEquals(12, win.params.parameters().lmax());
        set(robot, win.params.lmax, "auto");

        smallRun(robot, "2", "6");
        assertEquals(300, win.params.parameters().lambdaMinRg(), 0);
        // the analytic curve follows the parameters without a run
        waitUntil(() -> win.prediction.lastPrediction() != null && Math.abs(win.prediction.lastPrediction().rho() - 0.089) < 1e-12);
        assertNotNull(win.spectrum.prediction());

        robot.clickOn(win.run);
        waitUntil(() -> win.live() != null && win.live().finished());
        LiveRun live = win.live();
        assertEquals(LiveRun.State.DONE, live.state(), live.message());
        assertEquals(300, live.params().lambdaMinRg(), 0);
        assertEquals(6, live.framesAvailable());
        assertEquals(6, win.evolution.frameCount());
        assertTrue(win.trajectories.pathCount() > 0);
        assertTrue(win.status.getText().startsWith("done"), win.status.getText());
        assertTrue(win.status.getText().contains("s (cpu engine), maps and spectra "), "where the time went: " + win.status.getText());
        // the views show the last snapshot (the scrubber follows the run)
        assertEquals(5, (int) win.scrubber.getValue());
        LiveRun.Frame last = live.frame(5);
        double[] shown = win.sky.shownMap();
        assertEquals(last.sky().latest()[17], shown[17], 1e-6);

        // the analytic curve three ways: to C_1^sub, absolute, and rescaled by 1/<cos alpha>^2 as the paper's Sec. 3.3
        waitUntil(() -> win.spectrum.prediction() != null);
        assertEquals(last.spectrum().clSub()[1] / win.spectrum.prediction()[1], win.spectrum.theoryScale(), 1e-12);
        robot.interact(() -> win.normalise.setValue(LabWindow.THEORY_ABSOLUTE));
        assertEquals(1, win.spectrum.theoryScale(), 0);
        robot.interact(() -> win.normalise.setValue(LabWindow.THEORY_COS_ALPHA));
        assertEquals(last.dipoles().invMeanCosSq(), win.spectrum.theoryScale(), 0);
        assertTrue(last.dipoles().invMeanCosSq() >= 1, "1/<cos alpha>^2 is at least 1: " + last.dipoles().invMeanCosSq());
        robot.interact(() -> win.normalise.setValue(LabWindow.THEORY_TO_C1));

        // scrub to the first snapshot: every view moves there
        robot.interact(() -> win.scrubber.setValue(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(win.scrubText.getText().startsWith("snapshot 1/6"), win.scrubText.getText());
        assertEquals(live.frame(0).sky().latest()[17], win.sky.shownMap()[17], 1e-6);
        double extentEarly = win.trajectories.extentPc();
        robot.interact(() -> win.scrubber.setValue(5));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(win.trajectories.extentPc() > 3 * extentEarly, "trajectories lengthen: " + extentEarly + " -> " + win.trajectories.extentPc());
        // the paths are drawn (here JavaFX has no 3D, so the flat fallback draws them): coloured pixels in the view's figure
        java.awt.image.BufferedImage[] shot = new java.awt.image.BufferedImage[1];
        robot.interact(() -> shot[0] = win.trajectories.render(400, 300, 1));
        int coloured = 0;
        for (int y = 40; y < 300; y++) {
            for (int x = 0; x < 400; x++) {
                int c = shot[0].getRGB(x, y), r = (c >> 16) & 255, b = c & 255;
                if (Math.abs(r - b) > 40) coloured++;
            }
        }
        assertTrue(coloured > 200, (win.trajectories.threeD() ? "3D" : "flat") + " view: " + coloured + " coloured pixels");

        // the 3D view turns with a drag and zooms with the wheel
        double angle = win.trajectories.rotationY(), distance = win.trajectories.cameraDistance();
        robot.drag(win.trajectories).moveBy(60, 0).drop();
        assertNotEquals(angle, win.trajectories.rotationY(), 1e-9);
        robot.moveTo(win.trajectories).scroll(5, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotEquals(distance, win.trajectories.cameraDistance(), 1e-9);

        // remove monopole and dipole: what is drawn has neither
        robot.clickOn(win.removeDipole);
        double[] m = win.sky.shownMap();
        Dipole.Fit fit = Dipole.fitDipole(m);
        double max = 0;
        for (double v : m) max = Math.max(max, Math.abs(v));
        assertTrue(fit.amplitude() < 1e-9 * max && Math.abs(fit.monopole()) < 1e-9 * max, "dipole left: " + fit.amplitude());

        // smoothing runs on the sky view's own thread and the screen follows; what is read is the current setting's map
        robot.interact(() -> win.fwhm.setText("20"));
        waitUntil(() -> "anisoscope-sky".equals(win.sky.processedBy()));
        double[] smooth = win.sky.shownMap();
        double rough = 0, soft = 0;
        for (int i = 1; i < m.length; i++) {
            rough += Math.abs(m[i] - m[i - 1]);
            soft += Math.abs(smooth[i] - smooth[i - 1]);
        }
        assertTrue(soft < 0.5 * rough, "a 20 degree beam smooths the map: " + soft + " against " + rough);
        robot.interact(() -> win.fwhm.setText("0"));
        assertArrayEquals(m, win.sky.shownMap(), 0.0, "back to the unsmoothed map as soon as it is asked for");

        // the map's data: as shown (no dipole) and raw (as the run made it), with version and seed in the header
        var maps = win.sky.data();
        assertEquals(2, maps.size());
        Path shownFits = dir.resolve("shown.fits"), rawFits = dir.resolve("raw.fits");
        maps.get(0).writer().write(shownFits);
        maps.get(1).writer().write(rawFits);
        var rawRead = org.anisoscope.io.HealpixFits.read(rawFits);
        assertEquals(last.sky().latest()[5], rawRead.values()[5], 1e-6);
        assertEquals("1", rawRead.keywords().get("SEED"));
        assertTrue(Dipole.fitDipole(org.anisoscope.io.HealpixFits.read(shownFits).values()).amplitude() < 1e-6 * max);

        // hover read-out
        robot.moveTo(win.sky);
        WaitForAsyncUtils.waitForFxEvents();
        String read = win.sky.readoutText();
        assertTrue(read.contains("lon") && read.contains("δ ="), read);

        // export the sky figure through the menu and its dialog
        Path png = dir.resolve("sky.png");
        robot.clickOn("File").clickOn("Export figure (PNG, PDF, SVG)").clickOn("sky…");
        fillDialog(robot, png.toString(), "640", "360");
        waitUntil(() -> Files.exists(png));
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(640, img.getWidth());
        assertEquals(360, img.getHeight());

        // the same view as a PDF: a page of 640 x 360 pixels at the DPI, its labels text (set with their scripts), the sky a picture
        Path pdf = dir.resolve("sky.pdf");
        robot.clickOn("File").clickOn("Export figure (PNG, PDF, SVG)").clickOn("sky…");
        fillDialog(robot, pdf.toString(), "640", "360");
        waitUntil(() -> Files.exists(pdf));
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            assertEquals(640 * 72 / 192.0, doc.getPage(0).getMediaBox().getWidth(), 0.5, "640 pixels at the dialog's 192 DPI");
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertTrue(text.contains("relative intensity δ") && text.contains("B0") && !text.contains("L_c"), text);
            assertTrue(doc.getDocumentInformation().getSubject().contains("seed"), doc.getDocumentInformation().getSubject());
            int images = 0;
            for (var name : doc.getPage(0).getResources().getXObjectNames()) {
                var x = doc.getPage(0).getResources().getXObject(name);
                if (x instanceof org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject form)
                    for (var n2 : form.getResources().getXObjectNames()) images += form.getResources().getXObject(n2) instanceof
                            org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject ? 1 : 0;
            }
            assertEquals(1, images, "the sky as one embedded picture, the rest vector");
        }
        // the spectrum as SVG: text as <text>, curves as <path>
        Path svg = dir.resolve("spectrum.svg");
        robot.rightClickOn(win.spectrum).clickOn("Export figure (PNG, PDF, SVG)…");
        fillDialog(robot, svg.toString(), "700", "450");
        waitUntil(() -> Files.exists(svg));
        var dbf = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // offline: no DTD from the web
        org.w3c.dom.Document dom = dbf.newDocumentBuilder().parse(svg.toFile());
        assertTrue(dom.getElementsByTagName("text").getLength() > 10 && dom.getElementsByTagName("path").getLength() > 3);
        assertTrue(dom.getDocumentElement().getTextContent().contains("multipole ℓ"));
        // all four views as one figure (the right-click menu closed first)
        robot.interact(() -> javafx.stage.Window.getWindows().stream().filter(w -> w != win.getScene().getWindow())
                .toList().forEach(javafx.stage.Window::hide));
        Path all = dir.resolve("views.pdf");
        robot.interact(() -> {
            try {
                Exporter.figure(new CompositeView(win.exportable()), all, 1600, 1000, 192, win.display.provenance());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (var doc = org.apache.pdfbox.Loader.loadPDF(all.toFile())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertTrue(text.contains("relative intensity δ") && text.contains("multipole ℓ") && text.contains("backtracking time"), text);
        }
        // an extension the window does not write is refused by name, and nothing is written
        Path jpg = dir.resolve("sky.jpg");
        robot.clickOn("File").clickOn("Export figure (PNG, PDF, SVG)").clickOn("sky…");
        fillDialog(robot, jpg.toString(), "640", "360");
        assertTrue(win.status.getText().contains(".jpg is not a format") && win.status.getText().contains(".png, .pdf, .svg"), win.status.getText());
        assertFalse(Files.exists(jpg));
        robot.interact(() -> javafx.stage.Window.getWindows().stream().filter(w -> w != win.getScene().getWindow())
                .toList().forEach(javafx.stage.Window::hide));

        // the sky map at every snapshot as an MP4 (H.264, its provenance as the movie's comment)
        Path mp4 = dir.resolve("sky.mp4");
        robot.clickOn("File").clickOn("Export animation (MP4, GIF)").clickOn("sky…");
        fillDialog(robot, mp4.toString(), "480", "270");
        waitUntil(() -> win.status.getText().startsWith("wrote " + mp4));
        var grab = org.jcodec.api.FrameGrab.createFrameGrab(org.jcodec.common.io.NIOUtils.readableChannel(mp4.toFile()));
        assertEquals(org.jcodec.common.Codec.H264, grab.getVideoTrack().getMeta().getCodec());
        assertTrue(org.anisoscope.io.Animations.userData(mp4).get("\u00a9cmt").contains("seed"));
        // all four views as one animation, a frame per snapshot
        Path views = dir.resolve("views.mp4");
        robot.interact(() -> Exporter.animation(win, new CompositeView(win.exportable()), views, 640, 400, 200, 400, null));
        waitUntil(() -> win.status.getText().startsWith("wrote " + views));
        var viewsGrab = org.jcodec.api.FrameGrab.createFrameGrab(org.jcodec.common.io.NIOUtils.readableChannel(views.toFile()));
        assertEquals(6 + 1, viewsGrab.getVideoTrack().getMeta().getTotalFrames(), "six snapshots, the last held twice as long");
        assertEquals(640, org.jcodec.scale.AWTUtil.toBufferedImage(viewsGrab.getNativeFrame()).getWidth());

        // the sky map at every snapshot as an animated GIF, through the menu; the window returns to its snapshot
        Path gif = dir.resolve("sky.gif");
        double[] before = win.sky.shownMap();
        String scrubBefore = win.scrubText.getText();
        robot.clickOn("File").clickOn("Export animation (MP4, GIF)").clickOn("sky…");
        fillDialog(robot, gif.toString(), "480", "270");
        waitUntil(() -> win.status.getText().startsWith("wrote " + gif));
        assertEquals(scrubBefore, win.scrubText.getText());
        assertFalse(win.scrubber.isDisabled(), "the scrubber is free again once the frames are drawn");
        assertArrayEquals(before, win.sky.shownMap(), 0.0);
        javax.imageio.ImageReader reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
        try (var in = javax.imageio.ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            assertEquals(6, reader.getNumImages(true), "one frame per snapshot");
            java.awt.image.BufferedImage f0 = reader.read(0), f5 = reader.read(5);
            assertEquals(480, f0.getWidth());
            assertEquals(270, f0.getHeight());
            int differing = 0;
            for (int y = 0; y < 270; y++) for (int x = 0; x < 480; x++) if (f0.getRGB(x, y) != f5.getRGB(x, y)) differing++;
            assertTrue(differing > 2000, "the first and last frames differ in " + differing + " pixels");
        } finally {
            reader.dispose();
        }
        // and the evolution view through its right-click menu; too large an animation is refused with the reason
        Path evoGif = dir.resolve("evolution.gif");
        robot.rightClickOn(win.evolution).clickOn("Export animation (MP4, GIF)…");
        fillDialog(robot, evoGif.toString(), "4000", "4000");
        assertTrue(win.status.getText().contains("too many") && win.status.getText().contains("smaller"), win.status.getText());
        assertFalse(Files.exists(evoGif));
        robot.interact(() -> javafx.stage.Window.getWindows().stream().filter(w -> w != win.getScene().getWindow())
                .toList().forEach(javafx.stage.Window::hide));
        robot.rightClickOn(win.evolution).clickOn("Export animation (MP4, GIF)…");
        fillDialog(robot, evoGif.toString(), "300", "200");
        waitUntil(() -> Files.exists(evoGif) && win.status.getText().startsWith("wrote " + evoGif));

        // save the run as simulate writes it; the command line then reads it (figure, fit)
        Path saved = dir.resolve("saved-run");
        robot.clickOn("File").clickOn("Save the run (summary.json, C_ℓ CSVs, FITS maps)…");
        typeIntoInputDialog(robot, saved.toString());
        waitUntil(() -> win.status.getText().startsWith("saved the run"));
        var summary = org.anisoscope.io.Json.read(saved.resolve("summary.json"));
        assertEquals(1, summary.get("seed").asLong());
        assertEquals(last.spectrum().clSub()[2], summary.get("cl_sub").get(5).get(2).asDouble(), 0);
        assertEquals(0, org.anisoscope.cli.Cli.run(new String[] {"figure", "--sim", saved.toString(), "--out", dir.resolve("fig.png").toString()}));
        assertEquals(0, org.anisoscope.cli.Cli.run(new String[] {"fit", "--sim", saved.toString(), "--out", dir.resolve("fit.json").toString()}));
        assertTrue(Files.exists(dir.resolve("fig.png")));

        // export the C_l data through the spectrum's right-click menu
        Path csv = dir.resolve("cl.csv");
        robot.rightClickOn(win.spectrum).clickOn("Export data…");
        fillDialog(robot, csv.toString(), null, null);
        waitUntil(() -> Files.exists(csv));
        var data = org.anisoscope.io.ClCsv.readWithErrors(csv);
        assertEquals(last.spectrum().clSub()[3], data.cl()[3], 0);
        assertEquals(last.spectrum().clSubErr()[3], data.sigma()[3], 0);

        // a failing export says why and keeps the window as it was
        Path nowhere = dir.resolve("no/such/folder/sky.png");
        robot.clickOn("File").clickOn("Export figure (PNG, PDF, SVG)").clickOn("sky…");
        fillDialog(robot, nowhere.toString(), "400", "300");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(win.status.getText().contains("export failed") && win.status.getText().contains("does not exist"), win.status.getText());
        robot.interact(() -> javafx.stage.Window.getWindows().stream().filter(w -> w != win.getScene().getWindow())
                .toList().forEach(javafx.stage.Window::hide));
        assertEquals(6, win.live().framesAvailable());

        // a second, longer run, cancelled while it works: the snapshots so far stay
        set(robot, win.params.realisations, "400");
        robot.clickOn(win.run);
        waitUntil(() -> win.live() != live && win.live().framesAvailable() >= 1);
        robot.clickOn(win.pause);
        waitUntil(() -> win.live().state() == LiveRun.State.PAUSED);
        assertEquals("Resume", win.pause.getText());
        robot.clickOn(win.pause);
        waitUntil(() -> win.live().state() == LiveRun.State.RUNNING);
        robot.clickOn(win.cancel);
        waitUntil(() -> win.live().finished());
        assertEquals(LiveRun.State.CANCELLED, win.live().state());
        assertTrue(win.live().framesAvailable() >= 1);
        assertTrue(win.status.getText().contains("cancelled"), win.status.getText());
        assertFalse(win.run.isDisabled());
    }

    /**
     * An observer's spectrum (here made from the prediction itself at Ω0ΔT = 8, times 1e-6, with
     * 10 % errors, from l = 1): loaded through the spectrum view's menu, drawn scaled to the theory,
     * and fitted: the fit must give back Ω0ΔT = 8 and put it into the panel, which redraws the
     * theory there. A damaged file is refused with the reason; a fit to a run's C_l^sub also works.
     */
    @Test
    void anObservedSpectrumIsDrawnFittedAndTheTheoryFollows(FxRobot robot) throws Exception {
        double rho = win.params.rho(), eta = win.params.etaValue();
        double[] model = org.anisoscope.mixing.Predictor.predict(rho, eta, 100, 8, 1).cl();
        StringBuilder csv = new StringBuilder("# made from the prediction at Omega0 dT = 8\nl,C_l,sigma_l\n");
        for (int l = 1; l <= 30; l++) csv.append(l).append(',').append(model[l] * 1e-6).append(',').append(0.1 * model[l] * 1e-6).append('\n');
        Path obs = dir.resolve("observed.csv");
        Files.writeString(obs, csv);

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "l,C_l\n1,2\n");
        robot.clickOn("observed C_ℓ").clickOn("Load a spectrum (CSV l,C_l,sigma_l)…");
        typeIntoInputDialog(robot, bad.toString());
        assertTrue(win.status.getText().startsWith("cannot load") && win.status.getText().contains("header"), win.status.getText());
        assertNull(win.spectrum.observed());

        robot.clickOn("observed C_ℓ").clickOn("Load a spectrum (CSV l,C_l,sigma_l)…");
        typeIntoInputDialog(robot, obs.toString());
        assertNotNull(win.spectrum.observed(), win.status.getText());
        assertTrue(win.status.getText().contains("30 multipoles"), win.status.getText());
        waitUntil(() -> win.spectrum.prediction() != null);
        // without a run the observed spectrum is scaled to the theory as drawn, at its lowest multipole
        double[] scale = win.spectrum.observedScale(1);
        assertEquals(2, scale[2], 0);
        assertEquals(1, scale[1], 0);
        assertEquals(win.spectrum.prediction()[1] / (model[1] * 1e-6), scale[0], 1e-9 * scale[0]);
        // its data export gives it back as loaded (a file the spectrum reader and `fit` take)
        var obsFile = win.spectrum.data().stream().filter(d -> d.fileName().equals("observed.csv")).findFirst().orElseThrow();
        Path back = dir.resolve("observed-back.csv");
        obsFile.writer().write(back);
        assertArrayEquals(org.anisoscope.io.ClCsv.readWithErrors(obs).cl(), org.anisoscope.io.ClCsv.readWithErrors(back).cl(), 0);

        robot.clickOn("fit Ω0ΔT").clickOn("to the observed spectrum");
        waitUntil(() -> win.status.getText().startsWith("fit to the observed"));
        assertEquals(8, Double.parseDouble(win.params.omegaDt.getText()), 0.05, win.status.getText());
        // with the spectrum's power-law index from l = 5 (the prediction's own is -2.8 ± 0.1, docs/validation.md)
        java.util.regex.Matcher index = java.util.regex.Pattern.compile("C_ℓ ∝ ℓ\\^(-?[0-9.]+)").matcher(win.status.getText());
        assertTrue(index.find(), win.status.getText());
        assertEquals(-2.8, Double.parseDouble(index.group(1)), 0.3, win.status.getText());
        waitUntil(() -> win.prediction.lastPrediction() != null && Math.abs(win.prediction.lastPrediction().omegaDt() - 8) < 0.05);

        // a run, then a fit to its noise-subtracted spectrum at the shown time
        smallRun(robot, "2", "3");
        robot.clickOn(win.run);
        waitUntil(() -> win.live() != null && win.live().finished());
        robot.clickOn("fit Ω0ΔT").clickOn("to the simulated C_ℓ^sub at this time");
        waitUntil(() -> win.status.getText().startsWith("fit to the simulated"));
        assertTrue(Double.parseDouble(win.params.omegaDt.getText()) > 0, win.params.omegaDt.getText());
        assertTrue(win.status.getText().contains("(probability to exceed "), win.status.getText());
        assertTrue(win.status.getText().endsWith("errors: χ² intervals only (a jackknife needs 3 realisations' spectra)"), win.status.getText());
        // with a run the observed spectrum is scaled to the simulated C_1^sub
        assertEquals(1, win.spectrum.observedScale(1)[2], 0);
        robot.clickOn("observed C_ℓ").clickOn("Remove it");
        assertNull(win.spectrum.observed());
    }

    /**
     * A run stopped after its second realisation (as Ctrl-C leaves it: partial, with its checkpoint)
     * opens with Run > Resume offered; resumed, it is the run never interrupted, file for file.
     */
    @Test
    void anInterruptedRunOpensAndResumesToTheUninterruptedRun(FxRobot robot) throws Exception {
        org.anisoscope.physics.SimulationParameters p = new org.anisoscope.physics.SimulationParameters(0.089, 0.5, 4, 150, 4, 4, 9, 150, 0.05,
                org.anisoscope.physics.SimulationParameters.logTimes(0.1, 30, 3, 0.05));
        org.anisoscope.run.Checkpoint.Spec spec = new org.anisoscope.run.Checkpoint.Spec(p, org.anisoscope.analysis.Ensemble.KSource.RUN, null, null,
                org.anisoscope.Version.get(), org.anisoscope.sky.Sht.path());
        Path whole = dir.resolve("whole"), stopped = dir.resolve("stopped");
        for (Path out : new Path[] {whole, stopped}) {
            boolean stop = out == stopped;
            java.util.concurrent.atomic.AtomicBoolean cancel = new java.util.concurrent.atomic.AtomicBoolean();
            try (org.anisoscope.run.FolderRun run = org.anisoscope.run.FolderRun.open(out, "--out", org.anisoscope.io.RunFolder.Mode.NEW, spec)) {
                run.run(new org.anisoscope.tracking.CpuBacktracker(1), 1, new org.anisoscope.run.SimulationRun.Listener() {
                    @Override
                    public void realisationDone(int r, org.anisoscope.analysis.Ensemble e) {
                        if (stop && r == 1) cancel.set(true);
                    }
                }, cancel::get);
            }
        }
        assertTrue(Files.readString(stopped.resolve("summary.json")).contains("\"partial\" : true"));

        robot.clickOn("File").moveBy(0, 30).clickOn("Open a run (a folder simulate or Save wrote)…");
        typeIntoInputDialog(robot, stopped.toString());
        waitUntil(() -> win.status.getText().startsWith("opened") || win.status.getText().startsWith("cannot"));
        assertTrue(win.status.getText().contains("2 realisations (partial)") && win.status.getText().contains("Run > Resume"), win.status.getText());
        assertFalse(win.resumeItem.isDisable());
        robot.interact(() -> win.resumeItem.fire()); // "Run" is also the button's text: the menu item itself
        waitUntil(() -> win.status.getText().startsWith("opened") && win.status.getText().contains("4 realisations")
                || win.status.getText().startsWith("the run was not"));
        assertTrue(win.status.getText().contains("4 realisations") && !win.status.getText().contains("partial"), win.status.getText());
        assertTrue(win.resumeItem.isDisable());
        try (var files = Files.list(whole)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                String a = Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1), b = Files.readString(stopped.resolve(name),
                        java.nio.charset.StandardCharsets.ISO_8859_1);
                if (name.equals("summary.json")) {
                    a = a.replaceAll("\"wall_seconds\" : [^,]+,", "");
                    b = b.replaceAll("\"wall_seconds\" : [^,]+,", "");
                }
                assertEquals(a, b, name);
            }
        }
        assertFalse(Files.exists(stopped.resolve("checkpoint")), "a complete run keeps no checkpoint");
    }

    /**
     * Run > Copy as command gives the simulate line of the panel's run: parsed, the same run
     * specification and parameters (T_max below 1 included, where the two once started their
     * snapshots differently); run, the same spectra as the window's run, number for number.
     */
    /** A field given NaN or a number beyond doubles says so, not "must be positive". */
    @Test
    void oddNumbersAreNamed(FxRobot robot) {
        set(robot, win.params.eta, "NaN");
        assertTrue(win.params.errorOf(win.params.eta).startsWith("'NaN' is not a number"), win.params.errorOf(win.params.eta));
        set(robot, win.params.brms, "1e400");
        assertTrue(win.params.errorOf(win.params.brms).startsWith("'1e400' is beyond the largest number"), win.params.errorOf(win.params.brms));
        set(robot, win.params.rigidity, "NaN");
        assertTrue(win.params.errorOf(win.params.rigidity).startsWith("'NaN' is not a number"), win.params.errorOf(win.params.rigidity));
    }

    /** The panel's spectral index: checked, in the run's parameters, in the analytic curve and in Copy as command. */
    @Test
    void theSpectralIndexGoesIntoTheRunAndTheTheory(FxRobot robot) throws Exception {
        set(robot, win.params.spectralIndex, "2");
        assertTrue(win.params.errorOf(win.params.spectralIndex).contains("outside 1.3..1.8"), win.params.errorOf(win.params.spectralIndex));
        set(robot, win.params.spectralIndex, "3/2");
        assertEquals("", win.params.errorOf(win.params.spectralIndex));
        assertEquals(1.5, win.params.parameters().spectralIndex(), 0);
        waitUntil(() -> win.prediction.lastPrediction() != null && win.prediction.lastPrediction().spectralIndex() == 1.5);
        String[] copied = new String[1];
        robot.interact(() -> copied[0] = win.runs.copyAsCommand());
        assertTrue(copied[0] != null && copied[0].contains("--spectral-index 1.5"), copied[0]);
        set(robot, win.params.spectralIndex, "5/3");
        assertEquals(org.anisoscope.physics.Qlt.KOLMOGOROV, win.params.parameters().spectralIndex(), 0);
    }

    /**
     * Isotropic turbulence from the panel: the maps' K_zz becomes the run's and the gradient B0's,
     * no theory curve is drawn and the view says why, the command line says the geometry and Ω_rms T,
     * and a run goes through; slab again brings the curve back.
     */
    @Test
    void isotropicTurbulenceRunsWithoutTheSlabTheory(FxRobot robot) throws Exception {
        smallRun(robot, "2", "3");
        robot.interact(() -> win.params.turbulence.setValue("isotropic"));
        set(robot, win.params.modes, "1");
        assertTrue(win.params.errorOf(win.params.modes).contains("plane waves"), win.params.errorOf(win.params.modes));
        assertTrue(win.run.isDisabled());
        set(robot, win.params.modes, "16");
        assertTrue(win.params.kSource.isDisabled() && win.params.gradientAngle.isDisabled());
        assertEquals(org.anisoscope.analysis.Ensemble.KSource.RUN, win.params.kSourceValue());
        org.anisoscope.physics.SimulationParameters p = win.params.parameters();
        assertEquals(org.anisoscope.physics.Geometry.ISOTROPIC, p.geometry());
        assertEquals(16, p.modes());
        assertEquals(3 * org.anisoscope.physics.Qlt.tauS(0.089, 0.5), p.times()[p.times().length - 1], 0.05, "T_max in slab QLT τ_s, as Ω_rms T");
        waitUntil(() -> win.spectrum.predictionLabel().contains("slab turbulence's"));
        assertNull(win.prediction.lastPrediction());
        String[] copied = new String[1];
        robot.interact(() -> copied[0] = win.runs.copyAsCommand());
        assertTrue(copied[0].contains("--turbulence isotropic --modes 16") && !copied[0].contains("tau"), copied[0]);
        robot.clickOn(win.run);
        waitUntil(() -> win.live() != null && win.live().finished());
        assertEquals(org.anisoscope.run.LiveRun.State.DONE, win.live().state(), win.live().message());
        robot.interact(() -> {
            win.mapSource.setValue("realisation 1");
            win.display.showFrame(true);
        });
        assertFalse(win.scrubText.getText().contains("τ_s"), win.scrubText.getText());
        // a picked pixel's path is the isotropic field's, with its field line
        waitUntil(() -> win.sky.picked() != null && win.sky.pixelAt(win.sky.getWidth() / 2, win.sky.getHeight() / 2) >= 0);
        double[] at = win.sky.screenOf(100);
        robot.clickOn(win.sky.localToScreen(at[0], at[1]));
        waitUntil(() -> win.picks.current() != null && win.picks.current().paths() != null);
        org.anisoscope.physics.SimulationParameters q = win.live().params();
        float[][] expected = org.anisoscope.tracking.PixelPaths.compute(org.anisoscope.turbulence.Turbulence.of(q, q.realisationSeed(0)), q.nside(),
                q.dt(), q.times(), new int[] {100}, org.anisoscope.tracking.CpuBacktracker.stepCounts(q.times(), q.dt())[q.times().length - 1]);
        assertArrayEquals(expected[0], win.trajectories.shown().paths()[0], 0f, "the path through the run's isotropic field");
        assertNotNull(win.trajectories.fieldLine());
        robot.interact(() -> win.params.turbulence.setValue("slab"));
        assertFalse(win.params.kSource.isDisabled());
        waitUntil(() -> win.prediction.lastPrediction() != null);
    }

    /**
     * Pixels picked on the map (a click, a dragged box) show their particles' paths in the 3D view:
     * exactly those pixels, each path the one `trajectory` computes, up to the scrubber's time.
     */
    @Test
    void pickedPixelsShowWhereTheirParticlesCameFrom(FxRobot robot) throws Exception {
        smallRun(robot, "2", "3");
        robot.interact(() -> win.mapSource.setValue("realisation 1"));
        robot.clickOn(win.run);
        waitUntil(() -> win.live() != null && win.live().finished());
        robot.interact(() -> win.display.showFrame(true));
        waitUntil(() -> win.sky.picked() != null && win.sky.pixelAt(win.sky.getWidth() / 2, win.sky.getHeight() / 2) >= 0);
        // a click on pixel 100 (at Nside 4: a pixel of the northern sky)
        double[] at = win.sky.screenOf(100);
        robot.clickOn(win.sky.localToScreen(at[0], at[1]));
        waitUntil(() -> win.picks.current() != null && win.picks.current().paths() != null);
        int[] shownPix = win.trajectories.shown().pixels();
        assertArrayEquals(new int[] {100}, shownPix, "the clicked pixel's particle");
        org.anisoscope.physics.SimulationParameters p = win.live().params();
        float[][] expected = org.anisoscope.tracking.PixelPaths.compute(
                org.anisoscope.turbulence.SlabField.generate(p.rho(), p.eta(), p.lambdaMin(), p.realisationSeed(0)), p.nside(), p.dt(), p.times(),
                new int[] {100}, org.anisoscope.tracking.CpuBacktracker.stepCounts(p.times(), p.dt())[p.times().length - 1]);
        float[] last = win.trajectories.shown().paths()[0];
        assertArrayEquals(expected[0], last, 0f, "the path trajectory computes, to the last snapshot");
        assertNotNull(win.trajectories.fieldLine(), "the field line through the observer, with picked paths");
        // one pixel: its value in two terms, which add up to its value on the map (realisation 1, the last snapshot)
        double[][] terms = win.trajectories.terms();
        assertNotNull(terms, "the one-pixel inset");
        int nt = terms[0].length;
        double onMap = win.live().frame(2).sky().first()[100];
        assertEquals(onMap, terms[1][nt - 1] + terms[2][nt - 1], 1e-5 * Math.abs(onMap) + 1e-6, "gradient term + K term = the map's value");
        // the mouse on the path in the 3D view rings its pixel on the map
        double[] onPath = win.trajectories.screenOfPoint(0, 5);
        robot.moveTo(win.trajectories.localToScreen(onPath[0], onPath[1]));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(100, win.sky.highlighted(), "the hovered path's pixel");
        robot.moveTo(win.sky.localToScreen(3, 3));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(-1, win.sky.highlighted(), "off the path: none");
        // scrubbing back shortens it: the same points, fewer
        robot.interact(() -> win.scrubber.setValue(0));
        robot.interact(() -> win.display.showFrame(true));
        float[] early = win.trajectories.shown().paths()[0];
        assertTrue(early.length < last.length, early.length + " against " + last.length);
        assertArrayEquals(java.util.Arrays.copyOf(last, early.length), early, 0f);
        robot.interact(() -> win.scrubber.setValue(2));
        // a dragged box around the north pole's pixels picks them all
        double x0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y0 = Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (int q = 0; q < 4; q++) { // the four pixels of the northern polar ring
            double[] c = win.sky.screenOf(q);
            x0 = Math.min(x0, c[0] - 3);
            x1 = Math.max(x1, c[0] + 3);
            y0 = Math.min(y0, c[1] - 3);
            y1 = Math.max(y1, c[1] + 3);
        }
        robot.drag(win.sky.localToScreen(x0, y0), javafx.scene.input.MouseButton.PRIMARY).dropTo(win.sky.localToScreen(x1, y1));
        waitUntil(() -> win.picks.current() != null && win.picks.current().paths() != null && win.picks.current().pixels().length != 1);
        int[] box = win.sky.picked();
        java.util.Arrays.sort(box);
        assertArrayEquals(new int[] {0, 1, 2, 3}, box, java.util.Arrays.toString(box));
        assertEquals(box.length, win.trajectories.shown().pixels().length);
        assertTrue(win.status.getText().startsWith("picked " + box.length + " pixels of realisation 1"), win.status.getText());
        // two neighbouring pixels: the pair's separation against time, from 0 at the observer to parted
        double[] p100 = win.sky.screenOf(100), p101 = win.sky.screenOf(101);
        robot.clickOn(win.sky.localToScreen(p100[0], p100[1]));
        robot.press(javafx.scene.input.KeyCode.SHIFT).clickOn(win.sky.localToScreen(p101[0], p101[1])).release(javafx.scene.input.KeyCode.SHIFT);
        waitUntil(() -> win.picks.current() != null && win.picks.current().paths() != null && win.picks.current().pixels().length == 2);
        double[][] sep = win.trajectories.separation();
        assertNotNull(sep, "pair mode: two picked pixels");
        assertEquals(0, sep[1][0], 0, "both leave the observer");
        assertTrue(sep[1][sep[1].length - 1] > 10 * sep[1][1], "and part: " + sep[1][1] + " then " + sep[1][sep[1].length - 1]);
        // a click beside the map: back to the run's sampled paths
        robot.clickOn(win.sky.localToScreen(3, 3));
        waitUntil(() -> win.picks.current() == null);
        assertEquals(win.live().frame(2).trajectories(), win.trajectories.shown());
        assertNull(win.trajectories.separation(), "no pair");
        // picking in the 3D view: a click on a path marks its pixel on the map
        TrajectoryView tv = win.trajectories;
        int i0 = -1;
        double[] end = null;
        for (int i = 0; i < tv.pathCount() && i0 < 0; i++) {
            double[] c = tv.screenOfEnd(i);
            boolean clear = true; // the path nearest to the end, also a pixel or two beside it (the robot clicks whole pixels)
            for (double d : new double[] {-2, 0, 2}) clear &= tv.pathAt(c[0] + d, c[1]) == i && tv.pathAt(c[0], c[1] + d) == i;
            if (c[0] > 20 && c[1] > 80 && c[0] < tv.getWidth() - 20 && c[1] < tv.getHeight() - 20 && clear) {
                i0 = i;
                end = c;
            }
        }
        assertTrue(i0 >= 0, "a path whose end is clear of the others");
        robot.clickOn(tv.localToScreen(end[0], end[1]));
        WaitForAsyncUtils.waitForFxEvents();
        assertArrayEquals(new int[] {tv.pixelOfPath(i0)}, win.sky.marked(), "the clicked path's pixel");
        // Ctrl and a box round where paths end: exactly the pixels of the paths that end inside it
        double bx0 = end[0] - 25, by0 = end[1] - 25, bx1 = end[0] + 25, by1 = end[1] + 25;
        java.util.Set<Integer> inBox = new java.util.TreeSet<>();
        for (int i = 0; i < tv.pathCount(); i++) {
            double[] c = tv.screenOfEnd(i);
            if (c[0] >= bx0 && c[0] <= bx1 && c[1] >= by0 && c[1] <= by1) inBox.add(tv.pixelOfPath(i));
        }
        robot.press(javafx.scene.input.KeyCode.CONTROL).drag(tv.localToScreen(bx0, by0), javafx.scene.input.MouseButton.PRIMARY)
                .dropTo(tv.localToScreen(bx1, by1)).release(javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        int[] marked = win.sky.marked();
        java.util.Arrays.sort(marked);
        assertArrayEquals(inBox.stream().mapToInt(Integer::intValue).toArray(), marked, "the paths ending in the box: " + inBox);
        // a click beside every path lets them go
        double[] empty = null;
        for (int gx = 1; gx < 20 && empty == null; gx++) {
            for (int gy = 4; gy < 20 && empty == null; gy++) {
                double x = gx * tv.getWidth() / 20, y = gy * tv.getHeight() / 20;
                if (tv.pathAt(x, y) < 0 && tv.pathAt(x + 8, y) < 0 && tv.pathAt(x - 8, y) < 0) empty = new double[] {x, y};
            }
        }
        assertNotNull(empty, "a spot beside every path");
        robot.clickOn(tv.localToScreen(empty[0], empty[1]));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, win.sky.marked().length, "none marked");
        // Run again with this finished run unsaved: asked first; no, and it stays
        java.util.List<String> asked = new java.util.ArrayList<>();
        win.confirmReplace = q -> asked.add(q) && false;
        LiveRun kept = win.live();
        robot.clickOn(win.run);
        assertEquals(1, asked.size());
        assertTrue(asked.get(0).contains("not saved") && asked.get(0).contains("Save the run"), asked.get(0));
        assertSame(kept, win.live());
        assertTrue(win.status.getText().startsWith("not started"), win.status.getText());
    }

    @Test
    void copyAsCommandMakesTheWindowsRun(FxRobot robot) throws Exception {
        smallRun(robot, "2", "3");
        set(robot, win.params.tmax, "0.02"); // 0.36 Omega_rms^-1: below 1
        String[] copied = new String[1];
        robot.interact(() -> copied[0] = win.runs.copyAsCommand());
        assertNotNull(copied[0], win.status.getText());
        assertTrue(win.status.getText().startsWith("copied: java --add-modules jdk.incubator.vector -jar anisoscope.jar simulate --rho 0.089 "),
                win.status.getText());
        String[] onClipboard = new String[1];
        robot.interact(() -> onClipboard[0] = javafx.scene.input.Clipboard.getSystemClipboard().getString());
        assertEquals(copied[0], onClipboard[0]);
        java.util.List<String> args = org.anisoscope.cli.RunSpecCommandTest.simulateArgs(copied[0]);
        org.anisoscope.run.RunSpec fromCommand = org.anisoscope.cli.Cli.simulateSpec(args);
        org.anisoscope.physics.SimulationParameters p = win.params.parameters();
        assertEquals(p, fromCommand.parameters());
        assertArrayEquals(p.times(), fromCommand.parameters().times(), 0);
        assertTrue(p.times()[p.times().length - 1] < 1, "T_max below 1");

        robot.clickOn(win.run);
        waitUntil(() -> win.live() != null && win.live().finished());
        Path out = dir.resolve("from-command");
        java.util.List<String> withOut = new java.util.ArrayList<>(args);
        withOut.set(withOut.size() - 1, out.toString()); // the line ends with --out anisoscope-run
        assertEquals(0, org.anisoscope.cli.Cli.run(withOut.toArray(new String[0])));
        RunFiles.Summary s = RunFiles.readSummary(out);
        org.anisoscope.analysis.Ensemble.Result r = win.live().outcome().ensemble().result(win.params.kSourceValue());
        for (int k = 0; k < p.times().length; k++) assertArrayEquals(r.spectra().clNum()[k], s.spectra().clNum()[k], 0, "snapshot " + k);

        // the same run as a SLURM job (File > Export the run as a SLURM job): each task runs that command's shard
        Path cluster = dir.resolve("on-the-cluster");
        org.anisoscope.run.SlurmJob.Written[] w = new org.anisoscope.run.SlurmJob.Written[1];
        robot.interact(() -> {
            try {
                w[0] = RunControl.slurmJob(win.params.runSpec(null), cluster, 2, "", "01:00:00", "4G", 2, 0);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String array = Files.readString(w[0].array());
        String words = String.join(" ", args.subList(1, args.size() - 2)); // simulate's words, without --out
        assertTrue(array.contains(" simulate " + words + " --shard \"$k/2\" --out \"$shard\""), array + "\nwants: " + words);
        assertTrue(array.contains("#SBATCH --array=0-1") && array.contains("#SBATCH --mem=4G") && array.contains("#SBATCH --cpus-per-task=2"), array);
        assertTrue(Files.readString(w[0].merge()).contains(" merge "), "and its merge job");
    }

    /** A run folder of the format before format_version (format 1, committed) opens as it always did. */
    @Test
    void aRunOfTheFormerFormatOpens(FxRobot robot) throws Exception {
        Path run = org.anisoscope.run.RunFormatTest.formatOneRun(dir, "v1");
        robot.clickOn("File").moveBy(0, 30).clickOn("Open a run (a folder simulate or Save wrote)…");
        typeIntoInputDialog(robot, run.toString());
        waitUntil(() -> win.status.getText().startsWith("opened") || win.status.getText().startsWith("cannot"));
        assertTrue(win.status.getText().contains("3 snapshots, 3 realisations") && win.status.getText().contains("seed 7"), win.status.getText());
        assertEquals(3, win.live().framesAvailable());
        assertNotNull(win.sky.shownMap());
    }

    /**
     * A run made on the command line (as on a GPU machine) opened in the window: its spectra,
     * curves and realisation 1's maps at every snapshot, its parameters in the panel — and Run then
     * makes the same run again, number for number. Folders that are not a run, or that mix two runs,
     * are refused with the reason and the window keeps what it showed; a run made here and not saved
     * is replaced only when the user agrees.
     */
    @Test
    void aRunsFilesOpenInTheWindowAndRunMakesThemAgain(FxRobot robot) throws Exception {
        Path cliRun = dir.resolve("cli-run");
        assertEquals(0, org.anisoscope.cli.Cli.run(new String[] {"simulate", "--rho", "0.089", "--nside", "4", "--realisations", "3",
                "--t-max", "3tau", "--snapshots", "5", "--seed", "5", "--out", cliRun.toString()}));

        // not a run: said, nothing replaced
        robot.clickOn("File").moveBy(0, 30).clickOn("Open a run (a folder simulate or Save wrote)…");
        typeIntoInputDialog(robot, dir.resolve("nothing").toString());
        waitUntil(() -> win.status.getText().startsWith("cannot open the run"));
        assertTrue(win.status.getText().contains("no such file"), win.status.getText());
        assertNull(win.live());

        robot.clickOn("File").moveBy(0, 30).clickOn("Open a run (a folder simulate or Save wrote)…");
        typeIntoInputDialog(robot, cliRun.toString());
        waitUntil(() -> win.status.getText().startsWith("opened"));
        assertTrue(win.status.getText().contains("5 snapshots, 3 realisations") && win.status.getText().contains("seed 5")
                && win.status.getText().contains("Run makes it again"), win.status.getText());
        LiveRun opened = win.live();
        assertNotNull(opened.saved());
        assertEquals(5, opened.framesAvailable());
        assertEquals(5, win.evolution.frameCount());
        assertEquals("rho", win.params.unit.getValue());
        assertEquals("0.089", win.params.rigidity.getText());
        assertEquals(4, (int) win.params.nside.getValue());
        assertEquals("3", win.params.realisations.getText());
        assertEquals("5", win.params.seed.getText());
        assertEquals("3", win.params.tmax.getText());
        assertEquals("this run", win.params.kSource.getValue(), "simulate's maps use the run's K_zz");
        // the views show the last snapshot: the map as the file holds it, the spectrum as summary.json
        RunFiles.Summary s = RunFiles.readSummary(cliRun);
        double[] fileMap = RunFiles.readMap(s, 4);
        assertEquals(4, (int) win.scrubber.getValue());
        assertEquals(fileMap[17], win.sky.shownMap()[17], 1e-6 * Math.abs(fileMap[17]));
        assertArrayEquals(s.spectra().clSub()[4], opened.frame(4).spectrum().clSub(), 0);
        // the trajectories of realisation 1 as simulate sampled them, to the shown time
        assertEquals(RunFiles.readTrajectories(s)[4].paths().length, win.trajectories.pathCount());
        double extentLate = win.trajectories.extentPc();
        robot.interact(() -> win.scrubber.setValue(1));
        assertTrue(win.trajectories.extentPc() < extentLate / 3, "shorter paths earlier: " + win.trajectories.extentPc() + " vs " + extentLate);
        robot.interact(() -> win.scrubber.setValue(4));
        robot.interact(() -> win.mapSource.setValue("ensemble mean"));
        assertNull(win.sky.shownMap(), "a run's files have no ensemble-mean map");
        robot.interact(() -> win.mapSource.setValue("realisation 1"));
        assertNotNull(win.sky.shownMap());
        // the fit to its spectrum with errors from leaving out each realisation, as `fit` gives them from cl_realisations.csv
        robot.clickOn("fit Ω0ΔT").clickOn("to the simulated C_ℓ^sub at this time");
        waitUntil(() -> win.status.getText().startsWith("fit to the simulated"));
        assertTrue(win.status.getText().contains("; jackknife over 3 realisations: Ω0ΔT ± "), win.status.getText());
        // its files are where it came from
        robot.interact(win.files::askSaveRun);
        assertTrue(win.status.getText().contains("opened from " + s.dir()), win.status.getText());

        // a folder that mixes two runs: refused with the reason, the opened run stays
        Path mixed = dir.resolve("mixed");
        Files.createDirectories(mixed);
        Files.copy(cliRun.resolve("summary.json"), mixed.resolve("summary.json"));
        Files.copy(RunFiles.mapFile(cliRun, 1), RunFiles.mapFile(mixed, 2));
        robot.interact(() -> win.files.openRun(mixed));
        waitUntil(() -> win.status.getText().startsWith("cannot open the run"));
        assertTrue(win.status.getText().contains("mixes two runs"), win.status.getText());
        assertSame(opened, win.live());

        // Run makes it again: the same seeds, the same numbers (to the sums' order over threads)
        robot.clickOn(win.run);
        waitUntil(() -> win.live() != opened && win.live().finished());
        LiveRun again = win.live();
        assertEquals(LiveRun.State.DONE, again.state(), again.message());
        assertEquals(s.params(), again.params());
        for (int l = 1; l < 12; l++) assertEquals(s.spectra().clSub()[4][l], again.frame(4).spectrum().clSub()[l], 1e-9 * Math.abs(s.spectra().clNum()[4][l]), "l = " + l);
        assertEquals(s.diffusion().kzz(), again.frame(4).diffusion().kzz(), 1e-12 * s.diffusion().kzz());

        // a run made here and not saved is replaced only when the user agrees
        java.util.List<String> asked = new java.util.ArrayList<>();
        win.confirmReplace = q -> {
            asked.add(q);
            return false;
        };
        robot.interact(() -> win.files.openRun(cliRun));
        assertEquals(1, asked.size());
        assertTrue(asked.get(0).contains("Save the run"), asked.get(0));
        assertSame(again, win.live());
        assertTrue(win.status.getText().contains("nothing opened"), win.status.getText());
        win.confirmReplace = q -> true;
        robot.interact(() -> win.files.openRun(cliRun));
        waitUntil(() -> win.live() != again && win.status.getText().startsWith("opened"));
        assertNotNull(win.live().saved());
    }

    /** The gradient's angle to B0 from the panel reaches the run, and the absolute theory follows its cos²θ. */
    @Test
    void aGradientAtAnAngleToB0ReachesTheRunAndTheTheory(FxRobot robot) throws Exception {
        set(robot, win.params.gradientAngle, "200");
        assertTrue(win.run.isDisabled());
        assertTrue(win.params.errorOf(win.params.gradientAngle).contains("0 to 180"), win.params.errorOf(win.params.gradientAngle));
        set(robot, win.params.gradientAngle, "60");
        smallRun(robot, "1", "3");
        robot.clickOn(win.run);
        waitUntil(() -> win.live() != null && win.live().finished());
        assertEquals(60, win.live().params().gradientAngleDeg(), 0);
        robot.interact(() -> win.normalise.setValue(LabWindow.THEORY_ABSOLUTE));
        assertEquals(0.25, win.spectrum.theoryScale(), 1e-12, "cos² 60°");
    }

    /**
     * The sky view as an observatory sees it (as `observe`): with B0 turned to the celestial pole
     * the map is the simulation's own, cut to the band; with the declination means out every ring's
     * seen pixels average to zero; a direction that does not parse is said and changes nothing.
     */
    @Test
    void theSkyViewShowsWhatAnObservatorySees(FxRobot robot) throws Exception {
        smallRun(robot, "1", "3");
        robot.clickOn(win.run);
        waitUntil(() -> win.live() != null && win.live().finished());
        double[] simulation = win.sky.shownMap();
        robot.interact(() -> {
            win.observatoryB0.setText("0,90");
            win.observatoryBand.setText("-90,-25");
            win.observatory.setSelected(true);
        });
        double[] seen = win.sky.shownMap();
        org.anisoscope.sky.Healpix hp = new org.anisoscope.sky.Healpix(4);
        for (int p = 0; p < seen.length; p++) {
            double dec = 90 - Math.toDegrees(hp.pix2ang(p)[0]);
            if (dec <= -25) assertEquals(simulation[p], seen[p], 0, "pixel " + p);
            else assertFalse(org.anisoscope.sky.Sht.seen(seen[p]), "pixel " + p + " at Dec " + dec);
        }
        robot.interact(() -> win.perDeclination.setSelected(true));
        double[] means = win.sky.shownMap();
        for (int r = 1; r <= hp.nring(); r++) {
            double sum = 0;
            int start = (int) hp.ringStart(r);
            for (int p = start; p < start + hp.ringNpix(r); p++) if (org.anisoscope.sky.Sht.seen(means[p])) sum += means[p];
            assertEquals(0, sum, 1e-9, "ring " + r);
        }
        // the analytic curve as that observatory would measure it, beside the full-sky one: B0 along the Earth's axis, so with
        // the means out only the dipoles' tilt away from B0 is seen (<cos^2> of the local mean field's, from the panel)
        var p = win.prediction.lastPrediction();
        double[] cos2 = new double[1];
        robot.interact(() -> cos2[0] = win.prediction.dipoleCos2(p.rho(), p.eta(), p.spectralIndex()));
        assertEquals(org.anisoscope.turbulence.SlabField.expectedMeanCosSq(p.rho(), p.eta(), 1.0 / 150, 1 / p.rho() / 30), cos2[0], 1e-15);
        var mc = org.anisoscope.sky.MaskCoupling.ofDeclinations(-90, -25, true, p.lmax(), 1);
        double[] want = java.util.Arrays.copyOf(mc.expectedSeen(p.cl(), 90, cos2[0]), mc.lmaxReliable(p.cl(), 0.01) + 1);
        waitUntil(() -> java.util.Arrays.equals(want, win.spectrum.seenPrediction()));
        double onB0 = mc.expectedSeen(p.cl(), 90, 1)[1];
        assertTrue(want[1] > 2 * onB0, "the tilted dipoles are seen: C_1 " + want[1] + ", a dipole on B0 " + onB0);
        robot.interact(() -> win.observatoryB0.setText("east"));
        assertTrue(win.status.getText().contains("RA,Dec"), win.status.getText());
        assertArrayEquals(means, win.sky.shownMap(), 0, "a bad direction changes nothing");
        robot.interact(() -> win.observatory.setSelected(false));
        assertArrayEquals(simulation, win.sky.shownMap(), 0);
        waitUntil(() -> win.spectrum.seenPrediction() == null);
    }

    /**
     * Run with the observatory on: every realisation's sky is also seen through it, as simulate
     * --observatory does (the same numbers), and the C_l view draws them beside the rest; a run
     * with the observatory off has none.
     */
    @Test
    void aRunWithTheObservatoryOnShowsItsSkiesAsSeen(FxRobot robot) throws Exception {
        smallRun(robot, "2", "2");
        robot.interact(() -> {
            win.observatoryB0.setText("0,23.3");
            win.observatoryBand.setText("-90,-25");
            win.perDeclination.setSelected(true);
            win.observatory.setSelected(true);
        });
        robot.clickOn(win.run);
        waitUntil(() -> win.live() != null && win.live().finished());
        var seen = win.live().seen();
        assertNotNull(seen, "the run kept its skies as seen");
        assertEquals(new org.anisoscope.sky.Observation.Observatory(0, 23.3, -90, -25, true), seen.observatory());
        waitUntil(() -> win.spectrum.seenSimulation() != null);
        assertArrayEquals(seen.clSub()[1], win.spectrum.seenSimulation(), 0, "the last snapshot's C_l^sub as seen");
        // the same seeds through simulate's path give the same numbers
        org.anisoscope.analysis.Ensemble.Result direct = new org.anisoscope.run.SimulationRun(win.live().params(), new org.anisoscope.tracking.CpuBacktracker(2),
                2, 0).observedBy(seen.observatory()).run(new org.anisoscope.run.SimulationRun.Listener() {}, () -> false).ensemble()
                .result(win.live().kSource());
        assertArrayEquals(direct.seen().clSub()[1], seen.clSub()[1], 1e-12 * Math.abs(seen.clSub()[1][1]));
        robot.interact(() -> win.observatory.setSelected(false));
        robot.clickOn(win.run);
        waitUntil(() -> win.live() != null && win.live().finished());
        assertNull(win.live().seen());
        waitUntil(() -> win.spectrum.seenSimulation() == null);
    }

    private void typeIntoInputDialog(FxRobot robot, String text) {
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        TextField field = robot.from(pane).lookup(".text-field").queryAs(TextField.class);
        robot.interact(() -> field.setText(text));
        robot.clickOn((Button) pane.lookupButton(javafx.scene.control.ButtonType.OK));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aFailingEngineShowsItsMessageAndKeepsTheSnapshots(FxRobot robot) throws Exception {
        win.engines = name -> new org.anisoscope.run.Engines.Choice(new org.anisoscope.tracking.Backtracker() {
            final org.anisoscope.tracking.CpuBacktracker cpu = new org.anisoscope.tracking.CpuBacktracker(1);
            int calls;

            @Override
            public String name() { return "flaky"; }

            @Override
            public String description() { return "fails in its second realisation"; }

            @Override
            public boolean run(org.anisoscope.turbulence.Turbulence f, int nside, double dt, double[] times, int samples, Listener l,
                               Progress p, java.util.function.BooleanSupplier c) {
                if (calls++ == 1) throw new IllegalStateException("device lost");
                return cpu.run(f, nside, dt, times, samples, l, p, c);
            }
        }, null);
        smallRun(robot, "3", "4");
        robot.clickOn(win.run);
        waitUntil(() -> win.live() != null && win.live().finished());
        assertEquals(LiveRun.State.FAILED, win.live().state());
        assertTrue(win.status.getText().contains("device lost") && win.status.getText().contains("kept"), win.status.getText());
        assertEquals(javafx.scene.paint.Color.rgb(190, 0, 0), win.status.getTextFill());
        assertEquals(4, win.live().framesAvailable());
        assertNotNull(win.sky.shownMap());
        assertEquals(1, win.live().frame(3).realisations());
        assertFalse(win.run.isDisabled(), "a new run can start");
    }

    @Test
    void theRunMenuChecksConvergenceInAWindowOfItsOwn(FxRobot robot) throws Exception {
        smallRun(robot, "2", "4");
        // two realisations cannot give a paired error: refused with the reason, no window
        javafx.scene.Node runMenu = robot.lookup(".menu-bar .menu").match(org.testfx.matcher.control.LabeledMatchers.hasText("Run")).query();
        // down into the menu first: a diagonal path would cross the next menu's title and open that one instead
        robot.clickOn(runMenu).moveBy(0, 30).clickOn("Check convergence: halve dt…");
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(win.status.getText().contains("at least 3 realisations"), "status: " + win.status.getText());
        set(robot, win.params.realisations, "3");
        ConvergenceWindow[] w = new ConvergenceWindow[1];
        robot.interact(() -> w[0] = win.runs.checkConvergence(org.anisoscope.run.ConvergenceCheck.Setting.DT));
        assertNotNull(w[0], win.status.getText());
        waitUntil(() -> w[0].finished());
        assertNotNull(w[0].result(), w[0].status.getText());
        String text = w[0].report.getText();
        assertTrue(text.contains("K_zz(T)") && text.contains("dt 0.05/Omega_rms vs 0.025/Omega_rms"), text);
        assertTrue(w[0].status.getText().matches("(converged|unresolved|not converged): .*"), w[0].status.getText());
        // the same numbers as the command line's: the halved run's K_zz(T) at the last snapshot is the reference
        assertEquals(4, w[0].result().times().length);
        assertFalse(w[0].save.isDisabled());
        Path out = dir.resolve("check");
        java.util.concurrent.CountDownLatch saved = new java.util.concurrent.CountDownLatch(1);
        robot.interact(() -> w[0].save(out, saved::countDown));
        assertTrue(saved.await(30, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(w[0].status.getText().startsWith("saved to"), w[0].status.getText());
        var j = org.anisoscope.io.Json.read(out.resolve("convergence.json"));
        var halved = org.anisoscope.io.Json.read(out.resolve("halved").resolve("summary.json"));
        assertEquals(halved.get("kzz_running").get(3).asDouble(), j.get("reference").get(3).get(0).asDouble(), 1e-12);
        assertEquals(0.025, halved.get("params").get("dt").asDouble(), 0);
        // its figure is shown and exported as the command line's `figure --what convergence` draws it
        assertNotNull(w[0].figure.getImage());
        Path png = dir.resolve("convergence.png");
        java.util.concurrent.CountDownLatch drawn = new java.util.concurrent.CountDownLatch(1);
        robot.interact(() -> w[0].exportFigure(png, drawn::countDown));
        assertTrue(drawn.await(30, TimeUnit.SECONDS));
        assertEquals(1200, javax.imageio.ImageIO.read(png.toFile()).getWidth());
        Path pdf = dir.resolve("convergence.pdf");
        java.util.concurrent.CountDownLatch drawnPdf = new java.util.concurrent.CountDownLatch(1);
        robot.interact(() -> w[0].exportFigure(pdf, drawnPdf::countDown));
        assertTrue(drawnPdf.await(30, TimeUnit.SECONDS));
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            assertTrue(new org.apache.pdfbox.text.PDFTextStripper().getText(doc).contains("backtracking time"));
        }
        // a second check, closed while it runs: cancelled, nothing to compare
        set(robot, win.params.realisations, "300");
        robot.interact(() -> w[0] = win.runs.checkConvergence(org.anisoscope.run.ConvergenceCheck.Setting.LAMBDA_MIN));
        Thread.sleep(300);
        robot.interact(() -> w[0].stage.close());
        waitUntil(() -> w[0].finished());
        assertNull(w[0].result());
    }

    /**
     * Run → Time for neighbouring directions to part: the panel's field measured as `separation`
     * measures it (the same numbers from the same seeds), its figure, its files; closed mid-way it
     * stops.
     */
    @Test
    void theRunMenuMeasuresTheTimeToPartInAWindowOfItsOwn(FxRobot robot) throws Exception {
        smallRun(robot, "2", "4");
        javafx.scene.Node runMenu = robot.lookup(".menu-bar .menu").match(org.testfx.matcher.control.LabeledMatchers.hasText("Run")).query();
        robot.clickOn(runMenu).moveBy(0, 30).clickOn("Time for neighbouring directions to part…");
        waitUntil(() -> win.status.getText().startsWith("time to part"));
        waitUntil(() -> robot.listTargetWindows().stream().anyMatch(x -> x instanceof javafx.stage.Stage st
                && "Time for neighbouring directions to part".equals(st.getTitle())));
        SeparationWindow[] w = new SeparationWindow[1];
        robot.interact(() -> w[0] = win.runs.measureSeparation());
        waitUntil(() -> w[0].finished());
        assertNotNull(w[0].result(), w[0].status.getText());
        assertTrue(w[0].report.getText().contains("tau_L = "), w[0].report.getText());
        assertTrue(w[0].status.getText().startsWith("τ_L = "), w[0].status.getText());
        assertNotNull(w[0].figure.getImage());
        // the command line's numbers for the same field and seeds
        var p = win.params.parameters();
        Path cli = dir.resolve("sep-cli");
        assertEquals(0, org.anisoscope.cli.Cli.run(new String[] {"separation", "--rho", Double.toString(p.rho()), "--eta", Double.toString(p.eta()),
                "--realisations", Integer.toString(p.realisations()), "--directions", "64", "--seed", Long.toString(p.seed()),
                "--t-max", Double.toString(p.times()[p.times().length - 1]), "--out", cli.toString()}));
        var j = org.anisoscope.io.Json.read(cli.resolve("separation.json"));
        for (int k = 0; k < 5; k++) assertEquals(j.get("mean_t_sep").get(k).get(1).asDouble(), w[0].result().meanTime()[k][1], 0, "angle " + k);
        Path out = dir.resolve("sep-window");
        java.util.concurrent.CountDownLatch saved = new java.util.concurrent.CountDownLatch(1);
        robot.interact(() -> w[0].save(out, saved::countDown));
        assertTrue(saved.await(30, TimeUnit.SECONDS));
        assertEquals(Files.readString(cli.resolve("separation.csv")), Files.readString(out.resolve("separation.csv")));
        Path png = dir.resolve("separation.png");
        java.util.concurrent.CountDownLatch drawn = new java.util.concurrent.CountDownLatch(1);
        robot.interact(() -> w[0].exportFigure(png, drawn::countDown));
        assertTrue(drawn.await(30, TimeUnit.SECONDS));
        assertEquals(1200, javax.imageio.ImageIO.read(png.toFile()).getWidth());
        // a long one, closed while it runs: cancelled, nothing measured
        robot.interact(() -> win.params.realisations.setText("300")); // (the separation window has the focus)
        robot.interact(() -> w[0] = win.runs.measureSeparation());
        assertNotNull(w[0], win.status.getText());
        Thread.sleep(300);
        robot.interact(() -> w[0].stage.close());
        waitUntil(() -> w[0].finished());
        assertNull(w[0].result());
    }

    @Test
    void closingTheWindowMidRunStopsTheRun(FxRobot robot) throws Exception {
        smallRun(robot, "500", "4");
        robot.clickOn(win.run);
        waitUntil(() -> win.live() != null && win.live().framesAvailable() >= 1);
        LiveRun live = win.live();
        assertFalse(live.finished());
        robot.interact(() -> stage.hide());
        assertTrue(live.await(5000), "the run thread ends when the window closes");
        assertEquals(LiveRun.State.CANCELLED, live.state());
    }

    /** Types into the open export dialog (file, then width and height when given) and presses OK. */
    private void fillDialog(FxRobot robot, String file, String w, String h) {
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        var fields = robot.from(pane).lookup(".text-field").queryAllAs(TextField.class).stream().toList();
        robot.interact(() -> {
            fields.get(0).setText(file);
            if (w != null) {
                fields.get(1).setText(w);
                fields.get(2).setText(h);
            }
        });
        robot.clickOn((Button) pane.lookupButton(javafx.scene.control.ButtonType.OK));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
