package org.anisoscope.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Figure files. */
public final class Figures {
    private Figures() {}

    /**
     * Writes a PNG atomically with its resolution (pHYs, so a page layout program places it at
     * the intended size) and text chunks (Software, Comment) saying what made it.
     */
    public static void writePng(Path file, BufferedImage image, int dpi, String software, String comment) throws IOException {
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
        javax.imageio.metadata.IIOMetadata meta = writer.getDefaultImageMetadata(
                javax.imageio.ImageTypeSpecifier.createFromRenderedImage(image), param);
        String fmt = "javax_imageio_png_1.0";
        javax.imageio.metadata.IIOMetadataNode root = new javax.imageio.metadata.IIOMetadataNode(fmt);
        javax.imageio.metadata.IIOMetadataNode phys = new javax.imageio.metadata.IIOMetadataNode("pHYs");
        String ppm = Integer.toString((int) Math.round(dpi / 0.0254));
        phys.setAttribute("pixelsPerUnitXAxis", ppm);
        phys.setAttribute("pixelsPerUnitYAxis", ppm);
        phys.setAttribute("unitSpecifier", "meter");
        root.appendChild(phys);
        javax.imageio.metadata.IIOMetadataNode text = new javax.imageio.metadata.IIOMetadataNode("tEXt");
        for (String[] kv : new String[][] {{"Software", software}, {"Comment", comment}}) {
            if (kv[1] == null) continue;
            javax.imageio.metadata.IIOMetadataNode e = new javax.imageio.metadata.IIOMetadataNode("tEXtEntry");
            e.setAttribute("keyword", kv[0]);
            e.setAttribute("value", kv[1]);
            text.appendChild(e);
        }
        root.appendChild(text);
        meta.mergeTree(fmt, root);
        AtomicFiles.write(file, out -> {
            try (javax.imageio.stream.ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(null, new javax.imageio.IIOImage(image, null, meta), param);
            } finally {
                writer.dispose();
            }
        });
    }

    /** Writes a PNG atomically. */
    public static void writePng(Path file, BufferedImage image) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) throw new IOException("no PNG writer available");
        });
    }
}
