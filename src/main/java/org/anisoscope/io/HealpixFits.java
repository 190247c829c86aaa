package org.anisoscope.io;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.util.FitsOutputStream;
import org.anisoscope.sky.Healpix;

/**
 * HEALPix maps in FITS as healpy writes and reads them: an empty primary HDU and a binary table
 * with one column (1024 values per row when npix > 1024), PIXTYPE = 'HEALPIX', ORDERING = 'RING',
 * NSIDE, FIRSTPIX, LASTPIX, INDXSCHM = 'IMPLICIT', OBJECT = 'FULLSKY'. Reading accepts RING or
 * NESTED ordering (NESTED is reordered to RING, as healpy.read_map does) and any numeric column.
 */
public final class HealpixFits {
    private HealpixFits() {}

    /** A map with the header keywords it was written with (beyond the HEALPix ones). */
    public record SkyMap(double[] values, int nside, Map<String, String> keywords) {}

    /**
     * The header cards {@link #read} returns: the unit, the coordinate system and the provenance
     * this project writes (version, seed, parameters, backtracking time) and where an observed map looks (B0, the
     * band, whether the declination means are out). Layout cards (ORDERING,
     * NSIDE, ...) are left out on purpose: they describe the file, not the map, and must not be
     * copied into another file (a NESTED file is returned in RING order).
     */
    static final String[] KEPT_KEYWORDS = {"TUNIT1", "COORDSYS", "VERSION", "SEED", "CREATOR", "TIME", "RHO", "ETA", "SPECIDX", "TURBMODE", "KZZ", "GRADANG", "B0RA",
            "B0DEC", "DECMIN", "DECMAX", "DECMEANS"};

    /**
     * Writes a RING map atomically. {@code keywords} are extra header cards (e.g. SEED, VERSION);
     * keys are upper-cased and cut to 8 characters as FITS requires.
     */
    public static void write(Path file, double[] map, String column, String unit, Map<String, String> keywords)
            throws IOException {
        int nside = Healpix.npix2nside(map.length);
        int npix = map.length;
        int perRow = npix > 1024 ? 1024 : 1;
        int rows = npix / perRow;
        try {
            BinaryTable table = new BinaryTable();
            if (perRow == 1) {
                table.addColumn(map.clone());
            } else {
                double[][] data = new double[rows][perRow];
                for (int r = 0; r < rows; r++) System.arraycopy(map, r * perRow, data[r], 0, perRow);
                table.addColumn(data);
            }
            BinaryTableHDU hdu = table.toHDU();
            hdu.setColumnName(0, column == null ? "T" : column, null);
            Header h = hdu.getHeader();
            if (unit != null && !unit.isEmpty()) h.addValue("TUNIT1", unit, "physical unit of field 1");
            h.addValue("PIXTYPE", "HEALPIX", "HEALPIX pixelisation");
            h.addValue("ORDERING", "RING", "Pixel ordering scheme, either RING or NESTED");
            h.addValue("EXTNAME", "xtension", "name of this binary table extension");
            h.addValue("NSIDE", nside, "Resolution parameter of HEALPIX");
            h.addValue("FIRSTPIX", 0, "First pixel # (0 based)");
            h.addValue("LASTPIX", npix - 1, "Last pixel # (0 based)");
            h.addValue("INDXSCHM", "IMPLICIT", "Indexing: IMPLICIT or EXPLICIT");
            h.addValue("OBJECT", "FULLSKY", "Sky coverage, either FULLSKY or PARTIAL");
            if (keywords != null) {
                for (Map.Entry<String, String> e : keywords.entrySet()) {
                    String key = e.getKey().toUpperCase();
                    key = key.length() > 8 ? key.substring(0, 8) : key;
                    if (h.containsKey(key) && !key.equals("TUNIT1"))
                        throw new IllegalArgumentException("header keyword " + key + " describes the file's layout and is set by the writer");
                    h.addValue(key, e.getValue(), null);
                }
            }
            Fits fits = new Fits();
            BasicHDU<?> primary = BasicHDU.getDummyHDU();
            // nom-tam-fits stamps the wall time here: the same run's maps should be the same bytes
            nom.tam.fits.HeaderCard simple = primary.getHeader().findCard("SIMPLE");
            if (simple != null) simple.setComment("conforms to FITS standard");
            fits.addHDU(primary);
            fits.addHDU(hdu);
            AtomicFiles.write(file, out -> {
                try {
                    FitsOutputStream fo = new FitsOutputStream(new DataOutputStream(out));
                    fits.write(fo);
                    fo.flush();
                } catch (FitsException e) {
                    throw new IOException(e.getMessage(), e);
                }
            });
        } catch (FitsException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static void write(Path file, double[] map) throws IOException {
        write(file, map, "T", null, null);
    }

    /** Reads the first binary-table HEALPix map in the file, reordered to RING. */
    public static SkyMap read(Path file) throws IOException {
        if (!Files.exists(file)) throw new IOException(file + ": no such file");
        if (!Files.isReadable(file) || Files.isDirectory(file)) throw new IOException(file + ": not a readable file");
        // a pipe or a device would block the reader
        if (!Files.isRegularFile(file)) throw new IOException(file + " is not a regular file (a pipe or a device?); give a FITS file");
        try (Fits fits = new Fits(file.toFile())) {
            BasicHDU<?>[] hdus;
            try {
                hdus = fits.read();
            } catch (RuntimeException e) {
                throw damaged(file);
            }
            if (hdus == null || hdus.length == 0) throw new IOException(file + ": not a FITS file");
            for (BasicHDU<?> hdu : hdus) {
                if (hdu instanceof BinaryTableHDU table) return readTable(file, table);
            }
            throw new IOException(file + ": no binary table in this FITS file, so it is not a HEALPix map"
                    + " (a FITS image cannot hold one)");
        } catch (FitsException | java.io.EOFException e) {
            throw damaged(file);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) throw e; // ours, already said
            throw damaged(file);
        }
    }

    /** The library's own words name its internals (offsets, exceptions): the user needs only this. */
    private static IOException damaged(Path file) {
        return new IOException(file + " is not a readable FITS file: it is cut short or damaged (healpy's write_map and anisoscope write "
                + "whole ones)");
    }

    private static SkyMap readTable(Path file, BinaryTableHDU hdu) throws IOException {
        Header h = hdu.getHeader();
        String pixtype = h.getStringValue("PIXTYPE");
        if (pixtype != null && !pixtype.trim().equalsIgnoreCase("HEALPIX")) {
            throw new IOException(file + ": PIXTYPE is '" + pixtype.trim() + "', not HEALPIX");
        }
        String indx = h.getStringValue("INDXSCHM");
        if (indx != null && indx.trim().equalsIgnoreCase("EXPLICIT")) {
            throw new IOException(file + ": a partial-sky map (INDXSCHM = EXPLICIT) is not supported; write it as a full-sky map");
        }
        String ordering = h.getStringValue("ORDERING");
        if (ordering == null) throw new IOException(file + ": no ORDERING keyword, so it is not a HEALPix map");
        ordering = ordering.trim().toUpperCase();
        if (!ordering.equals("RING") && !ordering.equals("NESTED")) {
            throw new IOException(file + ": ORDERING is '" + ordering + "', expected RING or NESTED");
        }
        double[] values;
        try {
            values = flatten(hdu.getData().getFlattenedColumn(0));
        } catch (RuntimeException e) {
            throw damaged(file);
        }
        if (values == null) throw new IOException(file + ": the first column is not numeric");
        int nside;
        try {
            nside = Healpix.npix2nside(values.length);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + values.length + " values is not 12 nside^2 for any nside");
        }
        if (h.containsKey("NSIDE") && h.getIntValue("NSIDE") != nside) {
            throw new IOException(file + ": NSIDE = " + h.getIntValue("NSIDE") + " in the header but the column holds "
                    + values.length + " values (nside " + nside + ")");
        }
        if (ordering.equals("NESTED")) {
            Healpix hp = new Healpix(nside);
            double[] ring = new double[values.length];
            for (int p = 0; p < values.length; p++) ring[(int) hp.nest2ring(p)] = values[p];
            values = ring;
        }
        Map<String, String> kw = new LinkedHashMap<>();
        for (String key : KEPT_KEYWORDS) {
            if (h.containsKey(key)) kw.put(key, h.getStringValue(key) == null ? String.valueOf(h.getDoubleValue(key)) : h.getStringValue(key).trim());
        }
        return new SkyMap(values, nside, kw);
    }

    private static double[] flatten(Object col) {
        if (col instanceof double[] d) return d;
        if (col instanceof float[] f) {
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) d[i] = f[i];
            return d;
        }
        if (col instanceof int[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) d[i] = a[i];
            return d;
        }
        if (col instanceof long[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) d[i] = a[i];
            return d;
        }
        if (col instanceof short[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) d[i] = a[i];
            return d;
        }
        if (col instanceof byte[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) d[i] = a[i] & 0xff;
            return d;
        }
        return null;
    }
}
