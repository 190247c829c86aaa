package org.anisoscope.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.anisoscope.util.Words;
import org.junit.jupiter.api.Test;

/** The small words and factors the views say: counts, the 3D view's stretch across B0. */
class ViewNotesTest {
    @Test
    void countsSayOneRealisationAndTwoRealisations() {
        assertEquals("1 realisation", Words.count(1, "realisation"));
        assertEquals("6 realisations", Words.count(6, "realisation"));
        assertEquals("0 realisations", Words.count(0, "realisation"));
    }

    @Test
    void pathsMostlyAlongB0AreStretchedAcrossItByARoundFactor() {
        assertEquals(1, TrajectoryView.stretchFor(3, 1), "under four times longer: to scale");
        // x and y brought to about half the extent along B0, by the nearest of 1, 2, 5 × 10^k on a log scale
        assertEquals(5, TrajectoryView.stretchFor(8, 1)); // wants 4
        assertEquals(2, TrajectoryView.stretchFor(5, 1)); // wants 2.5
        assertEquals(10, TrajectoryView.stretchFor(16, 1)); // wants 8
        assertEquals(20, TrajectoryView.stretchFor(400, 10)); // wants 20
    }
}
