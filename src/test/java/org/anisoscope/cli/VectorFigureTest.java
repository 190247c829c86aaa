package org.anisoscope.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * Figures as PDF and SVG, from the drawing code the PNGs come from: a PDF opens, has the figure's
 * size, its text is text (extractable, in embedded fonts where the plots' font is installed) and its
 * metadata say what made it; an SVG parses, with <text> and <path> elements and the sky as an
 * embedded image.
 */
class VectorFigureTest {
    @TempDir static Path dir;
    static Path run;

    @BeforeAll
    static void aRun() {
        run = dir.resolve("run");
        CliTest.Result r = CliTest.run("simulate", "--rho", "0.089", "--nside", "4", "--realisations", "2", "--snapshots", "3", "--t-max", "2tau",
                "--out", run.toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void everyFigureKindIsAPdfWithItsTextAsText() throws Exception {
        for (String what : new String[] {"cl", "evolution", "dipole"}) {
            Path pdf = dir.resolve(what + ".pdf");
            CliTest.Result r = CliTest.run("figure", "--what", what, "--sim", run.toString(), "--width", "1050", "--height", "700", "--dpi", "150",
                    "--out", pdf.toString());
            assertEquals(0, r.code(), r.err());
            try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
                assertEquals(1, doc.getNumberOfPages());
                // 1050 x 700 pixels at 150 dpi: 7 x 4.67 inches
                assertEquals(7 * 72, doc.getPage(0).getMediaBox().getWidth(), 0.5);
                String text = new PDFTextStripper().getText(doc);
                assertTrue(text.contains(what.equals("cl") ? "multipole ℓ" : "backtracking time Ω"), what + ": " + text);
                String labels = text.lines().filter(l -> !l.startsWith("drawn by")).collect(java.util.stream.Collectors.joining("\n")); // the footer is as written
                assertTrue(!labels.contains("_") && !labels.contains("^"), "sub- and superscripts set as such, not as markup: " + text);
                assertTrue(doc.getDocumentInformation().getSubject().contains("seed 1"), doc.getDocumentInformation().getSubject());
                assertTrue(doc.getDocumentInformation().getCreator().startsWith("anisoscope "));
                if (Files.isRegularFile(org.anisoscope.io.VectorFigures.SANS)) {
                    boolean embedded = false;
                    for (var name : doc.getPage(0).getResources().getXObjectNames()) {
                        var x = doc.getPage(0).getResources().getXObject(name);
                        if (x instanceof org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject form) {
                            for (var f : form.getResources().getFontNames()) {
                                PDFont font = form.getResources().getFont(f);
                                embedded |= font.isEmbedded() && font.getName().contains("DejaVuSans");
                            }
                        }
                    }
                    assertTrue(embedded, what + ": the plots' font embedded");
                }
            }
            assertTrue(Files.size(pdf) < 1_000_000, what + ": " + Files.size(pdf) + " bytes");
        }
    }

    @Test
    void aFigureIsAnSvgWithTextAndPaths() throws Exception {
        Path svg = dir.resolve("cl.svg");
        assertEquals(0, CliTest.run("figure", "--sim", run.toString(), "--out", svg.toString()).code());
        Document d = parse(svg);
        assertEquals("svg", d.getDocumentElement().getLocalName() == null ? d.getDocumentElement().getTagName() : d.getDocumentElement().getLocalName());
        assertTrue(d.getElementsByTagName("text").getLength() > 10, "axis labels, ticks, legend and title as <text>");
        assertTrue(d.getElementsByTagName("path").getLength() > 0);
        String all = d.getDocumentElement().getTextContent();
        assertTrue(all.contains("multipole ℓ") && all.contains("seed 1"), "labels and the provenance in <desc>");
    }

    @Test
    void aSkyMapIsAPdfAndAnSvgWithTheSkyEmbedded() throws Exception {
        Path map = run.resolve("map_snapshot_02.fits"), pdf = dir.resolve("sky.pdf"), svg = dir.resolve("sky.svg");
        assertEquals(0, CliTest.run("mollview", "--in", map.toString(), "--title", "the sky", "--out", pdf.toString()).code());
        assertEquals(0, CliTest.run("mollview", "--in", map.toString(), "--out", svg.toString()).code());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertTrue(new PDFTextStripper().getText(doc).contains("the sky"));
        }
        assertTrue(Files.size(pdf) < 5_000_000, Files.size(pdf) + " bytes");
        Document d = parse(svg);
        assertEquals(1, d.getElementsByTagName("image").getLength(), "the sky as one embedded raster");
        assertTrue(d.getElementsByTagName("text").getLength() > 2, "the colour bar's labels as text");
    }

    /** Each style sets the figure's size, type and colours; an unknown one is refused with the list. */
    @Test
    void stylesSizeTheFigureForAPaperOrASlide() throws Exception {
        Path paper = dir.resolve("paper.pdf"), talk = dir.resolve("talk.png"), dark = dir.resolve("dark.png"), sky = dir.resolve("paper-sky.pdf");
        assertEquals(0, CliTest.run("figure", "--sim", run.toString(), "--style", "paper", "--out", paper.toString()).code());
        try (PDDocument doc = Loader.loadPDF(paper.toFile())) {
            assertEquals(3.4 * 72, doc.getPage(0).getMediaBox().getWidth(), 0.5, "a journal's column");
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("multipole ℓ") && !text.contains("QLT"), "labels, and the title left to the caption: " + text);
            assertTrue(doc.getDocumentInformation().getTitle().contains("QLT"), "the title kept in the metadata");
        }
        assertEquals(0, CliTest.run("figure", "--sim", run.toString(), "--style", "talk", "--out", talk.toString()).code());
        assertEquals(0, CliTest.run("figure", "--sim", run.toString(), "--style", "talk-dark", "--out", dark.toString()).code());
        java.awt.image.BufferedImage t = javax.imageio.ImageIO.read(talk.toFile()), d = javax.imageio.ImageIO.read(dark.toFile());
        assertEquals(1920, t.getWidth());
        assertEquals(1080, t.getHeight(), "16:9");
        assertEquals(0xFFFFFFFF, t.getRGB(5, 5));
        java.awt.Color corner = new java.awt.Color(d.getRGB(5, 5));
        assertTrue(corner.getRed() + corner.getGreen() + corner.getBlue() < 120, "a dark background: " + corner);
        assertEquals(0, CliTest.run("mollview", "--in", run.resolve("map_snapshot_02.fits").toString(), "--style", "paper", "--out",
                sky.toString()).code());
        try (PDDocument doc = Loader.loadPDF(sky.toFile())) {
            assertEquals(3.4 * 72, doc.getPage(0).getMediaBox().getWidth(), 0.5);
        }
        CliTest.Result r = CliTest.run("figure", "--sim", run.toString(), "--style", "poster", "--out", dir.resolve("x.png").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--style poster") && r.err().contains("paper, paper-wide, talk, talk-dark"), r.err());
        assertFalse(Files.exists(dir.resolve("x.png")));
    }

    private static Document parse(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        // Batik writes SVG 1.0's DOCTYPE: a reader need not fetch its DTD (there is no network in a test)
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(svg.toFile());
    }

    /** Under every figure a line says what made it (version, seed, parameters), unless --no-footer; the figure keeps its size. */
    @Test
    void aFooterSaysWhatMadeTheFigureUnlessAskedNotTo() throws Exception {
        for (boolean off : new boolean[] {false, true}) {
            Path pdf = dir.resolve("footer-" + off + ".pdf");
            String[] args = off ? new String[] {"figure", "--sim", run.toString(), "--width", "960", "--height", "600", "--dpi", "96", "--no-footer",
                    "--out", pdf.toString()} : new String[] {"figure", "--sim", run.toString(), "--width", "960", "--height", "600", "--dpi", "96",
                    "--out", pdf.toString()};
            CliTest.Result r = CliTest.run(args);
            assertEquals(0, r.code(), r.err());
            try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
                assertEquals(600 * 72 / 96.0, doc.getPage(0).getMediaBox().getHeight(), 0.5, "the asked size either way");
                String text = new PDFTextStripper().getText(doc);
                assertEquals(!off, text.contains("drawn by anisoscope") && text.contains("seed 1"), text);
                assertTrue(doc.getDocumentInformation().getSubject().contains("seed 1"), "the metadata say it either way");
            }
        }
        Path map = run.resolve("map_snapshot_02.fits"), png = dir.resolve("map-footer.png");
        CliTest.Result r = CliTest.run("mollview", "--in", map.toString(), "--width", "600", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(org.anisoscope.plot.MollweidePlot.layout(600).height() + 18, img.getHeight(), "the map, and the footer's strip under it");
    }

    /** An observed map (observe) says its frame, B0 and band in its header, and mollview titles and marks it by them. */
    @Test
    void anObservedMapIsTitledWithItsFrameAndBand() throws Exception {
        Path seen = dir.resolve("seen.fits"), pdf = dir.resolve("seen.pdf");
        CliTest.Result r = CliTest.run("observe", "--in", run.resolve("map_snapshot_02.fits").toString(), "--b0", "219.2,39.9", "--dec-range", "-90,-25",
                "--per-declination", "--out-map", seen.toString());
        assertEquals(0, r.code(), r.err());
        var k = org.anisoscope.io.HealpixFits.read(seen).keywords();
        assertEquals("C", k.get("COORDSYS"));
        assertEquals(219.2, Double.parseDouble(k.get("B0RA")), 0);
        r = CliTest.run("mollview", "--in", seen.toString(), "--width", "900", "--out", pdf.toString());
        assertEquals(0, r.code(), r.err());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("equatorial, B0 toward RA 219.2°, Dec 39.9°; seen Dec -90.0° to -25.0°, means out"), text);
            assertTrue(text.contains("-B0"), "B0 and its opposite marked: " + text);
        }
        assertEquals("", MollviewCommand.defaultTitle(java.util.Map.of("COORDSYS", "G")), "a map that says nothing gets no title");
        assertEquals("Ω_rms T = 2.5", MollviewCommand.defaultTitle(java.util.Map.of("TIME", "2.5")));
    }

    /** The paper's Fig. 1 as one figure: a row per time, each with trajectories, the sky and C_l, as PNG and as PDF. */
    @Test
    void theFormationFigureHasARowPerTimeWithItsThreePanels() throws Exception {
        Path png = dir.resolve("formation.png");
        CliTest.Result r = CliTest.run("figure", "--what", "formation", "--rows", "3", "--sim", run.toString(), "--width", "1200", "--dpi", "96",
                "--no-footer", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(1200, img.getWidth());
        int rows = 3, rowH = org.anisoscope.plot.MollweidePlot.layout(400).height(), top = img.getHeight() - rows * rowH;
        assertTrue(top > 0 && top < 100, "a title and its key above three rows of the sky's height: " + img.getHeight());
        for (int row = 0; row < rows; row++) {
            for (int col = 0; col < 3; col++) {
                int coloured = 0, inked = 0;
                for (int y = top + row * rowH; y < top + (row + 1) * rowH; y++) {
                    for (int x = col * 400; x < (col + 1) * 400; x++) {
                        int c = img.getRGB(x, y), red = (c >> 16) & 255, g = (c >> 8) & 255, b = c & 255;
                        if (Math.max(red, Math.max(g, b)) - Math.min(red, Math.min(g, b)) > 60) coloured++;
                        if (red + g + b < 600) inked++;
                    }
                }
                // the paths and the sky in colour; the spectra in black and grey, their points red
                if (col < 2) assertTrue(coloured > 100, "row " + row + ", panel " + col + " has something drawn in colour: " + coloured);
                assertTrue(inked > 1000, "row " + row + ", panel " + col + " has something drawn: " + inked);
            }
        }
        Path pdf = dir.resolve("formation.pdf");
        r = CliTest.run("figure", "--what", "formation", "--rows", "3", "--sim", run.toString(), "--out", pdf.toString());
        assertEquals(0, r.code(), r.err());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(doc);
            for (String want : new String[] {"Formation of small-scale anisotropies", "trajectories", "the sky of realisation 1", "multipole ℓ"})
                assertTrue(text.contains(want), want + " in: " + text);
        }
        // a run without its trajectories, and a figure of one row, are refused with what to do
        Path bare = dir.resolve("bare");
        Files.createDirectories(bare);
        Files.copy(run.resolve("summary.json"), bare.resolve("summary.json"));
        CliTest.assertRefusedInOneLine(new String[][] {
                {"figure", "--what", "formation", "--sim", bare.toString(), "--out", dir.resolve("f1.png").toString()},
                {"figure", "--what", "formation", "--rows", "1", "--sim", run.toString(), "--out", dir.resolve("f2.png").toString()}});
    }

    /** The same as an animation: one row a frame, every snapshot, GIF or MP4, the sky-only options refused. */
    @Test
    void theFormationAnimatesOneRowPerSnapshot() throws Exception {
        Path gif = dir.resolve("formation.gif");
        CliTest.Result r = CliTest.run("animate", "--what", "formation", "--sim", run.toString(), "--width", "900", "--out", gif.toString());
        assertEquals(0, r.code(), r.err());
        javax.imageio.ImageReader reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
        try (var in = javax.imageio.ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            assertEquals(3, reader.getNumImages(true), "one frame per snapshot");
            assertEquals(900, reader.read(0).getWidth());
        } finally {
            reader.dispose();
        }
        Path mp4 = dir.resolve("formation.mp4");
        r = CliTest.run("animate", "--what", "formation", "--sim", run.toString(), "--width", "900", "--out", mp4.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(mp4) > 1000);
        CliTest.assertRefusedInOneLine(new String[][] {
                {"animate", "--what", "formation", "--fwhm-deg", "5", "--sim", run.toString(), "--out", dir.resolve("a1.gif").toString()},
                {"animate", "--what", "formation", "--width", "500", "--sim", run.toString(), "--out", dir.resolve("a2.gif").toString()},
                {"animate", "--what", "cl", "--sim", run.toString(), "--out", dir.resolve("a3.gif").toString()}});
    }

    @Test
    void theFormationRowsAreTheSnapshotsNearestToLogSpacedTimes() {
        double[] t = {0.1, 0.2, 0.5, 1, 2, 5, 10};
        assertArrayEquals(new int[] {0, 3, 6}, FigureCommand.formationSnapshots(t, 3));
        assertArrayEquals(new int[] {0, 1, 2}, FigureCommand.formationSnapshots(new double[] {1, 2, 3}, 5), "each snapshot once");
    }
}
