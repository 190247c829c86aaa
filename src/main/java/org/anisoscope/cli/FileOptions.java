package org.anisoscope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The files a command reads and writes, checked before any work: inputs are readable regular
 * files (never a FIFO or a device, which would block); an output's extension says its format, its
 * folder exists and is writable, it is none of the command's inputs (real paths, links resolved),
 * and it replaces an existing file only with --force. Each refusal names the option and the path
 * the user gave, and what to do.
 */
final class FileOptions {
    private FileOptions() {}

    /** --force: replace an existing output file (a picocli mixin). */
    static final class Force {
        @picocli.CommandLine.Option(names = "--force", description = "replace what --out holds: the file, or the folder whole (once the new "
                + "result is complete)") boolean force;

        /** How to open an output folder. */
        org.anisoscope.io.RunFolder.Mode mode() {
            return force ? org.anisoscope.io.RunFolder.Mode.FORCE : org.anisoscope.io.RunFolder.Mode.NEW;
        }
    }

    /** --out DIR and --force for a command that writes a folder of results (a picocli mixin). */
    static final class OutFolder {
        @picocli.CommandLine.Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder to write: new or empty "
                + "(written as DIR.partial, renamed at the end)") Path out;
        @picocli.CommandLine.Option(names = "--force", description = "replace what --out holds, whole, once the new result is complete") boolean force;

        /** The folder, checked and locked before any work. */
        org.anisoscope.io.RunFolder open() throws IOException {
            return org.anisoscope.io.RunFolder.open(out, "--out", force ? org.anisoscope.io.RunFolder.Mode.FORCE : org.anisoscope.io.RunFolder.Mode.NEW);
        }
    }

    /** A format an output option can write: its extension and its name, e.g. (".png", "PNG"). */
    record Format(String extension, String name) {}

    static final Format PNG = new Format(".png", "PNG"), GIF = new Format(".gif", "GIF"), CSV = new Format(".csv", "CSV"),
            FITS = new Format(".fits", "FITS"), JSON = new Format(".json", "JSON"), PDF = new Format(".pdf", "PDF"), SVG = new Format(".svg", "SVG"),
            MP4 = new Format(".mp4", "MP4");

    /** A figure: raster or vector. */
    static final List<Format> FIGURE = List.of(PNG, PDF, SVG);

    /** --no-footer for a figure (a picocli mixin): the provenance line under it, on unless asked. */
    static final class Footer {
        @picocli.CommandLine.Option(names = "--no-footer", description = "leave out the line under the figure that says what made it "
                + "(version, seed, parameters; the file's metadata say it either way)") boolean off;

        /** The footer strip's height at this dpi, 0 when off. */
        int height(int dpi) {
            return off ? 0 : (int) Math.round(18 * dpi / 96.0);
        }
    }

    /**
     * Writes a figure in the format its name says (one of {@link #FIGURE}): painter draws it in width x
     * height pixels, and a strip of footerHeight pixels under it (0: none) says footer, in small grey
     * type shrunk to fit the width.
     */
    static void writeFigure(Path out, int width, int height, int dpi, java.util.function.Consumer<java.awt.Graphics2D> painter,
                            java.util.function.Supplier<java.awt.image.BufferedImage> png, org.anisoscope.io.VectorFigures.Meta meta,
                            int footerHeight, String footer) throws IOException {
        writeFigure(out, width, height, dpi, painter, png, meta, footerHeight, footer, org.anisoscope.plot.FigureStyle.DEFAULT);
    }

    /** The same, the footer on the style's paper. */
    static void writeFigure(Path out, int width, int height, int dpi, java.util.function.Consumer<java.awt.Graphics2D> painter,
                            java.util.function.Supplier<java.awt.image.BufferedImage> png, org.anisoscope.io.VectorFigures.Meta meta,
                            int footerHeight, String footer, org.anisoscope.plot.FigureStyle look) throws IOException {
        int total = height + footerHeight;
        java.util.function.Consumer<java.awt.Graphics2D> all = g -> {
            painter.accept(g);
            if (footerHeight > 0) footer(g, width, height, footerHeight, footer, look);
        };
        org.anisoscope.io.VectorFigures.write(out, width, total, dpi, all, () -> {
            java.awt.image.BufferedImage plot = png.get();
            if (footerHeight == 0) return plot;
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(width, total, java.awt.image.BufferedImage.TYPE_INT_ARGB);
            java.awt.Graphics2D g = img.createGraphics();
            g.drawImage(plot, 0, 0, null);
            footer(g, width, height, footerHeight, footer, look);
            g.dispose();
            return img;
        }, meta);
    }

    /** The footer strip from y = top, footerHeight high: white, the text at the left in grey, smaller where it would not fit. */
    private static void footer(java.awt.Graphics2D g, int width, int top, int footerHeight, String text, org.anisoscope.plot.FigureStyle look) {
        g.setColor(look.paper());
        g.fillRect(0, top, width, footerHeight);
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(look.dark() ? look.muted() : new java.awt.Color(110, 110, 110));
        float size = footerHeight * 0.55f;
        java.awt.Font font = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 1).deriveFont(size);
        float margin = footerHeight * 0.4f;
        while (g.getFontMetrics(font).stringWidth(text) > width - 2 * margin && size > footerHeight * 0.3f) font = font.deriveFont(size *= 0.92f);
        g.setFont(font);
        String shown = text;
        while (g.getFontMetrics().stringWidth(shown) > width - 2 * margin && shown.length() > 1) shown = shown.substring(0, shown.length() - 2) + "…";
        g.drawString(shown, margin, top + footerHeight * 0.72f);
    }

    /** Formats users ask for that the app does not write yet, with what to say. */
    private static final String[][] NOT_YET = {{".pdf", "PDF"}, {".svg", "SVG"}, {".eps", "EPS"}, {".mp4", "MP4"}, {".jpg", "JPEG"},
            {".jpeg", "JPEG"}, {".fits", "FITS"}, {".fit", "FITS"}, {".csv", "CSV"}, {".png", "PNG"}, {".gif", "GIF"}, {".json", "JSON"},
            {".txt", "text"}, {".dat", "text"}};

    /** An input file: there, a regular file (not a folder, FIFO or device), readable. */
    static Path input(Path given, String option) {
        if (given == null) return null;
        if (given.toString().isBlank()) throw new IllegalArgumentException(option + " is empty: give the file to read");
        if (!Files.exists(given)) throw new IllegalArgumentException(option + " " + given + ": no such file");
        if (Files.isDirectory(given)) throw new IllegalArgumentException(option + " " + given + " is a folder; give a file");
        if (!Files.isRegularFile(given))
            throw new IllegalArgumentException(option + " " + given + " is not a regular file (a pipe or a device?); give a file");
        if (!Files.isReadable(given)) throw new IllegalArgumentException(option + " " + given + " is not readable");
        return given;
    }

    /** An input folder (a run): there and a folder. */
    static Path inputFolder(Path given, String option) {
        if (given.toString().isBlank()) throw new IllegalArgumentException(option + " is empty: give the run's folder");
        if (!Files.exists(given)) throw new IllegalArgumentException(option + " " + given + ": no such folder");
        if (!Files.isDirectory(given) && !Files.isRegularFile(given))
            throw new IllegalArgumentException(option + " " + given + " is not a regular file (a pipe or a device?); give a run's folder");
        return given;
    }

    /**
     * An output file: its extension one of formats, its folder there and writable, not a folder nor
     * one of inputs (files, or folders whose files are all inputs), and new unless force.
     */
    static Path output(Path given, String option, boolean force, List<Format> formats, Path... inputs) throws IOException {
        if (given == null) return null;
        String name = given.getFileName() == null ? "" : given.getFileName().toString();
        if (given.toString().isBlank() || name.isBlank())
            throw new IllegalArgumentException(option + " is empty: give a file name ending in " + extensions(formats));
        String lower = name.toLowerCase(Locale.ROOT);
        if (formats.stream().noneMatch(f -> lower.endsWith(f.extension()))) {
            String asked = null;
            for (String[] n : NOT_YET) if (lower.endsWith(n[0])) asked = n[1];
            throw new IllegalArgumentException(option + " " + given + ": " + (asked != null ? "this option does not write " + asked + "; " : "")
                    + "it writes " + names(formats) + ": give a name ending in " + extensions(formats));
        }
        if (Files.isDirectory(given)) throw new IllegalArgumentException(option + " " + given + " is a folder; give a file name ending in "
                + extensions(formats));
        Path abs = given.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir))
            throw new IllegalArgumentException(option + " " + given + ": the folder " + dir + " does not exist; create it first");
        if (!Files.isWritable(dir)) throw new IllegalArgumentException(option + " " + given + ": the folder " + dir + " is not writable");
        Path real = real(abs);
        for (Path in : inputs) {
            if (in == null || !Files.exists(in)) continue;
            Path r = in.toRealPath();
            boolean same = real.equals(r) || Files.isDirectory(r) && real.startsWith(r) && Files.exists(abs);
            if (same) {
                throw new IllegalArgumentException(option + " " + given + " is " + (real.equals(r) ? "the input " + in : "a file of the input folder " + in)
                        + "; writing it would destroy what this command reads: give another name");
            }
        }
        if (Files.isRegularFile(abs)) {
            // a hard link to an input is the input under another name: writing it would destroy the input
            for (Path in : inputs) {
                if (in == null || !Files.exists(in)) continue;
                List<Path> files = new ArrayList<>();
                if (Files.isDirectory(in)) {
                    try (var l = Files.list(in)) {
                        l.filter(Files::isRegularFile).forEach(files::add);
                    }
                } else {
                    files.add(in);
                }
                for (Path f : files) {
                    if (Files.isSameFile(abs, f)) {
                        throw new IllegalArgumentException(option + " " + given + " is the input " + f + " under another name (a hard link); "
                                + "writing it would destroy what this command reads: give another name");
                    }
                }
            }
        }
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isRegularFile(abs)) throw new IllegalArgumentException(option + " " + given + " exists and is not a regular file; give another name");
            if (!force) throw new IllegalArgumentException(option + " " + given + " exists; give --force to replace it, or another name");
        }
        return given;
    }

    /** The real path of a file that may not exist yet: its folder's real path and its name. */
    private static Path real(Path abs) throws IOException {
        if (Files.exists(abs)) return abs.toRealPath();
        return abs.getParent().toRealPath().resolve(abs.getFileName());
    }

    private static String extensions(List<Format> formats) {
        List<String> e = new ArrayList<>();
        for (Format f : formats) e.add(f.extension());
        return String.join(" or ", e);
    }

    private static String names(List<Format> formats) {
        List<String> e = new ArrayList<>();
        for (Format f : formats) e.add(f.name());
        return String.join(" or ", e);
    }
}
