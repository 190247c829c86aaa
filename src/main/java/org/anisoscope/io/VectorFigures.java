package org.anisoscope.io;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import java.awt.Graphics2D;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Calendar;
import java.util.function.Consumer;
import org.apache.batik.dom.GenericDOMImplementation;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Figures as vector files, from the same drawing code as the PNGs: a painter draws on a Graphics2D
 * in the figure's pixel units, and here that canvas is a PDF page (PDFBox's Graphics2D bridge;
 * fonts embedded, text kept as text) or an SVG document (Batik's generator; text as {@code <text>}).
 * A page is width x height pixels at dpi, so it has the size the PNG would print at. Written whole
 * or not at all.
 */
public final class VectorFigures {
    private VectorFigures() {}

    /** What a figure is, for the file's metadata: its title, the software, and how it was made (version, parameters, seed). */
    public record Meta(String title, String software, String provenance) {}

    /**
     * Fonts embedded in PDFs so that their text stays text: the sans-serif the plots use where it is
     * installed (DejaVu, what Java's logical SansSerif maps to on Debian). Without one the text is
     * drawn as outlines: still vector, not searchable.
     */
    public static final Path SANS = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
            SANS_BOLD = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");

    public static void writePdf(Path file, int width, int height, int dpi, Consumer<Graphics2D> painter, Meta meta) throws IOException {
        float k = 72f / dpi; // pixels to points
        AtomicFiles.write(file, out -> {
            try (PDDocument doc = new PDDocument()) {
                PDPage page = new PDPage(new PDRectangle(width * k, height * k));
                doc.addPage(page);
                PdfBoxGraphics2D g = new PdfBoxGraphics2D(doc, width, height);
                PdfBoxGraphics2DFontTextDrawer text = new PdfBoxGraphics2DFontTextDrawer();
                // the drawer finds a font by Java's font name: the plots use the logical SansSerif
                for (String style : new String[] {"plain", "bold"}) {
                    Path f = style.equals("plain") ? SANS : SANS_BOLD;
                    if (!Files.isRegularFile(f)) continue;
                    for (String family : new String[] {"SansSerif", "Dialog", "DejaVu Sans"}) {
                        text.registerFont(family + "." + style, f.toFile());
                        text.registerFont(style.equals("plain") ? family : family + " Bold", f.toFile());
                    }
                }
                g.setFontTextDrawer(text);
                try {
                    painter.accept(g);
                } finally {
                    g.dispose();
                }
                PDFormXObject form = g.getXFormObject();
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.transform(org.apache.pdfbox.util.Matrix.getScaleInstance(k, k));
                    cs.drawForm(form);
                }
                PDDocumentInformation info = doc.getDocumentInformation();
                info.setTitle(meta.title());
                info.setCreator(meta.software());
                info.setProducer(meta.software());
                info.setSubject(meta.provenance());
                info.setCreationDate(Calendar.getInstance());
                doc.save(out);
            }
        });
    }

    /**
     * Writes a figure in the format its file name's extension says: PDF or SVG from the painter
     * (width x height pixels, a PDF page at dpi), anything else as PNG of the image png makes, with
     * dpi, the software and the provenance in its text chunks. The caller has checked the extension.
     */
    public static void write(Path file, int width, int height, int dpi, Consumer<Graphics2D> painter,
                             java.util.function.Supplier<java.awt.image.BufferedImage> png, Meta meta) throws IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".pdf")) writePdf(file, width, height, dpi, painter, meta);
        else if (name.endsWith(".svg")) writeSvg(file, width, height, painter, meta);
        else Figures.writePng(file, png.get(), dpi, meta.software(), meta.provenance());
    }

    public static void writeSvg(Path file, int width, int height, Consumer<Graphics2D> painter, Meta meta) throws IOException {
        Document dom = GenericDOMImplementation.getDOMImplementation().createDocument("http://www.w3.org/2000/svg", "svg", null);
        SVGGeneratorContext ctx = SVGGeneratorContext.createDefault(dom);
        ctx.setComment(meta.software() + ": " + meta.provenance());
        ctx.setEmbeddedFontsOn(false);
        SVGGraphics2D g = new SVGGraphics2D(ctx, false); // text as <text>, editable in Inkscape
        g.setSVGCanvasSize(new java.awt.Dimension(width, height));
        painter.accept(g);
        Element root = g.getRoot();
        root.setAttribute("viewBox", "0 0 " + width + " " + height);
        Element title = dom.createElementNS("http://www.w3.org/2000/svg", "title");
        title.setTextContent(meta.title());
        root.insertBefore(title, root.getFirstChild());
        Element desc = dom.createElementNS("http://www.w3.org/2000/svg", "desc");
        desc.setTextContent(meta.provenance());
        root.insertBefore(desc, title.getNextSibling());
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            g.stream(root, w, true, false);
            w.flush();
        });
    }
}
