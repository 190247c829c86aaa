package org.anisoscope.tracking;

import java.util.function.BooleanSupplier;
import org.anisoscope.turbulence.Turbulence;

/**
 * Advances one particle per HEALPix pixel backwards in time through one field realisation and
 * hands out a {@link Snapshot} at each requested time. The CPU and CUDA engines implement it; both
 * must give the same trajectories for the same field (to round-off).
 */
public interface Backtracker {
    /** Called at each snapshot, in order, on the calling thread of {@link #run}; it may keep the snapshot (engines hand out copies). */
    interface Listener {
        void snapshot(Snapshot s);
    }

    /** Progress within this realisation: steps done of steps total (for all particles). */
    interface Progress {
        void update(long stepsDone, long stepsTotal);
    }

    /** Engine name as shown to the user ("cpu", "cuda"). */
    String name();

    /** One line on what runs the work (threads, device). */
    String description();

    /**
     * Whether the work runs off the CPU (a GPU): then the run makes each snapshot's maps and spectra
     * on another thread while this engine goes on (SimulationRun); the listener may then be called
     * on that thread, in order, while {@link #run} waits in a device call.
     */
    default boolean offloads() { return false; }

    /**
     * Backtracks all npix = 12 nside^2 particles from the observer. Returns normally when all
     * times are done, or early (after the last completed snapshot) when cancelled() turns true.
     *
     * @param trajectorySamples number of particles whose full paths are recorded (spread evenly over the pixels)
     * @return true when every snapshot was produced, false when cancelled
     */
    boolean run(Turbulence field, int nside, double dt, double[] times, int trajectorySamples,
                Listener listener, Progress progress, BooleanSupplier cancelled);
}
