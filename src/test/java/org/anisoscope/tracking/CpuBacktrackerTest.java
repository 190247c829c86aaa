package org.anisoscope.tracking;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.anisoscope.turbulence.SlabField;
import org.junit.jupiter.api.Test;

class CpuBacktrackerTest {

    static List<Snapshot> run(int threads, SlabField f, double dt, double[] times) {
        List<Snapshot> out = new ArrayList<>();
        new CpuBacktracker(threads).run(f, 4, dt, times, 5, out::add, (a, b) -> {}, () -> false);
        return out;
    }

    @Test
    void bitIdenticalForAnyThreadCount() {
        SlabField f = SlabField.generate(0.089, 0.5, 1.0 / 150, 3);
        double[] times = {1, 10, 40};
        List<Snapshot> a = run(1, f, 0.05, times), b = run(3, f, 0.05, times);
        assertEquals(3, a.size());
        for (int k = 0; k < a.size(); k++) {
            assertArrayEquals(a.get(k).x(), b.get(k).x(), 0.0);
            assertArrayEquals(a.get(k).z(), b.get(k).z(), 0.0);
            assertArrayEquals(a.get(k).uz(), b.get(k).uz(), 0.0);
        }
        // trajectories: start at the observer and end at the snapshot position
        Snapshot last = a.get(2);
        float[] tr = last.trajectories()[0];
        int p = last.trajectoryPixels()[0];
        assertEquals(0f, tr[0]);
        assertEquals(last.z()[p], tr[tr.length - 1], 1e-4 * Math.max(1, Math.abs(last.z()[p])));
    }

    @Test
    void cancellingStopsBetweenChunks() {
        SlabField f = SlabField.generate(0.089, 0.5, 1.0 / 150, 3);
        List<Snapshot> out = new ArrayList<>();
        int[] calls = {0};
        boolean done = new CpuBacktracker(2).run(f, 4, 0.05, new double[] {1, 1000}, 0, out::add, (a, b) -> {},
                () -> ++calls[0] > 3);
        assertFalse(done);
        assertEquals(1, out.size(), "the snapshot before the cancel is kept");
    }
}
