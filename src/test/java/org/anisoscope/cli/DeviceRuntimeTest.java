package org.anisoscope.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.anisoscope.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU machine has no Java: {@code packaging/gpu/device-pack.sh} carries a runtime cut by jlink to the
 * modules it names. A JVM started with {@code --limit-modules} sees exactly those modules, so the
 * commands {@code packaging/gpu/device-run.sh} runs are run here that way. (With java.base, java.logging and
 * jdk.unsupported alone, the list an earlier recipe had, every command died at start-up with
 * NoClassDefFoundError: java/awt/Color: a GPU session would have been spent on that.)
 */
class DeviceRuntimeTest {
    @TempDir Path dir;

    static String modules() throws IOException {
        String script = Files.readString(Path.of("packaging/gpu/device-pack.sh"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^modules=([\\w.,]+)$").matcher(script);
        assertTrue(m.find(), "packaging/gpu/device-pack.sh names its modules on a line modules=...");
        return m.group(1);
    }

    ChildJvm.Exit cli(String... args) throws Exception {
        // as device-run.sh starts it: the carried modules, the SIMD path enabled
        return ChildJvm.run(dir, Map.of(), List.of("--limit-modules", modules(), "--add-modules", "jdk.incubator.vector"),
                "org.anisoscope.Main", args);
    }

    /** The output less the JVM's one-line notice that an incubator module is in use. */
    static String withoutIncubatorNotice(String out) {
        return out.replaceFirst("(?m)^WARNING: Using incubator modules: jdk.incubator.vector\\R", "");
    }

    @Test
    void theDeviceScriptsCommandsRunOnTheCarriedModules() throws Exception {
        ChildJvm.Exit bench = cli("bench", "engine", "--engine", "cpu", "--nside", "2", "--steps", "20");
        assertEquals(0, bench.code(), bench.output());
        assertTrue(bench.output().contains("particle-steps/s"), bench.output());
        assertTrue(bench.output().contains(", SIMD, "), "the SIMD path: " + bench.output());

        Path sim = dir.resolve("sim");
        ChildJvm.Exit s = cli("simulate", "--engine", "cpu", "--rho", "8.9e-2", "--nside", "2", "--realisations", "2", "--snapshots", "2",
                "--t-max", "20", "--out", sim.toString());
        assertEquals(0, s.code(), s.output());
        assertTrue(Files.exists(sim.resolve("summary.json")), s.output());

        // without a device: the one-line refusal, not a missing class
        ChildJvm.Exit check = cli("check-engines", "--steps", "10");
        assertEquals(2, check.code(), check.output());
        assertTrue(withoutIncubatorNotice(check.output()).startsWith("error: no CUDA device here"), check.output());
    }
}
