package org.anisoscope.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.anisoscope.run.SlurmJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "slurm", mixinStandardHelpOptions = true,
        description = {"Writes a SLURM job array that runs a simulate in N shards (one array task each: simulate --shard K/N) and a "
                + "merge job that waits for them (--dependency=afterok) and writes the run folder --out names, the same as one "
                + "simulate would; with --submit, submits both (sbatch) and prints their job ids.",
                "Usage: slurm --shards N [options] -- simulate ARGS... --out RUN (or -- scan ARGS... --out DIR: each task its share of every rigidity). The shards go to RUN.shards/shard-K, the scripts and "
                        + "the jobs' logs to --jobs (default RUN.slurm). A task that is requeued continues its shard (--resume)."})
final class SlurmCommand implements Callable<Integer> {
    @Option(names = "--shards", required = true, description = "array tasks, one shard of the realisations each") int shards;
    @Option(names = "--partition", description = "#SBATCH --partition") String partition;
    @Option(names = "--time", paramLabel = "HH:MM:SS", description = "#SBATCH --time, per task (and for the merge)") String time;
    @Option(names = "--mem", description = "#SBATCH --mem, per task, e.g. 8G") String mem;
    @Option(names = "--cpus-per-task", description = "#SBATCH --cpus-per-task; simulate's --threads follows it") Integer cpus;
    @Option(names = "--gpus-per-task", description = "#SBATCH --gpus-per-task (simulate --engine auto then takes the task's GPU)") Integer gpus;
    @Option(names = "--jobs", paramLabel = "DIR", description = "where the scripts and logs go (default: RUN.slurm beside the run)") Path jobs;
    @Option(names = "--submit", description = "submit the array and the merge job (sbatch) and print their job ids") boolean submit;
    @Option(names = "--force", description = "replace the scripts --jobs holds") boolean force;
    @Parameters(paramLabel = "simulate ARGS", arity = "1..*", description = "after --: the simulate command to split, with its --out") List<String> command;

    @Override
    public Integer call() throws Exception {
        if (command.isEmpty() || !List.of("simulate", "scan").contains(command.get(0)))
            throw new IllegalArgumentException("give the command to split after --: slurm --shards N -- simulate (or scan) ARGS... --out RUN (got "
                    + (command.isEmpty() ? "nothing" : command.get(0)) + ")");
        String what = command.get(0);
        SlurmJob job = new SlurmJob(shards, partition, time, mem, cpus, gpus); // its options' own checks first
        // the command must be valid: checked now, not on the cluster an hour later
        Object check = what.equals("simulate") ? new SimulateCommand() : new ScanCommand();
        picocli.CommandLine cl = new picocli.CommandLine(check);
        try {
            cl.parseArgs(command.subList(1, command.size()).toArray(String[]::new));
        } catch (picocli.CommandLine.ParameterException e) {
            throw new IllegalArgumentException(what + "'s arguments: " + e.getMessage());
        }
        for (String no : List.of("--shard", "--resume", "--force", "--shard-per-device"))
            if (cl.getParseResult().hasMatchedOption(no))
                throw new IllegalArgumentException(no + " is the job's to set, not the command's: leave it out of " + what + "'s arguments");
        Path run = check instanceof SimulateCommand sim ? sim.out : ((ScanCommand) check).output.out;
        if (run == null) throw new IllegalArgumentException("give " + what + " its --out RUN: the merged run's folder");
        List<String> args = Inputs.wordsWithout(cl.getCommandSpec(), "--out");
        int realisations = check instanceof SimulateCommand sim ? sim.realisations : ((ScanCommand) check).realisations;
        if (shards > realisations)
            throw new IllegalArgumentException("--shards " + shards + ": " + what + " has " + realisations + " realisations" + (what.equals("scan")
                    ? " per rigidity" : "") + ", so some shards would be empty; give at most " + realisations + " shards or more --realisations");
        if (check instanceof SimulateCommand sim) sim.runSpec().parameters(); // every parameter's own checks
        SlurmJob.Written w = job.write(what, args, run, jobs, force);
        System.err.println("wrote " + w.array() + " (" + shards + " array tasks: " + what + " --shard K/" + shards + " into " + w.shardsDir() + "/shard-K)");
        System.err.println("wrote " + w.merge() + " (merge into " + w.run() + ")");
        if (!submit) {
            System.err.println("submit them: " + w.submitLine());
            return 0;
        }
        String[] ids = SlurmJob.submit(w);
        System.out.println("shards " + ids[0]);
        System.out.println("merge " + ids[1]);
        System.err.println("submitted job array " + ids[0] + " (" + shards + " shards) and merge job " + ids[1] + " (runs when every shard "
                + "has succeeded); logs in " + w.array().getParent());
        return 0;
    }
}
