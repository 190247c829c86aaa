package org.anisoscope.gui;

import javafx.scene.control.TextField;
import org.anisoscope.sky.Observation;

/**
 * The sky view's observatory: B0's direction and the declinations seen, parsed from the bar's
 * fields (a field that does not parse is marked and said) and handed to the sky view.
 */
final class ObservatoryBar {
    private final LabWindow win;

    ObservatoryBar(LabWindow win) {
        this.win = win;
    }

    /**
     * Passes the observatory settings to the sky view (or the simulation's frame when unticked); a
     * field that does not parse is marked and said in the status line, and the view keeps its frame.
     */
    void applyObserver() {
        if (!win.observatory.isSelected()) {
            win.observatoryB0.setStyle("");
            win.observatoryBand.setStyle("");
            win.sky.setObserver(null);
            win.prediction.scheduleSeen();
            return;
        }
        double[] b0 = pair(win.observatoryB0, "B0's direction must be RA,Dec in degrees with -90 <= Dec <= 90, e.g. 229.7,23.3", -90, 90, false);
        double[] band = pair(win.observatoryBand, "the declination band must be MIN,MAX in degrees with -90 <= MIN < MAX <= 90, e.g. -90,-25", -90, 90, true);
        if (b0 == null || band == null) return;
        win.sky.setObserver(new Observation.Observatory(b0[0], b0[1], band[0], band[1], win.perDeclination.isSelected()));
        win.prediction.scheduleSeen();
    }

    /** Two numbers "a,b" from f, the second (and with ordered, the first below it) in lo..hi; null, marked and said, otherwise. */
    private double[] pair(TextField f, String rule, double lo, double hi, boolean ordered) {
        String[] parts = f.getText().split(",");
        try {
            if (parts.length != 2) throw new NumberFormatException();
            double a = Double.parseDouble(parts[0].trim()), b = Double.parseDouble(parts[1].trim());
            boolean ok = Double.isFinite(a) && b >= lo && b <= hi && (!ordered || (a >= lo && a < b));
            if (ok) {
                f.setStyle("");
                return new double[] {a, b};
            }
        } catch (NumberFormatException e) {
            // said below
        }
        f.setStyle("-fx-border-color: #c00000;");
        win.setStatus(rule, true);
        return null;
    }
}
