package org.anisoscope.plot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A colour table read from assets/colormaps/NAME.csv (lines r,g,b in 0..255). */
public final class Colormap {
    public static final String DIVERGING = "diverging";
    public static final String SEQUENTIAL = "sequential";
    /** Colour of undefined (UNSEEN or NaN) pixels, healpy's grey. */
    public static final int BAD = 0xFF808080;

    private final String name;
    private final int[] argb;

    private Colormap(String name, int[] argb) {
        this.name = name;
        this.argb = argb;
    }

    public static Colormap load(String name) {
        String res = "/assets/colormaps/" + name + ".csv";
        try (InputStream in = Colormap.class.getResourceAsStream(res)) {
            if (in == null) throw new IllegalArgumentException("unknown colour map '" + name + "' (have: diverging, sequential)");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Integer> c = new ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] f = line.split(",");
                c.add(0xFF000000 | Integer.parseInt(f[0].trim()) << 16 | Integer.parseInt(f[1].trim()) << 8
                        | Integer.parseInt(f[2].trim()));
            }
            int[] a = new int[c.size()];
            for (int i = 0; i < a.length; i++) a[i] = c.get(i);
            return new Colormap(name, a);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) throw iae;
            throw new IllegalStateException("colour map " + res + " is damaged: " + e.getMessage(), e);
        }
    }

    public String name() { return name; }

    /** Colour of t in [0, 1] (clipped); NaN gives {@link #BAD}. */
    public int argb(double t) {
        if (Double.isNaN(t)) return BAD;
        int i = (int) Math.floor(t * argb.length);
        return argb[Math.max(0, Math.min(argb.length - 1, i))];
    }
}
