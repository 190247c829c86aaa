package org.anisoscope.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anisoscope.Version;
import org.anisoscope.io.AtomicFiles;
import org.anisoscope.io.ClCsv;
import org.anisoscope.io.HealpixFits;
import org.anisoscope.sky.MaskCoupling;
import org.anisoscope.sky.Observation;
import org.anisoscope.sky.Rotation;
import org.anisoscope.sky.Sht;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "observe", mixinStandardHelpOptions = true,
        description = {"A simulated sky as an observatory would see it: the map (B0 along +z, as simulate writes it) turned so that B0 "
                + "points to --b0 RA,DEC in equatorial coordinates (the smallest rotation), optionally cut to the declinations the "
                + "observatory sees, with the C_l of what is left.",
                "The cut map has UNSEEN outside the band (healpy's convention; mollview draws it grey). Its C_l are the pseudo-C_l "
                        + "divided by the sky fraction f_sky — a first-order estimate of the full-sky C_l that mixes neighbouring l "
                        + "(strongly for a narrow band), for comparing shapes with an observatory's published spectrum.",
                "--per-declination takes each declination band's mean out, as ground-based relative-intensity maps are made (their "
                        + "reference, built from the detector's own events, absorbs whatever depends on declination alone): the m = 0 "
                        + "modes in equatorial coordinates, e.g. the dipole's component along the Earth's axis, are gone from the map "
                        + "and its C_l, as from the observatory's.",
                "--deconvolve undoes the cut's mixing instead (MASTER, for the band and the declination means): C_l in bins of "
                        + "--bin-width multipoles (l(l+1)C_l constant across a bin) with their sample-variance errors, CSV "
                        + "l,cl,sigma,l_lo,l_hi — what the window's File > Load observed spectrum reads. Unbiased for an isotropic sky; "
                        + "a simulated sky is not isotropic about B0, so this is the full-sky spectrum only on average over where B0 points."})
final class ObserveCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "MAP.fits", description = "a simulated map (map_snapshot_KK.fits)") Path in;
    @Option(names = "--b0", required = true, split = ",", paramLabel = "RA,DEC", hideParamSyntax = true,
            description = "where B0 points in equatorial coordinates, degrees (e.g. the IBEX ribbon's centre)") List<Double> b0;
    @Option(names = "--dec-range", split = ",", paramLabel = "MIN,MAX", hideParamSyntax = true, description = "the declinations the observatory sees, degrees "
            + "(e.g. -90,-25 for IceCube's published maps, -20,60 for HAWC's); default: the whole sky") List<Double> decRange;
    @Option(names = "--out-map", required = true, paramLabel = "OUT.fits", description = "the rotated (and cut) map") Path outMap;
    @picocli.CommandLine.Mixin FileOptions.Force overwrite;
    @Option(names = "--out", paramLabel = "CL.csv", description = "its C_l (pseudo-C_l / f_sky with a cut), CSV l,cl") Path outCl;
    @Option(names = "--per-declination", description = "subtract each declination band's mean, as the observatories' relative-intensity "
            + "maps do (no m = 0 modes in equatorial coordinates)") boolean perDeclination;
    @Option(names = "--lmax", description = "largest multipole (default 3 nside - 1)") Integer lmax;
    @Option(names = "--deconvolve", description = "write the binned full-sky estimate (MASTER) to --out instead of pseudo-C_l / f_sky") boolean deconvolve;
    @Option(names = "--bin-width", paramLabel = "N|auto", defaultValue = "auto", description = "multipoles per bin with --deconvolve; auto: the "
            + "narrowest the band allows (a band without antipodal pairs, such as -90,-25, cannot tell single multipoles apart) (default ${DEFAULT-VALUE})")
    String binWidth;

    @Override
    public Integer call() throws Exception {
        if (b0.size() != 2) throw new IllegalArgumentException("--b0 needs two numbers, RA,DEC in degrees; got " + b0.size());
        if (!(Math.abs(b0.get(0)) <= 360)) throw new IllegalArgumentException("--b0's RA must be in degrees, -360 to 360; got " + b0.get(0));
        double lo = -90, hi = 90;
        if (decRange != null) {
            if (decRange.size() != 2) throw new IllegalArgumentException("--dec-range needs two numbers, MIN,MAX in degrees; got " + decRange.size());
            lo = decRange.get(0);
            hi = decRange.get(1);
        }
        Integer width = parseBinWidth(binWidth);
        if (deconvolve && outCl == null) throw new IllegalArgumentException("--deconvolve writes its estimate to --out CL.csv: give --out");
        FileOptions.input(in, "--in");
        FileOptions.output(outMap, "--out-map", overwrite.force, List.of(FileOptions.FITS), in);
        FileOptions.output(outCl, "--out", overwrite.force, List.of(FileOptions.CSV), in, outMap);
        Rotation rot = Rotation.zTo(b0.get(0), b0.get(1));
        HealpixFits.SkyMap map = Inputs.readMap(in);
        int l = Inputs.lmax(lmax, map.nside());
        if (deconvolve && width != null && width > l) {
            throw new IllegalArgumentException("--bin-width " + width + " is wider than the spectrum (l = 1.." + l + "); give at most " + l
                    + " multipoles per bin, or auto");
        }
        Observation.Result seen;
        try {
            seen = Observation.observe(map.values(), rot, lo, hi, perDeclination);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--dec-range " + lo + "," + hi + ": " + e.getMessage()); // the band's reason, with the option
        }
        double[] v = seen.map();
        double fsky = seen.fsky();
        String what = (perDeclination ? "declination means removed; " : "") + "cl = pseudo-C_l / f_sky";
        Map<String, String> kw = new LinkedHashMap<>(map.keywords());
        kw.remove("TUNIT1");
        kw.put("COORDSYS", "C");
        kw.put("CREATOR", "anisoscope observe, B0 to RA,DEC " + b0.get(0) + "," + b0.get(1) + ", Dec " + lo + " to " + hi
                + (perDeclination ? ", declination means removed" : ""));
        kw.put("VERSION", Version.get());
        // what the window's export records too, so that mollview can say where the map looks
        kw.put("B0RA", Double.toString(b0.get(0)));
        kw.put("B0DEC", Double.toString(b0.get(1)));
        kw.put("DECMIN", Double.toString(lo));
        kw.put("DECMAX", Double.toString(hi));
        kw.put("DECMEANS", perDeclination ? "removed" : "kept");
        HealpixFits.write(outMap, v, "DELTA", map.keywords().getOrDefault("TUNIT1", ""), kw);
        String msg = String.format(Locale.ROOT, "wrote %s (equatorial, B0 toward RA %.4g, Dec %.4g; f_sky = %.4f%s)", outMap, b0.get(0), b0.get(1), fsky,
                perDeclination ? "; declination means removed" : "");
        if (outCl != null && deconvolve) {
            msg += " and " + outCl + writeDeconvolved(v, map.nside(), l, lo, hi, width);
        } else if (outCl != null) {
            double[] cl = new Sht(map.nside(), l, Inputs.threads(null)).anafast(v, 3);
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "# anisoscope %s observe of %s: B0 toward RA %s, Dec %s; Dec %s to %s; "
                    + "f_sky %s; %s%nl,cl%n", Version.get(), in.toAbsolutePath(), b0.get(0), b0.get(1), lo, hi, fsky, what));
            for (int i = 0; i <= l; i++) sb.append(i).append(',').append(ClCsv.fmt(cl[i] / fsky)).append('\n');
            AtomicFiles.writeString(outCl, sb.toString());
            msg += " and " + outCl;
        }
        System.err.println(msg);
        return 0;
    }

    /** The bin width: null for auto; refuses what is neither a positive integer nor auto. */
    static Integer parseBinWidth(String s) {
        if (s == null || s.trim().equalsIgnoreCase("auto")) return null;
        try {
            int w = Integer.parseInt(s.trim());
            if (w >= 1) return w;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--bin-width takes a number of multipoles >= 1, or auto; got '" + s + "'");
    }

    /** The MASTER estimate of the cut map into outCl; returns what to add to the message. */
    private String writeDeconvolved(double[] cut, int nside, int lmax, double lo, double hi, Integer width) throws java.io.IOException {
        int threads = Inputs.threads(null);
        double[] pseudo = new Sht(nside, lmax, threads).anafast(cut, 3);
        MaskCoupling mc = MaskCoupling.band(nside, lo, hi, perDeclination, lmax, threads);
        int w = width != null ? width : mc.narrowestBinWidth(32);
        if (w < 0) throw new IllegalArgumentException("--dec-range " + lo + "," + hi + ": the band is too narrow to undo its mixing in bins of up to 32 multipoles; widen it");
        MaskCoupling.Binned b;
        try {
            b = mc.deconvolve(pseudo, w);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--bin-width " + w + ": " + e.getMessage());
        }
        // bins into which more than 1 % could couple from beyond lmax (were the spectrum flat up there) are left out
        double[] clCut = new double[lmax + 1];
        for (int l = 0; l <= lmax; l++) clCut[l] = pseudo[l] / mc.fsky();
        int lc = mc.lmaxReliable(clCut, MaskCoupling.SHOWN_TOLERANCE);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "# anisoscope %s observe --deconvolve of %s: B0 toward RA %s, Dec %s; Dec %s to %s; f_sky %s; %s"
                + "MASTER in bins of %d (l(l+1)C_l constant across a bin; cl at the bin's middle l), condition number %.3g; sigma: sample variance of "
                + "the seen sky if it were Gaussian and isotropic; bins above l = %d left out (more than 1 %% could couple in from beyond lmax %d)%n"
                + "l,cl,sigma,l_lo,l_hi%n", Version.get(), in.toAbsolutePath(), b0.get(0), b0.get(1), lo, hi, mc.fsky(),
                perDeclination ? "declination means removed; " : "", w, b.condition(), lc, lmax));
        int rows = 0;
        for (int k = 0; k < b.size(); k++) {
            if (b.binHi()[k] > lc) break;
            sb.append(b.l()[k]).append(',').append(ClCsv.fmt(b.cl()[k])).append(',').append(ClCsv.fmt(b.sigma()[k])).append(',')
                    .append(b.binLo()[k]).append(',').append(b.binHi()[k]).append('\n');
            rows++;
        }
        if (rows == 0) throw new IllegalArgumentException("--lmax " + lmax + ": no bin lies below l = " + (lc + 1) + ", where multipoles beyond lmax start to couple in; raise --lmax");
        AtomicFiles.writeString(outCl, sb.toString());
        return String.format(Locale.ROOT, " (%d bins of %d multipoles up to l = %d, condition number %.3g)", rows, w, b.binHi()[rows - 1], b.condition());
    }
}
