package org.anisoscope.run;

import static org.junit.jupiter.api.Assertions.*;

import org.anisoscope.analysis.Ensemble;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.tracking.CpuBacktracker;
import org.junit.jupiter.api.Test;

class SimulationRunTest {
    /** The ℓmax suggested (simulate's note, the window's status): only where the transforms were most of a long run above Nside − 1. */
    @Test
    void aLowerLmaxIsSuggestedOnlyWhereTheTransformsDominate() {
        assertEquals(255, SimulationRun.suggestedLmax(4.0, 16.1, 256, 767)); // the H200's run (docs/benchmarks.md)
        assertEquals(-1, SimulationRun.suggestedLmax(4.0, 16.1, 256, 255), "already at Nside - 1");
        assertEquals(-1, SimulationRun.suggestedLmax(12.1, 8.1, 256, 767), "the particles were most of it (the CPU engine)");
        assertEquals(-1, SimulationRun.suggestedLmax(0.5, 3.0, 256, 767), "a short run");
        assertEquals(-1, SimulationRun.suggestedLmax(1.0, 30.0, 32, 95), "a small Nside: the full spectra are cheap");
    }

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
        assertEquals(2, r.orientation().dipoles().length);
        assertEquals(p.realisationSeed(1), o.realisationSeeds()[1]);
    }

    /** The CPU engine dressed as one that offloads its work (as the CUDA engine does), optionally failing at a snapshot. */
    static org.anisoscope.tracking.Backtracker offloading(int failAtSnapshot) {
        CpuBacktracker cpu = new CpuBacktracker(1);
        int[] seen = {0};
        return new org.anisoscope.tracking.Backtracker() {
            @Override public String name() { return "offloading"; }
            @Override public String description() { return "the CPU engine, its snapshots analysed on another thread"; }
            @Override public boolean offloads() { return true; }
            @Override
            public boolean run(org.anisoscope.turbulence.Turbulence f, int nside, double dt, double[] times, int samples, Listener l,
                               Progress pr, java.util.function.BooleanSupplier c) {
                return cpu.run(f, nside, dt, times, samples, s -> {
                    if (++seen[0] == failAtSnapshot) throw new IllegalStateException("the device was lost");
                    l.snapshot(s);
                }, pr, c);
            }
        };
    }

    /**
     * With an engine that offloads, each snapshot's maps and spectra are made on the run's analysis
     * thread while the engine goes on: the same ensemble to the last bit, the snapshots in order on
     * that thread; a failure keeps the realisations done, and a cancel leaves a consistent ensemble.
     */
    @Test
    void anEngineThatOffloadsHasItsSnapshotsAnalysedBesideIt() {
        SimulationParameters p = new SimulationParameters(0.089, 0.5, 4, 150, 4, 3, 7, 150, 0.05, new double[] {1, 5, 20, 50});
        Ensemble.Result plain = new SimulationRun(p, new CpuBacktracker(1), 1, 4).run(new SimulationRun.Listener() {}, () -> false)
                .ensemble().result(Ensemble.KSource.RUN);
        java.util.List<String> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread runThread = Thread.currentThread();
        SimulationRun.Outcome o = new SimulationRun(p, offloading(0), 1, 4).run(new SimulationRun.Listener() {
            @Override
            public void snapshot(int r, org.anisoscope.tracking.Snapshot s) {
                order.add(r + ":" + s.index() + (Thread.currentThread() == runThread ? " on the run's thread" : ""));
            }

            @Override
            public void realisationDone(int r, Ensemble e) {
                order.add("done " + r);
            }
        }, () -> false);
        assertNull(o.error());
        assertEquals(java.util.List.of("0:0", "0:1", "0:2", "0:3", "done 0", "1:0", "1:1", "1:2", "1:3", "done 1", "2:0", "2:1", "2:2", "2:3",
                "done 2"), order);
        Ensemble.Result r = o.ensemble().result(Ensemble.KSource.RUN);
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(plain.spectra().clNum()[k], r.spectra().clNum()[k], 0, "snapshot " + k);
            assertArrayEquals(plain.spectra().clSub()[k], r.spectra().clSub()[k], 0);
        }
        assertEquals(plain.diffusion().kzz(), r.diffusion().kzz(), 0);
        assertTrue(o.analysisSeconds() > 0 && o.engineSeconds() > 0);

        // the device lost in realisation 2 (its 6th snapshot): realisation 1 stands
        SimulationRun.Outcome failed = new SimulationRun(p, offloading(6), 1, 0).run(new SimulationRun.Listener() {}, () -> false);
        assertEquals("the device was lost", failed.error());
        assertEquals(1, failed.ensemble().completed());
        SimulationParameters one = new SimulationParameters(0.089, 0.5, 4, 150, 4, 1, 7, 150, 0.05, new double[] {1, 5, 20, 50});
        Ensemble.Result first = new SimulationRun(one, new CpuBacktracker(1), 1, 0).run(new SimulationRun.Listener() {}, () -> false)
                .ensemble().result(Ensemble.KSource.QLT);
        assertArrayEquals(first.spectra().clNum()[3], failed.ensemble().result(Ensemble.KSource.QLT).spectra().clNum()[3], 0);

        // cancelled once realisation 2 has begun: realisation 1 stands, nothing of realisation 2 is left in the ensemble
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean(); // set on the analysis thread
        SimulationRun.Outcome cancelled = new SimulationRun(p, offloading(0), 1, 0).run(new SimulationRun.Listener() {
            @Override
            public void snapshot(int r, org.anisoscope.tracking.Snapshot s) {
                if (r == 1) stop.set(true);
            }
        }, stop::get);
        assertTrue(cancelled.partial());
        assertNull(cancelled.error());
        assertEquals(1, cancelled.ensemble().completed());
        assertArrayEquals(first.spectra().clNum()[3], cancelled.ensemble().result(Ensemble.KSource.QLT).spectra().clNum()[3], 0);
    }
}
