package org.anisoscope.gui;

import java.awt.image.BufferedImage;

/** A view that can be written as a figure. */
interface ExportableView {
    /** Short name for menus and file names. */
    String name();

    /** The view at w x h device pixels; scale is the device pixels per layout unit (DPI / 96). */
    BufferedImage render(int w, int h, double scale);

    /**
     * The view on a Java2D canvas (a PDF or SVG page) of w x h units, fonts and lines times scale:
     * lines and text where the view is drawn that way ({@link #vector()}), else its picture.
     */
    default void paint(java.awt.Graphics2D g, int w, int h, double scale) {
        g.drawImage(render(w, h, scale), 0, 0, null);
    }

    /** Whether {@link #paint} draws lines and text (true) or a picture of the view (the 3D scene). */
    default boolean vector() { return false; }

    /** The data behind the view as files (FITS map, C_l CSV, ...); empty when there is none yet. */
    default java.util.List<DataFile> data() { return java.util.List.of(); }

    /** One data product: a default file name and how to write it. */
    record DataFile(String fileName, String description, Writer writer) {}

    @FunctionalInterface
    interface Writer {
        void write(java.nio.file.Path file) throws java.io.IOException;
    }
}
