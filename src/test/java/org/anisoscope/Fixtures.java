package org.anisoscope;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the healpy reference fixtures made by src/test/python/make_healpy_fixtures.py. */
public final class Fixtures {
    private Fixtures() {}

    /** Rows of a CSV fixture (header line skipped). */
    public static double[][] csv(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/healpy/" + name)) {
            if (in == null) throw new IllegalStateException("missing fixture " + name);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            r.readLine();
            List<double[]> rows = new ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) continue;
                String[] f = line.split(",");
                double[] row = new double[f.length];
                for (int i = 0; i < f.length; i++) row[i] = Double.parseDouble(f[i]);
                rows.add(row);
            }
            return rows.toArray(new double[0][]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** First column of a CSV fixture. */
    public static double[] column(String name) {
        double[][] rows = csv(name);
        double[] c = new double[rows.length];
        for (int i = 0; i < rows.length; i++) c[i] = rows[i][0];
        return c;
    }

    /** Copies a binary fixture to a file in dir and returns its path. */
    public static Path copy(String name, Path dir) throws IOException {
        try (InputStream in = Fixtures.class.getResourceAsStream("/healpy/" + name)) {
            if (in == null) throw new IllegalStateException("missing fixture " + name);
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }
}
