package org.anisoscope.gui;

import java.util.Locale;
import javafx.scene.paint.Color;
import org.anisoscope.run.LiveRun;

/**
 * log-log C_l at the current backtracking time: <C_l>^num, the shot noise N_l, <C_l>^sub with
 * error bars, and the analytic steady state <C_l>^mat, either normalised to the simulated
 * C_1^sub (as the paper's Fig. 5 compares shapes) or absolute; and, when loaded, an observed
 * spectrum (IceCube, HAWC, ...) with its errors. An observed C_l is in its own units (relative
 * intensity of the real sky, whose gradient is unknown), so only its shape can be compared: it is
 * scaled to the simulated C_l^sub — or, without a run, to the theory as drawn — at its lowest
 * multipole, and the factor is shown.
 */
final class SpectrumView extends PlotView {
    // colour-blind-safe, as the command line's figures (Okabe and Ito: plot.FigureStyle)
    static final Color NUM = fx(org.anisoscope.plot.FigureStyle.BLUE), SUB = fx(org.anisoscope.plot.FigureStyle.VERMILION), NOISE = Color.gray(0.45),
            MAT = Color.BLACK, OBS = fx(org.anisoscope.plot.FigureStyle.GREEN), SEEN = fx(org.anisoscope.plot.FigureStyle.PURPLE);

    /** An AWT colour as the canvas's. */
    static Color fx(java.awt.Color c) {
        return Color.rgb(c.getRed(), c.getGreen(), c.getBlue(), c.getAlpha() / 255.0);
    }

    private LiveRun.Frame frame;
    private double[] prediction;
    private String predictionLabel = "";
    /** How the analytic curve is scaled: to the simulated C_1^sub, not at all, or by 1/<cos alpha>^2 (the paper's Sec. 3.3). */
    enum Normalisation { TO_C1, ABSOLUTE, COS_ALPHA }

    private Normalisation normalisation = Normalisation.TO_C1;
    /** The analytic curve as an observatory would measure it (MaskCoupling: expected pseudo-C_l / f_sky), or null. */
    private double[] seen;
    private String seenName = "";
    private org.anisoscope.io.ClCsv.Spectrum observed;
    private String observedName = "";

    @Override
    public String name() { return "spectrum"; }

    void setFrame(LiveRun.Frame f) {
        frame = f;
        redraw();
    }

    void setPrediction(double[] cl, String label) {
        prediction = cl;
        predictionLabel = label == null ? "" : label;
        redraw();
    }

    /** The theory's label as drawn (what the view says of the curve, or why there is none). */
    String predictionLabel() { return predictionLabel; }

    /**
     * The analytic curve as the observatory set in the sky view would measure it (null: none);
     * drawn with the same factor as the full-sky curve, so the two differ by the cut alone.
     */
    void setSeenPrediction(double[] cl, String name) {
        seen = cl;
        seenName = name == null ? "" : name;
        redraw();
    }

    double[] seenPrediction() { return seen == null ? null : seen.clone(); }

    /** The run's C_l^sub as the observatory it was run with sees its skies, with errors (null: none). */
    private double[] seenSim, seenSimErr;
    private String seenSimName = "";

    void setSeenSimulation(double[] clSub, double[] err, String name) {
        seenSim = clSub;
        seenSimErr = err;
        seenSimName = name == null ? "" : name;
        redraw();
    }

    double[] seenSimulation() { return seenSim == null ? null : seenSim.clone(); }

    /** The run's {@link org.anisoscope.physics.SimulationParameters#predictionFactor}: cos²θ of its gradient's angle to B0. */
    void setGradientFactor(double cos2) {
        if (cos2 == gradientFactor) return;
        gradientFactor = cos2;
        redraw();
    }

    private double gradientFactor = 1;

    void setNormalisation(Normalisation n) {
        normalisation = n;
        redraw();
    }

    /** The factor the analytic curve is drawn with (1: absolute). */
    double theoryScale() {
        if (prediction == null || frame == null) return 1;
        return switch (normalisation) {
            case TO_C1 -> frame.spectrum().clSub()[1] > 0 ? frame.spectrum().clSub()[1] / prediction[1] : 1;
            case COS_ALPHA -> (Double.isFinite(frame.dipoles().invMeanCosSq()) ? frame.dipoles().invMeanCosSq() : 1) * gradientFactor;
            case ABSOLUTE -> gradientFactor;
        };
    }

    double[] prediction() { return prediction == null ? null : prediction.clone(); }

    /** An observed spectrum to draw beside the rest (null removes it); name is what the legend calls it. */
    void setObserved(org.anisoscope.io.ClCsv.Spectrum s, String name) {
        observed = s;
        observedName = name == null ? "" : name;
        redraw();
    }

    org.anisoscope.io.ClCsv.Spectrum observed() { return observed; }

    /** Lowest multipole >= 1 with a positive observed C_l, or -1. */
    private int observedAnchor() {
        if (observed == null) return -1;
        for (int l = 1; l < observed.cl().length; l++) if (observed.cl()[l] > 0) return l;
        return -1;
    }

    /**
     * The factor that puts the observed spectrum on the drawing: at its lowest multipole l* it
     * equals the theory as the observatory would see it when that is drawn (an observed spectrum
     * is an observatory's), else the simulated C_l*^sub, else the theory as drawn (theoryScale ×
     * C_l*^mat), else 1. Returns {factor, l*, what it was scaled to: 1 simulation, 2 theory,
     * 3 theory as seen, 0 nothing}.
     */
    double[] observedScale(double theoryScale) {
        int a = observedAnchor();
        if (a < 0) return new double[] {1, -1, 0};
        if (seenDrawn() && a < seen.length && seen[a] > 0) return new double[] {theoryScale * seen[a] / observed.cl()[a], a, 3};
        double[] sub = frame == null ? null : frame.spectrum().clSub();
        if (sub != null && a < sub.length && sub[a] > 0) return new double[] {sub[a] / observed.cl()[a], a, 1};
        if (prediction != null && a < prediction.length && prediction[a] > 0)
            return new double[] {theoryScale * prediction[a] / observed.cl()[a], a, 2};
        return new double[] {1, a, 0};
    }

    private boolean seenDrawn() {
        return seen != null && prediction != null && gradientFactor != 0;
    }

    @Override
    void draw(Pen g, double w, double h) {
        if (frame == null && prediction == null && observed == null) {
            message(g, w, h, "no spectrum yet: press Run (the analytic curve appears when the parameters are valid)");
            return;
        }
        clear(g, w, h);
        // the simulation's multipoles, and the axis's (which an observed spectrum may extend)
        int lsim = frame != null ? frame.spectrum().clNum().length - 1 : 0;
        int lmax = frame != null ? lsim : prediction != null ? prediction.length - 1 : 2;
        if (observed != null) lmax = Math.max(lmax, observed.cl().length - 1);
        double ymax = 0, ymin = Double.POSITIVE_INFINITY;
        if (frame != null) {
            for (int l = 1; l <= lsim; l++) {
                ymax = Math.max(ymax, frame.spectrum().clNum()[l]);
                if (frame.spectrum().clSub()[l] > 0) ymin = Math.min(ymin, frame.spectrum().clSub()[l]);
            }
            ymin = Math.min(ymin, frame.spectrum().noise() * 0.5);
        }
        double scale = theoryScale();
        double[] drawn = gradientFactor == 0 ? null : prediction; // across B0 the prediction has no source
        if (drawn != null) {
            for (int l = 1; l < Math.min(drawn.length, lmax + 1); l++) {
                ymax = Math.max(ymax, scale * drawn[l]);
                ymin = Math.min(ymin, scale * drawn[l]);
            }
        }
        if (seenSim != null) {
            for (int l = 1; l < Math.min(seenSim.length, lmax + 1); l++) if (seenSim[l] > 0) {
                ymax = Math.max(ymax, seenSim[l]);
                ymin = Math.min(ymin, seenSim[l]);
            }
        }
        if (seenDrawn()) {
            for (int l = 1; l < Math.min(seen.length, lmax + 1); l++) {
                if (!(seen[l] > 0)) continue;
                ymax = Math.max(ymax, scale * seen[l]);
                ymin = Math.min(ymin, scale * seen[l]);
            }
        }
        double[] obsScale = observedScale(scale);
        if (observed != null) {
            for (int l = 1; l < observed.cl().length; l++) {
                double v = obsScale[0] * observed.cl()[l];
                if (!(v > 0)) continue;
                ymax = Math.max(ymax, v);
                ymin = Math.min(ymin, v);
            }
        }
        if (!(ymax > 0)) ymax = 1;
        if (!(ymin < ymax)) ymin = ymax * 1e-3;
        ymin = Math.max(ymin, ymax * 1e-7);
        Axes ax = new Axes(w, h, 1, Math.max(2, lmax), true, ymin / 2, ymax * 2, true);
        String title = frame == null ? (prediction != null ? "analytic steady state" : "observed spectrum") : String.format(Locale.ROOT, "Ω_rms T = %.4g, %s", frame.time(),
                frame.realisations() == 0 ? "1 realisation (in progress)" : org.anisoscope.util.Words.count(frame.realisations(), "realisation"));
        ax.draw(g, "multipole ℓ", "C_ℓ", title);
        if (frame != null) {
            double[] ls = new double[lsim], num = new double[lsim], noise = new double[lsim];
            for (int l = 1; l <= lsim; l++) {
                ls[l - 1] = l;
                num[l - 1] = frame.spectrum().clNum()[l];
                noise[l - 1] = frame.spectrum().noise();
            }
            ax.line(g, ls, num, NUM, 1.6, null);
            ax.line(g, ls, noise, NOISE, 1.2, new double[] {6, 4});
            g.setStroke(SUB);
            g.setFill(SUB);
            g.setLineWidth(1);
            for (int l = 1; l <= lsim; l++) {
                double v = frame.spectrum().clSub()[l], e = frame.spectrum().clSubErr()[l];
                if (!(v > 0) || !ax.inside(l, v)) continue;
                double x = ax.px(l), y = ax.py(v);
                double lo = v - e > ymin / 2 ? ax.py(v - e) : ax.top + ax.height, hi = ax.py(Math.min(v + e, ymax * 2));
                g.strokeLine(x, lo, x, hi);
                g.fillOval(x - 2.2, y - 2.2, 4.4, 4.4);
            }
        }
        if (drawn != null) {
            int n = Math.min(org.anisoscope.mixing.Predictor.shownLmax(drawn.length - 1), lmax);
            double[] ls = new double[n], p = new double[n];
            for (int l = 1; l <= n; l++) {
                ls[l - 1] = l;
                p[l - 1] = scale * drawn[l];
            }
            ax.line(g, ls, p, MAT, 1.6, new double[] {8, 4});
        }
        if (seenDrawn()) {
            int n = Math.min(Math.min(org.anisoscope.mixing.Predictor.shownLmax(prediction.length - 1), seen.length - 1), lmax);
            double[] ls = new double[n], p = new double[n];
            for (int l = 1; l <= n; l++) {
                ls[l - 1] = l;
                p[l - 1] = scale * seen[l];
            }
            ax.line(g, ls, p, SEEN, 1.6, new double[] {3, 3});
        }
        if (seenSim != null) {
            // the run's skies as its observatory sees them: open diamonds, a little to the left of the full-sky points
            g.setStroke(SEEN);
            g.setLineWidth(1);
            for (int l = 1; l < Math.min(seenSim.length, lmax + 1); l++) {
                double v = seenSim[l], e = seenSimErr == null ? Double.NaN : seenSimErr[l];
                if (!(v > 0) || !ax.inside(l, v)) continue;
                double x = ax.px(l) - 2, y = ax.py(v);
                if (e > 0) {
                    double lo = v - e > ymin / 2 ? ax.py(v - e) : ax.top + ax.height, hi = ax.py(Math.min(v + e, ymax * 2));
                    g.strokeLine(x, lo, x, hi);
                }
                g.strokePolygon(new double[] {x, x + 3, x, x - 3}, new double[] {y - 3, y, y + 3, y}, 4);
            }
        }
        if (observed != null) {
            g.setStroke(OBS);
            g.setFill(OBS);
            g.setLineWidth(1);
            for (int l = 1; l < observed.cl().length; l++) {
                double v = obsScale[0] * observed.cl()[l], e = obsScale[0] * observed.sigma()[l];
                if (!(v > 0) || !ax.inside(l, v)) continue;
                double x = ax.px(l) + 2, y = ax.py(v); // a little to the right, so both error bars show at one l
                if (e > 0) {
                    double lo = v - e > ymin / 2 ? ax.py(v - e) : ax.top + ax.height, hi = ax.py(Math.min(v + e, ymax * 2));
                    g.strokeLine(x, lo, x, hi);
                }
                g.fillRect(x - 2.4, y - 2.4, 4.8, 4.8);
            }
        }
        String why = switch (normalisation) {
            case TO_C1 -> "to C_1^sub";
            case COS_ALPHA -> gradientFactor == 1 ? "1/⟨cos α⟩², Sec. 3.3" : "1/⟨cos α⟩² × cos²θ of the gradient";
            case ABSOLUTE -> "cos²θ of the gradient";
        };
        String matName = prediction == null ? "<C_ℓ>^mat: —" : drawn == null ? "<C_ℓ>^mat: none (the gradient is across B0)"
                : "<C_ℓ>^mat" + (normalisation == Normalisation.TO_C1 && (frame == null || !(frame.spectrum().clSub()[1] > 0))
                        ? " (as computed: no C_1^sub yet to scale it to)" // what the menu asks cannot be done yet: say so, not "absolute"
                        : scale == 1 && normalisation == Normalisation.ABSOLUTE ? " (absolute)" : String.format(Locale.ROOT, " × %.3g (%s)", scale, why));
        java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of("<C_ℓ>^num", "N_ℓ (shot noise)", "<C_ℓ>^sub ± σ", matName));
        java.util.List<Color> colours = new java.util.ArrayList<>(java.util.List.of(NUM, NOISE, SUB, MAT));
        java.util.List<Boolean> dashes = new java.util.ArrayList<>(java.util.List.of(false, true, false, true));
        if (seenSim != null) {
            names.add("<C_ℓ>^sub as seen: " + org.anisoscope.plot.Typeset.literal(seenSimName));
            colours.add(SEEN);
            dashes.add(false);
        }
        if (seenDrawn()) {
            names.add("<C_ℓ>^mat as seen: " + org.anisoscope.plot.Typeset.literal(seenName));
            colours.add(SEEN);
            dashes.add(true);
        }
        if (observed != null) {
            int a = (int) obsScale[1];
            String to = obsScale[2] == 1 ? String.format(Locale.ROOT, " × %.3g (to C_%d^sub)", obsScale[0], a)
                    : obsScale[2] == 2 ? String.format(Locale.ROOT, " × %.3g (to the theory at ℓ = %d)", obsScale[0], a)
                    : obsScale[2] == 3 ? String.format(Locale.ROOT, " × %.3g (to the theory as seen at ℓ = %d)", obsScale[0], a) : "";
            names.add("observed: " + org.anisoscope.plot.Typeset.literal(observedName) + to);
            colours.add(OBS);
            dashes.add(false);
        }
        boolean[] dashed = new boolean[dashes.size()];
        for (int i = 0; i < dashed.length; i++) dashed[i] = dashes.get(i);
        // bottom left, above the theory's label: a falling spectrum leaves that corner empty
        ax.legend(g, names.toArray(new String[0]), colours.toArray(new Color[0]), dashed, true, 18);
        if (!predictionLabel.isEmpty()) {
            g.setFill(Color.gray(0.3));
            g.setFont(javafx.scene.text.Font.font(10));
            g.fillTypeset(predictionLabel, ax.left + 6, ax.top + ax.height - 6);
        }
        String gap = subGap();
        if (gap != null) {
            g.setFill(Color.gray(0.3));
            g.setFont(javafx.scene.text.Font.font(10));
            g.setTextAlign(javafx.scene.text.TextAlignment.RIGHT);
            // on one line where it fits, else on two at its colon
            int colon = gap.indexOf(": ");
            if (g.typesetWidth(gap) <= ax.width - 12 || colon < 0) g.fillTypeset(gap, ax.left + ax.width - 6, ax.top + 14);
            else {
                g.fillTypeset(gap.substring(0, colon + 1), ax.left + ax.width - 6, ax.top + 14);
                g.fillTypeset(gap.substring(colon + 2), ax.left + ax.width - 6, ax.top + 27);
            }
            g.setTextAlign(javafx.scene.text.TextAlignment.LEFT);
        }
    }

    /**
     * Why C_ℓ^sub points stop (null when they do not): from some ℓ the noise estimate exceeds the
     * measured power, so C_ℓ^sub ≤ 0 has no place on the log axis. Before T ≈ τ_s the particles have
     * spread less than diffusion's 2T·K_zz, which N_ℓ (Eq. 7) assumes, so N_ℓ overstates the noise.
     */
    String subGap() {
        if (frame == null) return null;
        double[] sub = frame.spectrum().clSub();
        int first = -1, count = 0;
        for (int l = 1; l < sub.length; l++) {
            if (!(sub[l] > 0)) {
                if (first < 0) first = l;
                count++;
            }
        }
        if (first < 0) return null;
        return String.format(Locale.ROOT, "C_ℓ^sub ≤ 0 at %d multipoles from ℓ = %d (not drawn): %s", count, first,
                frame.spectrum().clNum()[first] < frame.spectrum().noise()
                        ? "N_ℓ = (4π/N_pix)·2T·K_zz·g² is above C_ℓ^num; before τ_s the particles spread less"
                        : "the scatter of a few realisations");
    }

    @Override
    public java.util.List<DataFile> data() {
        LiveRun.Frame f = frame;
        double[] p = prediction, sn = seenDrawn() ? seen : null, ss = seenSim, sse = seenSimErr;
        String snName = seenName, ssName = seenSimName;
        org.anisoscope.io.ClCsv.Spectrum obs = observed;
        java.util.List<DataFile> files = new java.util.ArrayList<>();
        if (obs != null) {
            double factor = observedScale(theoryScale())[0];
            files.add(new DataFile("observed.csv", "the observed spectrum as loaded, with the factor it is drawn with, CSV", file -> {
                StringBuilder sb = new StringBuilder("# anisoscope " + org.anisoscope.Version.get() + "; observed spectrum from " + obs.source()
                        + String.format(Locale.ROOT, "; drawn x %s (%s)%n", factor, observedName));
                sb.append("l,cl_obs,sigma_obs,cl_obs_drawn\n");
                for (int l = 0; l < obs.cl().length; l++) {
                    if (Double.isNaN(obs.cl()[l]) && Double.isNaN(obs.sigma()[l])) continue;
                    sb.append(l).append(',').append(obs.cl()[l]).append(',').append(obs.sigma()[l]).append(',').append(factor * obs.cl()[l]).append('\n');
                }
                org.anisoscope.io.AtomicFiles.writeString(file, sb.toString());
            }));
        }
        if (f == null && p == null) return files;
        files.add(0, new DataFile("cl.csv", "C_l at this time (and the prediction), CSV", file -> {
            StringBuilder sb = new StringBuilder();
            sb.append("# anisoscope ").append(org.anisoscope.Version.get());
            if (f != null) sb.append(String.format(Locale.ROOT, "; Omega_rms T = %s; realisations %d; K_zz = %s r_g c", f.time(), f.realisations(), f.diffusion().kzz()));
            if (sn != null) sb.append("; cl_mat_seen: the prediction as seen, ").append(snName).append(", its dipoles about B0 (expected pseudo-C_l / f_sky)");
            if (ss != null) sb.append("; cl_sub_seen: the run's skies as seen, ").append(ssName).append(" (pseudo-C_l / f_sky less the noise as seen)");
            sb.append('\n').append("l,cl_num,noise,cl_sub,cl_sub_err,cl_mat").append(sn != null ? ",cl_mat_seen" : "")
                    .append(ss != null ? ",cl_sub_seen,cl_sub_seen_err" : "").append('\n');
            // with a simulation: its multipoles, the prediction beside them; without: the prediction alone
            LiveRun.Spectrum fs = f == null ? null : f.spectrum();
            int n = fs != null ? fs.clNum().length : p.length;
            for (int l = 0; l < n; l++) {
                sb.append(l);
                if (fs != null && l < fs.clNum().length) sb.append(',').append(fs.clNum()[l]).append(',').append(fs.noise()).append(',')
                        .append(fs.clSub()[l]).append(',').append(fs.clSubErr()[l]);
                else sb.append(",,,,");
                sb.append(',').append(p != null && l < p.length ? Double.toString(p[l]) : "");
                if (sn != null) sb.append(',').append(l < sn.length ? Double.toString(sn[l]) : "");
                if (ss != null) sb.append(',').append(l < ss.length ? Double.toString(ss[l]) : "").append(',').append(sse != null && l < sse.length ? Double.toString(sse[l]) : "");
                sb.append('\n');
            }
            org.anisoscope.io.AtomicFiles.writeString(file, sb.toString());
        }));
        return files;
    }
}
