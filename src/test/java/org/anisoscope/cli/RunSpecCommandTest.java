package org.anisoscope.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.run.RunSpec;
import org.anisoscope.sky.Observation;
import org.junit.jupiter.api.Test;

/** A run specification written as a simulate command and parsed back is the same run: the same spec, the same parameters. */
public class RunSpecCommandTest {
    /** The words of a shell line as a POSIX shell splits them (single quotes only, as shellCommand writes). */
    static List<String> words(String line) {
        List<String> w = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false, any = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) w.add(cur.toString());
                cur.setLength(0);
                any = false;
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (any) w.add(cur.toString());
        return w;
    }

    /** The simulate arguments of a shellCommand line (after the launcher). */
    public static List<String> simulateArgs(String line) {
        List<String> w = words(line);
        return w.subList(w.indexOf("simulate"), w.size());
    }

    @Test
    void aSpecWrittenAsACommandParsesBackToTheSameRun() {
        List<RunSpec> specs = List.of(RunSpec.ofRigidity(1e15),
                new RunSpec(3.16e14, null, 0.3, 3.5, 120, 8, 20, 5, -7, 0.02, true, 4, 0.025, 75, "cpu", Ensemble.KSource.QLT, 45,
                        new Observation.Observatory(0, 23.3, -90, -25, true), 1.5),
                // t_max below 1: the window and simulate once started their snapshot schedules differently here
                new RunSpec(null, 0.089, 0.5, 4, 150, 4, null, 2, 3, 0.5, false, 3, 0.05, 150, "auto", Ensemble.KSource.RUN, 0, null, 5.0 / 3.0),
                new RunSpec(1.2345678901234567e16, null, 0.5, 4, 150, 16, null, 2, 3, 7.5, true, 6, 0.05, 150, "auto", Ensemble.KSource.RUN, 0, null, 1.75));
        for (RunSpec s : specs) {
            String line = s.shellCommand("my run");
            assertTrue(line.startsWith(RunSpec.LAUNCHER + " simulate ") && line.endsWith(" --out 'my run'"), line);
            RunSpec back = Cli.simulateSpec(simulateArgs(line));
            assertEquals(s, back, line);
            SimulationParameters p = s.parameters(), q = back.parameters();
            assertEquals(p, q, line);
            assertArrayEquals(p.times(), q.times(), 0, line);
        }
        // the schedule is simulate's: from min(0.1, T_max/2), on whole steps
        assertEquals(0.1, specs.get(2).parameters().times()[0], 1e-12);
        assertEquals(0.5, specs.get(2).parameters().times()[2], 1e-12);
    }

    @Test
    void theRigidityIsWrittenAsAUserWouldAndExactly() {
        for (double v : new double[] {1e15, 1e13, 3.16e14, 2.5e18, 1.2345678901234567e16, 7e11}) {
            List<String> a = RunSpec.ofRigidity(v).commandLine("x");
            String r = a.get(a.indexOf("--rigidity") + 1);
            assertEquals(v, org.anisoscope.physics.Units.parseRigidity(r), r);
        }
        List<String> a = RunSpec.ofRigidity(1e15).commandLine("x");
        assertEquals("1PV", a.get(a.indexOf("--rigidity") + 1), a.toString());
        assertEquals("20tau", a.get(a.indexOf("--t-max") + 1), a.toString());
        assertFalse(a.contains("--engine"), "the default engine is left to the machine: " + a);
        assertTrue(Arrays.asList("--rho", "0.089").stream().allMatch(
                new RunSpec(null, 0.089, 0.5, 4, 150, 4, null, 2, 3, 0.5, false, 3, 0.05, 150, "auto", Ensemble.KSource.RUN, 0, null, 5.0 / 3.0)
                        .commandLine("x")::contains));
    }
}
