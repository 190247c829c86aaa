package org.anisoscope.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.anisoscope.Version;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.io.RunFolder;
import org.anisoscope.physics.SimulationParameters;

/**
 * Puts shards of a run ({@code simulate --shard K/N}) together into the run folder one process would
 * have written: the shards' realisations, exact as their checkpoints hold them, go into one ensemble
 * in order 0, 1, .. and the run's files are written by the same code as {@code simulate}'s, so they
 * are the same byte for byte apart from the wall time. Shards of one run with more realisations
 * extend it (shard 1/1 of 20 and shard 2/2 of 40 make the run of 40). Every shard must belong to one
 * run (parameters, seed, version, transforms, engine) and together they must hold every realisation
 * once; the output is written whole or not at all.
 */
public final class Merge {
    private Merge() {}

    /** What a merge wrote: the run's folder, its parameters, the shards it took, their wall time together and engine. */
    public record Done(Path out, Checkpoint.Spec spec, int shards, double wallSeconds, String engine) {}

    /** One shard as read: its folder, what its checkpoint was started with, its manifest, the realisations it holds. */
    private record In(Path dir, Checkpoint.Spec spec, Shard.Read manifest, List<Integer> held) {}

    /**
     * Merges the shards into out (new, or replaced with force). realisations: the run's (null: the
     * largest run a shard belongs to). threads: for the spectra's final reductions.
     */
    public static Done merge(List<Path> shards, Path out, boolean force, Integer realisations, int threads) throws IOException {
        Merged m = ensemble(shards, realisations, threads);
        RunFolder folder = RunFolder.open(out, "--out", force ? RunFolder.Mode.FORCE : RunFolder.Mode.NEW);
        try {
            m.write(folder.work());
            folder.commit(false);
        } finally {
            folder.close();
        }
        return new Done(out, m.spec(), m.shards(), m.wallSeconds(), m.engine());
    }

    /**
     * The shards' realisations as one run's ensemble, checked and restored in order: what {@link #merge}
     * writes (a scan's merge writes several, one per rigidity, into its own folder).
     */
    public record Merged(Checkpoint.Spec spec, Ensemble ensemble, long[] seeds, int shards, double wallSeconds, String engine) {
        /** Writes the run's files into dir as simulate writes them. */
        public Ensemble.Result write(Path dir) throws IOException {
            SimulationRun.Outcome o = new SimulationRun.Outcome(ensemble, false, seeds, null, 0, 0);
            return RunFiles.write(dir, spec.params(), o, spec.kSource(), engine, wallSeconds, spec.rigidityVolts());
        }
    }

    /** The shards checked and their realisations restored into one ensemble (nothing written). */
    public static Merged ensemble(List<Path> shards, Integer realisations, int threads) throws IOException {
        if (shards.isEmpty()) throw new IllegalArgumentException("give the shards' folders: merge SHARD... --out DIR");
        List<In> in = new ArrayList<>();
        for (Path d : shards) in.add(read(d));
        In ref = in.get(0);
        for (In s : in) {
            if (!s.spec().version().equals(Version.get()))
                throw new IllegalArgumentException(s.dir() + " (" + s.manifest().shard().describe() + ") was made by anisoscope " + s.spec().version()
                        + ", this is " + Version.get() + ": merge with that version, so the run is the one it would have written");
            if (!sameRun(ref.spec(), s.spec()))
                throw new IllegalArgumentException(s.dir() + " is a shard of another run (" + FolderRun.command(s.spec()) + ") than " + ref.dir()
                        + " (" + FolderRun.command(ref.spec()) + "): merge shards of one run only");
            if (!s.spec().transforms().equals(ref.spec().transforms()))
                throw new IllegalArgumentException(s.dir() + " made its spectra on the " + s.spec().transforms() + " path, " + ref.dir() + " on the "
                        + ref.spec().transforms() + " path (their last digits differ): run every shard with the same java options");
            if (!s.manifest().engine().equals(ref.manifest().engine()))
                throw new IllegalArgumentException(s.dir() + " ran on the " + s.manifest().engine() + " engine, " + ref.dir() + " on the "
                        + ref.manifest().engine() + " engine (equal only to round-off): run every shard with the same --engine");
        }
        int most = 0;
        for (In s : in) most = Math.max(most, s.manifest().shard().realisations());
        int n = realisations == null ? most : realisations;
        if (n < 1) throw new IllegalArgumentException("--realisations must be at least 1; got " + n);
        // every realisation once
        In[] owner = new In[Math.max(n, most)];
        for (In s : in) {
            for (int r : s.held()) {
                if (owner[r] != null)
                    throw new IllegalArgumentException("realisation " + r + " is in both " + owner[r].dir() + " (" + owner[r].manifest().shard().describe()
                            + ") and " + s.dir() + " (" + s.manifest().shard().describe() + "): give each shard once");
                owner[r] = s;
            }
        }
        List<int[]> missing = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            if (owner[r] != null) continue;
            if (!missing.isEmpty() && missing.get(missing.size() - 1)[1] == r - 1) missing.get(missing.size() - 1)[1] = r;
            else missing.add(new int[] {r, r});
        }
        if (!missing.isEmpty()) {
            List<String> ranges = new ArrayList<>();
            for (int[] m : missing) ranges.add(m[0] == m[1] ? Integer.toString(m[0]) : m[0] + "-" + m[1]);
            Shard hint = Shard.of(1, 1, n);
            for (Shard.Read m : in.stream().map(In::manifest).toList()) if (m.shard().realisations() == n) hint = m.shard();
            int[] m0 = missing.get(0);
            String holder = "";
            for (int k = 1; k <= hint.n(); k++) {
                Shard s = Shard.of(k, hint.n(), n);
                if (m0[0] >= s.first() && m0[0] < s.end()) holder = " (realisation " + m0[0] + " is in shard " + k + "/" + hint.n() + ")";
            }
            throw new IllegalArgumentException("realisations " + String.join(", ", ranges) + " of " + n + " are in none of the shards given" + holder
                    + ": run the missing shard or give its folder");
        }
        for (int r = n; r < owner.length; r++) {
            if (owner[r] != null)
                throw new IllegalArgumentException(owner[r].dir() + " holds realisation " + r + ", beyond the " + n + " asked (--realisations): "
                        + "leave it out or ask for more");
        }
        SimulationParameters p = ref.spec().params().withRealisations(n);
        Checkpoint.Spec spec = new Checkpoint.Spec(p, ref.spec().kSource(), ref.spec().rigidityVolts(), ref.spec().observatory(), ref.spec().version(),
                ref.spec().transforms());
        double wall = 0;
        for (In s : in) wall += s.manifest().wallSeconds();
        Ensemble ens = new Ensemble(p, threads);
        if (spec.observatory() != null) ens.observeAs(spec.observatory());
        long[] seeds = new long[n];
        for (int r = 0; r < n; r++) {
            ens.restore(Checkpoint.readRealisation(owner[r].dir().resolve(RunFolder.CHECKPOINT), p, r));
            seeds[r] = p.realisationSeed(r);
        }
        return new Merged(spec, ens, seeds, in.size(), wall, ref.manifest().engine());
    }

    private static In read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + ": no such folder; give the folders simulate --shard wrote");
        Shard.Read m = Shard.read(dir);
        Path cp = dir.resolve(RunFolder.CHECKPOINT);
        if (!Files.isDirectory(cp)) throw new IOException(dir + " has no checkpoint folder, so not its realisations: run the shard again with --force");
        List<Integer> held = Checkpoint.indices(cp);
        Shard s = m.shard();
        if (!m.complete())
            throw new IllegalArgumentException(dir + " holds an unfinished " + s.describe() + " (" + held.size() + " of " + (s.end() - s.first())
                    + " realisations): finish it (simulate --resume " + dir + ") before merging");
        for (int r : held) {
            if (r < s.first() || r >= s.end())
                throw new IOException(dir + " holds realisation " + r + ", outside its " + s.describe() + ": damaged; run the shard again with --force");
        }
        if (held.size() != s.end() - s.first())
            throw new IOException(dir + " says " + s.describe() + " is complete but holds " + held.size() + " of its realisations: damaged; run it again "
                    + "with --force");
        return new In(dir, Checkpoint.readSpec(cp), m, held);
    }

    /** Whether two shards belong to one run: the same parameters (but the count of realisations), K_zz source, rigidity, observatory. */
    private static boolean sameRun(Checkpoint.Spec a, Checkpoint.Spec b) {
        return a.params().withRealisations(1).equals(b.params().withRealisations(1)) && a.kSource() == b.kSource()
                && Objects.equals(a.rigidityVolts(), b.rigidityVolts()) && Objects.equals(a.observatory(), b.observatory());
    }
}
