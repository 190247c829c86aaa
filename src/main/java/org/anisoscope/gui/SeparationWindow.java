package org.anisoscope.gui;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import javafx.stage.Window;
import org.anisoscope.analysis.PairSeparation;
import org.anisoscope.plot.LinePlot;
import org.anisoscope.run.PairSeparationRun;

/**
 * The window's "time to part" (Run menu): `separation` for the panel's field in a window of its
 * own ({@link MeasurementWindow}) with the figure, the table as the command prints it, τ_L and its
 * tail, Save (the command's files) and a PNG export.
 */
final class SeparationWindow extends MeasurementWindow<PairSeparation.Result> {
    private final PairSeparationRun run;

    SeparationWindow(Window owner, PairSeparationRun run, Path lastDir) {
        super(owner, texts(run), lastDir);
        this.run = run;
    }

    private static Texts texts(PairSeparationRun run) {
        String what = String.format(Locale.ROOT, "Pairs of particles leaving the observer at angles θ apart, through %d realisations of "
                        + "this field (%d directions each, Ω_rms T up to %.4g): how long until they are d r_g apart. Two directions share "
                        + "their past until then, so where t_sep grows like τ_L ln(1/θ) — chaotic orbits — the maps get an ℓ^−2 tail, "
                        + "C_ℓ ℓ² ≈ 4πK_zz g² τ_L (docs/validation.md: the simulated tail is 0.4–0.6 of it).", run.p().realisations(), run.directions(),
                run.p().times()[run.p().times().length - 1]);
        return new Texts("Time for neighbouring directions to part", what, "the table appears here when all realisations are done", true,
                "measurement", "cancelled: nothing measured", "Save the separation measurement", "A folder for separation.csv and "
                + "separation.json as the separation command writes them;\nfiles of the same name there are replaced", "anisoscope-separation",
                "Export the separation figure", "separation.png");
    }

    @Override
    PairSeparation.Result measure(BooleanSupplier cancelled) {
        int n = run.p().realisations();
        return run.run(k -> showProgress((k + 1.0) / n, String.format(Locale.ROOT, "realisation %d of %d done", k + 1, n)), cancelled);
    }

    @Override
    List<String> reportLines(PairSeparation.Result r) { return run.report(r); }

    @Override
    LinePlot figureOf(PairSeparation.Result r) { return run.figure(r); }

    @Override
    void showVerdict(PairSeparation.Result r) {
        int last = r.distances().length > 1 ? 1 : 0; // 1 r_g with the default distances
        setStatus(String.format(Locale.ROOT, "τ_L = %.3g ± %.2g Ω_rms⁻¹ (to %s r_g apart): ℓ^−2 tail C_ℓ ℓ² ≈ %.3g with K_zz = %.3g r_g c of "
                + "the reference particles", r.efold()[last], r.efoldErr()[last], org.anisoscope.plot.Ticks.significant(r.distances()[last], 3),
                r.tailClL2(last, r.kzz(), run.p().rho()), r.kzz()), false);
    }

    @Override
    void write(Path dir, PairSeparation.Result r) throws java.io.IOException {
        run.write(dir, r);
    }

    @Override
    String saved(Path dir) { return "saved to " + dir + ": separation.csv, separation.json"; }

    @Override
    String provenance() { return "separation, seed " + run.p().seed() + ", " + run.p(); }
}
