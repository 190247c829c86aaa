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

    /** Starts mainClass with args and returns at once. */
    public static Running start(Path dir, List<String> jvmOptions, String mainClass, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "jvm", ".txt");
        return new Running(new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
    }

    /** Runs mainClass with args; stdout and stderr together, at most two minutes. */
    public static Exit run(Path dir, Map<String, String> env, List<String> jvmOptions, String mainClass, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "jvm", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            assertTrue(false, String.join(" ", args) + " did not finish in 120 s:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Exit(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
