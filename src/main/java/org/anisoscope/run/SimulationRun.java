package org.anisoscope.run;

import java.util.function.BooleanSupplier;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.tracking.Backtracker;
import org.anisoscope.tracking.Snapshot;
import org.anisoscope.turbulence.SlabField;

/**
 * A cancellable simulation session: realisation after realisation, build the field from its seed,
 * backtrack with the chosen engine, feed every snapshot to the ensemble and to the listener. The CLI
 * and the GUI both drive this; it owns no I/O.
 */
public final class SimulationRun {
    /** What a run reports while it works; called on the run's thread. */
    public interface Listener {
        /** Before the first realisation: the ensemble the snapshots go into (read it on this thread only). */
        default void started(Ensemble ensemble) {}
        /** fraction in [0, 1] of all particle steps of all realisations. */
        default void progress(double fraction, int realisation, double time) {}
        default void snapshot(int realisation, Snapshot s) {}
        default void realisationDone(int realisation, Ensemble ensemble) {}
    }

    /**
     * The outcome: the ensemble over the complete realisations, whether all were done, and why
     * not when the engine failed (null when it did not: complete, or cancelled); and where the time
     * went: in the engine (the particles, fields included) and in the ensemble's maps and spectra.
     */
    public record Outcome(Ensemble ensemble, boolean partial, long[] realisationSeeds, String error, double engineSeconds,
                          double analysisSeconds) {}

    /** Trajectories sampled for the window's 3D view and a run's trajectories.csv (evenly over the pixels). */
    public static final int TRAJECTORY_SAMPLES = 48;

    private final SimulationParameters params;
    private final Backtracker engine;
    private final int threads;
    private final int trajectorySamples;

    public SimulationRun(SimulationParameters params, Backtracker engine, int threads, int trajectorySamples) {
        this.params = params;
        this.engine = engine;
        this.threads = threads;
        this.trajectorySamples = trajectorySamples;
    }

    private org.anisoscope.sky.Observation.Observatory observatory;

    /** Also keeps the spectra as this observatory sees each realisation's sky ({@link Ensemble#observeAs}); null: none. */
    public SimulationRun observedBy(org.anisoscope.sky.Observation.Observatory o) {
        observatory = o;
        return this;
    }

    public Outcome run(Listener listener, BooleanSupplier cancelled) {
        Ensemble ens = new Ensemble(params, threads);
        if (observatory != null) ens.observeAs(observatory);
        listener.started(ens);
        double[] times = params.times();
        int nreal = params.realisations();
        long[] seeds = new long[nreal];
        for (int r = 0; r < nreal; r++) seeds[r] = params.realisationSeed(r);
        boolean partial = false;
        // engine (fields, particles), analysis (maps, spectra), all snapshot callbacks (analysis and listener), which run inside the engine
        long[] nanos = new long[3];
        for (int r = 0; r < nreal; r++) {
            if (cancelled.getAsBoolean()) {
                partial = true;
                break;
            }
            long t0 = System.nanoTime(), inCallbacks = nanos[2];
            SlabField field = SlabField.generate(params.rho(), params.eta(), params.lambdaMin(), seeds[r]);
            ens.beginRealisation(r, field);
            final int real = r;
            double tmax = times[times.length - 1];
            boolean complete;
            try {
                complete = engine.run(field, params.nside(), params.dt(), times, trajectorySamples, s -> {
                    long a = System.nanoTime();
                    ens.add(s);
                    long b = System.nanoTime();
                    listener.snapshot(real, s);
                    nanos[1] += b - a;
                    nanos[2] += System.nanoTime() - a;
                }, (done, total) -> listener.progress((real + (double) done / total) / nreal, real,
                        (double) done / total * tmax), cancelled);
            } catch (IllegalArgumentException | IllegalStateException e) {
                // an engine failure (device lost, out of device memory): the complete realisations stand
                ens.abandonRealisation();
                long[] used = java.util.Arrays.copyOf(seeds, ens.completed());
                return new Outcome(ens, true, used, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                        nanos[0] / 1e9, nanos[1] / 1e9);
            } finally {
                nanos[0] += System.nanoTime() - t0 - (nanos[2] - inCallbacks);
            }
            if (!complete) {
                ens.abandonRealisation();
                partial = true;
                break;
            }
            ens.endRealisation();
            listener.realisationDone(r, ens);
        }
        long[] used = java.util.Arrays.copyOf(seeds, ens.completed());
        return new Outcome(ens, partial, used, null, nanos[0] / 1e9, nanos[1] / 1e9);
    }
}
