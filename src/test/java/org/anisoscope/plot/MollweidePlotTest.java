package org.anisoscope.plot;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import org.anisoscope.sky.Healpix;
import org.anisoscope.sky.Mollweide;
import org.junit.jupiter.api.Test;

class MollweidePlotTest {

    @Test
    void projectionRoundTripsAndFollowsHealpyOrientation() {
        for (double theta = 0.05; theta < Math.PI; theta += 0.3) {
            for (double phi = 0.01; phi < 2 * Math.PI; phi += 0.4) {
                double[] xy = Mollweide.forward(theta, phi);
                double[] back = Mollweide.inverse(xy[0], xy[1]);
                assertNotNull(back);
                assertEquals(theta, back[0], 1e-9);
                assertEquals(phi, back[1], 1e-9);
            }
        }
        // longitude +90 deg lies left of the centre, -90 deg right; north is up
        assertTrue(Mollweide.forward(Math.PI / 2, Math.PI / 2)[0] < 0);
        assertTrue(Mollweide.forward(Math.PI / 2, -Math.PI / 2)[0] > 0);
        assertTrue(Mollweide.forward(0.1, 0)[1] > 0);
        assertNull(Mollweide.inverse(Mollweide.XMAX * 0.99, Mollweide.YMAX * 0.99));
    }

    /** Pixel colours at known directions of a dipole map pointing to (lon, lat) = (90, 0). */
    @Test
    void dipoleColoursSitWhereHealpyPutsThem() {
        int nside = 32;
        Healpix hp = new Healpix(nside);
        double[] map = new double[(int) hp.npix()];
        for (int p = 0; p < map.length; p++) map[p] = hp.pix2vec(p)[1]; // n . y-hat
        Colormap cm = Colormap.load(Colormap.DIVERGING);
        int width = 800;
        BufferedImage img = new MollweidePlot().colormap(cm).graticule(false).render(map, width);
        MollweidePlot.Layout lay = MollweidePlot.layout(width);
        assertEquals(lay.height(), img.getHeight());
        int[] hot = lay.pixelOf(Math.PI / 2, Math.PI / 2);   // lon +90: maximum, on the left
        int[] cold = lay.pixelOf(Math.PI / 2, -Math.PI / 2); // lon -90: minimum, on the right
        int[] zero = lay.pixelOf(Math.PI / 2, 0);            // centre: zero
        assertTrue(hot[0] < lay.mapX() + lay.mapWidth() / 2);
        // the colour scale is symmetric [-max, max]; the pixel nearest the extreme is within one HEALPix pixel of it
        assertColourNear(cm, 1.0, img.getRGB(hot[0], hot[1]), 0.03);
        assertColourNear(cm, 0.0, img.getRGB(cold[0], cold[1]), 0.03);
        assertColourNear(cm, 0.5, img.getRGB(zero[0], zero[1]), 0.06);
        // outside the ellipse stays white
        assertEquals(0xFFFFFFFF, img.getRGB(lay.mapX() + 2, lay.mapY() + 2));
    }

    /** The pixel's colour must be the colour-map entry of a value within tol of t. */
    private static void assertColourNear(Colormap cm, double t, int argb, double tol) {
        for (double s = Math.max(0, t - tol); s <= Math.min(1, t + tol); s += 1.0 / 512) {
            if (cm.argb(s) == argb) return;
        }
        fail(String.format("colour %08x is not the colour of %.3f +- %.3f", argb, t, tol));
    }

    @Test
    void unknownColourMapIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Colormap.load("jet"));
        assertTrue(e.getMessage().contains("diverging"));
    }

    /** Markers close together (B0, the dipole, the local field): their labels do not overlap each other, nor leave the map's band. */
    @Test
    void markerLabelsDoNotCollide() {
        MollweidePlot p = new MollweidePlot().marker(new MollweidePlot.Marker(0.05, 0, "B0", java.awt.Color.BLACK))
                .marker(new MollweidePlot.Marker(0.12, 0.1, "dipole", java.awt.Color.DARK_GRAY))
                .marker(new MollweidePlot.Marker(0.1, -0.05, "B local", java.awt.Color.GREEN));
        p.render(new double[12 * 16 * 16], 800);
        assertEquals(3, p.labels.size());
        for (int a = 0; a < 3; a++) for (int b = a + 1; b < 3; b++) assertFalse(p.labels.get(a).intersects(p.labels.get(b)), a + " and " + b);
    }
}
