package org.anisoscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `trajectory`: a pixel's path computed again is the run's recorded path, bit for bit; any pixel, any realisation, to any time. */
class TrajectoryCommandTest {
    @TempDir static Path dir;
    static Path run;

    @BeforeAll
    static void aRun() {
        run = dir.resolve("run");
        CliTest.Result r = CliTest.run("simulate", "--rho", "0.089", "--nside", "8", "--realisations", "2", "--snapshots", "4", "--t-max", "3tau",
                "--engine", "cpu", "--out", run.toString());
        assertEquals(0, r.code(), r.err());
    }

    /** The rows of a trajectories CSV for one pixel, without the sample column. */
    static List<String> rows(Path csv, int pixel) throws Exception {
        return Files.readAllLines(csv).stream().filter(l -> !l.startsWith("#") && !l.startsWith("sample")).filter(l -> l.split(",")[1].equals(
                Integer.toString(pixel))).map(l -> l.substring(l.indexOf(',') + 1)).toList();
    }

    @Test
    void aSampledPixelsPathIsTheRunsBitForBit() throws Exception {
        List<Integer> sampled = Files.readAllLines(run.resolve("trajectories.csv")).stream().filter(l -> l.matches("\\d+,\\d+,.*"))
                .map(l -> Integer.parseInt(l.split(",")[1])).distinct().toList();
        int a = sampled.get(3), b = sampled.get(40);
        Path out = dir.resolve("two.csv");
        CliTest.Result r = CliTest.run("trajectory", "--sim", run.toString(), "--pixel", a + "," + b + ",0", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        for (int p : new int[] {a, b}) {
            List<String> mine = rows(out, p), runs = rows(run.resolve("trajectories.csv"), p);
            assertTrue(mine.size() > 100, "a whole path: " + mine.size() + " points");
            assertEquals(runs, mine, "pixel " + p);
        }
        assertFalse(rows(out, 0).isEmpty(), "a pixel the run did not sample has its path too");
        // to an earlier time: the same path, shorter
        Path early = dir.resolve("early.csv");
        assertEquals(0, CliTest.run("trajectory", "--sim", run.toString(), "--pixel", Integer.toString(a), "--t-max", "5", "--out", early.toString()).code());
        List<String> shorter = rows(early, a), whole = rows(out, a);
        assertTrue(shorter.size() < whole.size() / 2);
        assertEquals(whole.subList(0, shorter.size()), shorter);
        // another realisation: another field, another path
        Path second = dir.resolve("second.csv");
        assertEquals(0, CliTest.run("trajectory", "--sim", run.toString(), "--pixel", Integer.toString(a), "--realisation", "2", "--out",
                second.toString()).code());
        assertNotEquals(whole, rows(second, a));
    }

    @Test
    void badInputIsRefusedWithWhatToGive() {
        String[][] cases = {{"--pixel", "768", "0 to 767"}, {"--pixel", "-1", "0 to 767"}, {"--realisation", "3", "realisations 1 to 2"},
                {"--t-max", "1e9", "the run's last"}};
        for (String[] c : cases) {
            Path out = dir.resolve("bad.csv");
            List<String> args = new java.util.ArrayList<>(List.of("trajectory", "--sim", run.toString(), "--out", out.toString()));
            if (!c[0].equals("--pixel")) args.addAll(List.of("--pixel", "1"));
            args.addAll(List.of(c[0], c[1]));
            CliTest.Result r = CliTest.run(args.toArray(String[]::new));
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains(c[2]), r.err());
            assertFalse(Files.exists(out));
        }
    }
}
