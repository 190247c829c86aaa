package org.anisoscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run split over a real SLURM cluster (.ci/run starts a one-node one with src/test/slurm/cluster.sh):
 * `slurm --shards 3 --submit` writes and submits the job array and the merge job, and the run the
 * merge job writes is the run of one process, byte for byte apart from the wall time. Skipped, with
 * the reason, where no SLURM answers.
 */
class ShardSlurmTest {
    @TempDir Path dir;

    /** Why SLURM cannot run jobs here, or null when it can. */
    static String unavailable() {
        try {
            Process p = new ProcessBuilder("sinfo", "-h", "-o", "%t").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(20, TimeUnit.SECONDS)) return "sinfo did not answer within 20 s";
            if (p.exitValue() != 0) return "sinfo failed (" + out + "): no SLURM controller (.ci/run starts one with src/test/slurm/cluster.sh)";
            if (!out.matches("(?s).*\\b(idle|mix|alloc)\\b.*")) return "no SLURM node takes jobs (sinfo: " + out + ")";
            return null;
        } catch (java.io.IOException e) {
            return "SLURM is not installed here (no sinfo): the job array is tested where it is (CI)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Test
    void aJobArrayOnSlurmMakesTheRunOfOneProcess() throws Exception {
        String why = unavailable();
        Assumptions.assumeTrue(why == null, () -> "skipped: " + why);
        List<String> sim = List.of("simulate", "--rho", "0.089", "--nside", "4", "--realisations", "5", "--snapshots", "3", "--t-max", "2tau",
                "--engine", "cpu");
        Path single = dir.resolve("single"), run = dir.resolve("run");
        List<String> one = new java.util.ArrayList<>(sim);
        one.addAll(List.of("--out", single.toString()));
        assertEquals(0, CliTest.run(one.toArray(String[]::new)).code());
        List<String> args = new java.util.ArrayList<>(List.of("slurm", "--shards", "3", "--time", "00:10:00", "--submit", "--"));
        args.addAll(sim);
        args.addAll(List.of("--out", run.toString()));
        CliTest.Result r = CliTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        String mergeId = r.out().lines().filter(l -> l.startsWith("merge ")).findFirst().orElseThrow().substring(6).trim();
        // the merge job runs once the array has succeeded; wait until it has left the queue
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < until) {
            Process q = new ProcessBuilder("squeue", "-h", "-j", mergeId).redirectErrorStream(true).start();
            String out = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            q.waitFor();
            if (out.isEmpty() || out.contains("Invalid job id")) break;
            Thread.sleep(1000);
        }
        Path logs = dir.resolve("run.slurm");
        assertTrue(Files.isRegularFile(run.resolve("summary.json")), () -> "the merge job wrote no run; its log: " + read(logs.resolve("merge.log"))
                + "\nshard 1's: " + read(logs.resolve("shard-0.log")));
        RunFolderSafetyTest.assertSameRun(single, run);
        String script = Files.readString(logs.resolve("shards.sbatch"));
        assertTrue(script.contains("#SBATCH --array=0-2") && script.contains("--shard \"$k/3\"") && script.contains("#SBATCH --time=00:10:00"), script);
        assertTrue(Files.readString(logs.resolve("merge.sbatch")).contains(" merge "), "the merge job merges");
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (java.io.IOException e) {
            return "(none: " + e.getMessage() + ")";
        }
    }
}
