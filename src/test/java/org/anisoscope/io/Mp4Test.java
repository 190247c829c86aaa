package org.anisoscope.io;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jcodec.api.FrameGrab;
import org.jcodec.common.Codec;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.model.Picture;
import org.jcodec.scale.AWTUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MP4s read back: an MP4 container, H.264, the frames asked for (the last held), their size (padded to even), their colours. */
class Mp4Test {
    @TempDir Path dir;

    static BufferedImage frame(int k, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setColor(k % 2 == 0 ? new Color(200, 30, 30) : new Color(30, 30, 200));
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    @Test
    void anAnimationReadsBackFrameForFrame() throws Exception {
        Path mp4 = dir.resolve("a.mp4");
        int n = 5, w = 321, h = 161; // odd: padded to 322 x 162
        Animations.writeMp4(mp4, new Animations.FrameSource() {
            @Override public int count() { return n; }

            @Override public BufferedImage frame(int k) { return Mp4Test.frame(k, w, h); }
        }, 200, 600, "made by a test; seed 7");
        var text = Animations.userData(mp4);
        assertEquals("made by a test; seed 7", text.get("\u00a9cmt"), "the comment in the movie's user data: " + text);
        assertTrue(text.get("\u00a9too").startsWith("anisoscope "), text.toString());
        byte[] head = Files.readAllBytes(mp4);
        assertEquals("ftyp", new String(head, 4, 4, java.nio.charset.StandardCharsets.US_ASCII), "an MP4 (ISO base media) container");
        FrameGrab grab = FrameGrab.createFrameGrab(NIOUtils.readableChannel(mp4.toFile()));
        assertEquals(Codec.H264, grab.getVideoTrack().getMeta().getCodec());
        assertEquals(n + 2, grab.getVideoTrack().getMeta().getTotalFrames(), "the last frame held 600 ms at 200 ms a frame: three times");
        Picture p;
        int k = 0;
        while ((p = grab.getNativeFrame()) != null) {
            BufferedImage img = AWTUtil.toBufferedImage(p);
            assertEquals(322, img.getWidth());
            assertEquals(162, img.getHeight());
            Color c = new Color(img.getRGB(100, 80));
            boolean red = Math.min(k, n - 1) % 2 == 0;
            assertTrue(red ? c.getRed() > 150 && c.getBlue() < 90 : c.getBlue() > 150 && c.getRed() < 90, "frame " + k + ": " + c);
            k++;
        }
        assertEquals(n + 2, k);
        assertTrue(Files.getPosixFilePermissions(mp4).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ));
    }
}
