package org.anisoscope.cli;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.anisoscope.Version;
import org.anisoscope.io.Animations;
import org.anisoscope.io.HealpixFits;
import org.anisoscope.physics.Units;
import org.anisoscope.plot.Colormap;
import org.anisoscope.plot.FormationFigure;
import org.anisoscope.plot.FigureStyle;
import org.anisoscope.plot.MollweidePlot;
import org.anisoscope.plot.Ticks;
import org.anisoscope.run.RunFiles;
import org.anisoscope.sky.Dipole;
import org.anisoscope.sky.Sht;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "animate", mixinStandardHelpOptions = true,
        description = {"Animated GIF of a simulation's sky maps as the backtracking time grows (one frame per snapshot), for talks.",
                "Reads DIR/map_snapshot_KK.fits (and DIR/summary.json for the titles) as written by simulate."})
final class AnimateCommand implements Callable<Integer> {
    private static final Pattern MAP = Pattern.compile("map_snapshot_(\\d+)\\.fits");

    @Option(names = "--sim", required = true, paramLabel = "DIR", description = "the folder simulate --out wrote") Path sim;
    @Option(names = "--out", required = true, paramLabel = "FILE.gif") Path out;
    @picocli.CommandLine.Mixin FileOptions.Force overwrite;
    @Option(names = "--width", description = "frame width in pixels (default 800, or the style's)") Integer widthOption;
    @Option(names = "--style", defaultValue = "default", description = "default, talk (16:9 frames, 1920 pixels wide, 18 pt type: "
            + "for a slide), talk-dark (the same on a dark background), paper or paper-wide (their type and colours) "
            + "(default ${DEFAULT-VALUE})") String style;
    private int width;
    private FigureStyle look;
    @Option(names = "--delay-ms", defaultValue = "400", description = "time per frame (default ${DEFAULT-VALUE} ms)") int delayMs;
    @Option(names = "--hold-ms", defaultValue = "2000", description = "time the last frame is held before the loop restarts (default ${DEFAULT-VALUE} ms)")
    int holdMs;
    @Option(names = "--fwhm-deg", description = "smooth every map with a Gaussian beam of this FWHM first") Double fwhmDeg;
    @Option(names = "--remove-dipole", description = "subtract the fitted monopole and dipole from every map (the paper's Fig. 2, right)")
    boolean removeDipole;
    @Option(names = "--common-range", description = "one colour range for all frames (default: each frame its own, so early, faint maps show their structure)")
    boolean commonRange;
    @Option(names = "--no-graticule", description = "leave out the graticule") boolean noGraticule;
    @Option(names = "--no-markers", description = "leave out the markers of +B0, -B0 and the fitted dipole") boolean noMarkers;
    @Option(names = "--what", defaultValue = "sky", description = "sky (the map of realisation 1) or formation (the paper's Fig. 1 as one "
            + "row advancing in T: realisation 1's trajectories, its sky and the ensemble's C_l on one axis for all frames; at least 600 "
            + "pixels wide) (default ${DEFAULT-VALUE})") String what;

    /** One frame: a map file, its backtracking time (Omega_rms T; NaN when unknown). */
    private record Frame(Path file, double time) {}

    @Override
    public Integer call() throws Exception {
        look = FigureStyle.named(style);
        width = widthOption != null ? widthOption : look == FigureStyle.DEFAULT ? 800 : Math.min(4000, look.widthPx(look.dpi()));
        if (width < 200 || width > 4000) throw new IllegalArgumentException("--width must be between 200 and 4000 pixels (got " + width + ")");
        Animations.checkDelays(delayMs, holdMs);
        FileOptions.inputFolder(sim, "--sim");
        FileOptions.output(out, "--out", overwrite.force, List.of(FileOptions.GIF, FileOptions.MP4), sim);
        if (what.equalsIgnoreCase("formation")) return formation();
        if (!what.equalsIgnoreCase("sky")) throw new IllegalArgumentException("--what must be sky or formation; got " + what);
        double fwhm = fwhmDeg == null ? 0 : Inputs.fwhmDeg(fwhmDeg);
        List<Frame> frames = frames();
        Summary summary = Summary.read(sim.resolve("summary.json"));
        int nside = HealpixFits.read(frames.get(0).file()).nside();
        Sht sht = fwhm > 0 ? new Sht(nside, 3 * nside - 1, Inputs.threads(null)) : null;

        double lim = Double.NaN;
        if (commonRange) {
            lim = 0;
            for (Frame f : frames) for (double v : map(f, nside, sht, fwhm)[0]) if (Double.isFinite(v)) lim = Math.max(lim, Math.abs(v));
        }
        double range = lim;
        Animations.FrameSource source = new Animations.FrameSource() {
            @Override public int count() { return frames.size(); }

            @Override public BufferedImage frame(int k) throws IOException {
                Frame f = frames.get(k);
                double[][] m = map(f, nside, sht, fwhm);
                MollweidePlot plot = new MollweidePlot().unit("relative intensity δ for |∇f/f| = 1/L_c").colormap(Colormap.load(Colormap.DIVERGING))
                        .graticule(!noGraticule).range(-range, range).title(summary.title(f.time(), k, frames.size()));
                if (!noMarkers) {
                    // B0 is along z by the app's convention; the dipole is fitted before any removal, as the window shows it
                    plot.marker(new MollweidePlot.Marker(0, 0, "B0", Color.BLACK)).marker(new MollweidePlot.Marker(Math.PI, 0, "-B0", Color.BLACK));
                    double[] d = m[1];
                    double n = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
                    if (n > 0) plot.marker(new MollweidePlot.Marker(Math.acos(d[2] / n), Math.atan2(d[1], d[0]), "dipole", new Color(60, 60, 60)));
                }
                return skyFrame(plot, m[0]);
            }
        };
        String made = "anisoscope " + Version.get() + " animate of " + sim.toAbsolutePath() + "; " + summary.provenance()
                + (fwhm > 0 ? "; smoothed FWHM " + fwhm + " deg" : "") + (removeDipole ? "; monopole and dipole removed" : "");
        if (out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".mp4")) {
            Animations.writeMp4(out, source, delayMs, holdMs, made);
            System.err.println("wrote " + out + " (" + frames.size() + " frames, H.264; " + made + ")");
        } else {
            Animations.writeGif(out, source, delayMs, holdMs, made);
            System.err.println("wrote " + out + " (" + frames.size() + " frames)");
        }
        return 0;
    }

    /** The formation figure, one row a frame: every snapshot's trajectories, sky and spectra, the spectra on one range. */
    private int formation() throws IOException {
        if (width < 600) throw new IllegalArgumentException("--what formation needs --width of at least 600 pixels (three panels); got " + width);
        if (fwhmDeg != null || removeDipole || commonRange || noGraticule || noMarkers)
            throw new IllegalArgumentException("--fwhm-deg, --remove-dipole, --common-range, --no-graticule and --no-markers are for --what sky");
        RunFiles.Summary run = RunFiles.readSummary(sim);
        org.anisoscope.run.LiveRun.Trajectories[] paths = FigureCommand.formationPaths(run);
        int n = run.times().length;
        // one spectrum axis for every frame, from all snapshots' spectra (their maps are read one frame at a time)
        List<FormationFigure.Row> rows = new ArrayList<>();
        for (int k = 0; k < n; k++) rows.add(FigureCommand.formationRow(run, paths, k, null));
        double[] range = FormationFigure.spectrumRange(rows);
        String title = FigureCommand.formationTitle(run);
        Animations.FrameSource source = new Animations.FrameSource() {
            @Override public int count() { return n; }

            @Override public BufferedImage frame(int k) throws IOException {
                FormationFigure.Row row = FigureCommand.formationRow(run, paths, k, RunFiles.readMap(run, k));
                return new FormationFigure(List.of(row), run.params().nside(), title, range).style(look).render(width, width / 800.0);
            }
        };
        String made = "anisoscope " + Version.get() + " animate --what formation of " + sim.toAbsolutePath() + "; " + run.provenance();
        if (out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mp4")) Animations.writeMp4(out, source, delayMs, holdMs, made);
        else Animations.writeGif(out, source, delayMs, holdMs, made);
        System.err.println("wrote " + out + " (" + n + " frames of the formation figure)");
        return 0;
    }

    /**
     * One sky frame: the map at the frame's width; in a talk style 16:9, the map as large as fits, centred
     * on the style's background (a slide's shape), its type in points as the style says.
     */
    private BufferedImage skyFrame(MollweidePlot plot, double[] map) {
        if (look == FigureStyle.DEFAULT) return plot.render(map, width);
        boolean slide = look.name().startsWith("talk");
        int h = slide ? (int) Math.round(width * 9 / 16.0) : Integer.MAX_VALUE;
        int w = width;
        for (int i = 0; i < 200; i++) {
            // type in points at the style's dpi, as if the frame were the style's width
            plot.style(look, 9 * look.text() * look.dpi() / 72.0 * width / look.widthPx(look.dpi()) / Math.max(12, w / 45.0));
            if (plot.layoutFor(w).height() <= h || w <= 200) break;
            w -= Math.max(4, width / 100);
        }
        BufferedImage sky = plot.render(map, w);
        if (!slide) return sky;
        BufferedImage frame = new BufferedImage(width, h, BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = frame.createGraphics();
        g.setColor(look.paper());
        g.fillRect(0, 0, width, h);
        g.drawImage(sky, (width - sky.getWidth()) / 2, Math.max(0, (h - sky.getHeight()) / 2), null);
        g.dispose();
        return frame;
    }

    private List<Frame> frames() throws IOException {
        if (!Files.isDirectory(sim)) throw new IOException(sim + ": not a folder; give the folder that simulate --out wrote");
        List<Object[]> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(sim)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Matcher m = MAP.matcher(p.getFileName().toString());
                if (m.matches()) found.add(new Object[] {Integer.parseInt(m.group(1)), p});
            }
        }
        if (found.isEmpty()) throw new IOException(sim + ": no map_snapshot_KK.fits here; run simulate --out " + sim + " first");
        found.sort((a, b) -> Integer.compare((Integer) a[0], (Integer) b[0]));
        // a snapshot's map missing from a run would make time jump in the animation without a word: said instead
        Path summary = sim.resolve("summary.json");
        if (Files.isRegularFile(summary)) {
            int ns = org.anisoscope.run.RunFiles.readSummary(summary).times().length;
            List<String> missing = new ArrayList<>();
            java.util.Set<Integer> have = new java.util.HashSet<>();
            for (Object[] f : found) have.add((Integer) f[0]);
            for (int k = 0; k < ns; k++) if (!have.contains(k)) missing.add(org.anisoscope.run.RunFiles.mapFile(sim, k).getFileName().toString());
            if (!missing.isEmpty()) {
                throw new IOException(sim + " lacks " + missing.size() + " of its " + ns + " snapshots' maps (" + String.join(", ", missing.subList(0,
                        Math.min(3, missing.size()))) + (missing.size() > 3 ? ", .." : "") + "): an animation would skip them; copy the run whole");
            }
        }
        List<Frame> frames = new ArrayList<>();
        for (Object[] f : found) {
            Path p = (Path) f[1];
            String t = HealpixFits.read(p).keywords().get("TIME");
            double time;
            try {
                time = t == null ? Double.NaN : Double.parseDouble(t.trim());
            } catch (NumberFormatException e) {
                time = Double.NaN;
            }
            frames.add(new Frame(p, time));
        }
        return frames;
    }

    /** The frame's map as drawn (smoothed, removed as asked) and the dipole vector of the smoothed map. */
    private double[][] map(Frame f, int nside, Sht sht, double fwhm) throws IOException {
        HealpixFits.SkyMap m = HealpixFits.read(f.file());
        if (m.nside() != nside) throw new IOException(f.file() + " has nside " + m.nside() + ", the first map " + nside + ": one run's maps only");
        double[] v = m.values();
        if (sht != null) v = sht.smoothing(v, Math.toRadians(fwhm), 3);
        double[] dipole = Dipole.fitDipole(v).vector();
        return new double[][] {removeDipole ? Dipole.removeDipole(v) : v, dipole};
    }

    /** What summary.json says about the run, for titles and the file's comment; all optional. */
    private record Summary(String label, double tauS, String provenance) {
        static Summary read(Path file) throws IOException {
            if (!Files.exists(file)) return new Summary("", Double.NaN, "no summary.json");
            RunFiles.Summary run = RunFiles.readSummary(file);
            String label = Units.formatRigidity(run.rigidityVolts()) + " · η = " + Ticks.significant(run.params().eta(), 3) + " · ";
            return new Summary(label, run.diffusion().tauSQlt(), run.provenance());
        }

        String title(double time, int k, int n) {
            String t = Double.isNaN(time) ? String.format(Locale.ROOT, "snapshot %d/%d", k + 1, n)
                    : String.format(Locale.ROOT, "Ω_rms T = %.4g", time) + org.anisoscope.util.Words.qltTauS(time, tauS, " (", ")");
            return label + "realisation 1 · " + t;
        }
    }
}
