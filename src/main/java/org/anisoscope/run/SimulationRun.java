package org.anisoscope.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.tracking.Backtracker;
import org.anisoscope.tracking.Snapshot;
import org.anisoscope.turbulence.Turbulence;

/**
 * A cancellable simulation session: realisation after realisation, build the field from its seed,
 * backtrack with the chosen engine, feed every snapshot to the ensemble and to the listener. The CLI
 * and the GUI both drive this; it owns no I/O.
 */
public final class SimulationRun {
    /**
     * What a run reports while it works; called on the run's thread, except snapshot, which an engine
     * that offloads its work ({@link Backtracker#offloads}) has called on the run's analysis thread:
     * in order, never two at once, each realisation's before its realisationDone, but beside progress.
     */
    public interface Listener {
        /** Before the first realisation: the ensemble the snapshots go into (read it in these calls only). */
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

    private List<Ensemble.Realisation> done = List.of();
    /** The realisations this run computes: [from, to) (all, or a shard's share). */
    private int from, to = -1;

    /**
     * Computes only realisations from .. to-1 (a shard of the run: {@code simulate --shard}); their
     * ensemble is kept for a merge and has no result of its own unless from is 0 and to all.
     */
    public SimulationRun range(int from, int to) {
        if (from < 0 || to > params.realisations() || from >= to)
            throw new IllegalArgumentException("realisations " + from + " to " + (to - 1) + " are not a share of a run of " + params.realisations());
        this.from = from;
        this.to = to;
        return this;
    }

    /**
     * Continues a run: these complete realisations (0, 1, .. in order, from its {@link Checkpoint})
     * go into the ensemble as they are, and the run computes the rest.
     */
    public SimulationRun resumeFrom(List<Ensemble.Realisation> complete) {
        if (complete.size() > params.realisations() || !complete.isEmpty() && complete.get(0).index() != from)
            throw new IllegalArgumentException(complete.size() + " complete realisations for a run of " + params.realisations());
        done = List.copyOf(complete);
        return this;
    }

    /**
     * Snapshots waiting for the analysis thread at most (an engine that offloads its work runs ahead
     * of the analysis by this much; a snapshot at Nside 512 holds 150 MB).
     */
    static final int IN_FLIGHT = 2;

    /**
     * The ℓmax to suggest when the maps and spectra were most of a long run (a GPU's run at the
     * paper's Nside: 4× the particles on an H200 at Nside 256) and the spectra went above Nside − 1:
     * Nside − 1 keeps the multipoles a fit uses (the spectra below it are the full ones to 0.3 %) at
     * a fraction of the cost (anafast 4× cheaper at Nside 256, 10× at 512). −1: nothing to suggest.
     */
    public static int suggestedLmax(double engineSeconds, double analysisSeconds, int nside, int lmax) {
        if (nside < 64 || lmax <= nside - 1 || analysisSeconds < 5 || analysisSeconds < 2 * engineSeconds) return -1;
        return nside - 1;
    }

    /** Where a finished run's time went, in words (the CLI's time: line and the window's status say it). */
    public static String timeSplit(Outcome o, String engine) {
        return String.format(java.util.Locale.ROOT, "particles and fields %.1f s (%s engine), maps and spectra %.1f s",
                o.engineSeconds(), engine, o.analysisSeconds());
    }

    public Outcome run(Listener listener, BooleanSupplier cancelled) {
        Ensemble ens = new Ensemble(params, threads);
        int end = to < 0 ? params.realisations() : to;
        if (from > 0) ens.startingAt(from);
        if (observatory != null) ens.observeAs(observatory);
        for (Ensemble.Realisation x : done) ens.restore(x);
        listener.started(ens);
        double[] times = params.times();
        int nreal = params.realisations();
        long[] seeds = new long[nreal];
        for (int r = 0; r < nreal; r++) seeds[r] = params.realisationSeed(r);
        boolean partial = false;
        // engine (fields, particles), analysis (maps, spectra), all snapshot callbacks (analysis and listener), which run inside the engine
        long[] nanos = new long[3];
        // An engine whose work is off the CPU (a GPU) hands its snapshots to one analysis thread, in order, so the
        // maps and spectra of snapshot k are made while the device advances to k + 1. Otherwise all on this thread.
        Analysis analysis = engine.offloads() ? new Analysis() : null;
        try {
            for (int r = from + done.size(); r < end; r++) {
                if (cancelled.getAsBoolean()) {
                    partial = true;
                    break;
                }
                long t0 = System.nanoTime(), inCallbacks = nanos[2];
                Turbulence field = Turbulence.of(params, seeds[r]);
                ens.beginRealisation(r, field);
                final int real = r;
                double tmax = times[times.length - 1];
                boolean complete = false;
                String failure = null;
                try {
                    complete = engine.run(field, params.nside(), params.dt(), times, trajectorySamples, s -> {
                        long a = System.nanoTime();
                        Runnable work = () -> {
                            long b = System.nanoTime();
                            ens.add(s);
                            nanos[1] += System.nanoTime() - b;
                            listener.snapshot(real, s);
                        };
                        if (analysis == null) work.run();
                        else analysis.submit(work);
                        nanos[2] += System.nanoTime() - a;
                    }, (done, total) -> listener.progress((real - from + (double) done / total) / (end - from), real,
                            (double) done / total * tmax), cancelled);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    // an engine failure (device lost, out of device memory): the complete realisations stand
                    failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                }
                nanos[0] += System.nanoTime() - t0 - (nanos[2] - inCallbacks);
                if (analysis != null) analysis.finish();
                if (failure != null) {
                    ens.abandonRealisation();
                    long[] used = java.util.Arrays.copyOfRange(seeds, from, from + ens.completed());
                    return new Outcome(ens, true, used, failure, nanos[0] / 1e9, nanos[1] / 1e9);
                }
                if (!complete) {
                    ens.abandonRealisation();
                    partial = true;
                    break;
                }
                ens.endRealisation();
                listener.realisationDone(r, ens);
            }
        } finally {
            if (analysis != null) analysis.close();
        }
        long[] used = java.util.Arrays.copyOfRange(seeds, from, from + ens.completed());
        return new Outcome(ens, partial, used, null, nanos[0] / 1e9, nanos[1] / 1e9);
    }

    /**
     * One analysis thread with at most IN_FLIGHT snapshots waiting: the engine's callback blocks when
     * the analysis is that far behind. {@link #finish} waits for all handed over and rethrows what
     * failed there; it is the only way the run's thread sees the ensemble again, so the two threads
     * never touch it at once.
     */
    private static final class Analysis {
        private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "anisoscope-analysis");
            t.setDaemon(true);
            return t;
        });
        private final Semaphore slots = new Semaphore(IN_FLIGHT);
        private final List<Future<?>> pending = new ArrayList<>();

        void submit(Runnable work) {
            slots.acquireUninterruptibly();
            pending.add(thread.submit(() -> {
                try {
                    work.run();
                } finally {
                    slots.release();
                }
            }));
        }

        void finish() {
            try {
                for (Future<?> f : pending) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof RuntimeException re) throw re;
                        if (e.getCause() instanceof Error er) throw er;
                        throw new IllegalStateException(e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while the analysis finished");
                    }
                }
            } finally {
                pending.clear();
            }
        }

        void close() {
            thread.shutdownNow();
        }
    }
}
