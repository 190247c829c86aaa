package org.anisoscope.gui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import org.anisoscope.Version;
import org.anisoscope.run.LiveRun;
import org.anisoscope.io.Figures;

/**
 * Drives the window by itself: runs the parameters as set, then shows three backtracking times
 * (early, middle, last) and writes a screenshot of the whole window at each, the four views as one
 * PDF, screenshots with a pixel picked (its value's two terms) and with its neighbour too (the pair's
 * separation), and animations of the
 * sky and trajectory views (as File > Export animation does), and measures the FX
 * thread: the time of every display update during the run, and of full redraws of all views while
 * sweeping the scrubber over every snapshot. Used for the README's screenshot and for
 * {@code bench gui}; it closes the window when done.
 */
final class Tour {
    private final LabWindow win;
    private final Scene scene;
    private final Path dir;
    private final Runnable done;
    private int stage;
    private int[] shots;
    private int shot;
    private long wait;
    private int pending = -1;
    private int picked;
    private int timedPick;
    private long pickStart;
    private static final int[] PICK_SIZES = {1, 100, 1000};

    Tour(LabWindow win, Scene scene, Path dir, Runnable done) {
        this.win = win;
        this.scene = scene;
        this.dir = dir;
        this.done = done;
    }

    void start() {
        win.display.frameTimes().clear();
        win.runs.startRun();
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                try {
                    step(this);
                } catch (IOException | RuntimeException e) {
                    System.err.println("error: the tour failed: " + e.getMessage());
                    stop();
                    done.run();
                }
            }
        }.start();
    }

    private void step(AnimationTimer t) throws IOException {
        switch (stage) {
            case 0 -> {
                if (win.live() == null) throw new IllegalStateException("the run did not start: " + win.status.getText());
                if (!win.live().finished()) return;
                System.out.println("run finished: " + win.live().message());
                report("fx-update during the run", win.display.frameTimes().snapshot());
                int n = win.live().framesAvailable();
                shots = new int[] {Math.min(n - 1, n / 4), n / 2, n - 1};
                win.follow.setSelected(false);
                stage = 1;
            }
            case 1 -> {
                if (shot >= shots.length || dir == null) {
                    stage = dir == null ? 3 : 4;
                    if (dir != null) {
                        // the last snapshot's four views as one vector figure, as File > Export figure > all four views writes it
                        Path all = dir.resolve("views.pdf");
                        Exporter.Size size = win.viewsSize(); // the views as on screen, at twice the pixels
                        Exporter.figure(new CompositeView(win.exportable()), all, (int) (2 * size.w()), (int) (2 * size.h()), 192,
                                win.display.provenance());
                        System.out.println("wrote " + all);
                    }
                    return;
                }
                if (wait == 0) {
                    win.scrubber.setValue(shots[shot]);
                    win.display.showFrame(true);
                    wait = 1;
                    return;
                }
                if (wait++ < 4) return; // a few pulses so layout and the 3D scene settle
                Files.createDirectories(dir);
                Path file = dir.resolve(String.format(Locale.ROOT, "window_T%d.png", shot + 1));
                Figures.writePng(file, PlotView.toAwt(scene.snapshot(null)), 96, "anisoscope " + Version.get(), win.display.provenance());
                System.out.println("wrote " + file + " (" + win.scrubText.getText() + ")");
                shot++;
                wait = 0;
            }
            case 2 -> {
                // the sky and then the trajectories as animations, as File > Export animation writes them
                if (pending < 0) animate(0);
                if (pending == 2) stage = 3;
            }
            case 4 -> {
                // a pixel at the map's centre picked (its value's two terms), then its neighbour (the pair's parting)
                double cx = win.sky.getWidth() / 2, cy = win.sky.getHeight() / 2 - 20;
                if (wait == 0) {
                    if (picked == 0) win.sky.pickAt(cx, cy, false);
                    else win.sky.pickAt(cx + 7, cy, true);
                    wait = 1;
                    return;
                }
                if (win.picks.current() == null || win.picks.current().paths() == null || win.picks.current().pixels().length != picked + 1) return;
                if (wait++ < 6) return;
                Path file = dir.resolve(picked == 0 ? "window_pixel.png" : "window_pair.png");
                Figures.writePng(file, PlotView.toAwt(scene.snapshot(null)), 96, "anisoscope " + Version.get(), win.display.provenance());
                System.out.println("wrote " + file + " (" + win.status.getText() + ")");
                wait = 0;
                if (++picked == 2) {
                    win.sky.pickAt(2, 2, false); // back to the sampled paths
                    stage = 5;
                }
            }
            case 5 -> {
                // paths picked in the 3D view: a box round the ends in the view's upper half (the particles now
                // farthest along B0) marks their pixels on the map
                if (win.picks.current() != null) return;
                if (wait++ < 3) return;
                if (wait == 4) {
                    win.trajectories.selectEnds(0, 0, win.trajectories.getWidth(), win.trajectories.getHeight() / 2, false);
                    return;
                }
                if (wait < 8) return;
                Path file = dir.resolve("window_marked.png");
                Figures.writePng(file, PlotView.toAwt(scene.snapshot(null)), 96, "anisoscope " + Version.get(), win.display.provenance());
                System.out.println("wrote " + file + " (" + win.sky.marked().length + " pixels marked from the 3D view)");
                win.trajectories.selectAt(-100, -100, false);
                wait = 0;
                stage = 6;
            }
            case 6 -> {
                // from a pick to its paths on screen, for 1, 100 and 1000 pixels spread over the sky
                if (timedPick == PICK_SIZES.length) {
                    win.sky.pickAt(2, 2, false);
                    stage = 2;
                    return;
                }
                int n = PICK_SIZES[timedPick];
                if (wait == 0) {
                    int npix = 12 * win.live().params().nside() * win.live().params().nside();
                    int[] pixels = new int[Math.min(n, npix)];
                    for (int i = 0; i < pixels.length; i++) pixels[i] = (int) ((long) i * npix / pixels.length);
                    pickStart = System.nanoTime();
                    win.sky.pick(pixels);
                    wait = 1;
                    return;
                }
                LiveRun.Trajectories shown = win.trajectories.shown();
                Picks.Picked c = win.picks.current();
                if (c == null || c.paths() == null || shown == null || shown.paths() == null || shown.paths().length != c.pixels().length) return;
                // this pulse drew the paths' nodes; the next handle comes after that pulse's rendering
                if (wait++ < 2) return;
                System.out.printf(Locale.ROOT, "pick to paths on screen, %d pixels (nside %d, Ω_rms T = %.4g): %.3f s (the paths computed in %.3f s)%n",
                        c.pixels().length, win.live().params().nside(), win.display.shownFrame().time(),
                        (System.nanoTime() - pickStart) / 1e9, c.seconds());
                wait = 0;
                timedPick++;
            }
            case 3 -> {
                // full redraws of all views for every snapshot: the cost of one scrubber step
                int n = win.live().framesAvailable();
                long[] times = new long[3 * n];
                int i = 0;
                for (int rep = 0; rep < 3; rep++) {
                    for (int k = 0; k < n; k++) {
                        long t0 = System.nanoTime();
                        win.scrubber.setValue(k);
                        win.display.showFrame(true);
                        times[i++] = System.nanoTime() - t0;
                    }
                }
                report("fx-redraw of all views per snapshot (nside " + win.live().params().nside() + ")", times);
                t.stop();
                done.run();
            }
            default -> throw new IllegalStateException();
        }
    }

    private static final String[] ANIMATED = {"sky", "trajectories"};

    /** Exports animation i (of ANIMATED) and, when it is written, the next one; pending counts those done. */
    private void animate(int i) {
        pending = i;
        if (i == ANIMATED.length) return;
        ExportableView v = win.exportable().stream().filter(e -> e.name().equals(ANIMATED[i])).findFirst().orElseThrow();
        Path file = dir.resolve(v.name() + ".gif");
        long t0 = System.nanoTime();
        Exporter.animation(win, v, file, 720, 420, 300, 1500, () -> {
            System.out.printf(Locale.ROOT, "%s (%d frames drawn, one per display pulse, and written in %.0f ms)%n", win.status.getText(),
                    win.live().framesAvailable(), (System.nanoTime() - t0) / 1e6);
            animate(i + 1);
        });
    }

    private static void report(String what, long[] nanos) {
        if (nanos.length == 0) {
            System.out.println(what + ": no updates");
            return;
        }
        long[] s = nanos.clone();
        Arrays.sort(s);
        double med = s[s.length / 2] / 1e6, p95 = s[(int) (0.95 * (s.length - 1))] / 1e6, max = s[s.length - 1] / 1e6;
        StringBuilder slow = new StringBuilder();
        int nslow = 0;
        for (int i = 0; i < nanos.length; i++) {
            if (nanos[i] > 16_000_000L) {
                nslow++;
                if (slow.length() < 60) slow.append(slow.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "#%d %.0f ms", i + 1, nanos[i] / 1e6));
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d updates, median %.2f ms, 95th percentile %.2f ms, max %.2f ms (%.0f updates/s at the median); "
                        + "%d over 16 ms%s%n", what, s.length, med, p95, max, 1000 / Math.max(1e-3, med), nslow,
                nslow > 0 ? " (" + slow + ")" : "");
    }
}
