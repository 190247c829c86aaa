package org.anisoscope.run;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.io.HealpixFits;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.tracking.CpuBacktracker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's files read back: every number as written, and files that are not a run's refused in one line. */
class RunFilesTest {
    @TempDir static Path dir;
    static SimulationParameters p;
    static Ensemble.Result written;
    static Path run;
    static final java.util.Map<Integer, org.anisoscope.tracking.Snapshot> first = new java.util.HashMap<>();

    @BeforeAll
    static void writeARun() throws IOException {
        // a partial run (2 of 3 realisations), with this run's K in the maps
        p = new SimulationParameters(0.089, 0.5, 4, 150, 4, 3, 11, 150, 0.05, SimulationParameters.logTimes(0.1, 30, 5, 0.05));
        int[] done = {0};
        SimulationRun.Outcome o = new SimulationRun(p, new CpuBacktracker(2), 2, 6).run(new SimulationRun.Listener() {
            @Override
            public void snapshot(int r, org.anisoscope.tracking.Snapshot s) {
                if (r == 0) first.put(s.index(), s);
            }

            @Override
            public void realisationDone(int r, Ensemble e) {
                done[0]++;
            }
        }, () -> done[0] >= 2);
        run = dir.resolve("run");
        Files.createDirectories(run);
        written = RunFiles.write(run, p, o, Ensemble.KSource.RUN, "cpu", 1.5, 1e15);
    }

    @Test
    void aRunReadsBackAsItWasWritten() throws IOException {
        RunFiles.Summary s = RunFiles.readSummary(run);
        assertEquals(p, s.params(), "the parameters make the same run again");
        assertEquals(run.resolve("summary.json"), s.file());
        assertEquals(run.toAbsolutePath(), s.dir());
        assertEquals(1e15, s.rigidityVolts(), 0);
        assertTrue(s.partial());
        assertEquals(2, s.realisations());
        assertEquals(p.realisationSeed(1), s.realisationSeeds()[1]);
        assertEquals(Ensemble.KSource.RUN, s.diffusion().kSource());
        assertEquals(written.diffusion().kzz(), s.diffusion().kzz(), 0);
        assertEquals(written.diffusion().kzzPlateau(), s.diffusion().kzzPlateau(), 0);
        assertEquals(written.orientation().invMeanCosSq(), s.dipoles().invMeanCosSq(), 0);
        assertArrayEquals(written.times(), s.times(), 0);
        assertArrayEquals(written.diffusion().kzzRunning(), s.diffusion().kzzRunning(), 0);
        assertArrayEquals(written.spectra().noise(), s.spectra().noise(), 0);
        for (int k = 0; k < 5; k++) {
            assertArrayEquals(written.spectra().clNum()[k], s.spectra().clNum()[k], 0);
            assertArrayEquals(written.spectra().clSub()[k], s.spectra().clSub()[k], 0);
            assertArrayEquals(written.spectra().clSubErr()[k], s.spectra().clSubErr()[k], 0);
            assertArrayEquals(written.meanDipoleOverFick(p.rho() * p.gradientZ())[k], s.dipoles().meanDipoleOverFick()[k], 0);
            assertArrayEquals(written.first().maps()[k], RunFiles.readMap(s, k), 0);
        }
        assertArrayEquals(written.orientation().localMeanField()[1], s.dipoles().localMeanField()[1], 0);
        // the sampled paths of realisation 0, at every snapshot as the engine gave them
        LiveRun.Trajectories[] paths = RunFiles.readTrajectories(s);
        for (int k = 0; k < 5; k++) {
            assertArrayEquals(first.get(k).trajectoryPixels(), paths[k].pixels());
            assertEquals(6, paths[k].paths().length);
            for (int i = 0; i < 6; i++) assertArrayEquals(first.get(k).trajectories()[i], paths[k].paths()[i], 0f, "snapshot " + k + ", path " + i);
        }
        assertTrue(paths[4].paths()[0].length > 3 * paths[1].paths()[0].length, "paths lengthen");
        // each realisation's C_l, as the ensemble had them
        double[][][] real = RunFiles.readClRealisations(s);
        assertEquals(5, real.length);
        for (int k = 0; k < 5; k++) {
            assertEquals(2, real[k].length, "the complete realisations only");
            for (int j = 0; j < 2; j++) assertArrayEquals(written.clRealisations()[j][k], real[k][j], 0);
        }
        assertTrue(s.provenance().contains("seed 11"), s.provenance());

        // what the window shows of it
        LiveRun opened = LiveRun.opened(s, new float[5][], paths);
        assertEquals(LiveRun.State.DONE, opened.state());
        assertEquals(5, opened.framesAvailable());
        assertSame(s, opened.saved());
        LiveRun.Frame f = opened.frame(4);
        assertEquals(2, f.realisations());
        assertTrue(f.diffusion().kzzFromRun());
        assertEquals(written.meanDipoleOverFick(p.rho() * p.gradientZ())[4][2] * written.diffusion().kzzPlateau(), f.dipoles().zOverG(), 0);
        assertNull(f.sky().mean());
        assertSame(paths[4], f.trajectories());
    }

    /** The skies as an observatory saw them are part of the run: written, read back number for number, shown by an opened run. */
    @Test
    void theSeenSpectraTravelWithTheRun() throws IOException {
        SimulationParameters q = new SimulationParameters(0.089, 0.5, 4, 150, 4, 2, 3, 150, 0.05, new double[] {1, 2});
        org.anisoscope.sky.Observation.Observatory ice = new org.anisoscope.sky.Observation.Observatory(229.7, 23.3, -90, -25, true);
        SimulationRun.Outcome o = new SimulationRun(q, new CpuBacktracker(1), 1, 0).observedBy(ice).run(new SimulationRun.Listener() {}, () -> false);
        Path d = dir.resolve("seen");
        Files.createDirectories(d);
        Ensemble.Result w = RunFiles.write(d, q, o, Ensemble.KSource.QLT, "cpu", 0, null);
        RunFiles.Summary s = RunFiles.readSummary(d);
        Ensemble.Seen back = RunFiles.readSeen(s);
        assertEquals(ice, back.observatory());
        assertEquals(w.seen().fsky(), back.fsky(), 0);
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(w.seen().clNum()[k], back.clNum()[k], 0);
            assertArrayEquals(w.seen().clSub()[k], back.clSub()[k], 0);
            assertArrayEquals(w.seen().clSubErr()[k], back.clSubErr()[k], 0);
            assertArrayEquals(w.seen().noise()[k], back.noise()[k], 0);
        }
        assertEquals(ice, LiveRun.opened(s, new float[2][], null, back).observatory());
        assertArrayEquals(w.seen().clSub()[1], LiveRun.opened(s, new float[2][], null, back).seen().clSub()[1], 0);
        // a run made without one has none; a missing file of one that had is said
        Path plain = dir.resolve("plain");
        Files.createDirectories(plain);
        RunFiles.write(plain, q, new SimulationRun(q, new CpuBacktracker(1), 1, 0).run(new SimulationRun.Listener() {}, () -> false),
                Ensemble.KSource.QLT, "cpu", 0, null);
        assertNull(RunFiles.readSeen(RunFiles.readSummary(plain)));
        Files.delete(d.resolve("cl_seen_snapshot_01.csv"));
        IOException e = assertThrows(IOException.class, () -> RunFiles.readSeen(s));
        assertTrue(e.getMessage().contains("cl_seen_snapshot_01.csv is missing"), e.getMessage());
    }

    /** A gradient at an angle to B0 is part of the run: written, read back, and kept by a convergence check's halved run. */
    @Test
    void theGradientAngleTravelsWithTheRun() throws IOException {
        SimulationParameters q = new SimulationParameters(0.089, 0.5, 4, 150, 4, 1, 3, 150, 0.05, new double[] {1, 2}, 60);
        SimulationRun.Outcome o = new SimulationRun(q, new CpuBacktracker(1), 1, 0).run(new SimulationRun.Listener() {}, () -> false);
        Path d = dir.resolve("tilted");
        Files.createDirectories(d);
        Ensemble.Result w = RunFiles.write(d, q, o, Ensemble.KSource.QLT, "cpu", 0, null);
        RunFiles.Summary s = RunFiles.readSummary(d);
        assertEquals(q, s.params());
        // the drift dipole an opened run shows is the run's own
        LiveRun opened = LiveRun.opened(s, new float[2][], null);
        double[] drift = w.driftDipoleOverG(q.rho() * q.gradientX());
        for (int k = 0; k < 2; k++) assertEquals(drift[k], opened.frame(k).dipoles().driftOverG(), 1e-12 * Math.abs(drift[k]));
        SimulationParameters three = new SimulationParameters(0.089, 0.5, 4, 150, 4, 3, 3, 150, 0.05, new double[] {1, 2}, 60);
        ConvergenceCheck c = new ConvergenceCheck(three, ConvergenceCheck.Setting.DT, new CpuBacktracker(1), Ensemble.KSource.QLT, 1,
                ConvergenceCheck.defaultMultipoles(three.lmax()), 0.05, 0.95);
        assertEquals(60, c.halved().gradientAngleDeg(), 0);
    }

    /** A run's lmax (simulate --lmax) is written, read back and kept by the convergence check's second run. */
    @Test
    void theLmaxTravelsWithTheRun() throws IOException {
        SimulationParameters q = new SimulationParameters(0.089, 0.5, 4, 150, 4, 3, 3, 150, 0.05, new double[] {1, 2}, 0, 5);
        SimulationRun.Outcome o = new SimulationRun(q, new CpuBacktracker(1), 1, 0).run(new SimulationRun.Listener() {}, () -> false);
        Path d = dir.resolve("lmax5");
        Files.createDirectories(d);
        RunFiles.write(d, q, o, Ensemble.KSource.QLT, "cpu", 0, null);
        RunFiles.Summary s = RunFiles.readSummary(d);
        assertEquals(q, s.params());
        assertEquals(6, s.spectra().clNum()[1].length);
        assertEquals(6, RunFiles.readClRealisations(s)[1][2].length);
        assertEquals(5, new ConvergenceCheck(q, ConvergenceCheck.Setting.DT, new CpuBacktracker(1), Ensemble.KSource.QLT, 1,
                ConvergenceCheck.defaultMultipoles(q.lmax()), 0.05, 0.95).halved().lmax());

        // a file from before --lmax has none: anafast's default, which the spectra must then reach
        ObjectMapper om = new ObjectMapper();
        Path old = dir.resolve("before-lmax");
        Files.createDirectories(old);
        ObjectNode root = (ObjectNode) om.readTree(run.resolve("summary.json").toFile());
        ((ObjectNode) root.get("params")).remove("lmax");
        om.writeValue(old.resolve("summary.json").toFile(), root);
        assertEquals(p, RunFiles.readSummary(old).params());
        Path cut = dir.resolve("lmax-missing");
        Files.createDirectories(cut);
        root = (ObjectNode) om.readTree(d.resolve("summary.json").toFile());
        ((ObjectNode) root.get("params")).remove("lmax");
        om.writeValue(cut.resolve("summary.json").toFile(), root);
        IOException e = assertThrows(IOException.class, () -> RunFiles.readSummary(cut));
        assertTrue(e.getMessage().contains("need l = 0..11 (params.lmax)"), e.getMessage());
    }

    @Test
    void whatIsNotARunIsRefusedInOneLine() throws IOException {
        IOException e = assertThrows(IOException.class, () -> RunFiles.readSummary(dir.resolve("nothing")));
        assertTrue(e.getMessage().contains("no such file") && e.getMessage().contains("simulate --out"), e.getMessage());

        ObjectMapper om = new ObjectMapper();
        for (String[] c : new String[][] {{"cl_sub", "cl_sub needs 5 rows"}, {"params", "no params"}, {"kzz", "missing number kzz"}}) {
            Path bad = dir.resolve("bad-" + c[0]);
            Files.createDirectories(bad);
            ObjectNode root = (ObjectNode) om.readTree(run.resolve("summary.json").toFile());
            root.remove(c[0]);
            om.writeValue(bad.resolve("summary.json").toFile(), root);
            e = assertThrows(IOException.class, () -> RunFiles.readSummary(bad));
            assertTrue(e.getMessage().contains(c[1]) && e.getMessage().startsWith(bad.resolve("summary.json").toString()), e.getMessage());
        }
        // parameters a run could not have had: the reason SimulationParameters gives
        Path bad = dir.resolve("bad-eta");
        Files.createDirectories(bad);
        ObjectNode root = (ObjectNode) om.readTree(run.resolve("summary.json").toFile());
        ((ObjectNode) root.get("params")).put("eta", 1.5);
        om.writeValue(bad.resolve("summary.json").toFile(), root);
        e = assertThrows(IOException.class, () -> RunFiles.readSummary(bad));
        assertTrue(e.getMessage().contains("eta must be strictly between 0 and 1"), e.getMessage());

        // a damaged trajectories.csv: the line named
        Path damaged = dir.resolve("damaged");
        Files.createDirectories(damaged);
        Files.copy(run.resolve("summary.json"), damaged.resolve("summary.json"));
        Files.writeString(damaged.resolve("trajectories.csv"), "sample,pixel,step,t,x,y,z\n0,5,0,0,0,0,0\n0,9999,2,0.1,1,2,3\n");
        e = assertThrows(IOException.class, () -> RunFiles.readTrajectories(RunFiles.readSummary(damaged)));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("Nside 4"), e.getMessage());

        // a map of another run in the folder (another time, another Nside): named, not shown as this run's
        Path mixed = dir.resolve("mixed");
        Files.createDirectories(mixed);
        Files.copy(run.resolve("summary.json"), mixed.resolve("summary.json"));
        Files.copy(RunFiles.mapFile(run, 3), RunFiles.mapFile(mixed, 2));
        HealpixFits.write(RunFiles.mapFile(mixed, 4), new double[12 * 8 * 8]);
        RunFiles.Summary s = RunFiles.readSummary(mixed);
        assertNull(RunFiles.readMap(s, 0), "a missing map is no error: the summary alone is worth showing");
        assertNull(RunFiles.readTrajectories(s), "nor missing trajectories");
        assertNull(RunFiles.readClRealisations(s), "nor missing per-realisation spectra (runs from before they were kept)");
        // per-realisation spectra of another run: their mean is not this run's C_l^num
        java.util.List<String> rows = new java.util.ArrayList<>(Files.readAllLines(run.resolve("cl_realisations.csv")));
        String[] c = rows.get(rows.size() - 1).split(",");
        c[4] = Double.toString(Double.parseDouble(c[4]) * 1.01);
        rows.set(rows.size() - 1, String.join(",", c));
        Files.write(mixed.resolve("cl_realisations.csv"), rows);
        e = assertThrows(IOException.class, () -> RunFiles.readClRealisations(s));
        assertTrue(e.getMessage().contains("mean C_1 at snapshot 4") && e.getMessage().contains("mixes two runs"), e.getMessage());
        rows.remove(rows.size() - 1);
        Files.write(mixed.resolve("cl_realisations.csv"), rows);
        e = assertThrows(IOException.class, () -> RunFiles.readClRealisations(s));
        assertTrue(e.getMessage().contains("snapshot 4 has no row for realisation 1"), e.getMessage());
        e = assertThrows(IOException.class, () -> RunFiles.readMap(s, 2));
        assertTrue(e.getMessage().contains("mixes two runs") && e.getMessage().contains("Omega_rms T"), e.getMessage());
        e = assertThrows(IOException.class, () -> RunFiles.readMap(s, 4));
        assertTrue(e.getMessage().contains("Nside 8") && e.getMessage().contains("mixes two runs"), e.getMessage());
    }
}
