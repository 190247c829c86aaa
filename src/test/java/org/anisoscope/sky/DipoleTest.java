package org.anisoscope.sky;

import static org.junit.jupiter.api.Assertions.*;

import org.anisoscope.Fixtures;
import org.junit.jupiter.api.Test;

class DipoleTest {
    @Test
    void fitAndRemovalMatchHealpy() {
        double[] map = Fixtures.column("dipole_in_nside16.csv");
        double[] ref = Fixtures.csv("dipole_fit_nside16.csv")[0];
        Dipole.Fit fit = Dipole.fitDipole(map);
        assertEquals(ref[0], fit.monopole(), 1e-12);
        assertEquals(ref[1], fit.dx(), 1e-12);
        assertEquals(ref[2], fit.dy(), 1e-12);
        assertEquals(ref[3], fit.dz(), 1e-12);
        // the map was made with mono 1 and dipole (0.3, -0.2, 0.5) plus 0.1 noise
        assertEquals(0.5, fit.dz(), 0.02);
        assertArrayEquals(Fixtures.column("dipole_out_nside16.csv"), Dipole.removeDipole(map), 1e-12);
        assertArrayEquals(Fixtures.column("monopole_out_nside16.csv"), Dipole.removeMonopole(map), 1e-12);
    }

    /** The fit walks the rings with a cos/sin recurrence instead of pix2vec per pixel: the same centres, to 1e-14. */
    @Test
    void theRingWalkVisitsEveryPixelCentre() {
        for (int nside : new int[] {1, 2, 64, 512}) {
            Healpix hp = new Healpix(nside);
            int[] visits = new int[(int) hp.npix()];
            double[] worst = {0}, n = new double[3];
            new Dipole.RingWalk(visits.length).forEach((p, x, y, z) -> {
                visits[p]++;
                hp.pix2vec(p, n);
                worst[0] = Math.max(worst[0], Math.max(Math.abs(x - n[0]), Math.max(Math.abs(y - n[1]), Math.abs(z - n[2]))));
            });
            for (int v : visits) assertEquals(1, v);
            assertTrue(worst[0] < 1e-14, "nside " + nside + ": " + worst[0]);
        }
    }

    @Test
    void unseenPixelsAreSkippedAndKept() {
        double[] map = Fixtures.column("dipole_in_nside16.csv");
        Dipole.Fit all = Dipole.fitDipole(map);
        map[5] = Sht.UNSEEN;
        map[77] = Double.NaN;
        double[] out = Dipole.removeDipole(map);
        assertEquals(Sht.UNSEEN, out[5]);
        assertTrue(Double.isNaN(out[77]));
        assertEquals(all.dz(), Dipole.fitDipole(map).dz(), 1e-2);
    }
}
