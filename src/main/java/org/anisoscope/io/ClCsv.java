package org.anisoscope.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Angular power spectra as CSV: a header line {@code l,cl}, then one row per multipole from l = 0. */
public final class ClCsv {
    private ClCsv() {}

    public static void write(Path file, double[] cl) throws IOException {
        StringBuilder sb = new StringBuilder("l,cl\n");
        for (int l = 0; l < cl.length; l++) sb.append(l).append(',').append(fmt(cl[l])).append('\n');
        AtomicFiles.writeString(file, sb.toString());
    }

    /** Shortest text that reads back to the same double. */
    public static String fmt(double v) {
        return Double.toString(v).toLowerCase(Locale.ROOT);
    }

    /** Reads a CSV written by {@link #write}: returns C_l indexed by l. */
    public static double[] read(Path file) throws IOException {
        if (!Files.isReadable(file)) throw new IOException(file + ": no such readable file");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).trim().startsWith("l,cl")) {
            throw new IOException(file + ": expected a header line 'l,cl'");
        }
        List<Double> cl = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) continue;
            String[] f = line.split(",");
            try {
                int l = Integer.parseInt(f[0].trim());
                if (l != cl.size()) throw new IOException(file + ": line " + (i + 1) + " has l = " + l + ", expected " + cl.size());
                cl.add(Double.parseDouble(f[1].trim()));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException(file + ": line " + (i + 1) + " is not 'l,cl'");
            }
        }
        double[] out = new double[cl.size()];
        for (int i = 0; i < out.length; i++) out[i] = cl.get(i);
        return out;
    }
}
