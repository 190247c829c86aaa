package org.anisoscope;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM on this test's classpath, for what must be set before a JVM starts: the modules it
 * sees, or the library path its native code links against.
 */
public final class ChildJvm {
    private ChildJvm() {}

    public record Exit(int code, String output) {}

    /** A JVM started and left running: its process and the file its output goes to. */
    public record Running(Process process, Path log) {
        public String output() throws java.io.IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }
    }

    /** Starts mainClass with args in dir (its working folder, where its output goes too) and returns at once. */
    public static Running start(Path dir, Map<String, String> env, List<String> jvmOptions, String mainClass, String... args) throws Exception {
        return launch(dir, true, env, jvmOptions, mainClass, args);
    }

    private static Running launch(Path dir, boolean inDir, Map<String, String> env, List<String> jvmOptions, String mainClass, String... args)
            throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "jvm", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        if (inDir) pb.directory(dir.toFile());
        pb.environment().putAll(env);
        return new Running(pb.start(), log);
    }

    /** Runs mainClass with args (in this JVM's working folder; its output in dir); stdout and stderr together, at most two minutes. */
    public static Exit run(Path dir, Map<String, String> env, List<String> jvmOptions, String mainClass, String... args) throws Exception {
        Running r = launch(dir, false, env, jvmOptions, mainClass, args);
        Process p = r.process();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            assertTrue(false, String.join(" ", args) + " did not finish in 120 s:\n" + r.output());
        }
        return new Exit(p.exitValue(), r.output());
    }
}
