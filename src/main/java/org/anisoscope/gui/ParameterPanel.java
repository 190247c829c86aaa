package org.anisoscope.gui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.physics.Qlt;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.turbulence.SlabField;
import org.anisoscope.physics.Units;
import org.anisoscope.run.RunSpec;
import org.anisoscope.sky.Observation;

/**
 * The parameters of a run and of the analytic curve. Each field is checked as it is typed; an
 * invalid one is marked with its reason beside it, and {@link #validProperty()} is false until all
 * are valid. Owns no physics: it builds a {@link SimulationParameters}, which validates again.
 */
final class ParameterPanel extends VBox {
    /** Defaults that show an anisotropy forming within a minute on two CPU cores. */
    static final String DEFAULT_RIGIDITY = "10", DEFAULT_UNIT = "PV";
    static final int DEFAULT_NSIDE = 32;

    final TextField rigidity = new TextField(DEFAULT_RIGIDITY);
    final ChoiceBox<String> unit = new ChoiceBox<>();
    final TextField eta = new TextField("0.5");
    final TextField brms = new TextField("4");
    final TextField outer = new TextField("150");
    final ChoiceBox<Integer> nside = new ChoiceBox<>();
    final TextField realisations = new TextField("6");
    final TextField seed = new TextField("1");
    final TextField tmax = new TextField("20");
    final TextField snapshots = new TextField("16");
    final TextField dt = new TextField("0.05");
    /** λ_min = r_g / this (docs/physics.md: user-visible, because the grids follow from it). */
    final TextField lambdaMin = new TextField("150");
    /** q of the turbulence's spectrum ∝ k^-q: Kolmogorov's 5/3 (the paper's) by default. */
    final TextField spectralIndex = new TextField("5/3");
    /** The turbulence's geometry: slab (the paper's) or isotropic, and the isotropic field's number of plane waves. */
    final ChoiceBox<String> turbulence = new ChoiceBox<>();
    final TextField modes = new TextField(Integer.toString(RunSpec.MODES));
    final ChoiceBox<String> engine = new ChoiceBox<>();
    final ChoiceBox<String> kSource = new ChoiceBox<>();
    final TextField omegaDt = new TextField("auto");
    /** Angle between the cosmic-ray gradient and B0 (docs/physics.md: along B0 by default). */
    final TextField gradientAngle = new TextField("0");
    /** Highest multipole of the spectra: auto is anafast's 3 Nside − 1. */
    final TextField lmax = new TextField("auto");

    /** A reason that involves several fields together (e.g. too many steps for T_max and dt). */
    private final Label combined = new Label();
    private final Label rhoInfo = new Label(), nsideInfo = new Label(), tmaxInfo = new Label(), engineInfo = new Label(), lambdaInfo = new Label(),
            modesInfo = new Label();
    private final List<Check> checks = new ArrayList<>();
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper predictionValid = new ReadOnlyBooleanWrapper();
    private final List<Runnable> onPredictionInputs = new ArrayList<>();

    private record Check(TextField field, Label error, Function<String, String> rule) {}

    ParameterPanel(String engineFound) {
        setSpacing(4);
        unit.getItems().addAll("TV", "PV", "rho");
        unit.setValue(DEFAULT_UNIT);
        // 256 and 512 are the paper's resolutions, for a GPU; the CPU runs them too (Nside 512: 44 s for one realisation to 3.5/Ω_rms on two cores)
        nside.getItems().addAll(4, 8, 16, 32, 64, 128, 256, 512);
        nside.setValue(DEFAULT_NSIDE);
        engine.getItems().addAll("auto", "cpu", "cuda");
        engine.setValue("auto");
        kSource.getItems().addAll("QLT", "this run");
        kSource.setValue("QLT");
        turbulence.getItems().addAll("slab", "isotropic");
        turbulence.setValue("slab");
        engineInfo.setText(engineFound);
        for (Label l : new Label[] {rhoInfo, nsideInfo, tmaxInfo, engineInfo, lambdaInfo, modesInfo}) {
            l.setStyle("-fx-font-size: 10px; -fx-text-fill: #444;");
            l.setWrapText(true);
            l.setMaxWidth(250);
        }
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(2);
        int[] row = {0};
        addRow(grid, row, "rigidity", rigidity, unit, this::checkRigidity, rhoInfo,
                "R (TV, PV) or rho = r_g/L_c directly; r_g uses B_rms, L_c = L_max/5");
        addRow(grid, row, "η", eta, null, v -> range(v, 0, 1, false, "η must be strictly between 0 and 1"), null,
                "turbulence level <δB²>/(B0² + <δB²>)");
        addRow(grid, row, "spectrum q", spectralIndex, null, this::checkSpectralIndex, null,
                "the turbulence's 1D spectrum ∝ k^-q: 5/3 Kolmogorov's (the paper's), 3/2 Kraichnan's; from 1.3 to 1.8");
        addRow(grid, row, "turbulence", null, turbulence, null, null,
                "slab (the paper's: δB across B0, varying along it) or isotropic 3D turbulence (plane waves in every direction); "
                + "quasi-linear theory and the mixing-matrix prediction are slab turbulence's");
        addRow(grid, row, "plane waves", modes, null, this::checkModes, modesInfo,
                "isotropic turbulence: the number of plane waves, log-spaced in k; a step costs about one slab step per 10 waves");
        addRow(grid, row, "B_rms (µG)", brms, null, v -> positive(v, "B_rms must be a positive number of µG"), null, "total RMS field");
        addRow(grid, row, "L_max (pc)", outer, null, v -> positive(v, "the outer scale must be a positive number of pc"), null,
                "outer scale of the turbulence; L_c = L_max/5");
        addRow(grid, row, "Nside", null, nside, null, nsideInfo, "HEALPix resolution: one particle per pixel");
        addRow(grid, row, "ℓmax", lmax, null, this::checkLmax, null,
                "highest multipole of the spectra: auto = 3 Nside − 1 (anafast's); the transforms cost ∝ Nside ℓmax², "
                + "so at Nside 256–512 a lower ℓmax (e.g. 255) makes the analysis many times cheaper");
        addRow(grid, row, "realisations", realisations, null, v -> integer(v, 1, 10000, "realisations must be a whole number from 1 to 10000"), null,
                "field realisations in the ensemble");
        addRow(grid, row, "seed", seed, null, v -> longValue(v, "the seed must be a whole number"), null, "base seed; realisation r uses a mix of seed and r");
        addRow(grid, row, "T_max (τ_s)", tmax, null, v -> range(v, 0, 1e4, false, "T_max must be a positive number of QLT scattering times (at most 1e4)"),
                tmaxInfo, "last backtracking time in QLT scattering times: slab turbulence's τ_s at this ρ, η and q, also the clock of an "
                        + "isotropic run (which has no QLT of its own here), so both geometries run to the same Ω_rms T");
        addRow(grid, row, "snapshots", snapshots, null, v -> integer(v, 2, 200, "snapshots must be a whole number from 2 to 200"), null,
                "log-spaced snapshot times from 0.1/Ω_rms to T_max");
        addRow(grid, row, "Ω_rms dt", dt, null, v -> range(v, 0, SimulationParameters.DT_MAX, true,
                "dt must be in (0, " + SimulationParameters.DT_MAX + "] to resolve the gyration"), null, "time step");
        addRow(grid, row, "λ_min = r_g /", lambdaMin, null, v -> range(v, 1, 1e4, true,
                "λ_min must be r_g divided by a number above 1 and at most 10000 (the paper: 150)"), lambdaInfo,
                "smallest turbulent wavelength, in gyroradii: the resonant scales down to r_g/150 (the paper's choice); the grids follow from it");
        addRow(grid, row, "engine", null, engine, null, engineInfo, "backtracking engine");
        addRow(grid, row, "∇f ∠ B0 (°)", gradientAngle, null, v -> rangeInclusive(v, 0, 180, "the gradient's angle to B0 must be 0 to 180 degrees"), null,
                "angle between the cosmic-ray gradient and B0: 0 is the paper's case (and the prediction's); across B0 the dipole is the drift K_A g");
        addRow(grid, row, "K_zz (maps)", null, kSource, null, null,
                "K_zz in the Liouville map and the noise: QLT, or this run's plateau once a realisation is complete");
        addRow(grid, row, "Ω0ΔT theory", omegaDt, null, this::checkOmegaDt, null,
                "free parameter of the mixing matrix: auto = 4 (Ω0 τ_s)^(1/3) (Eq. 51), or a number");
        combined.setTextFill(Color.rgb(190, 0, 0));
        combined.setStyle("-fx-font-size: 10px;");
        combined.setWrapText(true);
        combined.setMaxWidth(280);
        getChildren().addAll(grid, combined);
        for (TextField f : new TextField[] {rigidity, eta, spectralIndex, brms, outer, lmax, realisations, seed, tmax, snapshots, dt, lambdaMin,
                omegaDt, gradientAngle, modes}) {
            f.textProperty().addListener(o -> revalidate());
            f.setPrefColumnCount(8);
        }
        unit.valueProperty().addListener(o -> revalidate());
        nside.valueProperty().addListener(o -> revalidate());
        // isotropic turbulence has no QLT K_zz and no K_perp for a gradient across B0 here: the maps take the run's K_zz, along B0
        turbulence.valueProperty().addListener(o -> {
            boolean iso = isotropic();
            modes.setDisable(!iso);
            if (iso) {
                kSource.setValue("this run");
                gradientAngle.setText("0");
            }
            kSource.setDisable(iso);
            gradientAngle.setDisable(iso);
            revalidate();
            firePrediction();
        });
        modes.setDisable(true);
        for (TextField f : new TextField[] {rigidity, eta, spectralIndex, brms, outer, omegaDt}) f.textProperty().addListener(o -> firePrediction());
        unit.valueProperty().addListener(o -> firePrediction());
        revalidate();
    }

    private void addRow(GridPane grid, int[] row, String label, TextField field, Node extra, Function<String, String> rule, Label info, String tip) {
        Label l = new Label(label);
        l.setTooltip(new Tooltip(tip));
        grid.add(l, 0, row[0]);
        if (field != null) {
            field.setTooltip(new Tooltip(tip));
            grid.add(field, 1, row[0]);
            if (extra != null) grid.add(extra, 2, row[0]);
        } else {
            grid.add(extra, 1, row[0]);
        }
        row[0]++;
        if (rule != null) {
            Label err = new Label();
            err.setTextFill(Color.rgb(190, 0, 0));
            err.setStyle("-fx-font-size: 10px;");
            err.setWrapText(true);
            err.setMaxWidth(250);
            err.setManaged(false);
            err.setVisible(false);
            grid.add(err, 0, row[0], 3, 1);
            row[0]++;
            checks.add(new Check(field, err, rule));
        }
        if (info != null) {
            grid.add(info, 0, row[0], 3, 1);
            row[0]++;
        }
    }

    ReadOnlyBooleanProperty validProperty() { return valid.getReadOnlyProperty(); }

    ReadOnlyBooleanProperty predictionValidProperty() { return predictionValid.getReadOnlyProperty(); }

    /** Called when a parameter of the analytic curve changed (rigidity, η, B_rms, L_max, Ω0ΔT). */
    void onPredictionInputs(Runnable r) { onPredictionInputs.add(r); }

    private void firePrediction() {
        for (Runnable r : onPredictionInputs) r.run();
    }

    /** The reason shown below the fields when they are each valid but not together ("" when none). */
    String combinedError() { return combined.getText(); }

    /** The error shown at a field ("" when valid). */
    String errorOf(TextField f) {
        for (Check c : checks) if (c.field() == f) return c.error().getText();
        return "";
    }

    private void revalidate() {
        boolean ok = true;
        for (Check c : checks) {
            String e = c.rule().apply(c.field().getText().trim());
            boolean bad = e != null;
            c.error().setText(bad ? e : "");
            c.error().setVisible(bad);
            c.error().setManaged(bad);
            c.field().setStyle(bad ? "-fx-border-color: #c00000; -fx-border-width: 1.5;" : "");
            ok &= !bad;
        }
        boolean predOk = checks.stream().filter(c -> c.field() == rigidity || c.field() == eta || c.field() == spectralIndex || c.field() == brms
                || c.field() == outer || c.field() == omegaDt).allMatch(c -> c.error().getText().isEmpty());
        predictionValid.set(predOk);
        // the run's parameters, built once: for the memory shown at Nside and for the checks across fields
        SimulationParameters p = null;
        combined.setText("");
        if (ok) {
            try {
                p = parameters();
            } catch (IllegalArgumentException e) {
                combined.setText(e.getMessage());
                ok = false;
            }
        }
        updateInfo(predOk, p);
        if (p != null) {
            long bytes = p.estimatedBytes(), max = Runtime.getRuntime().maxMemory();
            if (bytes > 0.8 * max) {
                nsideInfo.setText(String.format(Locale.ROOT, "needs ~%.1f GiB, Java may use %.1f GiB: lower Nside or snapshots",
                        bytes / 1073741824.0, max / 1073741824.0));
                nsideInfo.setTextFill(Color.rgb(190, 0, 0));
                ok = false;
            }
        }
        valid.set(ok);
    }

    /** p: the run's parameters when all fields are valid (its memory is shown), else null. */
    private void updateInfo(boolean predOk, SimulationParameters p) {
        int ns = nside.getValue();
        long npix = 12L * ns * ns;
        nsideInfo.setTextFill(Color.rgb(68, 68, 68));
        String mem = p == null ? "" : String.format(Locale.ROOT, ", ~%.0f MiB", p.estimatedBytes() / 1048576.0);
        nsideInfo.setText(npix + " particles" + mem + (p == null ? "" : ", " + cpuTime(p)));
        modesInfo.setText(isotropic() && p != null ? String.format(Locale.ROOT, "a step costs ~%.0f slab steps", RunSpec.costPerStep(p.geometry(), p.modes()))
                : "");
        modesInfo.setManaged(!modesInfo.getText().isEmpty()); // no empty line under a slab run's greyed plane waves
        modesInfo.setVisible(modesInfo.isManaged());
        if (p != null && !p.slab()) {
            lambdaInfo.setText(String.format(Locale.ROOT, "= %.3g pc; %d plane waves from L_max to λ_min", p.rgPc() * p.lambdaMin(), p.modes()));
        } else if (p != null) {
            int g = SlabField.grids(p.rho(), p.lambdaMin());
            lambdaInfo.setText(String.format(Locale.ROOT, "= %.3g pc; %d nested grid%s of 2^%d points (%d MiB)", p.rgPc() * p.lambdaMin(), g,
                    g == 1 ? "" : "s", SlabField.LOG2_POINTS, SlabField.bytes(g) >> 20));
        } else {
            lambdaInfo.setText("");
        }
        if (!predOk) {
            rhoInfo.setText("");
            tmaxInfo.setText("");
            return;
        }
        double r = rho(), e = Double.parseDouble(eta.getText().trim());
        double tau = Qlt.tauS(r, e, spectralIndexValue());
        rhoInfo.setText(String.format(Locale.ROOT, "ρ = r_g/L_c = %.3g; %sQLT τ_s = %.3g/Ω_rms (Ω0τ_s = %.3g)", r, isotropic() ? "slab " : "", tau,
                tau * Math.sqrt(1 - e)));
        try {
            double t = Double.parseDouble(tmax.getText().trim()) * tau;
            double years = t * yearsPerUnit(r);
            tmaxInfo.setText(String.format(Locale.ROOT, "= Ω_rms T %.4g = %.3g years%s", t, years, isotropic() ? " (τ_s: slab QLT's, as a clock)" : ""));
        } catch (NumberFormatException ex) {
            tmaxInfo.setText("");
        }
    }

    /** The CPU engine's time for the run's particles, roughly (RunSpec's cost estimate: docs/benchmarks.md's rates on two cores). */
    static String cpuTime(SimulationParameters p) {
        double s = RunSpec.cpuSeconds(p);
        return s < 60 ? String.format(Locale.ROOT, "~%.0f s on 2 CPU cores", Math.max(1, s)) : s < 3600 ? String.format(Locale.ROOT, "~%.0f min on 2 CPU cores", s / 60)
                : String.format(Locale.ROOT, "~%.1f h on 2 CPU cores", s / 3600);
    }

    /** Whether the turbulence chosen is isotropic. */
    boolean isotropic() { return "isotropic".equals(turbulence.getValue()); }

    private String checkModes(String v) {
        if (!isotropic()) return null;
        return integer(v, SimulationParameters.MODES_MIN, SimulationParameters.MODES_MAX,
                "plane waves must be a whole number from " + SimulationParameters.MODES_MIN + " to " + SimulationParameters.MODES_MAX);
    }

    /** Years per 1/Ω_rms for this rho (with B_rms and L_max as set). */
    double yearsPerUnit(double r) {
        double lc = Double.parseDouble(outer.getText().trim()) / 5.0;
        double rgM = r * lc * Units.PARSEC;
        return rgM / Units.C / Units.YEAR;
    }

    /** rho from the rigidity field and its unit (the fields must be valid). */
    double rho() {
        String v = rigidity.getText().trim();
        if ("rho".equals(unit.getValue())) return Double.parseDouble(v);
        return SimulationParameters.rhoOf(Units.parseRigidity(v + unit.getValue()), Double.parseDouble(brms.getText().trim()), Double.parseDouble(outer.getText().trim()));
    }

    double etaValue() { return Double.parseDouble(eta.getText().trim()); }

    /** The spectral index q as a number (5/3 exactly for "5/3"). */
    double spectralIndexValue() { return RunSpec.parseSpectralIndex(spectralIndex.getText()); }

    private String checkSpectralIndex(String v) {
        try {
            RunSpec.parseSpectralIndex(v);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage().replace("--spectral-index ", "q ");
        }
    }

    /** Ω0ΔT for the prediction, NaN for auto. */
    double omegaDtValue() {
        String s = omegaDt.getText().trim();
        return s.equalsIgnoreCase("auto") ? Double.NaN : Double.parseDouble(s);
    }

    Ensemble.KSource kSourceValue() {
        return isotropic() || "this run".equals(kSource.getValue()) ? Ensemble.KSource.RUN : Ensemble.KSource.QLT;
    }

    /** The run the fields describe, as `simulate` would make it from its options (throws IllegalArgumentException with the reason). */
    RunSpec runSpec(Observation.Observatory observatory) {
        String v = rigidity.getText().trim();
        boolean isRho = "rho".equals(unit.getValue());
        String lm = lmax.getText().trim();
        boolean iso = isotropic();
        Double r = isRho ? Double.parseDouble(v) : null, volts = isRho ? null : Units.parseRigidity(v + unit.getValue());
        double b = Double.parseDouble(brms.getText().trim()), l = Double.parseDouble(outer.getText().trim()), t = Double.parseDouble(tmax.getText().trim());
        // T_max in slab QLT's τ_s: an isotropic run takes it as the Ω_rms T it is (its command line says --t-max in Ω_rms T)
        if (iso) t *= Qlt.tauS(r != null ? r : SimulationParameters.rhoOf(volts, b, l), etaValue(), spectralIndexValue());
        return new RunSpec(volts, r, etaValue(), b, l, nside.getValue(),
                lm.equalsIgnoreCase("auto") ? null : Integer.parseInt(lm), Integer.parseInt(realisations.getText().trim()),
                Long.parseLong(seed.getText().trim()), t, !iso, Integer.parseInt(snapshots.getText().trim()),
                Double.parseDouble(dt.getText().trim()), Double.parseDouble(lambdaMin.getText().trim()), engine.getValue(), kSourceValue(),
                Double.parseDouble(gradientAngle.getText().trim()), observatory, spectralIndexValue(),
                iso ? org.anisoscope.physics.Geometry.ISOTROPIC : org.anisoscope.physics.Geometry.SLAB, iso ? Integer.valueOf(modes.getText().trim()) : null);
    }

    /** The run's parameters (throws IllegalArgumentException with the reason when invalid). */
    SimulationParameters parameters() {
        return runSpec(null).parameters();
    }

    /** The lmax field's value: auto is 3 Nside − 1 (the field must be valid). */
    int lmaxValue() {
        String v = lmax.getText().trim();
        return v.equalsIgnoreCase("auto") ? SimulationParameters.defaultLmax(nside.getValue()) : Integer.parseInt(v);
    }

    private String checkLmax(String v) {
        if (v.equalsIgnoreCase("auto")) return null;
        int top = SimulationParameters.defaultLmax(nside.getValue());
        return integer(v, 1, top, "ℓmax must be auto or a whole number from 1 to 3 Nside − 1 = " + top);
    }

    /**
     * Shows a run's parameters (an opened run's): the rigidity in PV or TV where six digits give its
     * ρ to round-off, else ρ itself; T_max in its QLT τ_s. True when the panel then makes the same run
     * (the same ρ, seeds, step, grids and snapshot times to 1e-9), so Run makes it again.
     */
    boolean show(SimulationParameters p, double rigidityVolts, Ensemble.KSource ks) {
        brms.setText(shortest(p.brmsMicroGauss(), v -> v == p.brmsMicroGauss()));
        outer.setText(shortest(p.outerScalePc(), v -> v == p.outerScalePc()));
        eta.setText(shortest(p.eta(), v -> v == p.eta()));
        String u = rigidityVolts >= 0.9995e15 ? "PV" : "TV";
        double mult = u.equals("PV") ? 1e15 : 1e12;
        // a rigidity typed as such has a few digits; a run made from rho has none that give it back
        String r = shortest(rigidityVolts / mult, v -> close(SimulationParameters.rhoOf(v * mult, p.brmsMicroGauss(), p.outerScalePc()), p.rho(), 1e-12));
        if (new java.math.BigDecimal(r).stripTrailingZeros().precision() <= 6
                && close(SimulationParameters.rhoOf(Double.parseDouble(r) * mult, p.brmsMicroGauss(), p.outerScalePc()), p.rho(), 1e-12)) {
            unit.setValue(u);
            rigidity.setText(r);
        } else {
            unit.setValue("rho");
            rigidity.setText(shortest(p.rho(), v -> v == p.rho()));
        }
        if (!nside.getItems().contains(p.nside())) {
            nside.getItems().add(p.nside());
            nside.getItems().sort(null);
        }
        nside.setValue(p.nside());
        lmax.setText(p.lmax() == SimulationParameters.defaultLmax(p.nside()) ? "auto" : Integer.toString(p.lmax()));
        realisations.setText(Integer.toString(p.realisations()));
        seed.setText(Long.toString(p.seed()));
        double[] t = p.times();
        double tau = p.tauSQlt();
        // the panel moves T_max onto a whole step, so the shortest text that lands on the run's last step will do
        tmax.setText(shortest(t[t.length - 1] / tau, v -> close(SimulationParameters.onStep(v * tau, p.dt()), t[t.length - 1], 1e-12)));
        snapshots.setText(Integer.toString(t.length));
        dt.setText(shortest(p.dt(), v -> v == p.dt()));
        lambdaMin.setText(shortest(p.lambdaMinRg(), v -> v == p.lambdaMinRg()));
        kSource.setValue(ks == Ensemble.KSource.RUN ? "this run" : "QLT");
        gradientAngle.setText(shortest(p.gradientAngleDeg(), v -> v == p.gradientAngleDeg()));
        spectralIndex.setText(p.kolmogorov() ? "5/3" : shortest(p.spectralIndex(), v -> v == p.spectralIndex()));
        turbulence.setValue(p.geometry().word());
        if (!p.slab()) modes.setText(Integer.toString(p.modes()));
        revalidate();
        SimulationParameters q;
        try {
            q = parameters();
        } catch (RuntimeException e) {
            return false;
        }
        if (!close(q.rho(), p.rho(), 1e-12) || q.eta() != p.eta() || q.nside() != p.nside() || q.realisations() != p.realisations()
                || q.seed() != p.seed() || q.dt() != p.dt() || q.lambdaMinRg() != p.lambdaMinRg() || q.times().length != t.length
                || q.gradientAngleDeg() != p.gradientAngleDeg() || q.lmax() != p.lmax() || q.geometry() != p.geometry() || q.modes() != p.modes()
                || q.spectralIndex() != p.spectralIndex()) return false;
        double[] qt = q.times();
        for (int k = 0; k < t.length; k++) if (!close(qt[k], t[k], 1e-9)) return false;
        return true;
    }

    private static boolean close(double a, double b, double rel) {
        return Math.abs(a - b) <= rel * Math.abs(b);
    }

    /** v with the fewest significant digits that good accepts (all 17 when none fewer does). */
    static String shortest(double v, java.util.function.DoublePredicate good) {
        for (int digits = 1; digits <= 17; digits++) {
            String s = new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).stripTrailingZeros().toPlainString();
            if (good.test(Double.parseDouble(s))) return s;
        }
        return Double.toString(v);
    }

    // ---- rules: null when valid, else the reason -----------------------------------------------

    private String checkRigidity(String v) {
        double x;
        try {
            x = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return "the rigidity must be a number (unit chosen beside it)";
        }
        String odd = oddNumber(v, x);
        if (odd != null) return odd + ": give the rigidity as a number (unit chosen beside it)";
        if (!(x > 0)) return "the rigidity must be positive";
        try {
            double r = rho();
            if (!(r <= 100)) return String.format(Locale.ROOT, "ρ = %.3g is above 100: lower the rigidity", r);
            if (r < 1e-6) return String.format(Locale.ROOT, "ρ = %.3g is below 1e-6: the grids would not fit; raise the rigidity", r);
        } catch (NumberFormatException e) {
            return null; // B_rms or L_max is what is wrong, and says so
        }
        return null;
    }

    private String checkOmegaDt(String v) {
        if (v.equalsIgnoreCase("auto")) return null;
        return range(v, 0, 1e5, false, "Ω0ΔT must be 'auto' or a positive number");
    }

    private static String positive(String v, String msg) {
        return range(v, 0, Double.MAX_VALUE, false, msg);
    }

    private static String range(String v, double lo, double hi, boolean hiInclusive, String msg) {
        return check(v, Double::parseDouble, x -> x > lo && (hiInclusive ? x <= hi : x < hi) && Double.isFinite(x), msg);
    }

    private static String rangeInclusive(String v, double lo, double hi, String msg) {
        return check(v, Double::parseDouble, x -> x >= lo && x <= hi, msg);
    }

    private static String integer(String v, int lo, int hi, String msg) {
        return check(v, Integer::parseInt, x -> x >= lo && x <= hi, msg);
    }

    private static String longValue(String v, String msg) {
        return check(v, Long::parseLong, x -> true, msg);
    }

    /** null when v parses (parse throws NumberFormatException otherwise) to a value ok accepts, else msg. */
    private static <T> String check(String v, java.util.function.Function<String, T> parse, java.util.function.Predicate<T> ok, String msg) {
        try {
            T t = parse.apply(v);
            if (ok.test(t)) return null;
            String odd = oddNumber(v, t);
            return odd != null ? odd + ": " + msg : msg;
        } catch (NumberFormatException e) {
            return msg;
        }
    }

    /** What is odd about a value that parsed but is no usable number (NaN, beyond the largest double), or null. */
    private static String oddNumber(String v, Object parsed) {
        if (parsed instanceof Double d && Double.isNaN(d)) return "'" + v.trim() + "' is not a number";
        if (parsed instanceof Double d && Double.isInfinite(d)) return "'" + v.trim() + "' is beyond the largest number a double holds";
        return null;
    }
}
