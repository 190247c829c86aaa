package org.anisoscope.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anisoscope.Version;
import org.anisoscope.io.HealpixFits;
import org.anisoscope.sky.Sht;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "smooth", mixinStandardHelpOptions = true,
        description = "Gaussian smoothing of a HEALPix map (healpy's smoothing: lmax 3 nside - 1, iter 3).")
final class SmoothCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "MAP.fits") Path in;
    @Option(names = "--out", required = true, paramLabel = "OUT.fits") Path out;
    @Option(names = "--fwhm-deg", required = true, description = "beam full width at half maximum, degrees")
    double fwhmDeg;
    @picocli.CommandLine.Mixin FileOptions.Force overwrite;
    @Option(names = "--iter", defaultValue = "3") int iter;
    @Option(names = "--threads") Integer threads;

    @Override
    public Integer call() throws Exception {
        double fwhm = Inputs.fwhmDeg(fwhmDeg);
        int it = Inputs.iter(iter);
        int th = Inputs.threads(threads);
        HealpixFits.SkyMap map = Inputs.readMap(in, out, overwrite.force, java.util.List.of(FileOptions.FITS));
        int nside = map.nside();
        double[] s = new Sht(nside, 3 * nside - 1, th).smoothing(map.values(), Math.toRadians(fwhm), it);
        Map<String, String> kw = new LinkedHashMap<>(map.keywords());
        kw.remove("TUNIT1");
        kw.put("VERSION", Version.get());
        kw.put("FWHMDEG", Double.toString(fwhm));
        kw.put("CREATOR", "anisoscope smooth");
        HealpixFits.write(out, s, "T", map.keywords().get("TUNIT1"), kw);
        System.err.println("wrote " + out + " (nside " + nside + ", FWHM " + fwhm + " deg)");
        return 0;
    }
}
