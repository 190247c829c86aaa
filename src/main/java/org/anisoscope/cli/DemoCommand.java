package org.anisoscope.cli;

import java.awt.Color;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.anisoscope.Version;
import org.anisoscope.io.ClCsv;
import org.anisoscope.io.Figures;
import org.anisoscope.io.HealpixFits;
import org.anisoscope.plot.MollweidePlot;
import org.anisoscope.sky.Alm;
import org.anisoscope.sky.Healpix;
import org.anisoscope.sky.Sht;
import org.anisoscope.io.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A self-contained tour of the sky toolkit: a synthetic relative-intensity sky (a dipole along
 * B0 = z plus Gaussian small-scale structure with C_l ~ l^-2.7, the shape the paper finds), its
 * FITS map, its measured C_l and a Mollweide figure. It is a toolkit demo, not a simulation.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Writes a synthetic anisotropy sky (dipole + l^-2.7 small-scale power) as FITS, C_l CSV and PNG.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "anisoscope-demo", description = "output folder (default ${DEFAULT-VALUE})")
    Path out;
    @picocli.CommandLine.Mixin FileOptions.Force overwrite;
    @Option(names = "--nside", defaultValue = "64") int nside;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--dipole", defaultValue = "1e-3", description = "dipole amplitude (relative intensity)")
    double dipole;

    @Override
    public Integer call() throws Exception {
        Healpix.checkNside(nside);
        if (!(Math.abs(dipole) < 1) || !Double.isFinite(dipole)) throw new IllegalArgumentException("--dipole must be below 1 in size");
        try (RunFolder folder = RunFolder.open(out, "--out", overwrite.mode())) {
            int lmax = 3 * nside - 1;
            Sht sht = new Sht(nside, lmax, Inputs.threads(null));
            // C_1 of a dipole of amplitude A is 4 pi A^2 / 9; small scales start 20x below it and fall as l^-2.7
            double c1 = 4 * Math.PI * dipole * dipole / 9;
            Random rnd = new Random(seed);
            Alm alm = new Alm(lmax);
            alm.set(1, 0, dipole * Math.sqrt(4 * Math.PI / 3), 0); // A cos(theta)
            for (int l = 2; l <= lmax; l++) {
                double cl = 0.05 * c1 * Math.pow(l / 2.0, -2.7);
                for (int m = 0; m <= l; m++) {
                    double s = Math.sqrt(cl / (m == 0 ? 1 : 2));
                    alm.set(l, m, s * rnd.nextGaussian(), m == 0 ? 0 : s * rnd.nextGaussian());
                }
            }
            double[] map = sht.alm2map(alm);
            Map<String, String> kw = new LinkedHashMap<>();
            kw.put("VERSION", Version.get());
            kw.put("SEED", Long.toString(seed));
            kw.put("CREATOR", "anisoscope demo (synthetic sky)");
            Path fits = folder.work().resolve("demo_map.fits"), csv = folder.work().resolve("demo_cl.csv"), png = folder.work().resolve("demo_sky.png");
            HealpixFits.write(fits, map, "DELTA", "relative intensity", kw);
            ClCsv.write(csv, sht.anafast(map, 3));
            MollweidePlot plot = new MollweidePlot()
                    .title("Synthetic sky: dipole along B0 + l^-2.7 small-scale power (nside " + nside + ", seed " + seed + ")")
                    .unit("relative intensity \u03b4I/I")
                    .marker(new MollweidePlot.Marker(0, 0, "B0", Color.WHITE));
            Figures.writePng(png, plot.render(map, 1200));
            folder.commit(false);
            for (String f : new String[] {"demo_map.fits", "demo_cl.csv", "demo_sky.png"}) System.out.println("wrote " + out.resolve(f));
            return 0;
        }
    }
}
