package org.anisoscope.sky;

import static org.junit.jupiter.api.Assertions.*;

import org.anisoscope.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HealpixTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 8, 16})
    void pixelCentresMatchHealpy(int nside) {
        Healpix hp = new Healpix(nside);
        double[][] rows = Fixtures.csv("pix2ang_nside" + nside + ".csv");
        assertEquals(hp.npix(), rows.length);
        for (double[] r : rows) {
            long pix = (long) r[0];
            double[] ang = hp.pix2ang(pix);
            assertEquals(r[1], ang[0], 1e-14, "theta of " + pix);
            assertEquals(r[2], ang[1], 1e-13, "phi of " + pix);
            double[] v = hp.pix2vec(pix);
            assertEquals(r[3], v[0], 1e-15);
            assertEquals(r[4], v[1], 1e-15);
            assertEquals(r[5], v[2], 1e-15);
            // and the centre maps back to its own pixel
            assertEquals(pix, hp.vec2pix(v[0], v[1], v[2]));
            assertEquals(pix, hp.ang2pix(ang[0], ang[1]));
        }
    }

    @Test
    void vec2pixMatchesHealpyIncludingNearPoles() {
        for (double[] r : Fixtures.csv("vec2pix.csv")) {
            Healpix hp = new Healpix((int) r[0]);
            assertEquals((long) r[4], hp.vec2pix(r[1], r[2], r[3]), "nside " + (int) r[0]);
        }
    }

    @Test
    void nest2ringMatchesHealpy() {
        for (double[] r : Fixtures.csv("nest2ring.csv")) {
            assertEquals((long) r[2], new Healpix((int) r[0]).nest2ring((long) r[1]));
        }
    }

    @Test
    void ringGeometryIsConsistent() {
        for (int nside : new int[] {1, 2, 4, 32, 8192}) {
            Healpix hp = new Healpix(nside);
            long count = 0;
            for (int r = 1; r <= hp.nring(); r++) {
                assertEquals(count, hp.ringStart(r));
                count += hp.ringNpix(r);
                double z = hp.ringZ(r), s = hp.ringSinTheta(r);
                assertEquals(1.0, z * z + s * s, 1e-14);
            }
            assertEquals(hp.npix(), count);
            // ring search agrees with the ring layout at the first and last pixel of every ring
            for (int r = 1; r <= hp.nring(); r += Math.max(1, hp.nring() / 97)) {
                assertEquals(r, hp.pixRing(hp.ringStart(r)));
                assertEquals(r, hp.pixRing(hp.ringStart(r) + hp.ringNpix(r) - 1));
            }
        }
    }

    @Test
    void badNsideIsRefusedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Healpix(3));
        assertTrue(e.getMessage().contains("power of two"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Healpix(0));
        assertThrows(IllegalArgumentException.class, () -> new Healpix(16384));
        assertThrows(IllegalArgumentException.class, () -> Healpix.npix2nside(100));
        assertEquals(64, Healpix.npix2nside(12 * 64 * 64));
    }
}
