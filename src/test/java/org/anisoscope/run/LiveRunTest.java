package org.anisoscope.run;

import static org.junit.jupiter.api.Assertions.*;

import java.util.function.BooleanSupplier;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.tracking.Backtracker;
import org.anisoscope.tracking.CpuBacktracker;
import org.anisoscope.turbulence.SlabField;
import org.junit.jupiter.api.Test;

class LiveRunTest {
    static SimulationParameters small(int realisations) {
        return new SimulationParameters(0.089, 0.5, 4, 150, 4, realisations, 7, 150, 0.05,
                SimulationParameters.logTimes(0.1, 40, 5, 0.05));
    }

    static void waitFor(LiveRun r, java.util.function.BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + 60_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) fail("timed out: " + r);
            Thread.sleep(5);
        }
    }

    @Test
    void publishesFramesThatMatchTheBatchEnsemble() throws Exception {
        LiveRun r = new LiveRun(small(3), new CpuBacktracker(2), 2, 8, Ensemble.KSource.QLT);
        r.start();
        assertTrue(r.await(60_000));
        assertEquals(LiveRun.State.DONE, r.state(), r.message());
        assertEquals(5, r.framesAvailable());
        Ensemble.Result res = r.result();
        assertEquals(3, res.realisations());
        for (int k = 0; k < 5; k++) {
            LiveRun.Frame f = r.frame(k);
            assertEquals(3, f.realisations());
            assertArrayEquals(res.spectra().clSub()[k], f.spectrum().clSub(), 0);
            assertEquals(res.orientation().invMeanCosSq(), f.dipoles().invMeanCosSq(), 0, "the factor of Sec. 3.3, as the batch ensemble has it");
            double dz = 0;
            for (double[][] d : res.orientation().dipoles()) dz += d[k][2] / 3 / 0.089;
            assertEquals(dz, f.dipoles().zOverG(), 1e-12 * Math.abs(dz), "the ensemble dipole along B0 over |g|");
            assertEquals(192, f.sky().mean().length);
            assertNotNull(f.trajectories());
            assertEquals(2, f.sky().latestRealisation());
            // the mean map is the mean of the realisations' maps: its dipole is a third of theirs summed
            assertNotNull(f.sky().localFieldLatest());
        }
        // the first realisation's map is the batch run's first map (same seed, same engine)
        double[] first = res.first().maps()[4];
        float[] mine = r.frame(4).sky().first();
        for (int i = 0; i < first.length; i++) assertEquals(first[i], mine[i], 1e-5 * (1 + Math.abs(first[i])));
        // made from the ensemble's own parts, not from copies of them: the batch map rounded to float, exactly
        for (int i = 0; i < first.length; i++) assertEquals((float) first[i], mine[i], 0f);
    }

    @Test
    void pauseHoldsTheRunAndCancelKeepsWhatWasDone() throws Exception {
        LiveRun r = new LiveRun(small(200), new CpuBacktracker(1), 1, 0, Ensemble.KSource.QLT);
        r.start();
        waitFor(r, () -> r.framesAvailable() == 5);
        r.pause();
        assertEquals(LiveRun.State.PAUSED, r.state());
        Thread.sleep(300); // let the engine reach its next check
        double before = r.progress().fraction();
        Thread.sleep(400);
        assertEquals(before, r.progress().fraction(), 0, "no progress while paused");
        r.resume();
        waitFor(r, () -> r.progress().fraction() > before);
        r.cancel();
        assertTrue(r.await(30_000));
        assertEquals(LiveRun.State.CANCELLED, r.state());
        assertEquals(5, r.framesAvailable(), "the snapshots so far stay");
        assertTrue(r.message().contains("cancelled"), r.message());
    }

    @Test
    void aFailingEngineEndsTheRunWithItsMessageAndKeepsTheFrames() throws Exception {
        Backtracker failing = new Backtracker() {
            final CpuBacktracker cpu = new CpuBacktracker(1);
            int calls;

            @Override
            public String name() { return "failing"; }

            @Override
            public String description() { return "fails in its second realisation"; }

            @Override
            public boolean run(org.anisoscope.turbulence.Turbulence field, int nside, double dt, double[] times, int samples, Listener l, Progress p, BooleanSupplier c) {
                if (calls++ == 1) throw new IllegalStateException("device lost");
                return cpu.run(field, nside, dt, times, samples, l, p, c);
            }
        };
        LiveRun r = new LiveRun(small(3), failing, 1, 0, Ensemble.KSource.RUN);
        r.start();
        assertTrue(r.await(60_000));
        assertEquals(LiveRun.State.FAILED, r.state());
        assertTrue(r.message().contains("device lost") && r.message().contains("kept"), r.message());
        assertEquals(5, r.framesAvailable());
        assertEquals(1, r.frame(4).realisations());
        assertTrue(r.frame(4).diffusion().kzzFromRun());
    }
}
