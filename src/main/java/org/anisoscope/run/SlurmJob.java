package org.anisoscope.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.anisoscope.io.AtomicFiles;

/**
 * A run as a SLURM job: a job array whose task K runs {@code simulate --shard K/N} into
 * RUN.shards/shard-K (or resumes it, when the task is requeued), and a merge job that writes RUN
 * once the array has succeeded. The same scripts for the {@code slurm} command and the window's
 * export; {@link #submit} hands them to sbatch.
 *
 * @param shards    array tasks
 * @param partition #SBATCH --partition (null: the cluster's default), and the rest likewise
 */
public record SlurmJob(int shards, String partition, String time, String mem, Integer cpus, Integer gpus) {
    private static final Pattern TIME = Pattern.compile("(\\d+-)?\\d{1,3}(:\\d{2}){0,2}");
    private static final Pattern MEM = Pattern.compile("\\d+[KMGT]?");
    private static final Pattern PARTITION = Pattern.compile("[A-Za-z0-9_.,-]+");

    public SlurmJob {
        if (shards < 1) throw new IllegalArgumentException("--shards must be at least 1; got " + shards);
        partition = blank(partition);
        time = blank(time);
        mem = blank(mem);
        if (time != null && !TIME.matcher(time).matches()) throw new IllegalArgumentException("--time " + time + ": give HH:MM:SS (or D-HH:MM:SS, MM)");
        if (mem != null && !MEM.matcher(mem).matches()) throw new IllegalArgumentException("--mem " + mem + ": give a size such as 8G or 4000M");
        if (partition != null && !PARTITION.matcher(partition).matches())
            throw new IllegalArgumentException("--partition " + partition + ": give a partition's name (letters, digits, - _ .)");
        if (cpus != null && cpus < 1) throw new IllegalArgumentException("--cpus-per-task must be at least 1; got " + cpus);
        if (gpus != null && gpus < 0) throw new IllegalArgumentException("--gpus-per-task must be at least 0; got " + gpus);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The scripts written: the array's, the merge's, where the shards and the run go. */
    public record Written(Path array, Path merge, Path shardsDir, Path run) {
        /** How to submit them by hand. */
        public String submitLine() {
            return "jid=$(sbatch --parsable " + array + ") && sbatch --dependency=afterok:${jid%%;*} " + merge;
        }
    }

    /**
     * Writes the two scripts for simulate's arguments (without the word simulate and without --out),
     * the run's folder and the folder for the scripts and logs (null: RUN.slurm); an existing script
     * is replaced only with force.
     */
    public Written write(List<String> simulateArgs, Path run, Path jobs, boolean force) throws IOException {
        return write("simulate", simulateArgs, run, jobs, force);
    }

    /** The same for a scan (command "scan": each task computes its share of every rigidity; a requeued task starts its share again). */
    public Written write(String command, List<String> simulateArgs, Path run, Path jobs, boolean force) throws IOException {
        if (!command.equals("simulate") && !command.equals("scan")) throw new IllegalArgumentException("a SLURM job splits simulate or scan; got " + command);
        run = run.toAbsolutePath().normalize();
        if (Files.exists(run)) throw new IllegalArgumentException("--out " + run + " exists: the merge job would refuse to replace it; give a new folder");
        Path dir = (jobs != null ? jobs : run.resolveSibling(run.getFileName() + ".slurm")).toAbsolutePath().normalize();
        Path array = dir.resolve("shards.sbatch"), merge = dir.resolve("merge.sbatch");
        Files.createDirectories(dir);
        for (Path f : List.of(array, merge))
            if (Files.exists(f) && !force) throw new IllegalArgumentException(f + " exists; give --force to replace it, or another --jobs folder");
        Path shardsDir = run.resolveSibling(run.getFileName() + ".shards");
        String name = "anisoscope-" + run.getFileName();
        List<String> java = javaCommand();
        boolean threadsGiven = simulateArgs.stream().anyMatch(a -> a.equals("--threads") || a.startsWith("--threads="));

        StringBuilder a = header(name, dir.resolve("shard-%a.log"));
        a.append("#SBATCH --array=0-").append(shards - 1).append('\n');
        a.append("set -euo pipefail\n");
        a.append("k=$((SLURM_ARRAY_TASK_ID + 1))\n");
        a.append("shard=").append(RunSpec.shellWord(shardsDir.toString())).append("/shard-$k\n");
        a.append("mkdir -p ").append(RunSpec.shellWord(shardsDir.toString())).append('\n');
        String threads = threadsGiven ? "" : " --threads \"${SLURM_CPUS_PER_TASK:-1}\"";
        String start = join(java) + " " + command + " " + join(simulateArgs) + " --shard \"$k/" + shards + "\" --out \"$shard\"" + threads;
        if (command.equals("simulate")) {
            a.append("# a requeued task continues its shard from its last complete realisation\n");
            a.append("if [ -d \"$shard\" ] || [ -d \"$shard.partial\" ]; then\n  exec ").append(join(java)).append(" simulate --resume \"$shard\"")
                    .append(threads).append('\n');
            a.append("else\n  exec ").append(start).append("\nfi\n");
        } else {
            a.append("# a requeued task makes its share again\n");
            a.append("if [ -d \"$shard\" ] || [ -d \"$shard.partial\" ]; then\n  exec ").append(start).append(" --force\nelse\n  exec ")
                    .append(start).append("\nfi\n");
        }

        StringBuilder m = header(name + "-merge", dir.resolve("merge.log"));
        m.append("set -euo pipefail\n");
        List<String> parts = new ArrayList<>();
        for (int k = 1; k <= shards; k++) parts.add(shardsDir.resolve("shard-" + k).toString());
        m.append("exec ").append(join(java)).append(" merge ").append(join(parts)).append(" --out ").append(RunSpec.shellWord(run.toString())).append('\n');
        script(array, a.toString());
        script(merge, m.toString());
        return new Written(array, merge, shardsDir, run);
    }

    /** The #SBATCH lines asked for. */
    private StringBuilder header(String name, Path log) {
        StringBuilder b = new StringBuilder("#!/bin/bash\n");
        b.append("# written by anisoscope ").append(org.anisoscope.Version.get()).append(" (slurm)\n");
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
     * How a job starts this app: this JVM, its class path (the jar, or the build's classes), the
     * Vector API where this JVM has it (the same transforms, so a shard's spectra are those one
     * process would make), and up to 80 % of the task's memory.
     */
    public static List<String> javaCommand() {
        List<String> c = new ArrayList<>();
        c.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) c.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        c.add("-XX:MaxRAMPercentage=80");
        c.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.anisoscope.Main"));
        return c;
    }

    private static String join(List<String> words) {
        List<String> q = new ArrayList<>();
        for (String w : words) q.add(RunSpec.shellWord(w));
        return String.join(" ", q);
    }

    private static void script(Path f, String text) throws IOException {
        AtomicFiles.write(f, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
        f.toFile().setExecutable(true);
    }

    /** Submits the array, then the merge after it (afterok); returns {array id, merge id}. */
    public static String[] submit(Written w) throws IOException, InterruptedException {
        String array = sbatch(List.of(w.array().toString()));
        String merge = sbatch(List.of("--dependency=afterok:" + array, w.merge().toString()));
        return new String[] {array, merge};
    }

    /** sbatch --parsable ARGS: the job id; a failure says what sbatch said. */
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
