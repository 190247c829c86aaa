package org.anisoscope.plot;

import java.awt.Color;
import java.util.Locale;

/**
 * The time for neighbouring arrival directions to part against their angle, on a logarithmic θ
 * axis (`separation`, its figure and the window's): a straight line is chaos, t_sep = τ_L ln(1/θ) +
 * const; a curve bending up like 1/θ a regular field. One line per distance that counts as parted.
 */
public final class SeparationPlot {
    private static final Color[] COLOURS = java.util.Arrays.copyOf(FigureStyle.SERIES, 5);

    private SeparationPlot() {}

    /**
     * @param meanTime [angle][distance] mean t_sep (Ω_rms⁻¹); meanErr its error
     * @param efold    [distance] τ_L over all angles
     */
    public static LinePlot of(double rho, double eta, int pairs, double[] angles, double[] distances, double[][] meanTime, double[][] meanErr,
                              double[] efold) {
        LinePlot plot = new LinePlot().log(true, false)
                .title(String.format(Locale.ROOT, "Time for neighbouring directions to part: ρ = %s, η = %s, %d pairs per angle",
                        Ticks.significant(rho, 3), Ticks.significant(eta, 3), pairs))
                .labels("angle between the directions θ (rad)", "mean t_sep (Ω_rms⁻¹)");
        StringBuilder note = new StringBuilder("a straight line is chaos, t_sep = τ_L ln(1/θ) + const; τ_L (Ω_rms⁻¹):");
        for (int q = 0; q < distances.length; q++) {
            double[] y = new double[angles.length], err = new double[angles.length];
            for (int k = 0; k < angles.length; k++) {
                y[k] = meanTime[k][q];
                err[k] = meanErr[k][q];
            }
            Color c = COLOURS[q % COLOURS.length];
            plot.add(new LinePlot.Series("to " + Ticks.significant(distances[q], 3) + " r_g apart", angles, y, err, c, LinePlot.Style.POINTS));
            plot.add(new LinePlot.Series("", angles, y, null, c, LinePlot.Style.LINE));
            note.append(String.format(Locale.ROOT, "%s %s to %s r_g", q == 0 ? "" : ",", Ticks.significant(efold[q], 3), Ticks.significant(distances[q], 3)));
        }
        return plot.note(note.toString());
    }
}
