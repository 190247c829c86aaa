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
                assertTrue(text.contains(what.equals("cl") ? "multipole ℓ" : "Ω_rms T"), what + ": " + text);
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

    private static Document parse(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        // Batik writes SVG 1.0's DOCTYPE: a reader need not fetch its DTD (there is no network in a test)
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(svg.toFile());
    }
}
