package org.anisoscope.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

public class LinePlotTest {
    /** How many pixels of img have exactly colour c (the figure tests elsewhere count their data colours with it). */
    public static int count(BufferedImage img, Color c) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, y) & 0xFFFFFF) == (c.getRGB() & 0xFFFFFF)) n++;
        return n;
    }

    @Test
    void rangesFollowTheDataAndSkipWhatALogAxisCannotShow() {
        LinePlot p = new LinePlot().log(true, true)
                .add(new LinePlot.Series("a", new double[] {1, 10, 100, -5}, new double[] {1e-3, 1e-2, 0, 1}, null, Color.RED, LinePlot.Style.LINE));
        // x: 1..10 (100 has y = 0, -5 has x < 0: both unusable on log axes); y: 1e-3..1e-2, then /2 and *2
        assertArrayEquals(new double[] {1, 10, 5e-4, 2e-2}, p.ranges(), 1e-15);
        LinePlot lin = new LinePlot().add(new LinePlot.Series("b", new double[] {0, 1}, new double[] {-1, 1}, null, Color.RED, LinePlot.Style.LINE));
        assertArrayEquals(new double[] {0, 1, -1.1, 1.1}, lin.ranges(), 1e-12);
        LinePlot capped = new LinePlot().log(false, true).decades(2)
                .add(new LinePlot.Series("c", new double[] {1, 2}, new double[] {1e-9, 1}, null, Color.RED, LinePlot.Style.LINE));
        assertEquals(1e-2 / 2, capped.ranges()[2], 1e-15, "at most two decades below the top");
        // y limits cap a wild point, and leave a narrower range as the data ask
        LinePlot limited = new LinePlot().yLimits(-20, 20)
                .add(new LinePlot.Series("d", new double[] {0, 1, 2}, new double[] {-1, 1, 300}, null, Color.RED, LinePlot.Style.POINTS));
        assertArrayEquals(new double[] {0, 2, -1 - 1.05, 20 + 1.05}, limited.ranges(), 1e-12);
        LinePlot narrow = new LinePlot().yLimits(-20, 20).add(new LinePlot.Series("e", new double[] {0, 1}, new double[] {-1, 1}, null, Color.RED,
                LinePlot.Style.LINE));
        assertArrayEquals(lin.ranges(), narrow.ranges(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new LinePlot().yLimits(1, 1));
    }

    @Test
    void everySeriesIsDrawnInItsColourAndTheLegendNamesIt() {
        Color line = new Color(10, 200, 30), pts = new Color(200, 20, 120);
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8};
        double[] y = {1, 0.5, 0.3, 0.2, 0.15, 0.1, 0.08, 0.06};
        BufferedImage img = new LinePlot().log(true, true).title("t").labels("ℓ", "C_ℓ").note("a note")
                .add(new LinePlot.Series("line", x, y, null, line, LinePlot.Style.LINE))
                .add(new LinePlot.Series("points", x, y, new double[] {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}, pts, LinePlot.Style.POINTS))
                .render(600, 400, 1);
        assertEquals(600, img.getWidth());
        assertTrue(count(img, line) > 100, "line pixels: " + count(img, line));
        assertTrue(count(img, pts) > 8 * 10, "point pixels: " + count(img, pts));
        // the frame's corners are white paper, the legend swatches sit in the top right quarter
        assertEquals(Color.WHITE.getRGB(), img.getRGB(1, 1));
        int inLegend = 0;
        for (int yy = 0; yy < 120; yy++) for (int xx = 300; xx < 600; xx++) if ((img.getRGB(xx, yy) & 0xFFFFFF) == (line.getRGB() & 0xFFFFFF)) inLegend++;
        assertTrue(inLegend > 20, "legend swatch: " + inLegend);
    }

    @Test
    void ticksAreDecadesOnLogAndRoundStepsOnLinearAxes() {
        List<Ticks.Tick> log = Ticks.of(0.5, 200, true);
        assertTrue(log.stream().filter(Ticks.Tick::major).map(Ticks.Tick::label).toList().containsAll(List.of("1", "10", "100")));
        assertTrue(log.stream().anyMatch(t -> !t.major() && Math.abs(t.value() - 0.5) < 1e-12));
        List<Ticks.Tick> lin = Ticks.of(0, 1, false);
        assertEquals(List.of("0", "0.2", "0.4", "0.6", "0.8", "1"), lin.stream().map(Ticks.Tick::label).toList());
        assertEquals(List.of("10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "1", "10", "100", "1000", "10⁴"),
                Ticks.of(1e-4, 1e4, true).stream().filter(Ticks.Tick::major).map(Ticks.Tick::label).toList(), "decades as powers of ten");
        assertEquals("10⁻¹²", Ticks.decade(-12));
        assertEquals("0.5", Ticks.significant(0.5000000001, 3));
        assertEquals("12.5", Ticks.significant(12.5, 3));
    }

    /** A series with nothing to draw (no finite points, or none a log axis can show) is left out of the legend. */
    @Test
    void theLegendListsOnlyWhatIsDrawn() {
        LinePlot p = new LinePlot().log(true, true)
                .add(new LinePlot.Series("drawn", new double[] {1, 10}, new double[] {1, 2}, null, Color.RED, LinePlot.Style.LINE))
                .add(new LinePlot.Series("all NaN", new double[] {1, 10}, new double[] {Double.NaN, Double.NaN}, null, Color.BLUE, LinePlot.Style.LINE))
                .add(new LinePlot.Series("negative", new double[] {1, 10}, new double[] {-1, -2}, null, Color.GREEN, LinePlot.Style.POINTS));
        assertEquals(List.of("drawn"), p.legendNames());
        // a point beyond the y range whose error bar reaches into it is drawn (its bar): listed
        LinePlot q = new LinePlot().yLimits(-10, 10)
                .add(new LinePlot.Series("in", new double[] {1, 2}, new double[] {0, 1}, null, Color.RED, LinePlot.Style.POINTS))
                .add(new LinePlot.Series("bar only", new double[] {1}, new double[] {30}, new double[] {25}, Color.ORANGE, LinePlot.Style.POINTS))
                .add(new LinePlot.Series("off", new double[] {1}, new double[] {30}, new double[] {5}, Color.BLUE, LinePlot.Style.POINTS));
        assertEquals(List.of("in", "bar only"), q.legendNames());
    }

    @Test
    void aTooSmallFigureIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LinePlot().render(50, 400, 1));
    }
}
