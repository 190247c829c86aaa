package org.anisoscope.gui;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import javafx.application.Platform;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.analysis.OmegaDtFit;
import org.anisoscope.mixing.Predictor;
import org.anisoscope.mixing.SpectrumFit;
import org.anisoscope.sky.MaskCoupling;
import org.anisoscope.sky.Observation;
import org.anisoscope.run.LiveRun;
import org.anisoscope.run.RunFiles;

/**
 * An observed spectrum beside the run, and Ω0ΔT fitted to it or to the run's C_ℓ^sub with
 * jackknife errors, on a thread of its own.
 */
final class Fits {
    private final LabWindow win;
    private final java.util.concurrent.ExecutorService fitter = Background.daemonThread("anisoscope-fit");

    void stop() { fitter.shutdownNow(); }

    Fits(LabWindow win) {
        this.win = win;
    }

    // ---- observed spectra and fits -------------------------------------------------------------

    /** Asks for a spectrum file (l,C_l,sigma_l, as `fit` reads) and shows it in the spectrum view. */
    void askObserved() {
        RunFolders.askPath(null, "Load an observed angular power spectrum", "CSV with a header l,C_l,sigma_l (any l, e.g. from 1; '#' lines are comments)",
                "file", win.lastExportDir.resolve("observed.csv")).ifPresent(this::loadObserved);
    }

    /** Reads and shows an observed spectrum; a damaged file is reported and the view kept as it was. */
    void loadObserved(Path file) {
        try {
            org.anisoscope.io.ClCsv.Spectrum s = org.anisoscope.io.ClCsv.readWithErrors(file);
            int n = 0;
            for (int l = 1; l < s.cl().length; l++) if (s.cl()[l] > 0 && s.sigma()[l] > 0) n++;
            if (n < 3) throw new java.io.IOException(file + ": fewer than three multipoles l >= 1 with a positive C_l and error");
            win.spectrum.setObserved(s, file.getFileName().toString());
            win.setStatus("observed spectrum " + file + ": " + n + " multipoles; drawn scaled to the simulation's (or the theory's) lowest one", false);
        } catch (java.io.IOException | IllegalArgumentException e) {
            win.setStatus("cannot load the observed spectrum: " + e.getMessage(), true);
        }
    }

    /**
     * Fits Ω0ΔT (and the normalisation) of the prediction to the observed spectrum, with ρ and η
     * from the panel, or to the simulated C_ℓ^sub at the shown time, with the run's ρ and η and a
     * flat offset for a misestimated shot noise (as `fit` does); on its own thread (seconds). The
     * result goes into the Ω0ΔT field, so the theory curve shows it, and into the status line.
     */
    void fitOmegaDt(boolean toObserved) {
        LiveRun live = win.runs.live();
        SpectrumFit.Data data;
        double rho, eta, q;
        java.util.function.Supplier<double[][]> realisations = () -> null; // each realisation's C_l at the fitted time, for the jackknife
        double noise = 0;
        if (toObserved) {
            org.anisoscope.io.ClCsv.Spectrum s = win.spectrum.observed();
            if (s == null) {
                win.setStatus("load an observed spectrum first", true);
                return;
            }
            if (!win.params.predictionValidProperty().get()) {
                win.setStatus("the fit needs valid rigidity, η, B_rms and L_max in the panel", true);
                return;
            }
            if (win.params.isotropic()) {
                win.setStatus("nothing to fit: the mixing-matrix prediction is slab turbulence's; choose slab turbulence in the panel", true);
                return;
            }
            data = new SpectrumFit.Data(s.cl(), s.sigma(), "observed " + s.source());
            rho = win.params.rho();
            eta = win.params.etaValue();
            q = win.params.spectralIndexValue();
        } else {
            LiveRun.Frame f = win.display.shownFrame();
            if (f == null || f.realisations() < 1) {
                win.setStatus("the fit needs a complete realisation: run first", true);
                return;
            }
            if (!live.params().slab()) {
                win.setStatus("nothing to fit: the mixing-matrix prediction is slab turbulence's, and this run's turbulence is isotropic", true);
                return;
            }
            if (live.params().predictionFactor() == 0) {
                win.setStatus("nothing to fit: with the gradient across B0 the mixing-matrix prediction has no source", true);
                return;
            }
            data = new SpectrumFit.Data(f.spectrum().clSub(), f.spectrum().clSubErr(), String.format(Locale.ROOT, "simulated C_l^sub at Omega_rms T = %.4g", f.time()));
            rho = live.params().rho();
            eta = live.params().eta();
            q = live.params().spectralIndex();
            noise = f.spectrum().noise();
            realisations = realisationSpectra(live, f);
        }
        java.util.function.Supplier<double[][]> fromRealisations = realisations;
        double subtracted = noise;
        // an observed spectrum is an observatory's: with the sky view's observatory on, the prediction is fitted as it would see it
        Observation.Observatory seenBy = toObserved ? win.sky.observer() : null;
        double seenCos2 = seenBy == null ? Double.NaN : win.prediction.dipoleCos2(rho, eta, q);
        win.setStatus("fitting Ω0ΔT to the " + (toObserved ? "observed spectrum" : "simulated C_ℓ^sub") + "…", false);
        fitter.submit(() -> {
            try {
                SpectrumFit.Fold fold = SpectrumFit.FULL_SKY;
                if (seenBy != null) {
                    MaskCoupling mc = win.prediction.seenCoupling(seenBy, Predictor.DEFAULT_LMAX);
                    double cos2 = seenCos2;
                    fold = new SpectrumFit.Fold(cl -> mc.expectedSeen(cl, seenBy.decDeg(), cos2), String.format(Locale.ROOT,
                            "as seen in Dec %.3g° to %.3g°%s, dipoles about B0 with ⟨cos²⟩ %.2f", seenBy.decLo(), seenBy.decHi(),
                            seenBy.perDeclination() ? ", means out" : "", cos2));
                }
                // errors from the scatter between realisations, as `fit` gives them (a few seconds more)
                double[][] real = fromRealisations.get();
                OmegaDtFit.Realisations spectra = real == null ? null : new OmegaDtFit.Realisations(real, subtracted, data.sigma(), 1);
                OmegaDtFit.Outcome o = OmegaDtFit.fit(new OmegaDtFit.Request(data, rho, eta, q, Predictor.DEFAULT_LMAX, false, !toObserved, fold,
                        spectra, toObserved ? null : "a jackknife needs 3 realisations' spectra"), Runtime.getRuntime().availableProcessors(), null);
                Platform.runLater(() -> showFit(o));
            } catch (RuntimeException e) {
                Platform.runLater(() -> win.setStatus("the fit failed: " + e.getMessage(), true));
            }
        });
    }

    /**
     * Each complete realisation's C_ℓ^num at frame f's time, read on the fit's thread: from the run
     * made here while its ensemble is the frame's, from cl_realisations.csv for an opened run; null
     * when neither has them.
     */
    private static java.util.function.Supplier<double[][]> realisationSpectra(LiveRun liveRun, LiveRun.Frame f) {
        org.anisoscope.analysis.Ensemble.Result res = liveRun.result();
        RunFiles.Summary saved = liveRun.saved();
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

    /** The fitted Ω0ΔT into the panel (so the theory curve shows it) and the fit into the status line. */
    private void showFit(OmegaDtFit.Outcome o) {
        win.params.omegaDt.setText(String.format(Locale.ROOT, "%.3g", o.fit().omegaDt()));
        win.setStatus(o.statusLine(), false);
    }

    static String shortNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }
}
