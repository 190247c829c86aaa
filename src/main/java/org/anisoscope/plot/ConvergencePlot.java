package org.anisoscope.plot;

import java.awt.Color;
import java.util.List;
import java.util.Locale;

/**
 * The figure of a convergence check (`converge`, the window's Run menu): each quantity's relative
 * difference base − halved against the backtracking time with its 1σ error, the ± tolerance
 * dashed, T = τ_s marked. The y axis spans at most four tolerances beyond the data's own range
 * needs (a wild late point is clipped, the CSV has it).
 */
public final class ConvergencePlot {
    private ConvergencePlot() {}

    /** The figure's title: what was halved (e.g. "dt 0.05 → 0.025") and the run it was halved in. */
    public static String title(String setting, double rho, double eta, String nside, String realisations) {
        return String.format(Locale.ROOT, "convergence in %s: ρ = %s, η = %s, Nside %s, %s paired realisations", setting,
                Ticks.significant(rho, 3), Ticks.significant(eta, 3), nside, realisations);
    }

    /** The note under the frame: where K_zz came from and the table's verdict (as convergence.json spells them). */
    public static String note(String kSource, String verdict) {
        return String.format(Locale.ROOT, "C_ℓ: C_ℓ^sub (shot-noise cells left out); K_zz from %s; verdict: %s; τ_s from QLT", kSource,
                verdict.replace('_', ' '));
    }

    private static final Color[] COLOURS = {Color.BLACK, FigureStyle.BLUE, FigureStyle.ORANGE, FigureStyle.GREEN, FigureStyle.VERMILION,
            FigureStyle.PURPLE, FigureStyle.SKY, FigureStyle.GREY};

    /**
     * @param relPercent [snapshot][quantity] relative difference in %, NaN where not judged (shot noise)
     * @param errPercent its 1σ error in %
     * @param tolerance  the relative tolerance (0.05 is 5 %)
     * @param tauS       τ_s in the units of times (NaN: no marker)
     */
    public static LinePlot of(List<String> quantities, double[] times, double[][] relPercent, double[][] errPercent, double tolerance,
                              double tauS, String title, String note) {
        int nq = quantities.size();
        LinePlot plot = new LinePlot().log(true, false).yLimits(-400 * tolerance, 400 * tolerance).headroom(0.35).legendLeft(true);
        for (int q = 0; q < nq; q++) {
            double[] x = new double[times.length], y = new double[times.length], e = new double[times.length];
            for (int k = 0; k < times.length; k++) {
                x[k] = times[k] * Math.pow(1.04, q - (nq - 1) / 2.0); // side by side, not on top of each other
                y[k] = relPercent[k][q];
                e[k] = errPercent[k][q];
            }
            Color c = q == nq - 1 ? COLOURS[COLOURS.length - 1] : COLOURS[q % (COLOURS.length - 1)];
            plot.add(new LinePlot.Series(quantities.get(q), x, y, e, c, LinePlot.Style.POINTS));
        }
        double[] edge = {times[0] / 1.5, times[times.length - 1] * 1.5};
        Color grey = COLOURS[COLOURS.length - 1];
        plot.add(new LinePlot.Series(String.format(Locale.ROOT, "± tolerance (%s %%)", Ticks.significant(100 * tolerance, 3)), edge,
                new double[] {100 * tolerance, 100 * tolerance}, null, grey, LinePlot.Style.DASHED));
        plot.add(new LinePlot.Series("", edge, new double[] {-100 * tolerance, -100 * tolerance}, null, grey, LinePlot.Style.DASHED));
        if (Double.isFinite(tauS)) plot.marker(tauS, "τ_s");
        return plot.title(title).labels("backtracking time Ω_rms T", "base − halved (% of the halved run's value)").note(note);
    }
}
