package org.anisoscope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Whether two run folders are the same run: every file, by name, byte for byte, but summary.json's wall time. */
public final class SameRun {
    private SameRun() {}

    /** Every file of a run folder, by name: summary.json without its wall time, the rest as bytes. */
    public static TreeMap<String, String> files(Path run) throws IOException {
        TreeMap<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(run)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                String name = run.relativize(f).toString();
                String text = name.endsWith(".fits") ? java.util.HexFormat.of().formatHex(Files.readAllBytes(f)) : Files.readString(f, StandardCharsets.ISO_8859_1);
                if (name.equals("summary.json") || name.endsWith("/summary.json")) text = text.replaceAll("\"wall_seconds\" : [^,]+,", "");
                m.put(name, text);
            }
        }
        return m;
    }

    public static void assertSameRun(Path expected, Path actual) throws IOException {
        TreeMap<String, String> a = files(expected), b = files(actual);
        assertEquals(a.keySet(), b.keySet(), "the files of " + actual);
        for (String k : a.keySet()) assertEquals(a.get(k), b.get(k), k + " differs from " + expected + "'s");
    }
}
