package org.anisoscope.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.anisoscope.io.AtomicFiles;
import org.anisoscope.run.Shard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "slurm", mixinStandardHelpOptions = true,
        description = {"Writes a SLURM job array that runs a simulate in N shards (one array task each: simulate --shard K/N) and a "
                + "merge job that waits for them (--dependency=afterok) and writes the run folder --out names, the same as one "
                + "simulate would; with --submit, submits both (sbatch) and prints their job ids.",
                "Usage: slurm --shards N [options] -- simulate ARGS... --out RUN. The shards go to RUN.shards/shard-K, the scripts and "
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

    private static final Pattern TIME = Pattern.compile("(\\d+-)?\\d{1,3}(:\\d{2}){0,2}");
    private static final Pattern MEM = Pattern.compile("\\d+[KMGT]?");
    private static final Pattern PARTITION = Pattern.compile("[A-Za-z0-9_.,-]+");

    @Override
    public Integer call() throws Exception {
        if (command.isEmpty() || !command.get(0).equals("simulate"))
            throw new IllegalArgumentException("give the command to split after --: slurm --shards N -- simulate ARGS... --out RUN (got "
                    + (command.isEmpty() ? "nothing" : command.get(0)) + ")");
        List<String> args = new ArrayList<>(command.subList(1, command.size()));
        for (String no : List.of("--shard", "--resume", "--force"))
            if (args.stream().anyMatch(a -> a.equals(no) || a.startsWith(no + "=")))
                throw new IllegalArgumentException(no + " is the job's to set, not the command's: leave it out of simulate's arguments");
        int at = args.indexOf("--out");
        if (at < 0 || at == args.size() - 1) throw new IllegalArgumentException("give simulate its --out RUN: the merged run's folder");
        Path run = Path.of(args.get(at + 1)).toAbsolutePath().normalize();
        args.remove(at + 1);
        args.remove(at);
        // the command must be a valid simulate: checked now, not on the cluster an hour later
        SimulateCommand check = new SimulateCommand();
        picocli.CommandLine cl = new picocli.CommandLine(check);
        List<String> probe = new ArrayList<>(args);
        probe.addAll(List.of("--out", run.toString()));
        try {
            cl.parseArgs(probe.toArray(String[]::new));
        } catch (picocli.CommandLine.ParameterException e) {
            throw new IllegalArgumentException("simulate's arguments: " + e.getMessage());
        }
        Shard.of(1, shards, check.realisations);
        check.runSpec().parameters(); // every parameter's own checks
        if (Files.exists(run)) throw new IllegalArgumentException("--out " + run + " exists: the merge job would refuse to replace it; give a new folder");
        if (time != null && !TIME.matcher(time).matches()) throw new IllegalArgumentException("--time " + time + ": give HH:MM:SS (or D-HH:MM:SS, MM)");
        if (mem != null && !MEM.matcher(mem).matches()) throw new IllegalArgumentException("--mem " + mem + ": give a size such as 8G or 4000M");
        if (partition != null && !PARTITION.matcher(partition).matches())
            throw new IllegalArgumentException("--partition " + partition + ": give a partition's name (letters, digits, - _ .)");
        if (cpus != null && cpus < 1) throw new IllegalArgumentException("--cpus-per-task must be at least 1; got " + cpus);
        if (gpus != null && gpus < 0) throw new IllegalArgumentException("--gpus-per-task must be at least 0; got " + gpus);
        Path dir = (jobs != null ? jobs : run.resolveSibling(run.getFileName() + ".slurm")).toAbsolutePath().normalize();
        Path array = dir.resolve("shards.sbatch"), merge = dir.resolve("merge.sbatch");
        Files.createDirectories(dir);
        for (Path f : List.of(array, merge))
            if (Files.exists(f) && !force) throw new IllegalArgumentException(f + " exists; give --force to replace it, or another --jobs folder");
        Path shardsDir = run.resolveSibling(run.getFileName() + ".shards");
        String name = "anisoscope-" + run.getFileName();
        List<String> java = javaCommand();
        boolean threadsGiven = args.stream().anyMatch(a -> a.equals("--threads") || a.startsWith("--threads="));

        StringBuilder a = header(name, dir.resolve("shard-%a.log"));
        a.append("#SBATCH --array=0-").append(shards - 1).append('\n');
        a.append("set -euo pipefail\n");
        a.append("k=$((SLURM_ARRAY_TASK_ID + 1))\n");
        a.append("shard=").append(sh(shardsDir.toString())).append("/shard-$k\n");
        a.append("mkdir -p ").append(sh(shardsDir.toString())).append('\n');
        String threads = threadsGiven ? "" : " --threads \"${SLURM_CPUS_PER_TASK:-1}\"";
        a.append("# a requeued task continues its shard from its last complete realisation\n");
        a.append("if [ -d \"$shard\" ]; then\n  exec ").append(join(java)).append(" simulate --resume \"$shard\"").append(threads).append('\n');
        a.append("else\n  exec ").append(join(java)).append(" simulate ").append(join(args)).append(" --shard \"$k/").append(shards)
                .append("\" --out \"$shard\"").append(threads).append("\nfi\n");

        StringBuilder m = header(name + "-merge", dir.resolve("merge.log"));
        m.append("set -euo pipefail\n");
        List<String> parts = new ArrayList<>();
        for (int k = 1; k <= shards; k++) parts.add(shardsDir.resolve("shard-" + k).toString());
        m.append("exec ").append(join(java)).append(" merge ").append(join(parts)).append(" --out ").append(sh(run.toString())).append('\n');
        write(array, a.toString());
        write(merge, m.toString());
        System.err.println("wrote " + array + " (" + shards + " array tasks: simulate --shard K/" + shards + " into " + shardsDir + "/shard-K)");
        System.err.println("wrote " + merge + " (merge into " + run + ")");
        if (!submit) {
            System.err.println("submit them: jid=$(sbatch --parsable " + array + ") && sbatch --dependency=afterok:${jid%%;*} " + merge);
            return 0;
        }
        String arrayId = sbatch(List.of(array.toString()));
        String mergeId = sbatch(List.of("--dependency=afterok:" + arrayId, merge.toString()));
        System.out.println("shards " + arrayId);
        System.out.println("merge " + mergeId);
        System.err.println("submitted job array " + arrayId + " (" + shards + " shards) and merge job " + mergeId + " (runs when every shard "
                + "has succeeded); logs in " + dir);
        return 0;
    }

    /** The #SBATCH lines the options ask for. */
    private StringBuilder header(String name, Path log) {
        StringBuilder b = new StringBuilder("#!/bin/bash\n");
        b.append("# written by anisoscope ").append(org.anisoscope.Version.get()).append(" slurm\n");
        b.append("#SBATCH --job-name=").append(name.replaceAll("[^A-Za-z0-9_.-]", "_")).append('\n');
        b.append("#SBATCH --output=").append(log).append('\n');
        if (partition != null) b.append("#SBATCH --partition=").append(partition).append('\n');
        if (time != null) b.append("#SBATCH --time=").append(time).append('\n');
        if (mem != null) b.append("#SBATCH --mem=").append(mem).append('\n');
        if (cpus != null) b.append("#SBATCH --cpus-per-task=").append(cpus).append('\n');
        if (gpus != null && gpus > 0) b.append("#SBATCH --gpus-per-task=").append(gpus).append('\n');
        return b;
    }

    /**
     * How the jobs start this app: this JVM, its class path (the jar, or the build's classes), the
     * Vector API where this JVM has it (the same transforms, so the shards' spectra are those one
     * process would make), and up to 80 % of the task's memory.
     */
    static List<String> javaCommand() {
        List<String> c = new ArrayList<>();
        c.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) c.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        c.add("-XX:MaxRAMPercentage=80");
        c.addAll(List.of("-cp", System.getProperty("java.class.path"), org.anisoscope.Main.class.getName()));
        return c;
    }

    private static String join(List<String> words) {
        List<String> q = new ArrayList<>();
        for (String w : words) q.add(sh(w));
        return String.join(" ", q);
    }

    /** A word for bash: as it is when it is plain, else in single quotes. */
    static String sh(String w) {
        if (w.matches("[A-Za-z0-9_@%+=:,./-]+")) return w;
        return "'" + w.replace("'", "'\\''") + "'";
    }

    private static void write(Path f, String text) throws IOException {
        AtomicFiles.write(f, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
        f.toFile().setExecutable(true);
    }

    /** Submits with sbatch --parsable and returns the job id; a failure says what sbatch said. */
    private static String sbatch(List<String> args) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("sbatch", "--parsable"));
        c.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(c).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalArgumentException("sbatch could not be started (" + e.getMessage() + "): is SLURM installed here? Submit the scripts "
                    + "where it is, or without --submit");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0)
            throw new IllegalArgumentException("sbatch " + String.join(" ", args) + " failed: " + out);
        String id = out.lines().reduce((x, y) -> y).orElse("").split(";")[0].trim();
        if (!id.matches("\\d+")) throw new IllegalArgumentException("sbatch gave no job id: " + out);
        return id;
    }
}
