package org.anisoscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run split into shards (simulate --shard K/N) and merged is the run one process makes, file for
 * file and byte for byte apart from the wall time; a second batch extends a run; what cannot make
 * the run (another run's shard, a realisation missing or given twice) is refused by name and leaves
 * nothing behind.
 */
class ShardMergeTest {
    @TempDir static Path dir;
    static Path single;

    static String[] run(int realisations, String... more) {
        List<String> a = new ArrayList<>(List.of("simulate", "--rho", "0.089", "--nside", "4", "--realisations", Integer.toString(realisations),
                "--snapshots", "3", "--t-max", "2tau", "--engine", "cpu"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    static Path shard(int realisations, String kn, String name) {
        Path out = dir.resolve(name);
        CliTest.Result r = CliTest.run(run(realisations, "--shard", kn, "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("wrote shard " + kn), r.err());
        return out;
    }

    @BeforeAll
    static void oneProcess() {
        single = dir.resolve("single");
        CliTest.Result r = CliTest.run(run(5, "--out", single.toString()));
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void threeShardsMergedAreTheRunOfOneProcess() throws Exception {
        Path a = shard(5, "1/3", "a"), b = shard(5, "2/3", "b"), c = shard(5, "3/3", "c"), merged = dir.resolve("merged");
        // in any order
        CliTest.Result r = CliTest.run("merge", c.toString(), a.toString(), b.toString(), "--out", merged.toString());
        assertEquals(0, r.code(), r.err());
        RunFolderSafetyTest.assertSameRun(single, merged);
    }

    @Test
    void aSecondBatchExtendsARun() throws Exception {
        // 2 realisations as shard 1/1, then 3 more as the rest of a run of 5
        Path first = shard(2, "1/1", "first2"), more = dir.resolve("more3");
        CliTest.Result r = CliTest.run(run(5, "--shard", "2/2", "--out", more.toString()));
        assertEquals(0, r.code(), r.err()); // shard 2/2 of 5: realisations 2-4
        Path merged = dir.resolve("extended");
        assertEquals(0, CliTest.run("merge", first.toString(), more.toString(), "--out", merged.toString()).code());
        RunFolderSafetyTest.assertSameRun(single, merged);
        // and the first batch alone is the run of 2
        Path two = dir.resolve("two"), twoMerged = dir.resolve("two-merged");
        assertEquals(0, CliTest.run(run(2, "--out", two.toString())).code());
        assertEquals(0, CliTest.run("merge", first.toString(), "--out", twoMerged.toString()).code());
        RunFolderSafetyTest.assertSameRun(two, twoMerged);
    }

    @Test
    void aScanInShardsMergesToTheScanOfOneProcess() throws Exception {
        String[] scan = {"scan", "--rigidities", "10PV,30PV", "--nside", "4", "--realisations", "3", "--snapshots", "3", "--t-max", "2tau",
                "--engine", "cpu"};
        Path one = dir.resolve("scan-one"), s1 = dir.resolve("scan-s1"), s2 = dir.resolve("scan-s2"), merged = dir.resolve("scan-merged");
        assertEquals(0, CliTest.run(with(scan, "--out", one.toString())).code());
        assertEquals(0, CliTest.run(with(scan, "--shard", "1/2", "--out", s1.toString())).code());
        CliTest.Result r2 = CliTest.run(with(scan, "--shard", "2/2", "--threads", "1", "--out", s2.toString())); // its own threads: still the same scan
        assertEquals(0, r2.code(), r2.err());
        CliTest.Result m = CliTest.run("merge", s1.toString(), s2.toString(), "--out", merged.toString());
        assertEquals(0, m.code(), m.err());
        org.anisoscope.SameRun.assertSameRun(one, merged); // each rigidity's run, scan.csv and scan.json
        // a run's shard is not a scan's
        CliTest.Result mixed = CliTest.run("merge", s1.toString(), shard(4, "2/2", "run-not-scan").toString(), "--out", dir.resolve("mixed").toString());
        assertEquals(2, mixed.code());
        assertTrue(mixed.err().contains("is not a scan's shard"), mixed.err());
    }

    private static String[] with(String[] a, String... more) {
        List<String> l = new ArrayList<>(List.of(a));
        l.addAll(List.of(more));
        return l.toArray(String[]::new);
    }

    @Test
    void whatCannotMakeTheRunIsRefusedByNameAndLeavesNothing() throws Exception {
        Path a = shard(4, "1/2", "r1"), b = shard(4, "2/2", "r2");
        Path other = dir.resolve("other");
        List<String> o = new ArrayList<>(List.of(run(4, "--shard", "2/2", "--out", other.toString())));
        o.set(o.indexOf("--rho") + 1, "0.09");
        assertEquals(0, CliTest.run(o.toArray(String[]::new)).code());
        Path out = dir.resolve("refused");
        String[][] cases = {
                {a.toString(), "are in none of the shards", "2-3 of 4", "shard 2/2"}, // missing
                {a.toString() + "," + a + "," + b, "is in both", a.toString(), "give each shard once"}, // duplicated
                {a + "," + other, other.toString(), "another run", "--rho 0.09"}, // another run
                {a + "," + dir.resolve("nowhere"), "nowhere", "no such folder", ""},
                {a + "," + single, single.toString(), "not a shard's folder", ""}};
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("merge"));
            args.addAll(List.of(c[0].split(",")));
            args.addAll(List.of("--out", out.toString()));
            CliTest.Result r = CliTest.run(args.toArray(String[]::new));
            assertEquals(2, r.code(), r.err());
            for (int i = 1; i < c.length; i++) assertTrue(r.err().contains(c[i]), c[i] + " in: " + r.err());
            assertFalse(Files.exists(out), "nothing written");
            try (var l = Files.list(dir)) {
                assertTrue(l.noneMatch(p -> p.getFileName().toString().startsWith("refused")), "no half-written folder");
            }
        }
        // the shard option itself
        for (String[] bad : new String[][] {{"3/2", "1 <= K <= N"}, {"a/b", "two whole numbers"}, {"2", "give K/N"}, {"1/9", "at most 4 shards"}}) {
            CliTest.Result r = CliTest.run(run(4, "--shard", bad[0], "--out", dir.resolve("bad").toString()));
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("--shard " + bad[0]) && r.err().contains(bad[1]), r.err());
            assertFalse(Files.exists(dir.resolve("bad")));
        }
    }
}
