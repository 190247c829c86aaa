package org.anisoscope.gui;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A view's message (why there is no map, no trajectories) wraps to the view instead of running off both sides. */
@ExtendWith(ApplicationExtension.class)
class PlotViewTest {
    @Start
    void start(Stage stage) {
        // the toolkit, for measuring text
    }

    @Test
    void longMessagesWrapAtWordsToTheWidth() {
        String text = "map_snapshot_07.fits is not in the run's folder: the spectra and curves come from summary.json";
        Font font = Font.font(13);
        List<String> lines = PlotView.wrap(text, font, 220);
        assertTrue(lines.size() >= 3, lines.toString());
        assertEquals(text, String.join(" ", lines), "nothing lost, nothing added");
        Text probe = new Text();
        probe.setFont(font);
        for (String line : lines) {
            probe.setText(line);
            assertTrue(probe.getLayoutBounds().getWidth() <= 220 || !line.contains(" "), line);
        }
        assertEquals(List.of("short"), PlotView.wrap("short", font, 220));
    }
}
