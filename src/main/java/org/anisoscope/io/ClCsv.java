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

    /** Reads a CSV written by {@link #write} (leading '#' comment lines allowed): returns C_l indexed by l. */
    public static double[] read(Path file) throws IOException {
        if (!Files.isReadable(file)) throw new IOException(file + ": no such readable file");
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        int skipped = 0; // comment lines, so that the line numbers in messages are the file's
        while (!lines.isEmpty() && lines.get(0).trim().startsWith("#")) {
            lines.remove(0);
            skipped++;
        }
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
                if (l != cl.size()) throw new IOException(file + ": line " + (i + 1 + skipped) + " has l = " + l + ", expected " + cl.size());
                cl.add(number(f[1]));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException(file + ": line " + (i + 1 + skipped) + " is not 'l,cl'");
            }
        }
        double[] out = new double[cl.size()];
        for (int i = 0; i < out.length; i++) out[i] = cl.get(i);
        return out;
    }

    /** A measured spectrum: C_l and its 1-sigma error by l (NaN where a multipole is missing), and where it came from. */
    /** line: the file's line number of each l's row (0 where the file has none). */
    public record Spectrum(double[] cl, double[] sigma, String source, int[] line) {
        /**
         * Refuses rows a fit would have to drop while still claiming their multipoles: a C_l that is
         * not a finite number, or an error that is missing, not finite or not positive; by line number.
         */
        public void requireFitRows() throws IOException {
            List<Integer> bad = new ArrayList<>();
            for (int l = 0; l < cl.length; l++) {
                if (line[l] == 0) continue;
                // beyond ±1e150 the fit's squares overflow
            if (!(Math.abs(cl[l]) < 1e150) || !(sigma[l] > 1e-150 && sigma[l] < 1e150)) bad.add(line[l]);
            }
            if (bad.isEmpty()) return;
            throw new IOException(source + ": " + bad.size() + (bad.size() == 1 ? " row has" : " rows have") + " a C_l that is not a finite number "
                    + "below 1e150, or an error that is missing, not positive or outside 1e-150..1e150 (line" + (bad.size() == 1 ? " " : "s ")
                    + String.join(", ", bad.stream().limit(10).map(String::valueOf).toList()) + (bad.size() > 10 ? ", .." : "")
                    + "); give those multipoles a finite C_l and a positive error, or leave their rows out");
        }
    }

    /** The largest multipole a spectrum file may hold (a guard against a column mix-up, not a physical limit). */
    public static final int MAX_L = 100_000;

    /**
     * Reads a spectrum with errors: a header {@code l,<C_l>,<sigma_l>[,...]} — the columns named
     * cl_sub and cl_sub_err when present (the window's and simulate's files), else the second and
     * third — then one row per multipole, in any order, from any l (observed spectra often start
     * at l = 1). Lines starting with '#' are comments; an empty field is NaN (left out of fits).
     */
    public static Spectrum readWithErrors(Path file) throws IOException {
        if (!Files.isReadable(file) || Files.isDirectory(file)) throw new IOException(file + ": no such readable file");
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        // comment lines (the window's export records version and time there) are left out; messages give the file's own line numbers
        List<String> lines = new ArrayList<>();
        List<Integer> lineNo = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).startsWith("#")) continue;
            lines.add(all.get(i));
            lineNo.add(i + 1);
        }
        if (lines.isEmpty()) throw new IOException(file + ": empty");
        String[] head = lines.get(0).trim().toLowerCase(Locale.ROOT).split(",");
        if (head.length < 3 || !head[0].trim().equals("l"))
            throw new IOException(file + ": expected a header 'l,<C_l>,<sigma_l>[,...]' (at least three columns)");
        int ic = 1, is = 2;
        for (int i = 0; i < head.length; i++) {
            if (head[i].trim().equals("cl_sub")) ic = i;
            if (head[i].trim().equals("cl_sub_err")) is = i;
        }
        java.util.TreeMap<Integer, double[]> rows = new java.util.TreeMap<>();
        java.util.Map<Integer, Integer> lineOf = new java.util.HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) continue;
            String[] f = line.split(",", -1);
            int l;
            double[] v;
            try {
                l = Integer.parseInt(f[0].trim());
                v = new double[] {field(f, ic), field(f, is)};
            } catch (NumberFormatException e) {
                throw new IOException(file + ": line " + lineNo.get(i) + " is not 'l,C_l,sigma_l': " + line);
            }
            if (l < 0 || l > MAX_L) throw new IOException(file + ": line " + lineNo.get(i) + ": l = " + l + " is outside 0.." + MAX_L);
            if (rows.put(l, v) != null) throw new IOException(file + ": line " + lineNo.get(i) + ": l = " + l + " appears twice");
            lineOf.put(l, lineNo.get(i));
        }
        if (rows.isEmpty()) throw new IOException(file + ": no multipoles after the header");
        int n = rows.lastKey() + 1;
        double[] cl = new double[n], sigma = new double[n];
        java.util.Arrays.fill(cl, Double.NaN);
        java.util.Arrays.fill(sigma, Double.NaN);
        for (var e : rows.entrySet()) {
            cl[e.getKey()] = e.getValue()[0];
            sigma[e.getKey()] = e.getValue()[1];
        }
        int[] line = new int[n];
        for (var e : lineOf.entrySet()) line[e.getKey()] = e.getValue();
        return new Spectrum(cl, sigma, file.toString(), line);
    }

    private static double field(String[] f, int i) {
        return i < f.length && !f[i].isBlank() ? number(f[i]) : Double.NaN;
    }

    /** A number as {@link #fmt} writes it (nan, infinity in lower case, as numpy also reads them) or Java does. */
    public static double number(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "nan" -> Double.NaN;
            case "inf", "infinity", "+inf", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(t);
        };
    }
}
