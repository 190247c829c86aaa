package org.anisoscope.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnimationsTest {
    @TempDir Path dir;

    /** A frame of few colours: a white background, a coloured square that moves, a red dot. */
    private static BufferedImage frame(int k) {
        BufferedImage img = new BufferedImage(64, 40, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 64; x++) {
                int argb = 0xFFFFFFFF;
                if (x >= 8 * k && x < 8 * k + 10 && y >= 10 && y < 20) argb = 0xFF2060A0 + k;
                if (x == 60 && y == 2) argb = 0xFFFF0000;
                img.setRGB(x, y, argb);
            }
        }
        return img;
    }

    @Test
    void framesDelaysLoopAndCommentSurviveAReadBack() throws Exception {
        List<BufferedImage> frames = new ArrayList<>();
        for (int k = 0; k < 4; k++) frames.add(frame(k));
        Path gif = dir.resolve("a.gif");
        Animations.writeGif(gif, Animations.of(frames), 250, 1500, "anisoscope test; seed=7");

        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            assertEquals(4, reader.getNumImages(true));
            for (int k = 0; k < 4; k++) {
                BufferedImage back = reader.read(k);
                assertEquals(64, back.getWidth());
                assertEquals(40, back.getHeight());
                // fewer than 256 colours in all: the palette holds each exactly
                for (int y = 0; y < 40; y++) {
                    for (int x = 0; x < 64; x++) {
                        assertEquals(frames.get(k).getRGB(x, y) & 0xFFFFFF, back.getRGB(x, y) & 0xFFFFFF, "frame " + k + " at " + x + "," + y);
                    }
                }
                IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(k).getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode gce = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
                assertEquals(k == 3 ? "150" : "25", gce.getAttribute("delayTime"));
                boolean loops = false, comment = false;
                var apps = root.getElementsByTagName("ApplicationExtension");
                for (int i = 0; i < apps.getLength(); i++) {
                    IIOMetadataNode a = (IIOMetadataNode) apps.item(i);
                    byte[] data = (byte[]) a.getUserObject();
                    loops |= "NETSCAPE".equals(a.getAttribute("applicationID")) && data[0] == 1 && data[1] == 0 && data[2] == 0;
                }
                var comments = root.getElementsByTagName("CommentExtension");
                for (int i = 0; i < comments.getLength(); i++)
                    comment |= ((IIOMetadataNode) comments.item(i)).getAttribute("value").contains("seed=7");
                assertEquals(k == 0, loops, "the loop extension belongs on the first frame");
                assertEquals(k == 0, comment, "the comment belongs on the first frame");
            }
        } finally {
            reader.dispose();
        }
    }

    @Test
    void withoutACommentTheAnimationStillLoops() throws Exception {
        Path gif = dir.resolve("plain.gif");
        Animations.writeGif(gif, Animations.of(List.of(frame(0), frame(1))), 100, 100, null);
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            assertEquals("NETSCAPE", ((IIOMetadataNode) root.getElementsByTagName("ApplicationExtension").item(0)).getAttribute("applicationID"));
            assertEquals(0, root.getElementsByTagName("CommentExtension").getLength());
        } finally {
            reader.dispose();
        }
    }

    @Test
    void aSmoothGradientIsQuantisedCloselyAndTheSameWayEveryTime() {
        // 4096 colours along a colour-map-like path: more than a GIF palette holds
        Map<Integer, int[]> histogram = new HashMap<>();
        int[] colours = new int[4096];
        for (int i = 0; i < colours.length; i++) {
            double t = i / 4095.0;
            int r = (int) Math.round(255 * t), g = (int) Math.round(255 * Math.sin(Math.PI * t)), b = (int) Math.round(255 * (1 - t));
            colours[i] = (r << 16) | (g << 8) | b;
            histogram.computeIfAbsent(colours[i], c -> new int[1])[0] += 1 + (i % 7);
        }
        histogram.put(0xFFFFFF, new int[] {1_000_000}); // a dominant background must not swallow the palette
        histogram.put(0x00AA00, new int[] {3});          // a rare, distinct marker colour keeps its own entry
        Animations.Palette p = Animations.Palette.medianCut(histogram, 256);
        assertEquals(256, p.size());
        int worst = 0;
        for (int c : colours) worst = Math.max(worst, maxChannelError(c, p.colour(p.index(c))));
        // the path is ~1000 channel steps long; 256 boxes give steps of ~4, so a nearest entry is within ~4 per channel
        assertTrue(worst <= 6, "worst channel error " + worst);
        assertEquals(0xFFFFFF, p.colour(p.index(0xFFFFFF)));
        assertEquals(0x00AA00, p.colour(p.index(0x00AA00)));
        Animations.Palette again = Animations.Palette.medianCut(new HashMap<>(histogram), 256);
        for (int i = 0; i < p.size(); i++) assertEquals(p.colour(i), again.colour(i));
    }

    private static int maxChannelError(int a, int b) {
        int e = 0;
        for (int s = 0; s <= 16; s += 8) e = Math.max(e, Math.abs(((a >> s) & 255) - ((b >> s) & 255)));
        return e;
    }

    @Test
    void translucentPixelsAreCompositedOntoWhite() {
        assertEquals(0xFFFFFF, Animations.opaque(0x00000000));
        assertEquals(0x808080, Animations.opaque(0x80000000) & 0xFFFFFF, 0x010101);
        assertEquals(0x123456, Animations.opaque(0xFF123456));
    }

    @Test
    void badFramesOrDelaysAreRefusedAndLeaveNoFile() throws Exception {
        Path gif = dir.resolve("b.gif");
        List<BufferedImage> mixed = List.of(frame(0), new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Animations.writeGif(gif, Animations.of(mixed), 200, 200, null));
        assertTrue(e.getMessage().contains("same size"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Animations.writeGif(gif, Animations.of(List.of()), 200, 200, null));
        e = assertThrows(IllegalArgumentException.class, () -> Animations.writeGif(gif, Animations.of(List.of(frame(0))), 5, 200, null));
        assertTrue(e.getMessage().contains("frame time"), e.getMessage());
        assertFalse(Files.exists(gif));
        // an existing file survives a failed write
        Files.writeString(gif, "old");
        assertThrows(IllegalArgumentException.class, () -> Animations.writeGif(gif, Animations.of(mixed), 200, 200, null));
        assertEquals("old", Files.readString(gif));
        // a frame that fails while the file is being written (pass 2)
        int[] reads = {0};
        Animations.FrameSource failing = new Animations.FrameSource() {
            @Override public int count() { return 2; }
            @Override public BufferedImage frame(int k) throws java.io.IOException {
                if (++reads[0] > 3) throw new java.io.IOException("renderer gave up");
                return AnimationsTest.frame(k);
            }
        };
        java.io.IOException io = assertThrows(java.io.IOException.class, () -> Animations.writeGif(gif, failing, 200, 200, null));
        assertTrue(io.getMessage().contains("renderer gave up"), io.getMessage());
        assertEquals("old", Files.readString(gif));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }
}
