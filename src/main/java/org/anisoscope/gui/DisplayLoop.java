package org.anisoscope.gui;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javafx.animation.AnimationTimer;
import org.anisoscope.Version;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.util.Words;
import org.anisoscope.run.LiveRun;
import org.anisoscope.run.RunFiles;

/**
 * The display loop: once per display frame it looks at the run and, when something changed, moves
 * the views, the progress line and the scrubber to it; the FX thread never waits for the run.
 */
final class DisplayLoop {
    private final LabWindow win;

    DisplayLoop(LabWindow win) {
        this.win = win;
    }

    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            tick();
        }
    };

    void start() { timer.start(); }

    void stop() { timer.stop(); }

    private final FrameTimes frameTimes = new FrameTimes();

    FrameTimes frameTimes() { return frameTimes; }

    private long seenVersion = -1;

    private int shownIndex = -1;

    private LiveRun.Frame shownFrame;

    private LiveRun.Frame[] evolutionFrames = new LiveRun.Frame[0];

    // ---- the display loop ---------------------------------------------------------------------

    private void tick() {
        LiveRun live = win.runs.live();
        if (live == null) return;
        long v = live.version();
        if (v == seenVersion) return;
        long t0 = System.nanoTime();
        seenVersion = v;
        win.runs.updateButtons();
        LiveRun.Progress pr = live.progress();
        win.progress.setProgress(pr.fraction());
        SimulationParameters p = live.params();
        win.progressText.setText(String.format(Locale.ROOT, "%s — realisation %d/%d, Ω_rms T = %.4g (%s%.3g yr)%s",
                live.state().name().toLowerCase(Locale.ROOT), pr.realisation() + 1, p.realisations(), pr.time(), Words.qltTauS(pr.time(), qltTauS(p), "", ", "),
                pr.time() * p.yearsPerTimeUnit(), Double.isFinite(pr.etaSeconds()) && !live.finished()
                        ? String.format(Locale.ROOT, ", %.0f s left", pr.etaSeconds()) : ""));
        if (live.finished() && !win.endAnnounced) {
            win.setStatus(live.message(), live.state() == LiveRun.State.FAILED);
            win.endAnnounced = true;
        }
        int n = live.framesAvailable();
        if (n > 0) {
            if (scrubberHolds == 0) win.scrubber.setDisable(false);
            win.scrubber.setMax(n - 1);
            if (win.follow.isSelected()) win.scrubber.setValue(n - 1);
            LiveRun.Frame[] fs = new LiveRun.Frame[n];
            boolean changed = fs.length != evolutionFrames.length;
            for (int k = 0; k < n; k++) {
                fs[k] = live.frame(k);
                changed |= k < evolutionFrames.length && fs[k] != evolutionFrames[k];
            }
            if (changed) {
                evolutionFrames = fs;
                win.evolution.setFrames(fs, qltTauS(p), p.yearsPerTimeUnit(), p.gradientX() == 0 ? Double.NaN : p.driftCoefficient());
            }
        }
        showFrame(false);
        frameTimes.add(System.nanoTime() - t0);
    }

    /** Moves every view to the scrubber's snapshot (force: redraw even when it did not change). */
    void showFrame(boolean force) {
        LiveRun live = win.runs.live();
        if (live == null) return;
        int n = live.framesAvailable();
        if (n == 0) return;
        showFrame(Math.max(0, Math.min(n - 1, (int) Math.round(win.scrubber.getValue()))), force);
    }

    private int scrubberHolds;

    /** The index of the snapshot the views show (-1 before the first). */
    int shownIndex() { return shownIndex; }

    /** The snapshot the views show (null before the first). */
    LiveRun.Frame shownFrame() { return shownFrame; }

    /** A new run: nothing of the last one is shown. */
    void reset() {
        seenVersion = -1;
        shownIndex = -1;
        shownFrame = null;
        evolutionFrames = new LiveRun.Frame[0];
    }

    /** Holds the scrubber still (disabled) while an animation is drawn; holds nest. */
    void holdScrubber(boolean hold) {
        LiveRun live = win.runs.live();
        scrubberHolds = Math.max(0, scrubberHolds + (hold ? 1 : -1));
        win.scrubber.setDisable(scrubberHolds > 0 || live == null || live.framesAvailable() == 0);
    }

    /**
     * The view drawn at snapshot k, w x h pixels, for an animation: the snapshot is shown (all
     * views move, as with the scrubber) and the view rendered off-screen. The caller shows the
     * scrubber's snapshot again when done ({@link #showFrame(boolean)}).
     */
    java.awt.image.BufferedImage renderFrame(ExportableView v, int k, int w, int h, double scale) {
        showFrame(k, true);
        return v.render(w, h, scale);
    }

    /** QLT's τ_s of a slab run; NaN for an isotropic run, which has none. */
    private static double qltTauS(SimulationParameters p) {
        return p.slab() ? p.tauSQlt() : Double.NaN;
    }

    private void showFrame(int k, boolean force) {
        LiveRun live = win.runs.live();
        LiveRun.Frame f = live.frame(k);
        if (!force && k == shownIndex && f == shownFrame) return;
        shownIndex = k;
        shownFrame = f;
        SimulationParameters p = live.params();
        win.scrubText.setText(String.format(Locale.ROOT, "snapshot %d/%d: Ω_rms T = %.4g = %s%.3g yr", k + 1,
                p.times().length, f.time(), Words.qltTauS(f.time(), qltTauS(p), "", " = "), f.time() * p.yearsPerTimeUnit()));
        win.evolution.setCursor(f.time());
        String src = win.mapSource.getValue();
        float[] map;
        double[] local = null;
        String title;
        switch (src) {
            case "realisation 1" -> {
                map = f.sky().first();
                title = "realisation 1";
                local = f.sky().localFieldFirst();
            }
            case "ensemble mean" -> {
                map = f.sky().mean();
                title = f.realisations() > 0 ? "mean of " + org.anisoscope.util.Words.count(f.realisations(), "realisation") : "realisation in progress";
            }
            default -> {
                map = f.sky().latest();
                title = "realisation " + (f.sky().latestRealisation() + 1);
                local = f.sky().localFieldLatest();
            }
        }
        RunFiles.Summary saved = live.saved();
        String noMap = null, noPaths = null;
        if (saved != null) {
            noMap = src.equals("ensemble mean") ? "a run's files keep realisation 1's maps only: choose 'realisation 1'"
                    : RunFiles.mapFile(saved.dir(), k).getFileName() + " is not in the run's folder: the spectra and curves come from summary.json";
            noPaths = "no trajectories.csv in the run's folder: Run makes the run again with the same seeds, and with them";
        }
        win.sky.setKeywords(keywords(f));
        win.sky.setMap(map, String.format(Locale.ROOT, "%s, Ω_rms T = %.4g%s", title, f.time(), p.slab() ? Words.qltTauS(f.time(), qltTauS(p), " (", ")")
                : ", isotropic"), local, noMap);
        win.spectrum.setGradientFactor(p.predictionFactor());
        Ensemble.Seen seen = live.seen();
        win.spectrum.setSeenSimulation(seen == null ? null : seen.clSub()[k], seen == null ? null : seen.clSubErr()[k],
                seen == null ? "" : String.format(Locale.ROOT, "Dec %.3g° to %.3g°%s, B0 at Dec %.3g°", seen.observatory().decLo(),
                        seen.observatory().decHi(), seen.observatory().perDeclination() ? ", means out" : "", seen.observatory().decDeg()));
        win.spectrum.setFrame(f);
        LiveRun.Trajectories picked = win.picks.at(live, k);
        Picks.Picked pick = win.picks.current();
        if (picked != null) win.trajectories.setPicked(picked, pick.colours(), pick.realisation(), p.nside(), p.rgPc(), f.time(), pick.stride() * p.dt(),
                win.picks.terms(live, k, f.diffusion().kzz()), pick.fieldLine());
        else win.trajectories.setTrajectories(f.trajectories(), p.nside(), p.rgPc(), f.time(), noPaths);
    }

    /**
     * The realisation (0-based) the map shows at the shown snapshot: its own for "realisation 1" and
     * "latest realisation", realisation 1 for the ensemble mean (picking a pixel of a mean follows
     * one realisation's particle).
     */
    int shownRealisation() {
        LiveRun live = win.runs.live();
        if (live == null || shownFrame == null) return 0;
        return win.mapSource.getValue().equals("latest realisation") ? Math.max(0, shownFrame.sky().latestRealisation()) : 0;
    }

    private Map<String, String> keywords(LiveRun.Frame f) {
        Map<String, String> kw = new LinkedHashMap<>();
        SimulationParameters p = win.runs.live().params();
        kw.put("VERSION", Version.get());
        kw.put("SEED", Long.toString(p.seed()));
        kw.put("RHO", Double.toString(p.rho()));
        kw.put("ETA", Double.toString(p.eta()));
        kw.put("TIME", Double.toString(f.time()));
        kw.put("KZZ", Double.toString(f.diffusion().kzz()));
        kw.put("GRADANG", Double.toString(p.gradientAngleDeg()));
        if (!p.kolmogorov()) kw.put("SPECIDX", Double.toString(p.spectralIndex()));
        if (!p.slab()) kw.put("TURBMODE", p.modes() + " isotropic plane waves");
        kw.put("CREATOR", "anisoscope GUI, map: " + win.mapSource.getValue());
        return kw;
    }

    /** Text for figure metadata: version, parameters and seed, so a figure can be made again. */
    String provenance() {
        LiveRun live = win.runs.live();
        StringBuilder sb = new StringBuilder("anisoscope " + Version.get());
        if (live != null) {
            SimulationParameters p = live.params();
            sb.append(String.format(Locale.ROOT, "; rho=%s eta=%s nside=%d realisations=%d seed=%d dt=%s lambda_min=r_g/%s",
                    p.rho(), p.eta(), p.nside(), p.realisations(), p.seed(), p.dt(), p.lambdaMinRg()));
            if (p.gradientAngleDeg() != 0) sb.append(String.format(Locale.ROOT, " gradient_angle=%s deg", p.gradientAngleDeg()));
            if (!p.kolmogorov()) sb.append(" spectral_index=").append(p.spectralIndex());
            if (!p.slab()) sb.append(" turbulence=isotropic modes=").append(p.modes());
            if (shownFrame != null) sb.append(String.format(Locale.ROOT, "; Omega_rms T=%s", shownFrame.time()));
            if (live.saved() != null) sb.append("; opened from ").append(live.saved().dir()).append(", ").append(live.saved().provenance());
        }
        return sb.toString();
    }

    /** FX-thread time spent per display update (for the benchmark; bounded memory). */
    static final class FrameTimes {
        private final long[] ring = new long[4096];
        private int count;

        synchronized void add(long nanos) {
            ring[count % ring.length] = nanos;
            count++;
        }

        synchronized long[] snapshot() {
            int n = Math.min(count, ring.length);
            long[] out = new long[n];
            for (int i = 0; i < n; i++) out[i] = ring[(count - n + i) % ring.length];
            return out;
        }

        synchronized void clear() {
            count = 0;
        }
    }
}
