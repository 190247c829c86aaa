package org.anisoscope.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.anisoscope.sky.Healpix;

/**
 * The paper's Fig. 1 as one figure: how small-scale anisotropies form. One row per backtracking
 * time, each with the sampled trajectories of one realisation to that time (projected on the x–z
 * plane, z along B0), that realisation's sky map, and the ensemble's angular power spectrum. The
 * spectra share one y range, so the growth of power at high ℓ reads down the column.
 */
public final class FormationFigure {
    /**
     * One backtracking time.
     *
     * @param label      the row's time in τ_s, short (the trajectories' title); time the same as Ω_rms T (the sky's)
     * @param pixels     the arrival pixel of each sampled trajectory; paths[i] its {x0,y0,z0,x1,..} in r_g to this time
     * @param map        the realisation's relative intensity (RING), or null where the run has no map for this time
     * @param clNum      ⟨C_ℓ⟩^num; noise the flat shot noise; clSub, clSubErr the noise-subtracted mean and its error
     */
    public record Row(String label, String time, int[] pixels, float[][] paths, double[] map, double[] clNum, double noise, double[] clSub,
                      double[] clSubErr) {}

    private static final Colormap CMAP = Colormap.load(Colormap.DIVERGING);
    private static final Color NUM = new Color(0, 0, 0), NOISE = new Color(120, 120, 120), SUB = FigureStyle.VERMILION;

    private final List<Row> rows;
    private final int nside;
    private final String title;
    private final double[] spectrumRange;

    /** The figure of these rows, the spectra on the rows' shared range ({@link #spectrumRange(List)}). */
    public FormationFigure(List<Row> rows, int nside, String title) {
        this(rows, nside, title, spectrumRange(rows));
    }

    /** The same with the spectra on a given y range (null: each its own), e.g. an animation's, shared by all its frames. */
    public FormationFigure(List<Row> rows, int nside, String title, double[] spectrumRange) {
        if (rows.isEmpty()) throw new IllegalArgumentException("a formation figure needs at least one time");
        this.rows = List.copyOf(rows);
        this.nside = nside;
        this.title = title == null ? "" : title;
        this.spectrumRange = spectrumRange == null ? null : spectrumRange.clone();
    }

    private FigureStyle look = FigureStyle.DEFAULT;

    /** The style's colours and type (its size is the caller's). */
    public FormationFigure style(FigureStyle s) {
        look = s;
        return this;
    }

    /** The sky panels' type against their width's default: as the line plots' in a style, as always in the default. */
    private double skyText(int width, double scale) {
        return look == FigureStyle.DEFAULT ? 1 : scale * look.text() * 12 / Math.max(12, panel(width) / 45.0);
    }

    /** Width of one panel of a width-pixel figure. */
    private static int panel(int width) {
        return width / 3;
    }

    /** Room for the title and the key; a paper's go into its caption. */
    private int titleHeight(double scale) {
        return look.titles() ? (int) Math.round(66 * scale) : 0;
    }

    /** What the panels draw, said once under the title instead of a legend in every panel. */
    static final String KEY = "left: realisation 1's sampled trajectories to the row's time, coloured by arrival direction (red along B0, "
            + "blue against), ● the observer; middle: its sky; right: the ensemble's ⟨C_ℓ⟩^num (black), shot noise N_ℓ (dashed), "
            + "C_ℓ^sub ± σ (red)";

    /** Height of one row: the sky map's own layout at a panel's width. */
    private int rowHeight(int width, double scale) {
        return new MollweidePlot().style(look.withTitles(true), skyText(width, scale)).layoutFor(panel(width)).height();
    }

    /** The figure's height at this width and scale (the rows follow from the width). */
    public int height(int width, double scale) {
        return titleHeight(scale * look.text()) + rows.size() * rowHeight(width, scale);
    }

    public BufferedImage render(int width, double scale) {
        BufferedImage img = new BufferedImage(width, height(width, scale), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        paint(g, width, scale, 1);
        g.dispose();
        return img;
    }

    /** Draws the figure on g in user units of a width-pixel figure; the sky maps as images of oversample times their pixels. */
    public void paint(Graphics2D g, int width, double scale, int oversample) {
        if (width < 600) throw new IllegalArgumentException("a formation figure must be at least 600 pixels wide (three panels); got " + width);
        int pw = panel(width), rh = rowHeight(width, scale), top = titleHeight(scale * look.text());
        g.setColor(look.paper());
        g.fillRect(0, 0, width, height(width, scale));
        g.setColor(look.ink());
        double text = scale * look.text();
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        if (look.titles()) titleAndKey(g, width, text);
        double[] yl = spectrumRange;
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            int y = top + r * rh;
            Graphics2D a = (Graphics2D) g.create(0, y, pw, rh);
            trajectories(row).paint(a, pw, rh, scale);
            a.dispose();
            Graphics2D b = (Graphics2D) g.create(pw, y, pw, rh);
            if (row.map() != null) sky(row).style(look.withTitles(true), skyText(width, scale)).paint(b, row.map(), pw, oversample);
            else {
                b.setColor(Color.GRAY);
                b.drawString("no map kept for this time", (float) (pw / 4), (float) (rh / 2));
            }
            b.dispose();
            Graphics2D c = (Graphics2D) g.create(2 * pw, y, width - 2 * pw, rh);
            spectrum(row, yl).paint(c, width - 2 * pw, rh, scale);
            c.dispose();
        }
    }

    /** The title, and the key wrapped at words onto the lines below it. */
    private void titleAndKey(Graphics2D g, int width, double text) {
        java.awt.Font bold = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, (int) Math.round(14 * text));
        g.setFont(bold);
        // a long title in smaller type rather than past the right edge (a slide's large type)
        float size = bold.getSize2D();
        while (Typeset.width(g, title) > width - 16 * text && size > 7 * text) g.setFont(bold.deriveFont(size *= 0.94f));
        Typeset.draw(g, title, 8 * text, 20 * text);
        // the key, wrapped at words onto the lines below the title
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, (int) Math.round(11 * text)));
        java.awt.FontMetrics fm = g.getFontMetrics();
        StringBuilder line = new StringBuilder();
        double ky = 38 * text;
        for (String word : KEY.split(" ")) {
            if (line.length() > 0 && Typeset.width(g, line + " " + word) > width - 16 * text) {
                Typeset.draw(g, line.toString(), 8 * text, ky);
                ky += fm.getHeight();
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        Typeset.draw(g, line.toString(), 8 * text, ky);
    }

    /** The paths to this time, x against z, coloured by arrival direction (red along B0, blue against), the observer marked. */
    private LinePlot trajectories(Row row) {
        Healpix hp = new Healpix(nside);
        double[] v = new double[3];
        LinePlot p = new LinePlot().title(row.label()).labels("x (r_g)", "z (r_g, along B0)").style(look.withTitles(true));
        boolean drawn = false;
        for (int i = 0; i < row.paths().length; i++) {
            float[] path = row.paths()[i];
            int n = path.length / 3;
            if (n < 2) continue;
            double[] x = new double[n], z = new double[n];
            for (int q = 0; q < n; q++) {
                x[q] = path[3 * q];
                z[q] = path[3 * q + 2];
            }
            hp.pix2vec(row.pixels()[i], v);
            p.add(new LinePlot.Series("", x, z, null, new Color(CMAP.argb(0.5 + 0.5 * v[2]), true), LinePlot.Style.LINE));
            drawn = true;
        }
        p.add(new LinePlot.Series("", new double[] {0}, new double[] {0}, null, Color.BLACK, LinePlot.Style.POINTS));
        if (!drawn) p.note("no path points recorded yet");
        return p;
    }

    private MollweidePlot sky(Row row) {
        return new MollweidePlot().title("the sky of realisation 1 at " + row.time()).unit("relative intensity δ (|∇f/f| = 1/L_c)")
                .colormap(CMAP).symmetric(true)
                .marker(new MollweidePlot.Marker(0, 0, "B0", Color.BLACK)).marker(new MollweidePlot.Marker(Math.PI, 0, "-B0", Color.BLACK));
    }

    private LinePlot spectrum(Row row, double[] yl) {
        int lmax = row.clNum().length - 1;
        double[] ls = new double[lmax], num = new double[lmax], noise = new double[lmax], sub = new double[lmax], err = new double[lmax];
        for (int l = 1; l <= lmax; l++) {
            ls[l - 1] = l;
            num[l - 1] = row.clNum()[l];
            noise[l - 1] = row.noise();
            sub[l - 1] = row.clSub()[l];
            err[l - 1] = row.clSubErr()[l];
        }
        LinePlot p = new LinePlot().log(true, true).title("the ensemble's C_ℓ").labels("multipole ℓ", "C_ℓ").style(look.withTitles(true));
        p.add(new LinePlot.Series("", ls, num, null, NUM, LinePlot.Style.LINE));
        p.add(new LinePlot.Series("", ls, noise, null, NOISE, LinePlot.Style.DASHED));
        p.add(new LinePlot.Series("", ls, sub, err, SUB, LinePlot.Style.POINTS));
        if (yl != null) p.yRange(yl[0], yl[1]);
        return p;
    }

    /**
     * One y range for every row's spectrum: from the smallest positive C_ℓ^num, noise or C_ℓ^sub to the
     * largest, at most six decades (the earliest times' high ℓ leave through the bottom).
     */
    public static double[] spectrumRange(List<Row> rows) {
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (Row row : rows) {
            for (int l = 1; l < row.clNum().length; l++) {
                for (double v : new double[] {row.clNum()[l], row.noise(), row.clSub()[l]}) {
                    if (v > 0 && Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        return hi > 0 ? new double[] {Math.max(lo / 2, hi * 2e-6), hi * 2} : null;
    }
}
