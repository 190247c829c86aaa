package org.anisoscope.run;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.io.AtomicFiles;
import org.anisoscope.io.Json;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.sky.Observation;

/**
 * A run's checkpoint: what it was started with (run.json) and every complete realisation as the
 * ensemble holds it (realisation_NNNNN.bin, exact doubles), each written whole as it finishes. A run
 * continued from it restores those into its ensemble and computes only the rest, so its files are
 * the same, byte for byte apart from wall times, as those of a run never interrupted.
 */
public final class Checkpoint {
    private Checkpoint() {}

    /** The binary realisation file's first bytes and layout version. */
    private static final long MAGIC = 0x414e49534f434b50L; // "ANISOCKP"
    private static final int LAYOUT = 1;
    static final String SPEC = "run.json";

    /**
     * What a run was started with: everything that decides its result (the engine and the thread
     * count do not: the engines are bit-identical at any thread count), and the transforms' path.
     */
    public record Spec(SimulationParameters params, Ensemble.KSource kSource, Double rigidityVolts, Observation.Observatory observatory,
                       String version, String transforms) {}

    /** run.json, field for field. */
    record SpecFile(String what, String version, String transforms, Double rho, Double eta, Double brmsUg, Double outerScalePc, Integer nside,
                    Integer realisations, Long seed, Double lambdaMinRg, Double dt, double[] times, Double gradientAngleDeg, Integer lmax,
                    String kSource, Double rigidityVolts, double[] observatory, Double spectralIndex, String turbulence, Integer modes) {}

    public static void writeSpec(Path dir, Spec s) throws IOException {
        SimulationParameters p = s.params();
        Observation.Observatory o = s.observatory();
        Json.write(dir.resolve(SPEC), new SpecFile("the parameters an anisoscope run was started with, to resume it (simulate --resume)",
                // the SIMD and scalar transforms' spectra differ in the last bits (their sums' order): a resumed run says so
                s.version(), s.transforms(), p.rho(), p.eta(), p.brmsMicroGauss(), p.outerScalePc(), p.nside(), p.realisations(), p.seed(),
                p.lambdaMinRg(), p.dt(), p.times(), p.gradientAngleDeg(), p.lmax(), s.kSource().name().toLowerCase(Locale.ROOT), s.rigidityVolts(),
                o == null ? null : new double[] {o.raDeg(), o.decDeg(), o.decLo(), o.decHi(), o.perDeclination() ? 1 : 0}, p.spectralIndex(),
                p.geometry().word(), p.slab() ? null : p.modes()));
    }

    public static Spec readSpec(Path dir) throws IOException {
        Path f = dir.resolve(SPEC);
        SpecFile n = Json.typed(Json.read(f), SpecFile.class, f);
        if (java.util.stream.Stream.of(n.rho(), n.eta(), n.brmsUg(), n.outerScalePc(), n.nside(), n.realisations(), n.seed(), n.lambdaMinRg(), n.dt(),
                n.times(), n.gradientAngleDeg(), n.lmax(), n.kSource()).anyMatch(java.util.Objects::isNull))
            throw new IOException(f + ": damaged (a parameter is missing); start the run again with --force");
        try {
            SimulationParameters p = new SimulationParameters(n.rho(), n.eta(), n.brmsUg(), n.outerScalePc(), n.nside(), n.realisations(), n.seed(),
                    n.lambdaMinRg(), n.dt(), n.times(), n.gradientAngleDeg(), n.lmax(),
                    n.spectralIndex() == null ? org.anisoscope.physics.Qlt.KOLMOGOROV : n.spectralIndex(), // kept before q: Kolmogorov
                    n.turbulence() == null ? org.anisoscope.physics.Geometry.SLAB : org.anisoscope.physics.Geometry.parse(n.turbulence()), // before: slab
                    n.modes() == null ? 0 : n.modes());
            Ensemble.KSource ks = Ensemble.KSource.valueOf(n.kSource().toUpperCase(Locale.ROOT));
            double[] v = n.observatory();
            Observation.Observatory o = v == null ? null : new Observation.Observatory(v[0], v[1], v[2], v[3], v[4] != 0);
            return new Spec(p, ks, n.rigidityVolts(), o, n.version() == null ? "?" : n.version(), n.transforms() == null ? "?" : n.transforms());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IOException(f + ": damaged (" + e.getMessage() + "); start the run again with --force");
        }
    }

    static String fileName(int r) {
        return String.format(Locale.ROOT, "realisation_%05d.bin", r);
    }

    /** Writes complete realisation x (of seed seed) whole, or not at all. */
    public static void write(Path dir, Ensemble.Realisation x, long seed) throws IOException {
        AtomicFiles.write(dir.resolve(fileName(x.index())), raw -> {
            CRC32 crc = new CRC32();
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc));
            out.writeLong(MAGIC);
            out.writeInt(LAYOUT);
            out.writeInt(x.index());
            out.writeLong(seed);
            matrix(out, x.spectra());
            out.writeBoolean(x.seenSpectra() != null);
            if (x.seenSpectra() != null) matrix(out, x.seenSpectra());
            matrix(out, x.phiA());
            matrix(out, x.phiB());
            row(out, x.z2());
            row(out, x.wPerp());
            row(out, x.localField());
            out.writeBoolean(x.mapA() != null);
            if (x.mapA() != null) {
                matrix(out, x.mapA());
                matrix(out, x.mapB());
                out.writeInt(x.pathPixels().length);
                for (int v : x.pathPixels()) out.writeInt(v);
                out.writeInt(x.paths().length);
                for (float[] path : x.paths()) {
                    out.writeInt(path.length);
                    for (float v : path) out.writeFloat(v);
                }
            }
            out.flush();
            raw.write(java.nio.ByteBuffer.allocate(8).putLong(crc.getValue()).array());
        });
    }

    /**
     * The complete realisations 0, 1, .. kept in dir, in order, each checked (its seed is the one the
     * run gives it, its checksum holds); stops at the first missing one. A damaged file is refused by name.
     */
    public static List<Ensemble.Realisation> read(Path dir, SimulationParameters p) throws IOException {
        return read(dir, p, 0, p.realisations());
    }

    /** The same for realisations from, from + 1, .. below to (a shard's). */
    public static List<Ensemble.Realisation> read(Path dir, SimulationParameters p, int from, int to) throws IOException {
        List<Ensemble.Realisation> out = new ArrayList<>();
        for (int r = from; r < to; r++) {
            Path f = dir.resolve(fileName(r));
            if (!Files.isRegularFile(f)) break;
            out.add(readOne(f, r, p.realisationSeed(r)));
        }
        return out;
    }

    /** The realisations whose files dir holds, in increasing order. */
    public static List<Integer> indices(Path dir) throws IOException {
        List<Integer> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "realisation_*.bin")) {
            for (Path f : s) {
                String n = f.getFileName().toString();
                try {
                    out.add(Integer.parseInt(n.substring("realisation_".length(), n.length() - ".bin".length())));
                } catch (NumberFormatException e) {
                    // not one of ours
                }
            }
        }
        java.util.Collections.sort(out);
        return out;
    }

    /** Reads realisation r's file in dir, checked: its seed, its checksum. */
    public static Ensemble.Realisation readRealisation(Path dir, SimulationParameters p, int r) throws IOException {
        return readOne(dir.resolve(fileName(r)), r, p.realisationSeed(r));
    }

    /** How many realisation files dir holds (whatever their order). */
    static int count(Path dir) throws IOException {
        int n = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "realisation_*.bin")) {
            for (Path ignored : s) n++;
        }
        return n;
    }

    private static Ensemble.Realisation readOne(Path f, int r, long seed) throws IOException {
        CRC32 crc = new CRC32();
        try (DataInputStream in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(Files.newInputStream(f), 1 << 16), crc))) {
            if (in.readLong() != MAGIC) throw damaged(f, "not a realisation checkpoint");
            int layout = in.readInt();
            if (layout != LAYOUT) throw damaged(f, "layout " + layout + " is not " + LAYOUT + " (another version of anisoscope)");
            if (in.readInt() != r) throw damaged(f, "it holds another realisation");
            if (in.readLong() != seed) throw damaged(f, "its seed is not the run's realisation seed");
            double[][] spectra = matrix(in);
            double[][] seen = in.readBoolean() ? matrix(in) : null;
            double[][] phiA = matrix(in), phiB = matrix(in);
            double[] z2 = row(in), wPerp = row(in), local = row(in);
            double[][] mapA = null, mapB = null;
            int[] pix = null;
            float[][] paths = null;
            if (in.readBoolean()) {
                mapA = matrix(in);
                mapB = matrix(in);
                pix = new int[length(in)];
                for (int i = 0; i < pix.length; i++) pix[i] = in.readInt();
                paths = new float[length(in)][];
                for (int j = 0; j < paths.length; j++) {
                    paths[j] = new float[length(in)];
                    for (int i = 0; i < paths[j].length; i++) paths[j][i] = in.readFloat();
                }
            }
            long sum = crc.getValue();
            if (in.readLong() != sum || in.read() != -1) throw damaged(f, "its checksum does not hold");
            if (r == 0 && mapA == null) throw damaged(f, "realisation 0 without its maps");
            return new Ensemble.Realisation(r, spectra, seen, phiA, phiB, z2, wPerp, local, mapA, mapB, pix, paths);
        } catch (EOFException e) {
            throw damaged(f, "it ends early");
        }
    }

    private static IOException damaged(Path f, String why) {
        return new IOException(f + " is damaged (" + why + "); delete it and resume: its realisation is computed again");
    }

    private static void row(DataOutputStream out, double[] v) throws IOException {
        out.writeInt(v.length);
        for (double x : v) out.writeDouble(x);
    }

    private static void matrix(DataOutputStream out, double[][] m) throws IOException {
        out.writeInt(m.length);
        for (double[] v : m) row(out, v);
    }

    private static int length(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 28) throw new EOFException();
        return n;
    }

    private static double[] row(DataInputStream in) throws IOException {
        double[] v = new double[length(in)];
        for (int i = 0; i < v.length; i++) v[i] = in.readDouble();
        return v;
    }

    private static double[][] matrix(DataInputStream in) throws IOException {
        double[][] m = new double[length(in)][];
        for (int i = 0; i < m.length; i++) m[i] = row(in);
        return m;
    }
}
