package org.anisoscope.run;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.tracking.Backtracker;
import org.anisoscope.tracking.Snapshot;

/**
 * A {@link SimulationRun} on a background thread that can be paused, resumed and cancelled, and
 * that publishes what a live view needs as immutable {@link Frame}s, one per snapshot time (the
 * latest data replaces the older: nothing queues up). A viewer polls {@link #version()} at its own
 * pace and reads frames when it changed, so however fast snapshots come, the viewer's thread
 * does a bounded amount of work and never waits on the run. Free of any GUI toolkit.
 *
 * <p>Which K_zz maps and noise use: {@link Ensemble.KSource#QLT} throughout, or
 * {@link Ensemble.KSource#RUN}, which needs a complete realisation for its plateau and uses QLT
 * until then (each frame says which it used).
 */
public final class LiveRun {
    public enum State { NEW, RUNNING, PAUSED, CANCELLING, DONE, CANCELLED, FAILED }

    /** Sampled trajectories: pixel each arrived in, and its path {x0,y0,z0,x1,..} in r_g. */
    public record Trajectories(int[] pixels, float[][] paths) {}

    /**
     * What the window shows at one backtracking time (snapshot index, Ω_rms T), composed of small
     * values. Arrays are shared, never modified once a frame holds them: LiveRun makes new ones for
     * every frame it builds.
     *
     * @param realisations complete realisations in the statistics (0: the one in progress alone)
     */
    public record Frame(int index, double time, int realisations, Spectrum spectrum, Diffusion diffusion, Sky sky,
                        Trajectories trajectories, Dipoles dipoles) {
        /** The same frame with a newer realisation's map, paths and local field (the statistics stay). */
        Frame withLatest(float[] map, Trajectories paths, int realisation, double[] localField) {
            return new Frame(index, time, realisations, spectrum, diffusion,
                    new Sky(sky.first(), map, sky.mean(), realisation, sky.localFieldFirst(), localField), paths, dipoles);
        }
    }

    /** The angular power spectrum at a frame's time: ⟨C_ℓ⟩^num, the flat noise N_ℓ, C_ℓ^sub and its standard error. */
    public record Spectrum(double[] clNum, double noise, double[] clSub, double[] clSubErr) {}

    /**
     * The diffusion coefficient a frame's maps and noise use.
     *
     * @param kzz        K_zz, r_g c; kzzFromRun whether it is this run's plateau (else quasi-linear theory's)
     * @param kzzRunning <z^2>/2T at this time (ensemble mean, or the realisation in progress)
     */
    public record Diffusion(double kzz, boolean kzzFromRun, double kzzRunning) {}

    /**
     * The sky maps of relative intensity at a frame's time.
     *
     * @param first             realisation 0's; latest the newest realisation's to reach this time; mean the mean
     *                          over the complete realisations (or the one in progress)
     * @param latestRealisation index of the realisation latest and the frame's trajectories come from
     * @param localFieldFirst   local mean field (over L_c/30) of realisation 0; localFieldLatest of the latest one
     */
    public record Sky(float[] first, float[] latest, float[] mean, int latestRealisation, double[] localFieldFirst,
                      double[] localFieldLatest) {}

    /**
     * The ensemble's dipole at a frame's time.
     *
     * @param invMeanCosSq 1/⟨cos α⟩² over the realisations so far (α: B0 to the local mean field; Sec. 3.3), the
     *                     factor the paper rescales the analytic C_l by
     * @param zOverG       the ensemble-mean dipole along B0 over g_z, r_g c (NaN before a realisation is complete):
     *                     K_used at T → 0, the run's K_zz once T ≫ τ_s (Fick's law)
     * @param driftOverG   the ensemble-mean dipole along g × B0 over g_x, r_g c: the drift coefficient K_A once the
     *                     particles have gyrated (NaN for g ∥ B0 or before a realisation is complete)
     */
    public record Dipoles(double invMeanCosSq, double zOverG, double driftOverG) {}

    /** Progress of the whole run. */
    public record Progress(double fraction, int realisation, double time, double etaSeconds) {}

    private final SimulationParameters params;
    private final Backtracker engine;
    private final int threads, trajectorySamples;
    private final Ensemble.KSource kSource;
    private final int nsnap, npix;
    private final double[] times;
    private final AtomicLong version = new AtomicLong();
    private final Object pauseLock = new Object();

    private volatile State state = State.NEW;
    private volatile boolean cancel;
    private volatile String message = "";
    private volatile Progress progress = new Progress(0, 0, 0, Double.NaN);
    private volatile SimulationRun.Outcome outcome;
    private Thread thread;
    private long startNanos;

    // published data, guarded by this
    private final Frame[] frames;
    // run-thread working data, per snapshot: the Liouville map's two parts (Ensemble.liouvilleParts) of
    // the realisation in progress, of the latest to reach the snapshot and summed over the complete
    // ones; the first realisation's are the ensemble's own (Ensemble.firstParts)
    private final float[][] latestA, latestB, sumA, sumB, curA, curB;
    private final Trajectories[] latestTraj;
    private final int[] latestReal;
    private Ensemble.Result result;
    private RunFiles.Summary saved;
    private org.anisoscope.sky.Observation.Observatory observatory;

    public LiveRun(SimulationParameters params, Backtracker engine, int threads, int trajectorySamples, Ensemble.KSource kSource) {
        this.params = params;
        this.engine = engine;
        this.threads = threads;
        this.trajectorySamples = trajectorySamples;
        this.kSource = kSource;
        this.times = params.times();
        this.nsnap = times.length;
        this.npix = params.npix();
        frames = new Frame[nsnap];
        latestA = new float[nsnap][];
        latestB = new float[nsnap][];
        sumA = new float[nsnap][];
        sumB = new float[nsnap][];
        curA = new float[nsnap][];
        curB = new float[nsnap][];
        latestTraj = new Trajectories[nsnap];
        latestReal = new int[nsnap];
    }

    /**
     * Also keeps every realisation's spectra as this observatory sees its sky
     * ({@link Ensemble#observeAs}); before {@link #start}. Null: none.
     */
    public LiveRun observedBy(org.anisoscope.sky.Observation.Observatory o) {
        if (state != State.NEW) throw new IllegalStateException("the observatory is set before the run starts");
        observatory = o;
        return this;
    }

    /** The observatory the run sees its skies with, or null. */
    public org.anisoscope.sky.Observation.Observatory observatory() { return observatory; }

    /** The spectra as the observatory sees the complete realisations (null without an observatory or before the first is complete). */
    public synchronized Ensemble.Seen seen() { return result != null ? result.seen() : openedSeen; }

    private Ensemble.Seen openedSeen;

    public SimulationParameters params() { return params; }
    public Backtracker engine() { return engine; }
    /** Where the maps' K_zz comes from. */
    public Ensemble.KSource kSource() { return kSource; }
    public State state() { return state; }
    /** Why the run failed, or a note on how it ended. */
    public String message() { return message; }
    public Progress progress() { return progress; }
    /** Changes whenever new data or a new state is published. */
    public long version() { return version.get(); }
    public double[] times() { return times.clone(); }
    /** The outcome once the run has ended (null before). */
    public SimulationRun.Outcome outcome() { return outcome; }

    /**
     * A run read back from its files (File > Open a run): ended, with one frame per snapshot built
     * from its summary, the maps of realisation 0 (maps[k] null where the folder has none) and its
     * sampled trajectories (paths null when the folder has none, else one per snapshot). What the
     * files do not keep is absent from the frames: the ensemble-mean map (null); the newest
     * realisation is realisation 0.
     */
    public static LiveRun opened(RunFiles.Summary s, float[][] maps, Trajectories[] paths) {
        return opened(s, maps, paths, null);
    }

    /** The same with the spectra as its observatory saw the skies ({@link RunFiles#readSeen}; null: none). */
    public static LiveRun opened(RunFiles.Summary s, float[][] maps, Trajectories[] paths, Ensemble.Seen seen) {
        SimulationParameters p = s.params();
        if (maps.length != s.times().length) throw new IllegalArgumentException("one map (or null) per snapshot is needed");
        LiveRun run = new LiveRun(p, null, 1, 0, s.diffusion().kSource());
        RunFiles.Spectra sp = s.spectra();
        RunFiles.Diffusion df = s.diffusion();
        RunFiles.Dipoles dp = s.dipoles();
        double[] lf = dp.localMeanField().length > 0 ? dp.localMeanField()[0] : null;
        for (int k = 0; k < run.nsnap; k++) {
            double dz = dp.meanDipoleOverFick() == null ? Double.NaN : dp.meanDipoleOverFick()[k][2] * df.kzzPlateau();
            double gx = p.rho() * p.gradientX(), drift = gx == 0 || dp.meanDipole() == null ? Double.NaN : -dp.meanDipole()[k][1] / gx;
            run.frames[k] = new Frame(k, s.times()[k], s.realisations(), new Spectrum(sp.clNum()[k], sp.noise()[k], sp.clSub()[k], sp.clSubErr()[k]),
                    new Diffusion(df.kzz(), df.kSource() == Ensemble.KSource.RUN, df.kzzRunning()[k]), new Sky(maps[k], maps[k], null, 0, lf, lf),
                    paths == null ? null : paths[k], new Dipoles(dp.invMeanCosSq(), dz, drift));
        }
        run.saved = s;
        run.openedSeen = seen;
        run.observatory = seen == null ? null : seen.observatory();
        run.progress = new Progress(1, s.realisations() - 1, s.times()[run.nsnap - 1], 0);
        run.message = "opened " + s.dir() + (s.partial() ? " (a partial run: " + s.realisations() + " of " + p.realisations() + " realisations)" : "");
        run.state = State.DONE;
        run.version.incrementAndGet();
        return run;
    }

    /** The files this run was read from (null for a run made here). */
    public RunFiles.Summary saved() { return saved; }

    /** Frame k, or null when that time has not been reached yet. */
    public synchronized Frame frame(int k) {
        return frames[k];
    }

    /** Number of leading snapshot times with a frame. */
    public synchronized int framesAvailable() {
        int n = 0;
        while (n < nsnap && frames[n] != null) n++;
        return n;
    }

    /** The ensemble statistics of the complete realisations (null before the first). */
    public synchronized Ensemble.Result result() {
        return result;
    }

    public synchronized void start() {
        if (state != State.NEW) throw new IllegalStateException("a LiveRun starts once");
        state = State.RUNNING;
        startNanos = System.nanoTime();
        thread = new Thread(this::work, "anisoscope-run");
        thread.setDaemon(true);
        thread.start();
        version.incrementAndGet();
    }

    public void pause() {
        if (state == State.RUNNING) {
            state = State.PAUSED;
            version.incrementAndGet();
        }
    }

    public void resume() {
        synchronized (pauseLock) {
            if (state == State.PAUSED) state = State.RUNNING;
            pauseLock.notifyAll();
        }
        version.incrementAndGet();
    }

    /** Asks the run to stop after the current chunk; frames already published stay. */
    public void cancel() {
        cancel = true;
        synchronized (pauseLock) {
            if (state == State.RUNNING || state == State.PAUSED) state = State.CANCELLING;
            pauseLock.notifyAll();
        }
        version.incrementAndGet();
    }

    /** Waits up to millis for the run thread to end; true when it has. */
    public boolean await(long millis) throws InterruptedException {
        Thread t = thread;
        if (t == null) return true;
        t.join(millis);
        return !t.isAlive();
    }

    public boolean finished() {
        State s = state;
        return s == State.DONE || s == State.CANCELLED || s == State.FAILED;
    }

    private boolean cancelled() {
        synchronized (pauseLock) {
            while (state == State.PAUSED && !cancel) {
                try {
                    pauseLock.wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancel = true;
                }
            }
        }
        return cancel;
    }

    private void work() {
        try {
            SimulationRun run = new SimulationRun(params, engine, threads, trajectorySamples).observedBy(observatory);
            outcome = run.run(new SimulationRun.Listener() {
                @Override
                public void started(Ensemble ensemble) {
                    ensembleRef = ensemble;
                }

                @Override
                public void progress(double fraction, int realisation, double time) {
                    double elapsed = (System.nanoTime() - startNanos) / 1e9;
                    double eta = fraction > 0.01 ? elapsed * (1 - fraction) / fraction : Double.NaN;
                    progress = new Progress(fraction, realisation, time, eta);
                    version.incrementAndGet();
                }

                @Override
                public void snapshot(int realisation, Snapshot s) {
                    onSnapshot(realisation, s);
                }

                @Override
                public void realisationDone(int realisation, Ensemble ens) {
                    onRealisationDone(realisation, ens);
                }
            }, this::cancelled);
            boolean partial = outcome.partial();
            // the message (and progress) before the state: a viewer that sees the run ended reads how it ended
            if (outcome.error() != null) {
                message = "the run failed after " + outcome.ensemble().completed() + " of " + params.realisations()
                        + " realisations: " + outcome.error() + " (the snapshots so far are kept)";
                state = State.FAILED;
                return;
            }
            int suggested = SimulationRun.suggestedLmax(outcome.engineSeconds(), outcome.analysisSeconds(), params.nside(), params.lmax());
            message = partial ? "cancelled after " + outcome.ensemble().completed() + " of " + params.realisations()
                    + " realisations; the snapshots so far are kept"
                    : "done: " + org.anisoscope.util.Words.count(params.realisations(), "realisation") + "; " + SimulationRun.timeSplit(outcome, engine.name())
                    + (suggested > 0 ? "; ℓmax " + suggested + " would make the maps and spectra several times cheaper (the C_ℓ below it "
                            + "the same to 0.3 %)" : "");
            if (!partial) progress = new Progress(1, params.realisations() - 1, times[nsnap - 1], 0);
            state = partial ? State.CANCELLED : State.DONE;
        } catch (OutOfMemoryError e) {
            message = "out of memory: lower Nside or the number of snapshots (the snapshots so far are kept)";
            state = State.FAILED;
        } catch (RuntimeException e) {
            message = "the run failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + " (the snapshots so far are kept)";
            state = State.FAILED;
        } finally {
            version.incrementAndGet();
        }
    }

    // ---- run thread ------------------------------------------------------------------------------

    private Ensemble ensembleRef; // read on the run thread only

    private void onSnapshot(int r, Snapshot s) {
        int k = s.index();
        float[] a = new float[npix], b = new float[npix];
        double[][] parts = ensembleRef.lastParts(); // the snapshot's, as the ensemble made them just before
        for (int i = 0; i < npix; i++) {
            a[i] = (float) parts[0][i];
            b[i] = (float) parts[1][i];
        }
        curA[k] = a;
        curB[k] = b;
        Trajectories tr = s.trajectories() == null ? null : new Trajectories(s.trajectoryPixels().clone(), s.trajectories());
        synchronized (this) {
            latestA[k] = a;
            latestB[k] = b;
            if (tr != null) latestTraj[k] = tr;
        latestReal[k] = r;
            if (result == null) {
                frames[k] = singleRealisationFrame(k, s);
            } else if (frames[k] != null) {
                // the statistics stay those of the complete realisations; the newest map and paths change
                Frame f = frames[k];
                frames[k] = f.withLatest(delta(a, b, f.diffusion().kzz()), latestTraj[k], r, localField(r));
            }
        }
        version.incrementAndGet();
    }

    /**
     * Before any realisation is complete: the one in progress, with Eq. 7's noise; K_zz QLT's in slab
     * turbulence, this snapshot's own ⟨z²⟩/2T in isotropic turbulence (which has no QLT here).
     */
    private Frame singleRealisationFrame(int k, Snapshot s) {
        double t = times[k];
        double z2 = 0;
        for (int i = 0; i < npix; i++) z2 += s.z()[i] * s.z()[i];
        double kzz = params.slab() ? params.kzzQlt() : z2 / npix / (2 * t);
        double[] cl = currentCl(k, kzz);
        double noise = Ensemble.noise(params, t, kzz, Ensemble.perpendicularWhiteVariance(params, s));
        double[] sub = new double[cl.length], err = new double[cl.length];
        for (int l = 0; l < cl.length; l++) {
            sub[l] = cl[l] - noise;
            err[l] = Math.sqrt(2.0 / (2 * l + 1)) * noise;
        }
        float[] map = delta(curA[k], curB[k], kzz);
        double[] lf = localField(0);
        double cosA = lf == null ? Double.NaN : lf[2] / Math.sqrt(lf[0] * lf[0] + lf[1] * lf[1] + lf[2] * lf[2]);
        return new Frame(k, t, 0, new Spectrum(cl, noise, sub, err), new Diffusion(kzz, false, z2 / npix / (2 * t)),
                new Sky(map, map, map, 0, lf, lf), latestTraj[k], new Dipoles(1 / (cosA * cosA), Double.NaN, Double.NaN));
    }

    private double[] localField(int r) {
        return ensembleRef == null ? null : ensembleRef.localMeanField(r);
    }

    private double[] currentCl(int k, double kzz) {
        double[] cl = ensembleRef == null ? null : ensembleRef.currentCl(k, kzz);
        return cl == null ? new double[params.lmax() + 1] : cl;
    }

    private void onRealisationDone(int r, Ensemble ens) {
        ensembleRef = ens;
        Ensemble.Result res = ens.result(kSource);
        int n = res.realisations();
        for (int k = 0; k < nsnap; k++) {
            if (sumA[k] == null) {
                sumA[k] = new float[npix];
                sumB[k] = new float[npix];
            }
            for (int i = 0; i < npix; i++) {
                sumA[k][i] += curA[k][i];
                sumB[k][i] += curB[k][i];
            }
        }
        synchronized (this) {
            result = res;
            double kzz = res.diffusion().kzz();
            double[][] fick = res.meanDipoleOverFick(params.rho() * params.gradientZ());
            double[] drift = res.driftDipoleOverG(params.rho() * params.gradientX());
            for (int k = 0; k < nsnap; k++) {
                float[] meanA = scaled(sumA[k], 1.0f / n), meanB = scaled(sumB[k], 1.0f / n);
                Ensemble.Spectra sp = res.spectra();
                frames[k] = new Frame(k, times[k], n, new Spectrum(sp.clNum()[k], sp.noise()[k], sp.clSub()[k], sp.clSubErr()[k]),
                        new Diffusion(kzz, kSource == Ensemble.KSource.RUN, res.diffusion().kzzRunning()[k]),
                        new Sky(delta(ens.firstParts(k), kzz), delta(latestA[k], latestB[k], kzz), delta(meanA, meanB, kzz),
                                latestReal[k], localField(0), localField(latestReal[k])),
                        latestTraj[k], new Dipoles(res.orientation().invMeanCosSq(), fick[k][2] * res.diffusion().kzzPlateau(), drift[k]));
            }
        }
        version.incrementAndGet();
    }

    private static float[] scaled(float[] v, float f) {
        float[] o = new float[v.length];
        for (int i = 0; i < v.length; i++) o[i] = v[i] * f;
        return o;
    }

    /** The first realisation's map from the ensemble's own parts (null before it has this snapshot). */
    private static float[] delta(double[][] parts, double kzz) {
        if (parts == null) return null;
        double[] a = parts[0], b = parts[1];
        float[] d = new float[a.length];
        for (int i = 0; i < a.length; i++) d[i] = (float) (a[i] + kzz * b[i]);
        return d;
    }

    private static float[] delta(float[] a, float[] b, double kzz) {
        if (a == null) return null;
        float[] d = new float[a.length];
        for (int i = 0; i < a.length; i++) d[i] = (float) (a[i] + kzz * b[i]);
        return d;
    }

    @Override
    public String toString() {
        return "LiveRun[" + state + ", frames " + Arrays.stream(frames).filter(f -> f != null).count() + "/" + nsnap + "]";
    }
}
