package org.anisoscope.gui;

import java.util.Locale;
import javafx.scene.paint.Color;
import org.anisoscope.run.LiveRun;

/**
 * The paper's Fig. 4 live: <C_l>^sub(T) for l = 1..5 with the shot noise N(T) and the total
 * powers, and below it the running K_zz(T) = <z²>/2T with the K_zz the maps use and the ensemble
 * dipole along B0 over |g| (K_used at T → 0, Fick's K_zz once T ≫ τ_s). A vertical line
 * marks the time the other views show.
 */
final class EvolutionView extends PlotView {
    /** The drift dipole's colour (a gradient across B0). */
    private static final Color DRIFT = SpectrumView.fx(org.anisoscope.plot.FigureStyle.PURPLE);
    static final Color[] L_COLOURS = java.util.Arrays.stream(org.anisoscope.plot.FigureStyle.SERIES).limit(5).map(SpectrumView::fx)
            .toArray(Color[]::new);

    private LiveRun.Frame[] frames = new LiveRun.Frame[0];
    private double tauS = Double.NaN, yearsPerUnit = Double.NaN;
    private double cursorTime = Double.NaN;

    @Override
    public String name() { return "evolution"; }

    /**
     * The frames so far (leading ones of the run), τ_s and years per Ω_rms^-1 for the labels, and the
     * drift coefficient K_A the dipole across B0 tends to (NaN for a gradient along B0: not drawn).
     */
    void setFrames(LiveRun.Frame[] f, double tauS, double yearsPerUnit, double driftCoefficient) {
        frames = f;
        this.tauS = tauS;
        this.yearsPerUnit = yearsPerUnit;
        this.driftCoefficient = driftCoefficient;
        redraw();
    }

    private double driftCoefficient = Double.NaN;

    void setCursor(double t) {
        cursorTime = t;
        redraw();
    }

    int frameCount() { return frames.length; }

    @Override
    void draw(Pen g, double w, double h) {
        if (frames.length == 0) {
            message(g, w, h, "C_ℓ(T) and K_zz(T) appear as the run reaches its snapshot times");
            return;
        }
        clear(g, w, h);
        int n = frames.length;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) t[i] = frames[i].time();
        double t0 = t[0], t1 = Math.max(t[n - 1], t0 * 10);
        // top: C_l(T)
        double ymax = 0, ymin = Double.POSITIVE_INFINITY;
        double[] tot = new double[n], totNoise = new double[n], totNum = new double[n];
        for (int i = 0; i < n; i++) {
            LiveRun.Frame f = frames[i];
            for (int l = 1; l <= Math.min(5, f.spectrum().clSub().length - 1); l++) {
                if (f.spectrum().clSub()[l] > 0) {
                    ymax = Math.max(ymax, f.spectrum().clSub()[l]);
                    ymin = Math.min(ymin, f.spectrum().clSub()[l]);
                }
            }
            ymax = Math.max(ymax, f.spectrum().noise());
            if (f.spectrum().noise() > 0) ymin = Math.min(ymin, f.spectrum().noise());
            // total powers Σ_l≥1 (2l+1) C_l / 4π of the map, of the noise, and noise-subtracted (Fig. 4)
            for (int l = 1; l < f.spectrum().clSub().length; l++) {
                double weight = (2 * l + 1) / (4 * Math.PI);
                tot[i] += weight * f.spectrum().clSub()[l];
                totNoise[i] += weight * f.spectrum().noise();
                totNum[i] += weight * f.spectrum().clNum()[l];
            }
            ymax = Math.max(ymax, Math.max(tot[i], totNum[i]));
        }
        if (!(ymax > 0)) ymax = 1;
        if (!(ymin < ymax)) ymin = ymax * 1e-3;
        ymin = Math.max(ymin, ymax * 1e-6);
        double split = h * 0.62;
        Axes top = new Axes(w, split, t0, t1, true, ymin / 2, ymax * 2, true);
        top.draw(g, "", "C_ℓ^sub, N_ℓ", Double.isFinite(tauS) ? String.format(Locale.ROOT, "evolution (QLT τ_s = %.3g/Ω_rms = %.3g yr)", tauS,
                tauS * yearsPerUnit) : "evolution (isotropic turbulence: no QLT τ_s)");
        for (int l = 1; l <= 5; l++) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) y[i] = l < frames[i].spectrum().clSub().length ? frames[i].spectrum().clSub()[l] : Double.NaN;
            top.line(g, t, y, L_COLOURS[l - 1], 1.6, null);
        }
        double[] noise = new double[n];
        for (int i = 0; i < n; i++) noise[i] = frames[i].spectrum().noise();
        top.line(g, t, noise, Color.gray(0.45), 1.2, new double[] {6, 4});
        top.line(g, t, totNum, SpectrumView.fx(org.anisoscope.plot.FigureStyle.SKY), 1.2, new double[] {2, 3});
        top.line(g, t, totNoise, Color.gray(0.6), 1.2, new double[] {2, 3});
        top.line(g, t, tot, Color.gray(0.1), 1.2, new double[] {2, 3});
        top.legend(g, new String[] {"ℓ = 1", "ℓ = 2", "ℓ = 3", "ℓ = 4", "ℓ = 5", "N_ℓ", "total power (map)", "total power (noise)",
                        "total power (sub)"},
                new Color[] {L_COLOURS[0], L_COLOURS[1], L_COLOURS[2], L_COLOURS[3], L_COLOURS[4], Color.gray(0.45), SpectrumView.fx(org.anisoscope.plot.FigureStyle.SKY),
                        Color.gray(0.6), Color.gray(0.1)},
                new boolean[] {false, false, false, false, false, true, true, true, true}, true);
        tauMark(g, top, true);
        cursor(g, top);
        // bottom: running K_zz
        double kmax = 0;
        double[] k = new double[n];
        for (int i = 0; i < n; i++) {
            k[i] = frames[i].diffusion().kzzRunning();
            if (Double.isFinite(k[i])) kmax = Math.max(kmax, k[i]);
        }
        double kUsed = frames[n - 1].diffusion().kzz();
        double[] dip = new double[n], drift = new double[n];
        for (int i = 0; i < n; i++) {
            dip[i] = frames[i].dipoles().zOverG();
            drift[i] = frames[i].dipoles().driftOverG();
            if (Double.isFinite(dip[i])) kmax = Math.max(kmax, dip[i]);
            if (Double.isFinite(drift[i])) kmax = Math.max(kmax, drift[i]);
        }
        kmax = Math.max(kmax, kUsed) * 1.15;
        if (!(kmax > 0)) kmax = 1;
        g.save();
        g.translate(0, split);
        Axes bottom = new Axes(w, h - split, t0, t1, true, 0, kmax, false);
        bottom.draw(g, "backtracking time Ω_rms T", "K_zz (r_g c)", "");
        bottom.line(g, t, k, SpectrumView.NUM, 1.6, null);
        bottom.line(g, new double[] {t0, t1}, new double[] {kUsed, kUsed}, Color.gray(0.3), 1.2, new double[] {6, 4});
        // the ensemble dipole along B0 in the same units: K_used at T → 0, Fick's K_zz once T ≫ τ_s
        bottom.line(g, t, dip, SpectrumView.SUB, 1.4, null);
        java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of("<z²>/2T",
                "K_zz used (" + (frames[n - 1].diffusion().kzzFromRun() ? "this run's plateau" : "QLT") + ")"));
        java.util.List<Color> colours = new java.util.ArrayList<>(java.util.List.of(SpectrumView.NUM, Color.gray(0.3)));
        java.util.List<Boolean> dashed = new java.util.ArrayList<>(java.util.List.of(false, true));
        if (java.util.Arrays.stream(dip).anyMatch(Double::isFinite) || !Double.isFinite(driftCoefficient)) { // none across B0 (g_z = 0)
            names.add("<Φ_z>/g_z (Fick: → K_zz)");
            colours.add(SpectrumView.SUB);
            dashed.add(false);
        }
        if (Double.isFinite(driftCoefficient)) {
            // a gradient across B0: the dipole along g × B0, which tends to the drift coefficient once the particles have gyrated
            bottom.line(g, t, drift, DRIFT, 1.4, null);
            bottom.line(g, new double[] {t0, t1}, new double[] {driftCoefficient, driftCoefficient}, DRIFT, 1.0, new double[] {2, 3});
            names.addAll(java.util.List.of("−<Φ_y>/g_x (drift)", "K_A = v r_g0/3"));
            colours.addAll(java.util.List.of(DRIFT, DRIFT));
            dashed.addAll(java.util.List.of(false, true));
        }
        boolean[] d = new boolean[dashed.size()];
        for (int i = 0; i < d.length; i++) d[i] = dashed.get(i);
        bottom.legend(g, names.toArray(new String[0]), colours.toArray(new Color[0]), d);
        tauMark(g, bottom, false);
        cursor(g, bottom);
        g.restore();
    }

    /** A dotted line at T = τ_s (QLT): where the large-scale C_ℓ^sub should stop changing (Fig. 4). */
    private void tauMark(Pen g, Axes ax, boolean label) {
        if (!(tauS >= ax.x0 && tauS <= ax.x1)) return;
        double x = ax.px(tauS);
        g.setStroke(Color.rgb(120, 60, 160, 0.7));
        g.setLineWidth(1);
        g.setLineDashes(2, 3);
        g.strokeLine(x, ax.top, x, ax.top + ax.height);
        g.setLineDashes((double[]) null);
        if (label) {
            g.setFill(Color.rgb(120, 60, 160));
            g.setFont(javafx.scene.text.Font.font(10));
            g.fillTypeset("τ_s", x + 3, ax.top + ax.height - 9); // above the tick marks
        }
    }

    private void cursor(Pen g, Axes ax) {
        if (!Double.isFinite(cursorTime) || cursorTime < ax.x0 || cursorTime > ax.x1) return;
        g.setStroke(Color.rgb(0, 0, 0, 0.35));
        g.setLineWidth(1);
        double x = ax.px(cursorTime);
        g.strokeLine(x, ax.top, x, ax.top + ax.height);
    }

    @Override
    public java.util.List<DataFile> data() {
        LiveRun.Frame[] fs = frames;
        if (fs.length == 0) return java.util.List.of();
        return java.util.List.of(new DataFile("evolution.csv", "C_l(T) for l = 1..5, N(T), K_zz(T), CSV", file -> {
            StringBuilder sb = new StringBuilder("# anisoscope " + org.anisoscope.Version.get() + "\n");
            sb.append("time_omega_rms,cl1_sub,cl2_sub,cl3_sub,cl4_sub,cl5_sub,noise,kzz_running,kzz_used,dipole_z_over_g,dipole_drift_over_g\n");
            for (LiveRun.Frame f : fs) {
                sb.append(f.time());
                for (int l = 1; l <= 5; l++) sb.append(',').append(l < f.spectrum().clSub().length ? f.spectrum().clSub()[l] : Double.NaN);
                sb.append(',').append(f.spectrum().noise()).append(',').append(f.diffusion().kzzRunning()).append(',').append(f.diffusion().kzz()).append(',')
                        .append(f.dipoles().zOverG()).append(',').append(f.dipoles().driftOverG()).append('\n');
            }
            org.anisoscope.io.AtomicFiles.writeString(file, sb.toString());
        }));
    }
}
