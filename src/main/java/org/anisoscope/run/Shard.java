package org.anisoscope.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.anisoscope.io.Json;

/**
 * One of n shares of a run's realisations (a job of a cluster's array, or a GPU of several): shard
 * k of n computes realisations [first, end), contiguous, so shard k/n of a run of R is the same
 * whatever the other shards do; realisation r depends only on the run's seed and r. A shard's
 * folder keeps its realisations as the checkpoint holds them (exact doubles) and this manifest,
 * {@code shard.json}; {@code merge} puts the shards together into the run folder one process would
 * have written.
 *
 * @param k           1 .. n
 * @param realisations the whole run's
 */
public record Shard(int k, int n, int realisations, int first, int end) {
    /** The manifest's name, in the shard's folder and its checkpoint. */
    public static final String FILE = "shard.json";

    /** Shard k of n of a run of realisations. */
    public static Shard of(int k, int n, int realisations) {
        if (n < 1 || k < 1 || k > n) throw new IllegalArgumentException("--shard " + k + "/" + n + ": give K/N with 1 <= K <= N (e.g. 2/4)");
        if (n > realisations)
            throw new IllegalArgumentException("--shard " + k + "/" + n + ": " + n + " shards of " + realisations + " realisations would leave some "
                    + "empty; give at most " + realisations + " shards or more --realisations");
        int first = (int) ((long) (k - 1) * realisations / n), end = (int) ((long) k * realisations / n);
        return new Shard(k, n, realisations, first, end);
    }

    /** "K/N" as the user writes it. */
    public static Shard parse(String s, int realisations) {
        String[] kn = s == null ? new String[0] : s.trim().split("/");
        if (kn.length != 2) throw new IllegalArgumentException("--shard " + s + ": give K/N, the share K of N (e.g. 2/4)");
        try {
            return of(Integer.parseInt(kn[0].trim()), Integer.parseInt(kn[1].trim()), realisations);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard " + s + ": give K/N as two whole numbers (e.g. 2/4)");
        }
    }

    /** "shard 2/4 (realisations 10-19 of 40)". */
    public String describe() {
        return String.format(Locale.ROOT, "shard %d/%d (realisations %d-%d of %d)", k, n, first, end - 1, realisations);
    }

    /** shard.json: which share, whether complete, what made it, and how long it took. */
    record Manifest(String what, String version, String shard, Integer k, Integer n, Integer realisations, Integer first, Integer end,
                    Boolean complete, String engine, Double wallSeconds) {}

    /** Writes the manifest into dir (the shard's folder, or its checkpoint while it runs). */
    public void write(Path dir, boolean complete, String version, String engine, double wallSeconds) throws IOException {
        Json.write(dir.resolve(FILE), new Manifest("a shard of an anisoscope run (simulate --shard): merge puts the shards together", version,
                k + "/" + n, k, n, realisations, first, end, complete, engine, wallSeconds));
    }

    /** What a shard's manifest says: the shard, and whether it is complete, its version, engine and wall time. */
    public record Read(Shard shard, boolean complete, String version, String engine, double wallSeconds) {}

    /** Reads the manifest in dir; a damaged one is refused by name. */
    public static Read read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) throw new IOException(dir + " is not a shard's folder (no " + FILE + "): give the folders simulate --shard wrote");
        Manifest m = Json.typed(Json.read(f), Manifest.class, f);
        if (m.k() == null || m.n() == null || m.realisations() == null || m.first() == null || m.end() == null || m.complete() == null)
            throw new IOException(f + ": damaged (a field is missing); run the shard again with --force");
        Shard s;
        try {
            s = of(m.k(), m.n(), m.realisations());
        } catch (IllegalArgumentException e) {
            throw new IOException(f + ": damaged (" + e.getMessage() + ")");
        }
        if (s.first() != m.first() || s.end() != m.end()) throw new IOException(f + ": damaged (its range is not shard " + m.shard() + "'s)");
        return new Read(s, m.complete(), m.version() == null ? "?" : m.version(), m.engine() == null ? "?" : m.engine(),
                m.wallSeconds() == null ? 0 : m.wallSeconds());
    }
}
