package org.anisoscope.run;

import static org.junit.jupiter.api.Assertions.*;

import org.anisoscope.analysis.Ensemble;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.tracking.CpuBacktracker;
import org.junit.jupiter.api.Test;

class SimulationRunTest {
    @Test
    void cancelLeavesAConsistentPartialEnsemble() {
        SimulationParameters p = new SimulationParameters(0.089, 0.5, 4, 150, 4, 5, 7, 150, 0.05, new double[] {1, 50});
        int[] done = {0};
        SimulationRun.Outcome o = new SimulationRun(p, new CpuBacktracker(2), 2, 0).run(new SimulationRun.Listener() {
            @Override
            public void realisationDone(int r, Ensemble e) {
                done[0]++;
            }
        }, () -> done[0] >= 2);
        assertTrue(o.partial());
        assertEquals(2, o.ensemble().completed());
        assertEquals(2, o.realisationSeeds().length);
        Ensemble.Result r = o.ensemble().result(Ensemble.KSource.RUN);
        assertEquals(2, r.realisations());
        assertEquals(2, r.dipoles().length);
        assertEquals(p.realisationSeed(1), o.realisationSeeds()[1]);
    }
}
