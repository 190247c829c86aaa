package org.anisoscope.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.anisoscope.Version;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.io.RunFolder;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.sky.Sht;
import org.anisoscope.tracking.Backtracker;

/**
 * A simulation written into its run folder as it goes, the same for `simulate` and the window's
 * Resume: the folder is opened (new, replaced with --force, or resumed), every complete realisation
 * is kept in its checkpoint, and the run's files are put in place whole at the end — also when it is
 * cancelled, as a partial run that can be resumed. Only one process writes a folder at a time.
 */
public final class FolderRun implements AutoCloseable {
    private final RunFolder folder;
    private final Checkpoint.Spec spec;
    private final List<Ensemble.Realisation> done;
    private final String note;
    /** The share of the realisations this folder holds (null: all, a whole run). */
    private final Shard shard;

    private FolderRun(RunFolder folder, Checkpoint.Spec spec, List<Ensemble.Realisation> done, String note, Shard shard) {
        this.folder = folder;
        this.spec = spec;
        this.done = done;
        this.note = note;
        this.shard = shard;
    }

    /**
     * Opens the run's folder. asked: the run the user described (null with RESUME: the one the
     * checkpoint holds; given with RESUME, it must be that one). Refusals name option and folder.
     */
    public static FolderRun open(Path given, String option, RunFolder.Mode mode, Checkpoint.Spec asked) throws IOException {
        return open(given, option, mode, asked, null);
    }

    /**
     * The same for a shard of the run (null: the whole run): its folder keeps its realisations (the
     * checkpoint) and {@link Shard#FILE} for {@code merge}, and writes no run files of its own.
     */
    public static FolderRun open(Path given, String option, RunFolder.Mode mode, Checkpoint.Spec asked, Shard asking) throws IOException {
        if (asked == null && mode != RunFolder.Mode.RESUME) throw new IllegalArgumentException("a new run needs its parameters");
        RunFolder folder = RunFolder.open(given, option, mode, true);
        try {
            Checkpoint.Spec spec = asked;
            List<Ensemble.Realisation> done = List.of();
            String note = null;
            Shard shard = asking;
            if (folder.resumed()) {
                Path cp = folder.checkpoint();
                Shard keptShard = Files.isRegularFile(cp.resolve(Shard.FILE)) ? Shard.read(cp).shard() : null;
                if (!java.util.Objects.equals(keptShard, asking) && (asking != null || asked != null))
                    throw new IllegalArgumentException(option + " " + given + " holds " + (keptShard == null ? "a whole run" : keptShard.describe())
                            + (asking == null ? "" : ", not " + asking.describe()) + ": resume it as it was started, or start anew with --force");
                shard = keptShard;
                Checkpoint.Spec kept = Checkpoint.readSpec(cp);
                if (!kept.version().equals(Version.get()))
                    throw new IllegalArgumentException(option + " " + given + ": the run was started by anisoscope " + kept.version() + ", this is "
                            + Version.get() + "; finish it with that version, or start again (--force)");
                if (asked != null && !sameRun(asked, kept))
                    throw new IllegalArgumentException(option + " " + given + " continues the run as it was started (" + command(kept)
                            + "); the options given describe another run: drop them, or start a new run with --out");
                if (!kept.transforms().equals(Sht.path())) {
                    note = "the run was started with the transforms on " + kept.transforms() + ", this JVM runs them on " + Sht.path()
                            + ": the realisations made now have spectra that differ from an uninterrupted run's in the last digits (about "
                            + "1e-13); start it with the same java options (the README's) for the same bytes";
                }
                spec = kept;
                done = shard == null ? Checkpoint.read(cp, spec.params()) : Checkpoint.read(cp, spec.params(), shard.first(), shard.end());
            } else {
                Checkpoint.writeSpec(folder.checkpoint(), spec);
                if (shard != null) shard.write(folder.checkpoint(), false, spec.version(), "", 0);
            }
            FolderRun r = new FolderRun(folder, spec, done, note, shard);
            folder = null;
            return r;
        } finally {
            if (folder != null) folder.close();
        }
    }

    /** The simulate command a kept run was started with, in words. */
    public static String command(Checkpoint.Spec s) {
        SimulationParameters p = s.params();
        double[] t = p.times();
        RunSpec r = new RunSpec(s.rigidityVolts(), s.rigidityVolts() == null ? p.rho() : null, p.eta(), p.brmsMicroGauss(), p.outerScalePc(),
                p.nside(), p.lmax() == SimulationParameters.defaultLmax(p.nside()) ? null : p.lmax(), p.realisations(), p.seed(), t[t.length - 1],
                false, t.length, p.dt(), p.lambdaMinRg(), RunSpec.ENGINE, s.kSource(), p.gradientAngleDeg(), s.observatory(), p.spectralIndex(),
                p.geometry(), p.slab() ? null : p.modes());
        List<String> words = r.commandLine("DIR");
        return String.join(" ", words.subList(0, words.size() - 2));
    }

    /** The kept run's own description (for a --resume that must name it). */
    public static Checkpoint.Spec kept(Path dir) throws IOException {
        Path cp = Files.isDirectory(RunFolder.workFolder(dir).resolve(RunFolder.CHECKPOINT)) ? RunFolder.workFolder(dir).resolve(RunFolder.CHECKPOINT)
                : dir.resolve(RunFolder.CHECKPOINT);
        return Checkpoint.readSpec(cp);
    }

    /**
     * The folder to resume for dir, or null: dir itself when it is a partial run with its checkpoint,
     * or when an interrupted run's working folder is beside it; for that working folder itself
     * (NAME.partial), NAME.
     */
    public static Path resumeTarget(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        String name = abs.getFileName() == null ? "" : abs.getFileName().toString();
        if (name.endsWith(".partial") && name.length() > 8 && Files.isDirectory(abs.resolve(RunFolder.CHECKPOINT)))
            return abs.resolveSibling(name.substring(0, name.length() - 8));
        if (Files.isDirectory(abs.resolve(RunFolder.CHECKPOINT)) || Files.isDirectory(RunFolder.workFolder(abs).resolve(RunFolder.CHECKPOINT)))
            return abs;
        return null;
    }

    public Checkpoint.Spec spec() { return spec; }

    /** The share of the run this folder holds (null: all of it). */
    public Shard shard() { return shard; }

    /** Complete realisations taken from the checkpoint. */
    public int resumedRealisations() { return done.size(); }

    /** Whether this continues an interrupted run. */
    public boolean resumed() { return folder.resumed(); }

    /** A caveat to tell the user before the run (null: none). */
    public String note() { return note; }

    /** The folder as the user gave it. */
    public Path given() { return folder.given(); }

    /**
     * Where the run's files went: committed to the folder (whole, or partial with its checkpoint to
     * resume from), or kept aside in the working folder (a partial run that must not replace what the
     * folder held); and the ensemble's result (null when no realisation was complete: nothing written).
     */
    public record Written(SimulationRun.Outcome outcome, Ensemble.Result result, Path where, boolean keptAside, double seconds) {}

    /**
     * Runs the remaining realisations with this engine, keeping each in the checkpoint, and puts the
     * files in place. listener: as {@link SimulationRun#run}.
     */
    public Written run(Backtracker engine, int threads, SimulationRun.Listener listener, BooleanSupplier cancelled) throws IOException {
        SimulationParameters p = spec.params();
        Path cp = folder.checkpoint();
        long start = System.nanoTime();
        SimulationRun.Outcome o;
        try {
            SimulationRun sim = new SimulationRun(p, engine, threads, SimulationRun.TRAJECTORY_SAMPLES).observedBy(spec.observatory());
            if (shard != null) sim.range(shard.first(), shard.end());
            o = sim.resumeFrom(done).run(new SimulationRun.Listener() {
                        @Override
                        public void started(Ensemble ensemble) {
                            listener.started(ensemble);
                        }

                        @Override
                        public void progress(double fraction, int realisation, double time) {
                            listener.progress(fraction, realisation, time);
                        }

                        @Override
                        public void snapshot(int realisation, org.anisoscope.tracking.Snapshot s) {
                            listener.snapshot(realisation, s);
                        }

                        @Override
                        public void realisationDone(int r, Ensemble ensemble) {
                            try {
                                Checkpoint.write(cp, ensemble.realisation(r), p.realisationSeed(r));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            listener.realisationDone(r, ensemble);
                        }
                    }, cancelled);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (o.ensemble().completed() == 0) {
            folder.discard();
            return new Written(o, null, null, false, seconds);
        }
        // a partial result never takes the place of a complete run (or anything else) the user asked to replace: it stays beside it
        boolean keepAside = o.partial() && folder.targetHoldsMoreThanAPartialRun();
        if (shard != null) {
            // a shard's result is its realisations, kept as the checkpoint holds them, for merge
            shard.write(folder.work(), !o.partial() && o.error() == null, spec.version(), engine.name(), seconds);
            if (!keepAside) folder.commit(true);
            return new Written(o, null, keepAside ? folder.work() : folder.target(), keepAside, seconds);
        }
        Ensemble.Result res = RunFiles.write(folder.work(), p, o, spec.kSource(), engine.name(), seconds, spec.rigidityVolts());
        if (!keepAside) folder.commit(o.partial());
        return new Written(o, res, keepAside ? folder.work() : folder.target(), keepAside, seconds);
    }

    /** Whether two descriptions are of one run: the same parameters, K_zz source and observatory. */
    public static boolean sameRun(Checkpoint.Spec a, Checkpoint.Spec b) {
        return a.params().equals(b.params()) && a.kSource() == b.kSource() && java.util.Objects.equals(a.observatory(), b.observatory());
    }

    @Override
    public void close() throws IOException {
        folder.close();
    }
}
