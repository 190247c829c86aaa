package org.anisoscope.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.anisoscope.io.ClCsv;
import org.anisoscope.io.HealpixFits;
import org.anisoscope.sky.Sht;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "anafast", mixinStandardHelpOptions = true,
        description = "Angular power spectrum C_l of a HEALPix map (healpy's anafast convention).")
final class AnafastCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "MAP.fits", description = "HEALPix map (RING or NESTED)")
    Path in;
    @Option(names = "--out", required = true, paramLabel = "CL.csv", description = "output CSV with header l,cl")
    Path out;
    @Option(names = "--lmax", description = "largest multipole (default 3 nside - 1)")
    Integer lmax;
    @picocli.CommandLine.Mixin FileOptions.Force overwrite;
    @Option(names = "--iter", defaultValue = "3", description = "Jacobi iterations of map2alm (default ${DEFAULT-VALUE})")
    int iter;
    @Option(names = "--threads", description = "worker threads (default: all cores)")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        int it = Inputs.iter(iter);
        int th = Inputs.threads(threads);
        HealpixFits.SkyMap map = Inputs.readMap(in, out, overwrite.force, java.util.List.of(FileOptions.CSV));
        int l = Inputs.lmax(lmax, map.nside());
        double[] cl = new Sht(map.nside(), l, th).anafast(map.values(), it);
        ClCsv.write(out, cl);
        System.err.println("wrote " + out + " (nside " + map.nside() + ", lmax " + l + ", iter " + it + ")");
        return 0;
    }
}
