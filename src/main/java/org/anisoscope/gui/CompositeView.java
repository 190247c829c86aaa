package org.anisoscope.gui;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The window's four views as one figure, laid out as on screen (sky and trajectories above, the
 * spectrum and the time evolution below): each view drawn by its own code into its quarter, in
 * vector where the view is (all but the 3D trajectories, which are their picture).
 */
final class CompositeView implements ExportableView {
    private final List<ExportableView> views;

    CompositeView(List<ExportableView> views) {
        if (views.size() != 4) throw new IllegalArgumentException("a composite has four views; got " + views.size());
        this.views = List.copyOf(views);
    }

    @Override
    public String name() { return "all four views"; }

    /** The file name's stem. */
    static final String STEM = "views";

    @Override
    public BufferedImage render(int w, int h, double scale) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, w, h);
            // on screen each view is the window's own drawing: the same here, picture by picture
            for (int i = 0; i < 4; i++) {
                int[] q = quarter(i, w, h);
                g.drawImage(views.get(i).render(q[2], q[3], scale), q[0], q[1], null);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    @Override
    public void paint(Graphics2D g, int w, int h, double scale) {
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, w, h);
        for (int i = 0; i < 4; i++) {
            int[] q = quarter(i, w, h);
            Graphics2D c = (Graphics2D) g.create(q[0], q[1], q[2], q[3]);
            try {
                views.get(i).paint(c, q[2], q[3], scale);
            } finally {
                c.dispose();
            }
        }
    }

    @Override
    public boolean vector() { return true; }

    /** View i's quarter: {x, y, width, height}, left to right, then top to bottom. */
    static int[] quarter(int i, int w, int h) {
        int w0 = w / 2, h0 = h / 2;
        int x = i % 2 == 0 ? 0 : w0, y = i < 2 ? 0 : h0;
        return new int[] {x, y, i % 2 == 0 ? w0 : w - w0, i < 2 ? h0 : h - h0};
    }
}
