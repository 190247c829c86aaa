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
                        + "and its C_l, as from the observatory's."})
final class ObserveCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "MAP.fits", description = "a simulated map (map_snapshot_KK.fits)") Path in;
    @Option(names = "--b0", required = true, split = ",", paramLabel = "RA,DEC",
            description = "where B0 points in equatorial coordinates, degrees (e.g. the IBEX ribbon's centre)") List<Double> b0;
    @Option(names = "--dec-range", split = ",", paramLabel = "MIN,MAX", description = "the declinations the observatory sees, degrees "
            + "(e.g. -90,-25 for IceCube's published maps, -20,60 for HAWC's); default: the whole sky") List<Double> decRange;
    @Option(names = "--out-map", required = true, paramLabel = "OUT.fits", description = "the rotated (and cut) map") Path outMap;
    @Option(names = "--out", paramLabel = "CL.csv", description = "its C_l (pseudo-C_l / f_sky with a cut), CSV l,cl") Path outCl;
    @Option(names = "--per-declination", description = "subtract each declination band's mean, as the observatories' relative-intensity "
            + "maps do (no m = 0 modes in equatorial coordinates)") boolean perDeclination;
    @Option(names = "--lmax", description = "largest multipole (default 3 nside - 1)") Integer lmax;

    @Override
    public Integer call() throws Exception {
        if (b0.size() != 2) throw new IllegalArgumentException("--b0 needs two numbers, RA,DEC in degrees; got " + b0.size());
        double lo = -90, hi = 90;
        if (decRange != null) {
            if (decRange.size() != 2) throw new IllegalArgumentException("--dec-range needs two numbers, MIN,MAX in degrees; got " + decRange.size());
            lo = decRange.get(0);
            hi = decRange.get(1);
        }
        Rotation rot = Rotation.zTo(b0.get(0), b0.get(1));
        HealpixFits.SkyMap map = Inputs.readMap(in);
        int l = Inputs.lmax(lmax, map.nside());
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
        HealpixFits.write(outMap, v, "DELTA", map.keywords().getOrDefault("TUNIT1", ""), kw);
        String msg = String.format(Locale.ROOT, "wrote %s (equatorial, B0 toward RA %.4g, Dec %.4g; f_sky = %.4f%s)", outMap, b0.get(0), b0.get(1), fsky,
                perDeclination ? "; declination means removed" : "");
        if (outCl != null) {
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
}
