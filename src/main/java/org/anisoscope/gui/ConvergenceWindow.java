package org.anisoscope.gui;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import javafx.stage.Window;
import org.anisoscope.analysis.Convergence;
import org.anisoscope.plot.LinePlot;
import org.anisoscope.run.ConvergenceCheck;

/**
 * The window's convergence check (Run menu): the panel's run and the same seeds with dt or λ_min
 * halved, in a window of its own ({@link MeasurementWindow}) with the report as `converge` prints
 * it, its verdict, its figure and Save (the same files as `converge`).
 */
final class ConvergenceWindow extends MeasurementWindow<Convergence.Result> {
    private final ConvergenceCheck check;
    private final String engineName;
    private long lastUpdate;

    ConvergenceWindow(Window owner, ConvergenceCheck check, String engineName, Path lastDir) {
        super(owner, texts(check), lastDir);
        this.check = check;
        this.engineName = engineName;
    }

    private static Texts texts(ConvergenceCheck check) {
        String halved = check.setting() == ConvergenceCheck.Setting.DT ? "dt" : "λ_min";
        String what = String.format(Locale.ROOT, "Halving %s: this run (%s) and the same %d realisations with %s, compared snapshot by "
                        + "snapshot in K_zz(T), C_ℓ and the total power. A difference is converged when it is bounded below 5 %% of the halved "
                        + "run's value (for C_ℓ its C_ℓ^sub) at 95 %% confidence; C_ℓ dominated by shot noise are not judged.",
                halved, check.value(check.base()), check.base().realisations(), check.value(check.halved())).replace("Omega_rms", "Ω_rms");
        return new Texts("Convergence check: halve " + halved, what, "the report appears here when both runs are done", false, "check",
                "cancelled: nothing to compare", "Save the convergence check", "A folder for convergence.csv, convergence.json and both runs "
                + "(base/, halved/) as converge writes them;\nfiles of the same name there are replaced", "anisoscope-convergence",
                "Export the convergence figure", "convergence.png");
    }

    @Override
    Convergence.Result measure(BooleanSupplier cancelled) {
        return check.run((f, label, real, time) -> {
            long now = System.nanoTime();
            if (now - lastUpdate < 100_000_000L) return; // ten updates a second are plenty
            lastUpdate = now;
            showProgress(f, String.format(Locale.ROOT, "%s run: realisation %d of %d, Ω_rms T = %.4g", label, real + 1, check.base().realisations(), time));
        }, cancelled);
    }

    @Override
    List<String> reportLines(Convergence.Result r) { return check.report(r); }

    @Override
    LinePlot figureOf(Convergence.Result r) { return check.figure(r); }

    @Override
    void showVerdict(Convergence.Result r) {
        setStatus(check.verdict(r), r.overall() == Convergence.Verdict.NOT_CONVERGED);
    }

    @Override
    void write(Path dir, Convergence.Result r) throws java.io.IOException {
        check.write(dir, r, engineName, null);
    }

    @Override
    String saved(Path dir) { return "saved to " + dir + ": convergence.csv, convergence.json, base/ and halved/"; }

    @Override
    String provenance() { return "convergence check, seed " + check.base().seed() + ", " + check.base(); }
}
