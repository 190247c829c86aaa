package org.anisoscope.cli;

import java.util.Locale;
import org.anisoscope.run.SimulationRun;

/** A run's progress on one rewritten stderr line, at most twice a second: "<label>: realisation r/n, Omega_rms T, %". */
final class ProgressLine {
    private long last;

    /** A listener for one SimulationRun that reports through this line. */
    SimulationRun.Listener listener(String label, int realisations) {
        return new SimulationRun.Listener() {
            @Override
            public void progress(double fraction, int r, double t) {
                update(label, realisations, r, t, fraction);
            }
        };
    }

    void update(String label, int realisations, int r, double t, double fraction) {
        long now = System.nanoTime();
        if (now - last < 500_000_000L && fraction < 1) return; // twice a second is enough to see it move
        last = now;
        System.err.printf(Locale.ROOT, "\r  %s: realisation %d/%d, Omega_rms T = %.4g, %5.1f %%   ", label, r + 1, realisations, t, 100 * fraction);
    }
}
