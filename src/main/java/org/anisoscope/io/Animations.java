package org.anisoscope.io;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Animated GIFs (a sky map or a spectrum as the backtracking time grows, for talks): every frame
 * is mapped to one shared 256-colour palette, so colours do not flicker between frames, and the
 * file loops forever and carries a comment saying what made it. Written atomically.
 *
 * <p>The frames come from a {@link FrameSource} that is read twice — once to choose the palette
 * from all frames' colours, once to write — so a long animation needs one frame in memory, not all.
 */
public final class Animations {
    private Animations() {}

    /** GIF delays are in hundredths of a second; this is the shortest most viewers honour. */
    static final int MIN_DELAY_MS = 20;
    static final int MAX_DELAY_MS = 60_000;

    /** The frames of an animation, all of one size; frame(k) may render on demand. */
    public interface FrameSource {
        int count();

        BufferedImage frame(int k) throws IOException;
    }

    /**
     * Writes an MP4 (H.264, jcodec: no external binary) whole or not at all: every frame shown for
     * delayMs, the last held for lastDelayMs (repeated frames: an MP4 has one frame rate). Frames
     * are padded with white to even sizes, as H.264 needs. The comment (what made it: version,
     * parameters, seed) goes into the movie's user data as its comment ({@code ©cmt}, which ffprobe
     * and players list as "comment"), the software as its encoder ({@code ©too}).
     */
    public static void writeMp4(Path file, FrameSource frames, int delayMs, int lastDelayMs, String comment) throws IOException {
        int n = frames.count();
        if (n < 1) throw new IllegalArgumentException("an animation needs at least one frame");
        checkDelays(delayMs, lastDelayMs);
        // the muxer seeks back to write its index: it writes a file of its own, renamed at the end
        AtomicFiles.writeFile(file, tmp -> {
            try (org.jcodec.common.io.SeekableByteChannel ch = org.jcodec.common.io.NIOUtils.writableChannel(tmp.toFile())) {
                // frames per second as a fraction: 400 ms a frame is 5/2
                org.jcodec.api.awt.AWTSequenceEncoder enc = new org.jcodec.api.awt.AWTSequenceEncoder(ch,
                        org.jcodec.common.model.Rational.R(1000, delayMs));
                int w = -1, h = -1;
                for (int k = 0; k < n; k++) {
                    BufferedImage f = frames.frame(k);
                    if (k == 0) {
                        w = f.getWidth() + (f.getWidth() & 1);
                        h = f.getHeight() + (f.getHeight() & 1);
                    }
                    BufferedImage even = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
                    java.awt.Graphics2D g = even.createGraphics();
                    g.setColor(java.awt.Color.WHITE);
                    g.fillRect(0, 0, w, h);
                    g.drawImage(f, 0, 0, null);
                    g.dispose();
                    int repeats = k == n - 1 ? Math.max(1, (int) Math.round((double) lastDelayMs / delayMs)) : 1;
                    for (int r = 0; r < repeats; r++) enc.encodeImage(even);
                }
                enc.finish();
            }
            addUserData(tmp, comment);
        });
    }

    /** The user-data texts of an MP4 ({@code moov/udta}): four-character key (© as 0xA9) to text, in file order. */
    public static java.util.LinkedHashMap<String, String> userData(Path mp4) throws IOException {
        java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(mp4)) {
            long[] moov = box(ch, 0, ch.size(), "moov");
            if (moov == null) return out;
            long[] udta = box(ch, moov[0] + 8, moov[0] + moov[1], "udta");
            if (udta == null) return out;
            for (long at = udta[0] + 8; at + 12 <= udta[0] + udta[1]; ) {
                java.nio.ByteBuffer head = bytes(ch, at, 12);
                long size = head.getInt() & 0xFFFFFFFFL;
                String type = fourCc(head);
                int len = head.getShort() & 0xFFFF;
                if (size < 12 || len > size - 12) break;
                out.put(type, new String(bytes(ch, at + 12, len).array(), java.nio.charset.StandardCharsets.UTF_8));
                at += size;
            }
        }
        return out;
    }

    /** {offset, size} of the first box of that type among the boxes in [from, to), or null. */
    private static long[] box(java.nio.channels.FileChannel ch, long from, long to, String type) throws IOException {
        for (long at = from; at + 8 <= to; ) {
            java.nio.ByteBuffer head = bytes(ch, at, 16);
            long size = head.getInt() & 0xFFFFFFFFL;
            String t = fourCc(head);
            if (size == 1) size = head.getLong(); // a 64-bit size (the muxer's media data)
            else if (size == 0) size = to - at; // to the end
            if (size < 8) return null;
            if (t.equals(type)) return new long[] {at, size};
            at += size;
        }
        return null;
    }

    /** n bytes of the file from at, ready to read. */
    private static java.nio.ByteBuffer bytes(java.nio.channels.FileChannel ch, long at, int n) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(n);
        ch.read(b, at);
        return b.flip();
    }

    /** A box's four-character type, read from b. */
    private static String fourCc(java.nio.ByteBuffer b) {
        byte[] t = new byte[4];
        b.get(t);
        return new String(t, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * Appends a user-data box with the comment and the software to the movie box, which the muxer
     * writes last: the media data before it do not move, so no offset changes.
     */
    private static void addUserData(Path mp4, String comment) throws IOException {
        if (comment == null || comment.isEmpty()) return;
        java.io.ByteArrayOutputStream items = new java.io.ByteArrayOutputStream();
        String software = "anisoscope " + org.anisoscope.Version.get();
        for (String[] kv : new String[][] {{"\u00a9cmt", comment}, {"\u00a9too", software}}) {
            byte[] text = kv[1].getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (text.length > 0xFFFF) text = java.util.Arrays.copyOf(text, 0xFFFF);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12 + text.length);
            b.putInt(12 + text.length).put(kv[0].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            b.putShort((short) text.length).putShort((short) 0x55C4); // language: und (ISO 639-2, packed)
            b.put(text);
            items.writeBytes(b.array());
        }
        byte[] body = items.toByteArray();
        java.nio.ByteBuffer udta = java.nio.ByteBuffer.allocate(8 + body.length);
        udta.putInt(8 + body.length).put("udta".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).put(body);
        udta.flip();
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(mp4, java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE)) {
            long end = ch.size();
            long[] moov = box(ch, 0, end, "moov");
            if (moov == null || moov[0] + moov[1] != end) throw new IOException("the MP4 muxer did not write its movie box last; cannot add the comment");
            java.nio.ByteBuffer size = java.nio.ByteBuffer.allocate(4).putInt((int) (moov[1] + udta.remaining()));
            size.flip();
            ch.write(udta, end);
            ch.write(size, moov[0]);
        }
    }

    /** Refuses frame times a GIF cannot hold or viewers do not honour. */
    public static void checkDelays(int... ms) {
        for (int d : ms) {
            if (d < MIN_DELAY_MS || d > MAX_DELAY_MS)
                throw new IllegalArgumentException("a frame time must be between " + MIN_DELAY_MS + " and " + MAX_DELAY_MS + " ms; got " + d);
        }
    }

    /** Frames already in memory. */
    public static FrameSource of(List<BufferedImage> frames) {
        return new FrameSource() {
            @Override public int count() { return frames.size(); }
            @Override public BufferedImage frame(int k) { return frames.get(k); }
        };
    }

    /**
     * Writes an endlessly looping animated GIF.
     *
     * @param delayMs time each frame is shown
     * @param lastDelayMs time the last frame is held before the loop starts again
     * @param comment provenance (version, parameters, seed), stored in a GIF comment extension
     */
    public static void writeGif(Path file, FrameSource frames, int delayMs, int lastDelayMs, String comment) throws IOException {
        int n = frames.count();
        if (n < 1) throw new IllegalArgumentException("an animation needs at least one frame");
        checkDelays(delayMs, lastDelayMs);
        // pass 1: the colours of all frames
        Map<Integer, int[]> histogram = new HashMap<>();
        int w = -1, h = -1;
        for (int k = 0; k < n; k++) {
            BufferedImage f = frames.frame(k);
            if (k == 0) {
                w = f.getWidth();
                h = f.getHeight();
            } else if (f.getWidth() != w || f.getHeight() != h) {
                throw new IllegalArgumentException("frame " + (k + 1) + " is " + f.getWidth() + " x " + f.getHeight()
                        + ", the first is " + w + " x " + h + ": all frames must be the same size");
            }
            count(f, histogram);
        }
        Palette palette = Palette.medianCut(histogram, 256);
        // pass 2: write
        int width = w, height = h;
        AtomicFiles.write(file, out -> {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                ImageWriteParam param = writer.getDefaultWriteParam();
                writer.prepareWriteSequence(null); // the first frame's table becomes the global one, the others equal it
                for (int k = 0; k < n; k++) {
                    BufferedImage indexed = palette.apply(frames.frame(k), width, height);
                    IIOMetadata meta = frameMetadata(writer, indexed, param, k == n - 1 ? lastDelayMs : delayMs, k == 0, comment);
                    writer.writeToSequence(new IIOImage(indexed, null, meta), param);
                }
                writer.endWriteSequence();
            } finally {
                writer.dispose();
            }
        });
    }

    private static void count(BufferedImage f, Map<Integer, int[]> histogram) {
        int w = f.getWidth();
        int[] row = new int[w];
        for (int y = 0; y < f.getHeight(); y++) {
            f.getRGB(0, y, w, 1, row, 0, w);
            for (int argb : row) histogram.computeIfAbsent(opaque(argb), c -> new int[1])[0]++;
        }
    }

    /** GIF has no partial transparency: composite onto white, as the figures are drawn. */
    static int opaque(int argb) {
        int a = argb >>> 24;
        if (a == 255) return argb & 0xFFFFFF;
        int r = (argb >> 16) & 255, g = (argb >> 8) & 255, b = argb & 255;
        r = (r * a + 255 * (255 - a) + 127) / 255;
        g = (g * a + 255 * (255 - a) + 127) / 255;
        b = (b * a + 255 * (255 - a) + 127) / 255;
        return (r << 16) | (g << 8) | b;
    }

    private static IIOMetadata frameMetadata(ImageWriter writer, BufferedImage img, ImageWriteParam param, int delayMs, boolean first,
                                             String comment) throws IOException {
        // new ImageTypeSpecifier(img), not createFromRenderedImage: that one swaps in the default web palette
        IIOMetadata meta = writer.getDefaultImageMetadata(new ImageTypeSpecifier(img), param);
        String fmt = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(fmt);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("transparentColorIndex", "0");
        gce.setAttribute("delayTime", Integer.toString(Math.round(delayMs / 10f)));
        if (first) {
            // loop forever (the NETSCAPE2.0 extension: sub-block 1, loop count 0), once, on the first frame
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0});
            child(root, "ApplicationExtensions").appendChild(app);
            if (comment != null) {
                IIOMetadataNode c = new IIOMetadataNode("CommentExtension");
                c.setAttribute("value", comment);
                child(root, "CommentExtensions").appendChild(c);
            }
        }
        meta.setFromTree(fmt, root);
        return meta;
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) return (IIOMetadataNode) root.item(i);
        }
        IIOMetadataNode n = new IIOMetadataNode(name);
        root.appendChild(n);
        return n;
    }

    /**
     * A palette of at most 256 colours chosen by median cut (Heckbert 1982) with a squared-error
     * priority: the box of colours whose pixels lie farthest from its mean in total (Σ count·|c −
     * mean|²) is split at its population's median along its widest-spread channel, until there are
     * enough boxes; each palette entry is its box's population-weighted mean. The priority spends
     * entries where they cut the frames' error most: on the colour map's smooth gradients, yet a
     * rare colour far from all others (a marker) soon earns its own. Frames are then mapped pixel
     * by pixel to the nearest entry, without dithering, so flat areas stay flat.
     */
    static final class Palette {
        private final int[] rgb;
        private final Map<Integer, Byte> nearest = new HashMap<>();

        private Palette(int[] rgb) { this.rgb = rgb; }

        int size() { return rgb.length; }

        int colour(int i) { return rgb[i]; }

        /** Colours c[from..to) (counts n) with their squared error and the channel of widest spread. */
        private record Box(int from, int to, double error, int widestChannel) {
            static Box of(int[] c, int[] n, int from, int to) {
                double w = 0, best = -1, total = 0;
                double[] sum = new double[3], sq = new double[3];
                for (int j = from; j < to; j++) {
                    w += n[j];
                    for (int ch = 0; ch < 3; ch++) {
                        double v = Palette.channel(c[j], ch);
                        sum[ch] += n[j] * v;
                        sq[ch] += n[j] * v * v;
                    }
                }
                int widest = 0;
                for (int ch = 0; ch < 3; ch++) {
                    double e = Math.max(0, sq[ch] - sum[ch] * sum[ch] / w);
                    total += e;
                    if (e > best) {
                        best = e;
                        widest = ch;
                    }
                }
                return new Box(from, to, to - from < 2 ? 0 : total, widest);
            }
        }

        static Palette medianCut(Map<Integer, int[]> histogram, int maxColours) {
            int m = histogram.size();
            // sorted by colour, for a result that does not depend on the hash map's order
            int[] c = histogram.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            int[] n = new int[m];
            for (int j = 0; j < m; j++) n[j] = histogram.get(c[j])[0];
            List<Box> boxes = new ArrayList<>();
            boxes.add(Box.of(c, n, 0, m));
            while (boxes.size() < maxColours) {
                int best = -1;
                for (int b = 0; b < boxes.size(); b++) {
                    if (boxes.get(b).error() > 0 && (best < 0 || boxes.get(b).error() > boxes.get(best).error())) best = b;
                }
                if (best < 0) break; // every box holds one colour
                Box box = boxes.get(best);
                int split = sortAndSplit(c, n, box.from(), box.to(), box.widestChannel());
                boxes.set(best, Box.of(c, n, box.from(), split));
                boxes.add(Box.of(c, n, split, box.to()));
            }
            int[] rgb = new int[boxes.size()];
            for (int b = 0; b < rgb.length; b++) rgb[b] = mean(c, n, boxes.get(b).from(), boxes.get(b).to());
            return new Palette(rgb);
        }

        private static int channel(int rgb, int ch) { return (rgb >> (16 - 8 * ch)) & 255; }

        /** Sorts c[from..to) along ch and returns the split index at the weighted median (both halves non-empty). */
        private static int sortAndSplit(int[] c, int[] n, int from, int to, int ch) {
            int len = to - from;
            long[] keyed = new long[len];
            for (int j = 0; j < len; j++) {
                // channel value, then colour, then the position: a total order
                keyed[j] = ((long) channel(c[from + j], ch) << 48) | ((long) c[from + j] << 24) | j;
            }
            Arrays.sort(keyed);
            int[] c2 = new int[len], n2 = new int[len];
            long total = 0;
            for (int j = 0; j < len; j++) {
                int k = from + (int) (keyed[j] & 0xFFFFFF);
                c2[j] = c[k];
                n2[j] = n[k];
                total += n2[j];
            }
            System.arraycopy(c2, 0, c, from, len);
            System.arraycopy(n2, 0, n, from, len);
            long acc = 0;
            int j = 0;
            while (j < len - 1 && acc + n2[j] <= total / 2) acc += n2[j++];
            return from + Math.max(1, j);
        }

        private static int mean(int[] c, int[] n, int from, int to) {
            double r = 0, g = 0, b = 0, w = 0;
            for (int j = from; j < to; j++) {
                r += (double) n[j] * channel(c[j], 0);
                g += (double) n[j] * channel(c[j], 1);
                b += (double) n[j] * channel(c[j], 2);
                w += n[j];
            }
            return ((int) Math.round(r / w) << 16) | ((int) Math.round(g / w) << 8) | (int) Math.round(b / w);
        }

        /** Index of the palette entry nearest to rgb (squared distance in RGB). */
        int index(int rgb) {
            Byte cached = nearest.get(rgb);
            if (cached != null) return cached & 255;
            int best = 0;
            long bestD = Long.MAX_VALUE;
            for (int i = 0; i < this.rgb.length; i++) {
                long d = 0;
                for (int ch = 0; ch < 3; ch++) {
                    int diff = channel(rgb, ch) - channel(this.rgb[i], ch);
                    d += (long) diff * diff;
                }
                if (d < bestD) {
                    bestD = d;
                    best = i;
                }
            }
            nearest.put(rgb, (byte) best);
            return best;
        }

        BufferedImage apply(BufferedImage f, int w, int h) {
            int size = 256; // a full table: the GIF writer mishandles short ones (it pads and shifts indices)
            byte[] r = new byte[size], g = new byte[size], b = new byte[size];
            for (int i = 0; i < rgb.length; i++) {
                r[i] = (byte) channel(rgb[i], 0);
                g[i] = (byte) channel(rgb[i], 1);
                b[i] = (byte) channel(rgb[i], 2);
            }
            IndexColorModel cm = new IndexColorModel(8, size, r, g, b);
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, cm);
            WritableRaster raster = out.getRaster();
            int[] row = new int[w], idx = new int[w];
            for (int y = 0; y < h; y++) {
                f.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++) idx[x] = index(opaque(row[x]));
                raster.setPixels(0, y, w, 1, idx);
            }
            return out;
        }
    }
}
