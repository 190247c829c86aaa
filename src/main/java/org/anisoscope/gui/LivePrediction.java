package org.anisoscope.gui;

import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.mixing.Prediction;
import org.anisoscope.mixing.Predictor;
import org.anisoscope.sky.MaskCoupling;
import org.anisoscope.sky.Observation;

/**
 * The analytic curve beside the run, recomputed on a thread of its own as the panel changes (the
 * latest request wins), and as the sky view's observatory would measure it.
 */
final class LivePrediction {
    private final LabWindow win;

    LivePrediction(LabWindow win) {
        this.win = win;
    }

    /** The win.runs.live() prediction and the fits each work on a thread of their own, off the FX thread. */
    private final ExecutorService predictor = Background.daemonThread("anisoscope-prediction"), fitter = Background.daemonThread("anisoscope-fit");

    private final AtomicLong predictionGeneration = new AtomicLong();

    private volatile Prediction lastPrediction;

    // ---- win.runs.live() prediction ----------------------------------------------------------------------

    void schedulePrediction() {
        if (!win.params.predictionValidProperty().get()) {
            win.spectrum.setPrediction(null, "");
            return;
        }
        if (win.params.isotropic()) {
            predictionGeneration.incrementAndGet(); // one still being made is not drawn
            lastPrediction = null;
            win.spectrum.setPrediction(null, "no theory curve: the mixing matrix is slab turbulence's");
            return;
        }
        double rho = win.params.rho(), eta = win.params.etaValue(), q = win.params.spectralIndexValue(), odt = win.params.omegaDtValue();
        long gen = predictionGeneration.incrementAndGet();
        predictor.submit(() -> {
            if (gen != predictionGeneration.get()) return; // a newer request is queued
            try {
                Prediction p = Predictor.predict(rho, eta, q, Predictor.DEFAULT_LMAX, odt, 1);
                Platform.runLater(() -> {
                    if (gen != predictionGeneration.get()) return;
                    lastPrediction = p;
                    scheduleSeen();
                    win.spectrum.setPrediction(p.cl(), String.format(Locale.ROOT, "theory: Ω0ΔT = %.3g (%s), ℓmax = %d (drawn to %d), ρ = %.3g, η = %.2g%s",
                            p.omegaDt(), Double.isNaN(odt) ? "Eq. 51" : "set", Predictor.DEFAULT_LMAX, Predictor.shownLmax(Predictor.DEFAULT_LMAX), rho, eta,
                            q == org.anisoscope.physics.Qlt.KOLMOGOROV ? "" : String.format(Locale.ROOT, ", spectrum k^-%.4g", q)));
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> win.setStatus("the analytic curve failed: " + e.getMessage(), true));
            }
        });
    }

    Prediction lastPrediction() { return lastPrediction; }

    void stop() { predictor.shutdownNow(); }

    /** The band's coupling last made (one band at a time: the fields change it rarely, the prediction often). */
    private volatile MaskCoupling seenCoupling;

    /**
     * ⟨cos²⟩ of the realisations' dipoles to B0 for folding the prediction's dipole through the
     * cut: the local mean field's (SlabField), with the panel's λ_min (simulate's 150 if it does not parse).
     */
    double dipoleCos2(double rho, double eta, double q) {
        double lm = 150;
        try {
            double v = Double.parseDouble(win.params.lambdaMin.getText().trim());
            if (v > 0 && Double.isFinite(v)) lm = v;
        } catch (NumberFormatException e) {
            // the panel marks the field; the curve uses the default meanwhile
        }
        return Ensemble.expectedMeanCosSq(rho, eta, lm, q);
    }

    MaskCoupling seenCoupling(Observation.Observatory o, int lmax) {
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
        Observation.Observatory o = win.sky.observer();
        Prediction p = lastPrediction;
        if (o == null || p == null) {
            win.spectrum.setSeenPrediction(null, null);
            return;
        }
        long gen = predictionGeneration.get();
        double cos2 = dipoleCos2(p.rho(), p.eta(), p.spectralIndex()); // reads the panel: on the FX thread
        predictor.submit(() -> {
            try {
                MaskCoupling mc = seenCoupling(o, p.lmax());
                double[] cl = mc.expectedSeenReliable(p.cl(), o.decDeg(), cos2);
                String name = String.format(Locale.ROOT, "Dec %.3g° to %.3g°%s", o.decLo(), o.decHi(),
                        o.perDeclination() ? ", means out" : "");
                Platform.runLater(() -> {
                    if (gen != predictionGeneration.get() || lastPrediction != p || !o.equals(win.sky.observer())) return; // superseded
                    win.spectrum.setSeenPrediction(cl, name);
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> win.setStatus("the analytic curve as seen failed: " + e.getMessage(), true));
            }
        });
    }
}
