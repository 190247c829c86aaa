package org.anisoscope.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.anisoscope.io.HealpixFits;

/** Small shared checks for command options: each failure is one line naming the option. */
final class Inputs {
    private Inputs() {}

    /** --rigidity R or --rho X, exactly one (a picocli argument group). */
    static final class Rigidity {
        @picocli.CommandLine.Option(names = "--rigidity", description = "rigidity with unit, e.g. 1PV, 10TV") String rigidity;
        @picocli.CommandLine.Option(names = "--rho", description = "normalised rigidity r_g/L_c, e.g. 8.9e-3") Double rho;

        /** The rigidity in volts when it was given as such, else null. */
        Double volts() {
            return rigidity == null ? null : org.anisoscope.physics.Units.parseRigidity(rigidity);
        }

        /** rho = r_g/L_c, converting a rigidity with B_rms (uG) and L_max (pc). */
        double rho(double brmsMicroGauss, double outerScalePc) {
            double r;
            if (rho != null) {
                r = rho;
            } else {
                if (!(brmsMicroGauss > 0) || !(outerScalePc > 0))
                    throw new IllegalArgumentException("--brms-ug and --outer-scale-pc must be positive");
                r = org.anisoscope.physics.SimulationParameters.rhoOf(volts(), brmsMicroGauss, outerScalePc);
            }
            if (!(r > 0) || Double.isInfinite(r)) throw new IllegalArgumentException("the rigidity must be positive; got rho = " + r);
            return r;
        }
    }

    static HealpixFits.SkyMap readMap(Path in) throws IOException {
        return HealpixFits.read(in);
    }

    static int lmax(Integer lmax, int nside) {
        int l = lmax == null ? 3 * nside - 1 : lmax;
        if (l < 0) throw new IllegalArgumentException("--lmax must be >= 0 (got " + l + ")");
        if (l > 4 * nside) {
            throw new IllegalArgumentException("--lmax " + l + " is beyond what nside " + nside + " resolves (at most " + 4 * nside + ")");
        }
        return l;
    }

    static int iter(int iter) {
        if (iter < 0 || iter > 100) throw new IllegalArgumentException("--iter must be between 0 and 100 (got " + iter + ")");
        return iter;
    }

    static int threads(Integer t) {
        int n = t == null ? Runtime.getRuntime().availableProcessors() : t;
        if (n < 1 || n > 1024) throw new IllegalArgumentException("--threads must be between 1 and 1024 (got " + n + ")");
        return n;
    }

    static double fwhmDeg(double fwhm) {
        if (!(fwhm >= 0) || fwhm > 360 || !Double.isFinite(fwhm)) {
            throw new IllegalArgumentException("--fwhm-deg must be between 0 and 360 degrees (got " + fwhm + ")");
        }
        return fwhm;
    }
}
