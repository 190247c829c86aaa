package org.anisoscope.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.anisoscope.Version;
import org.anisoscope.io.HealpixFits;
import org.anisoscope.plot.Colormap;
import org.anisoscope.plot.FigureStyle;
import org.anisoscope.plot.MollweidePlot;
import org.anisoscope.sky.Dipole;
import org.anisoscope.sky.Sht;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "mollview", mixinStandardHelpOptions = true,
        description = "Mollweide PNG of a HEALPix map (orientation as healpy's mollview: longitude grows to the left).")
final class MollviewCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "MAP.fits") Path in;
    @Option(names = "--out", required = true, paramLabel = "FIG.png") Path out;
    @Option(names = "--width", description = "image width in pixels (default: 1200, or the style's)") Integer widthOption;
    @Option(names = "--style", defaultValue = "default", description = "default (1200 pixels at 96 dpi), paper (3.4 in at 300 dpi, "
            + "8 pt type), paper-wide (7 in, 9 pt), talk (1920 pixels, 18 pt) or talk-dark (the same on a dark background) "
            + "(default ${DEFAULT-VALUE})") String style;
    private int width;
    @Option(names = "--title", defaultValue = "") String title;
    @Option(names = "--unit", defaultValue = "", description = "label under the colour bar") String unit;
    @Option(names = "--remove-dipole", description = "subtract the fitted monopole and dipole first")
    boolean removeDipole;
    @Option(names = "--fwhm-deg", description = "smooth with a Gaussian beam of this FWHM first") Double fwhmDeg;
    @Option(names = "--cmap", defaultValue = "diverging", description = "diverging (symmetric about 0) or sequential")
    String cmap;
    @Option(names = "--min", description = "lower end of the colour range") Double min;
    @Option(names = "--max", description = "upper end of the colour range") Double max;
    @picocli.CommandLine.Mixin FileOptions.Force overwrite;
    @picocli.CommandLine.Mixin FileOptions.Footer footer;
    @Option(names = "--no-graticule", description = "leave out the graticule") boolean noGraticule;

    @Override
    public Integer call() throws Exception {
        FigureStyle look = FigureStyle.named(style);
        boolean plain = look == FigureStyle.DEFAULT;
        int dpi = plain ? 96 : look.dpi();
        width = widthOption != null ? widthOption : plain ? 1200 : look.widthPx(dpi);
        if (width < 200 || width > 20000) throw new IllegalArgumentException("--width must be between 200 and 20000 pixels (got " + width + ")");
        if (min != null && max != null && !(max > min)) throw new IllegalArgumentException("--max must be larger than --min");
        Colormap cm = Colormap.load(cmap);
        HealpixFits.SkyMap map = Inputs.readMap(in, out, overwrite.force, FileOptions.FIGURE);
        double[] v = map.values();
        if (fwhmDeg != null) {
            double f = Inputs.fwhmDeg(fwhmDeg);
            v = new Sht(map.nside(), 3 * map.nside() - 1, Inputs.threads(null)).smoothing(v, Math.toRadians(f), 3);
        }
        if (removeDipole) v = Dipole.removeDipole(v);
        // the user's words and the file's are drawn as written (an _ stays an _); only our own labels are typeset
        // (a unit this app wrote into the header is its own label, typeset as such)
        boolean ours = unit.isEmpty() && map.keywords().containsKey("VERSION");
        String header = map.keywords().getOrDefault("TUNIT1", "");
        String u = ours ? header : org.anisoscope.plot.Typeset.literal(unit.isEmpty() ? header : unit);
        String shownTitle = title.isEmpty() ? defaultTitle(map.keywords()) : org.anisoscope.plot.Typeset.literal(title);
        MollweidePlot plot = new MollweidePlot().title(shownTitle).unit(u).colormap(cm)
                .symmetric(cm.name().equals(Colormap.DIVERGING)).graticule(!noGraticule)
                .range(min == null ? Double.NaN : min, max == null ? Double.NaN : max);
        double[] b0 = b0(map.keywords());
        if (b0 != null) { // an observatory's map (observe): B0 where it points, in equatorial coordinates
            double theta = Math.toRadians(90 - b0[1]), phi = Math.toRadians(b0[0]);
            plot.marker(new MollweidePlot.Marker(theta, phi, "B0", java.awt.Color.BLACK))
                    .marker(new MollweidePlot.Marker(Math.PI - theta, phi + Math.PI, "-B0", java.awt.Color.BLACK));
        }
        double[] sky = v;
        // a style sets the type in points at its dpi (9 pt times its text scale; the default's follows the width)
        if (!plain) plot.style(look, 9 * look.text() * dpi / 72.0 / Math.max(12, width / 45.0));
        // vector files embed the sky at about 300 dpi (three times the pixels of the default's 96)
        int oversample = Math.max(1, (int) Math.ceil(300.0 / dpi));
        org.anisoscope.plot.MollweidePlot.Layout lay = plot.layoutFor(width);
        FileOptions.writeFigure(out, lay.width(), lay.height(), dpi, g -> plot.paint(g, sky, width, oversample), () -> plot.render(sky, width),
                new org.anisoscope.io.VectorFigures.Meta(shownTitle.isEmpty() ? in.getFileName().toString() : org.anisoscope.plot.Typeset.plain(shownTitle), "anisoscope " + Version.get(),
                        "anisoscope " + Version.get() + " mollview of " + in.toAbsolutePath()), footer.height(dpi),
                "drawn by anisoscope " + Version.get() + " from " + in.getFileName() + mapProvenance(map), look);
        System.err.println("wrote " + out);
        return 0;
    }

    /** B0's {RA, Dec} in degrees from an observed map's header (observe, the window's export), or null. */
    private static double[] b0(java.util.Map<String, String> k) {
        if (!"C".equals(k.getOrDefault("COORDSYS", "").trim())) return null;
        try {
            double ra = Double.parseDouble(k.getOrDefault("B0RA", "").trim()), dec = Double.parseDouble(k.getOrDefault("B0DEC", "").trim());
            return Double.isFinite(ra) && Math.abs(dec) <= 90 ? new double[] {ra, dec} : null;
        } catch (NumberFormatException e) {
            return null; // a header without them: no marker, no claim
        }
    }

    /**
     * A title from the header where --title is not given: an observed map's frame, B0 and band (and the
     * run's time where recorded); nothing for a map that says neither.
     */
    static String defaultTitle(java.util.Map<String, String> k) {
        StringBuilder t = new StringBuilder();
        String time = k.get("TIME");
        if (time != null) {
            try {
                t.append("Ω_rms T = ").append(org.anisoscope.plot.Ticks.significant(Double.parseDouble(time.trim()), 4));
            } catch (NumberFormatException e) {
                // no time then
            }
        }
        double[] b0 = b0(k);
        if (b0 != null) {
            if (t.length() > 0) t.append("; ");
            t.append("equatorial, B0 toward RA ").append(org.anisoscope.plot.Ticks.significant(b0[0], 4)).append("°, Dec ")
                    .append(org.anisoscope.plot.Ticks.significant(b0[1], 3)).append("°");
            String lo = k.get("DECMIN"), hi = k.get("DECMAX");
            if (lo != null && hi != null) t.append("; seen Dec ").append(lo.trim()).append("° to ").append(hi.trim()).append("°");
            if ("removed".equals(k.getOrDefault("DECMEANS", "").trim())) t.append(", means out");
        }
        return t.toString();
    }

    /** What the map's header says made it (the app's maps record version and seed), for the footer. */
    private static String mapProvenance(HealpixFits.SkyMap map) {
        String version = map.keywords().get("VERSION"), seed = map.keywords().get("SEED");
        if (version == null && seed == null) return "";
        return " (made by anisoscope " + (version == null ? "?" : version.trim()) + (seed == null ? "" : ", seed " + seed.trim()) + ")";
    }
}
