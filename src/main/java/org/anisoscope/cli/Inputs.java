package org.anisoscope.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.anisoscope.io.HealpixFits;
import org.anisoscope.physics.SimulationParameters;

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
            String out = SimulationParameters.rhoOutOfRange(r, rho != null ? "--rho " + rho
                    : "--rigidity " + rigidity + " with --brms-ug " + brmsMicroGauss + " and --outer-scale-pc " + outerScalePc);
            if (out != null) throw new IllegalArgumentException(out);
            return r;
        }
    }

    /** The rigidity (as R or rho) with what converts R to rho: B_rms and L_max (a picocli mixin). */
    static final class Scales {
        @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "0..1") Rigidity rig;
        @picocli.CommandLine.Option(names = "--brms-ug", defaultValue = "4", description = "B_rms in microgauss (default ${DEFAULT-VALUE})")
        double brms;
        @picocli.CommandLine.Option(names = "--outer-scale-pc", defaultValue = "150", description = "L_max in pc; L_c = L_max/5 (default ${DEFAULT-VALUE})")
        double outer;

        /** rho as given with --rho, else null. */
        Double givenRho() { return need().rho; }

        /** Whether --rigidity or --rho was given. */
        boolean given() { return rig != null; }

        double rho() { return need().rho(brms, outer); }

        /** The rigidity in volts when it was given as such, else null. */
        Double volts() { return need().volts(); }

        private Rigidity need() {
            if (rig == null) throw new IllegalArgumentException("give the rigidity: --rigidity R (e.g. 1PV) or --rho X (r_g/L_c, e.g. 8.9e-3)");
            return rig;
        }
    }

    /**
     * An observatory's view of a full-sky spectrum (a picocli mixin): the declinations it sees, its
     * declination means out or in, and where B0 points, for the prediction as it would measure it.
     */
    static final class Observatory {
        @picocli.CommandLine.Option(names = "--observatory", split = ",", paramLabel = "MIN,MAX", hideParamSyntax = true,
                description = "declinations an observatory sees, degrees (e.g. -90,-25 for IceCube's published maps, -20,60 for HAWC's)")
        java.util.List<Double> band;
        @picocli.CommandLine.Option(names = "--per-declination", description = "with --observatory: each declination band's mean taken out, as "
                + "ground-based relative-intensity maps are made (no m = 0 modes)")
        boolean perDeclination;
        @picocli.CommandLine.Option(names = "--b0-dec", paramLabel = "DEC", description = "with --observatory: the declination B0 points to, "
                + "degrees; the dipole is then folded as one about B0 (e.g. 23.3 for the IBEX ribbon's centre); default: averaged over "
                + "directions, as the other multipoles")
        Double b0Dec;
        @picocli.CommandLine.Option(names = "--dipole-cos2", paramLabel = "Q|local-field", description = "with "
                + "--b0-dec: <cos^2> of the angle between the realisations' dipoles and B0 (1: all along B0; 1/3: no preferred direction); "
                + "local-field: that of the local mean field, as if each dipole lay along its realisation's local field (0.62 at eta 0.5; "
                + "simulated dipoles: 0.49 at 1 PV, 20 tau_s) (default: local-field)")
        String dipoleCos2;

        /** Whether an observatory was given; checks the options first. */
        boolean given() {
            if ((perDeclination || b0Dec != null) && band == null)
                throw new IllegalArgumentException((perDeclination ? "--per-declination" : "--b0-dec") + " goes with --observatory MIN,MAX");
            if (b0Dec != null && !(b0Dec >= -90 && b0Dec <= 90))
                throw new IllegalArgumentException("--b0-dec must be a declination, -90 to 90 degrees; got " + b0Dec);
            if (band == null) return false;
            if (band.size() != 2) throw new IllegalArgumentException("--observatory needs two numbers, MIN,MAX declinations in degrees; got " + band.size());
            if (!(band.get(0) >= -90 && band.get(1) <= 90 && band.get(1) > band.get(0)))
                throw new IllegalArgumentException("--observatory must have -90 <= MIN < MAX <= 90 degrees; got " + band.get(0) + "," + band.get(1));
            return true;
        }

        double decLo() { return band.get(0); }
        double decHi() { return band.get(1); }

        /** The dipole's declination for {@link org.anisoscope.sky.MaskCoupling#expectedSeen}: NaN for isotropic. */
        double dipoleDec() { return b0Dec == null ? Double.NaN : b0Dec; }

        /**
         * ⟨cos²⟩ of the dipoles' angle to B0: the number given, or the local mean field's for this ρ,
         * η and spectrum with simulate's defaults (λ_min = r_g/150, averaged over L_c/30).
         */
        double dipoleCos2(double rho, double eta, double spectralIndex) {
            String t = dipoleCos2 == null ? "local-field" : dipoleCos2.trim();
            if (t.equalsIgnoreCase("local-field")) {
                return org.anisoscope.analysis.Ensemble.expectedMeanCosSq(rho, eta, 150, spectralIndex);
            }
            try {
                double q = Double.parseDouble(t);
                if (q >= 0 && q <= 1) return q;
            } catch (NumberFormatException e) {
                // said below
            }
            throw new IllegalArgumentException("--dipole-cos2 takes a number from 0 to 1, or local-field; got '" + dipoleCos2 + "'");
        }

        /** The band's coupling (a continuous band: no pixel rings). */
        org.anisoscope.sky.MaskCoupling coupling(int lmax, int threads) {
            return org.anisoscope.sky.MaskCoupling.ofDeclinations(decLo(), decHi(), perDeclination, lmax, threads);
        }

        /** "Dec -90.0 to -25.0, declination means out, dipole about B0 at Dec 23.3 (<cos^2> 0.62)". */
        String describe(double cos2) {
            return "Dec " + decLo() + " to " + decHi() + (perDeclination ? ", declination means out" : "")
                    + (b0Dec == null ? "" : String.format(java.util.Locale.ROOT, ", dipole about B0 at Dec %s (<cos^2> %.3g)", b0Dec, cos2));
        }
    }

    /** The turbulence level η (a picocli mixin): checked where it is read. */
    static final class Eta {
        @picocli.CommandLine.Option(names = "--eta", defaultValue = "0.5", description = "turbulence level <dB^2>/B_rms^2 (default ${DEFAULT-VALUE})")
        double eta;

        double value() {
            if (!(eta > 0 && eta < 1)) throw new IllegalArgumentException("--eta must be strictly between 0 and 1; got " + eta);
            return eta;
        }

        @picocli.CommandLine.Option(names = "--spectral-index", defaultValue = "5/3", paramLabel = "Q", description = "q of the turbulence's 1D "
                + "spectrum, ∝ k^-q: a number or a fraction from 1.3 to 1.8 (default ${DEFAULT-VALUE}, Kolmogorov's; 3/2 is Kraichnan's)")
        String spectralIndex;

        /** --spectral-index as a number (5/3 exactly for the default), checked. */
        double q() { return org.anisoscope.run.RunSpec.parseSpectralIndex(spectralIndex); }
    }

    /** The turbulence's geometry and, for isotropic turbulence, its number of plane waves (a picocli mixin). */
    static final class TurbulenceGeometry {
        @picocli.CommandLine.Option(names = "--turbulence", defaultValue = "slab", paramLabel = "slab|isotropic", description = "the turbulence's "
                + "geometry: slab (the paper's: dB across B0, varying along it) or isotropic (plane waves in every direction) (default ${DEFAULT-VALUE})")
        String geometry;
        @picocli.CommandLine.Option(names = "--modes", paramLabel = "N", description = "with --turbulence isotropic: the number of plane waves, "
                + "log-spaced in k (default " + org.anisoscope.run.RunSpec.MODES + "; a step costs about N/10 slab steps)")
        Integer modes;

        org.anisoscope.physics.Geometry value() { return org.anisoscope.physics.Geometry.parse(geometry); }

        boolean slab() { return value() == org.anisoscope.physics.Geometry.SLAB; }

        /** The plane waves: --modes, or RunSpec's default, for isotropic turbulence; 0 for slab (where --modes is refused). */
        int modeCount() {
            return org.anisoscope.run.RunSpec.modeCount(value(), modes);
        }

        /**
         * --t-max for this geometry as {value, 1 when in τ_s}: as given, or 20 τ_s; isotropic turbulence
         * takes Ω_rms T only (a multiple of tau is refused: τ_s is QLT's, slab turbulence's), and
         * without --t-max the slab default's Ω_rms T (tauS: slab QLT's τ_s at the run's ρ, η, q, asked
         * only then, so that a bad rigidity is refused where the run's other checks refuse it).
         */
        double[] tMax(String given, java.util.function.DoubleSupplier tauS) {
            double[] t = org.anisoscope.run.RunSpec.parseTMax(given != null ? given : "20tau");
            if (slab() || t[1] == 0) return t;
            if (given != null) org.anisoscope.run.RunSpec.checkSlabOnly(value(), given, null);
            return new double[] {t[0] * tauS.getAsDouble(), 0}; // one clock for both geometries
        }

        /** {@link #tMax} as the Ω_rms T it is (a multiple of τ_s checked as {@link SimulateCommand#parseTime} does). */
        double tMaxOmega(String given, double tauS) {
            double[] t = tMax(given, () -> tauS);
            return t[1] == 1 ? SimulateCommand.parseTime(given != null ? given : "20tau", tauS) : t[0];
        }
    }

    /** The cosmic-ray gradient's angle to B0 (a picocli mixin). */
    static final class Gradient {
        @picocli.CommandLine.Option(names = "--gradient-angle", defaultValue = "0", paramLabel = "DEG", description = "angle between the "
                + "cosmic-ray gradient and B0, degrees (default ${DEFAULT-VALUE}: along B0, the paper's case; the analytic prediction holds there)")
        double angle;

        double angle() {
            if (!(angle >= 0 && angle <= 180))
                throw new IllegalArgumentException("--gradient-angle must be 0 to 180 degrees (between the gradient and B0); got " + angle);
            return angle;
        }
    }

    /** The highest multipole of a run's spectra (a picocli mixin). */
    static final class SpectraLmax {
        @picocli.CommandLine.Option(names = "--lmax", paramLabel = "L", description = "highest multipole of the spectra, 1 to 3 nside - 1 "
                + "(default 3 nside - 1, as anafast). The transforms cost nside lmax^2: at Nside 256-512 they, not the particles, "
                + "are most of a GPU run; --lmax 255 made anafast 4.2 (Nside 256) and 9.7 (512) times cheaper")
        Integer lmax;

        int of(int nside) {
            org.anisoscope.sky.Healpix.checkNside(nside);
            int l = lmax == null ? SimulationParameters.defaultLmax(nside) : lmax;
            if (l < 1 || l > SimulationParameters.defaultLmax(nside))
                throw new IllegalArgumentException("--lmax must be from 1 to 3 nside - 1 = " + SimulationParameters.defaultLmax(nside)
                        + " at nside " + nside + "; got " + l);
            return l;
        }
    }

    /** How the particles are backtracked: seed, step, smallest wavelength, threads, engine (a picocli mixin). */
    static final class Backtracking {
        @picocli.CommandLine.Option(names = "--seed", defaultValue = "1", description = "base seed of the field realisations (default ${DEFAULT-VALUE})")
        long seed;
        @picocli.CommandLine.Option(names = "--dt", defaultValue = "0.05", description = "time step Omega_rms dt (default ${DEFAULT-VALUE})")
        double dt;
        @picocli.CommandLine.Option(names = "--lambda-min-rg", defaultValue = "150", description = "lambda_min = r_g / value (default ${DEFAULT-VALUE})")
        double lambdaMinRg;
        @picocli.CommandLine.Option(names = "--threads") Integer threads;
        @picocli.CommandLine.Option(names = "--engine", defaultValue = "auto", description = "cpu, cuda or auto (default ${DEFAULT-VALUE})")
        String engine;

        int threads() { return Inputs.threads(threads); }
    }

    /** The map --in names, for a command whose --out is one file of format: both checked before the map is read. */
    static HealpixFits.SkyMap readMap(Path in, Path out, boolean force, java.util.List<FileOptions.Format> formats) throws IOException {
        FileOptions.input(in, "--in");
        FileOptions.output(out, "--out", force, formats, in);
        return readMap(in);
    }

    /**
     * A map to compute with: NaN and infinite pixels are refused (a transform would spread them
     * over every a_lm, a plot over its colour range), with their count and the first; UNSEEN pixels
     * are healpy's mask and allowed, but not a map of nothing else.
     */
    static HealpixFits.SkyMap readMap(Path in) throws IOException {
        FileOptions.input(in, "--in");
        HealpixFits.SkyMap m = HealpixFits.read(in);
        double[] v = m.values();
        int bad = 0, first = -1, unseen = 0;
        for (int i = 0; i < v.length; i++) {
            if (v[i] == org.anisoscope.sky.Sht.UNSEEN) unseen++;
            else if (!(Math.abs(v[i]) < 1e150)) { // beyond it the spectrum's squares overflow
                if (bad++ == 0) first = i;
            }
        }
        if (bad > 0) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "--in %s has %d pixel%s that %s not finite or beyond ±1e150 (the "
                    + "first: pixel %d = %s); set them to UNSEEN (-1.6375e30, healpy's mask) or to a value", in, bad, bad == 1 ? "" : "s", bad == 1 ? "is" : "are", first, v[first]));
        }
        if (unseen == v.length) throw new IllegalArgumentException("--in " + in + ": every pixel is UNSEEN (masked); there is no sky to work with");
        return m;
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

    /**
     * The words a command was given (after its name, as typed), without the named options and their
     * values (an option that takes one, as the command declares it): the command again, for another
     * process (a shard's, a job's), with what that process sets itself left out.
     */
    static java.util.List<String> wordsWithout(picocli.CommandLine.Model.CommandSpec spec, String... options) {
        java.util.List<String> all = spec.commandLine().getParseResult().originalArgs();
        int at = all.indexOf(spec.name()); // a subcommand's words follow its name
        java.util.List<String> words = at >= 0 ? all.subList(at + 1, all.size()) : all, out = new java.util.ArrayList<>();
        java.util.List<String> drop = java.util.List.of(options);
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i), name = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
            if (!drop.contains(name)) {
                out.add(w);
                continue;
            }
            picocli.CommandLine.Model.OptionSpec o = spec.findOption(name);
            if (!w.contains("=") && o != null && o.arity().max() > 0) i++; // its value, a word of its own
        }
        return out;
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
