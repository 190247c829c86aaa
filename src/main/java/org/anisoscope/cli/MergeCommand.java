package org.anisoscope.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.anisoscope.run.Merge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Puts the shards of a run (simulate --shard K/N, e.g. a cluster's job array) or of a scan (scan --shard K/N) together into the run folder one "
                + "simulate of all realisations would have written: the same files, byte for byte apart from the wall time.",
                "The shards must belong to one run (parameters, seed, version, java options, engine) and hold every realisation once; "
                        + "shards of the same run with more realisations extend it (shard 1/1 of 20 and shard 2/2 of 40 make the run of 40)."})
final class MergeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SHARD", arity = "1..*", description = "the shards' folders (simulate --shard ... --out SHARD)") List<Path> shards;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the run's folder: new or empty (written as NAME.partial, renamed "
            + "at the end)") Path out;
    @Option(names = "--force", description = "replace what --out holds, whole, once the merged run is complete") boolean force;
    @Option(names = "--realisations", description = "the run's realisations (default: the largest run a shard belongs to)") Integer realisations;
    @Option(names = "--threads", description = "threads for the spectra (default: all cores)") Integer threads;

    @Override
    public Integer call() throws Exception {
        if (shards.stream().anyMatch(ScanCommand::isScanShard)) return ScanCommand.mergeShards(shards, out, force, Inputs.threads(threads));
        long start = System.nanoTime();
        Merge.Done d = Merge.merge(shards, out, force, realisations, Inputs.threads(threads));
        System.err.printf(Locale.ROOT, "merged %d shards (%d realisations, %.1f s of the shards' wall time; the merge %.1f s) into %s%n", d.shards(),
                d.spec().params().realisations(), d.wallSeconds(), (System.nanoTime() - start) / 1e9, out.resolve("summary.json"));
        return 0;
    }
}
