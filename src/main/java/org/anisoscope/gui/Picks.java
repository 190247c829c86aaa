package org.anisoscope.gui;

import java.util.Locale;
import javafx.scene.paint.Color;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.run.LiveRun;
import org.anisoscope.tracking.CpuBacktracker;
import org.anisoscope.tracking.PixelPaths;
import org.anisoscope.turbulence.Turbulence;

/**
 * Sky pixels picked on the map and where their particles came from: their whole paths in the
 * realisation the map showed, computed on demand from its field with the engine's own step
 * ({@link PixelPaths}: the same as `trajectory` and, for a sampled pixel, as the run's path), then
 * shown in the 3D view up to the scrubber's time instead of the run's sampled paths, each coloured
 * by the value its pixel had on the map.
 */
final class Picks {
    /** The most pixels picked at once (a box over the sky at Nside 512 would be millions). */
    static final int MAX = 2000;

    private final LabWindow win;

    /** What is picked: the pixels, their realisation (0-based), their map values' colours, and their paths to the run's last step (null while computing). */
    record Picked(LiveRun run, int[] pixels, int realisation, Color[] colours, float[][] paths, long stride, double seconds, double[][] detail,
                  float[] fieldLine) {}

    private Picked current;
    private long generation;

    Picks(LabWindow win) {
        this.win = win;
    }

    /** The current pick (null: none). */
    Picked current() { return current; }

    /** Forgets the pick without redrawing (a new run is starting). */
    void forget() {
        generation++;
        current = null;
    }

    void clear() {
        generation++;
        current = null;
        win.display.showFrame(true);
    }

    /**
     * Picks these pixels of the map as shown (values: their values on it, lim the colour scale's end);
     * their paths are computed in the background, then shown.
     */
    void pick(int[] pixels, double[] values, double lim) {
        LiveRun live = win.live();
        if (live == null || live.framesAvailable() == 0) {
            win.setStatus("nothing to pick from yet: press Run", true);
            return;
        }
        if (pixels.length == 0) {
            clear();
            return;
        }
        if (pixels.length > MAX) {
            win.setStatus(pixels.length + " pixels in the box: pick at most " + MAX + " (a smaller box)", true);
            return;
        }
        int r = win.display.shownRealisation();
        Color[] colours = new Color[pixels.length];
        // the map's colour a little darker, so a path of a value near 0 (near white) still shows on the light background
        for (int i = 0; i < pixels.length; i++) colours[i] = SkyMapView.colourOf(values[i], lim).deriveColor(0, 1, 0.8, 1);
        SimulationParameters p = live.params();
        long[] steps = CpuBacktracker.stepCounts(p.times(), p.dt());
        long stride = CpuBacktracker.trajectoryStride(p.times(), p.dt());
        long gen = ++generation;
        current = new Picked(live, pixels.clone(), r, colours, null, stride, 0, null, null);
        win.setStatus("computing the paths of " + pixels.length + " picked pixel" + (pixels.length == 1 ? "" : "s") + " in realisation " + (r + 1) + "…", false);
        float[][][] out = new float[1][][];
        double[][][] detail = new double[1][][];
        float[][] line = new float[1][];
        double[] took = new double[1];
        Background.inBackground("anisoscope-paths", () -> {
            long t0 = System.nanoTime();
            Turbulence field = Turbulence.of(p, p.realisationSeed(r));
            out[0] = PixelPaths.compute(field, p.nside(), p.dt(), p.times(), pixels, steps[steps.length - 1]);
            // one pixel: also what its value is made of, step by recorded step
            if (pixels.length == 1) detail[0] = PixelPaths.detail(field, p.nside(), p.dt(), p.times(), pixels[0], steps[steps.length - 1]);
            // the field line through the observer over the paths' reach along B0
            double zLo = 0, zHi = 0;
            for (float[] path : out[0]) for (int j = 2; j < path.length; j += 3) {
                zLo = Math.min(zLo, path[j]);
                zHi = Math.max(zHi, path[j]);
            }
            line[0] = PixelPaths.fieldLine(field, zLo, zHi, Math.max((zHi - zLo) / 2000, 1e-3));
            took[0] = (System.nanoTime() - t0) / 1e9;
        }, failure -> {
            if (gen != generation) return; // picked again meanwhile
            if (failure != null) {
                current = null;
                win.setStatus("the picked paths could not be computed: " + failure, true);
                return;
            }
            current = new Picked(live, pixels.clone(), r, colours, out[0], stride, took[0], detail[0], line[0]);
            win.setStatus(String.format(Locale.ROOT, "picked %d pixel%s of realisation %d: their paths in %.2f s (shift-click adds, a drag picks a box, "
                    + "a click beside the map clears)", pixels.length, pixels.length == 1 ? "" : "s", r + 1, took[0]), false);
            win.display.showFrame(true);
        });
    }

    /**
     * One picked pixel's value at the recorded points up to snapshot k, in its two terms (the map's
     * Liouville value δ = ρ g·x + K_zz 3ρ g_z μ, K_zz the maps' at k): {t, gradient term, K term};
     * null unless one pixel is picked.
     */
    double[][] terms(LiveRun live, int k, double kzz) {
        Picked c = current;
        if (c == null || c.run() != live || c.detail() == null) return null;
        SimulationParameters p = live.params();
        long step = CpuBacktracker.stepCounts(p.times(), p.dt())[k];
        int n = Math.min(c.detail()[0].length, (int) (step / c.stride()) + 1);
        double rho = p.rho(), gz = p.gradientZ(), gx = p.gradientX();
        double[][] out = new double[3][n];
        for (int j = 0; j < n; j++) {
            out[0][j] = c.detail()[0][j] * p.dt();
            out[1][j] = rho * (gz * c.detail()[2][j] + gx * c.detail()[1][j]);
            out[2][j] = kzz * 3 * rho * gz * c.detail()[3][j];
        }
        return out;
    }

    /** The picked paths up to snapshot k of this run (null when nothing is picked for it, or while they are computed). */
    LiveRun.Trajectories at(LiveRun live, int k) {
        Picked c = current;
        if (c == null || c.run() != live || c.paths() == null) return null;
        SimulationParameters p = live.params();
        long step = CpuBacktracker.stepCounts(p.times(), p.dt())[k];
        int points = (int) (step / c.stride()) + 1;
        float[][] upTo = new float[c.paths().length][];
        for (int i = 0; i < upTo.length; i++) upTo[i] = java.util.Arrays.copyOf(c.paths()[i], Math.min(c.paths()[i].length, 3 * points));
        return new LiveRun.Trajectories(c.pixels(), upTo);
    }
}
