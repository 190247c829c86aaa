package org.anisoscope.run;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.physics.Geometry;
import org.anisoscope.physics.Qlt;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.physics.Units;
import org.anisoscope.sky.Healpix;
import org.anisoscope.sky.Observation;

/**
 * One run as a user describes it, the same from `simulate`'s options and from the window's panel:
 * the one place where a run's inputs are defaulted and checked (each refusal naming the option),
 * turned into {@link SimulationParameters} (with the one snapshot schedule), and written back as the
 * `simulate` command line that makes the same run.
 *
 * @param rigidityVolts the rigidity as given in volts, or null when rho was given
 * @param givenRho      rho = r_g/L_c as given, or null when the rigidity was
 * @param tMax          the last backtracking time: Ω_rms T, or in units of QLT's τ_s when tMaxInTauS
 * @param lmax          the spectra's highest multipole; null for anafast's 3 nside − 1
 * @param engine        auto, cpu or cuda
 * @param observatory   every realisation's sky also as this observatory sees it (null: not)
 * @param spectralIndex q of the turbulence's 1D spectrum ∝ |k|^(-q) (Kolmogorov's 5/3 by default)
 * @param geometry      slab (the default, the paper's) or isotropic turbulence
 * @param modes         the isotropic field's plane waves; null for slab, or for {@link #MODES} when isotropic
 */
public record RunSpec(Double rigidityVolts, Double givenRho, double eta, double brmsMicroGauss, double outerScalePc, int nside, Integer lmax,
                      int realisations, long seed, double tMax, boolean tMaxInTauS, int snapshots, double dt, double lambdaMinRg,
                      String engine, Ensemble.KSource kSource, double gradientAngleDeg, Observation.Observatory observatory,
                      double spectralIndex, Geometry geometry, Integer modes) {

    /** Slab turbulence, the paper's. */
    public RunSpec(Double rigidityVolts, Double givenRho, double eta, double brmsMicroGauss, double outerScalePc, int nside, Integer lmax,
                   int realisations, long seed, double tMax, boolean tMaxInTauS, int snapshots, double dt, double lambdaMinRg,
                   String engine, Ensemble.KSource kSource, double gradientAngleDeg, Observation.Observatory observatory, double spectralIndex) {
        this(rigidityVolts, givenRho, eta, brmsMicroGauss, outerScalePc, nside, lmax, realisations, seed, tMax, tMaxInTauS, snapshots, dt,
                lambdaMinRg, engine, kSource, gradientAngleDeg, observatory, spectralIndex, Geometry.SLAB, null);
    }

    /**
     * The isotropic field's plane waves unless given: with 256, K_∥ and K_⊥ are those of 1024 modes
     * within their statistical errors (6 % and 4 %, 12 realisations; fewer modes make K_⊥ too
     * large: docs/validation.md), at a quarter of the cost.
     */
    public static final int MODES = 256;

    public static final double ETA = 0.5, BRMS_UG = 4, OUTER_SCALE_PC = 150, T_MAX_TAU_S = 20, DT = 0.05, LAMBDA_MIN_RG = 150, GRADIENT_ANGLE = 0;
    public static final int NSIDE = 16, REALISATIONS = 20, SNAPSHOTS = 16;
    public static final long SEED = 1;
    public static final String ENGINE = "auto";

    /** The rigidity given as such, with the paper's defaults for everything else. */
    public static RunSpec ofRigidity(double volts) {
        return new RunSpec(volts, null, ETA, BRMS_UG, OUTER_SCALE_PC, NSIDE, null, REALISATIONS, SEED, T_MAX_TAU_S, true, SNAPSHOTS, DT,
                LAMBDA_MIN_RG, ENGINE, Ensemble.KSource.RUN, GRADIENT_ANGLE, null, Qlt.KOLMOGOROV);
    }

    public RunSpec {
        if ((rigidityVolts == null) == (givenRho == null))
            throw new IllegalArgumentException("give the rigidity: --rigidity R (e.g. 1PV) or --rho X (r_g/L_c, e.g. 8.9e-3), one of them");
        if (rigidityVolts != null && !(rigidityVolts > 0 && Double.isFinite(rigidityVolts)))
            throw new IllegalArgumentException("--rigidity must be positive; got " + rigidityVolts + " V");
        if (!(brmsMicroGauss > 0 && Double.isFinite(brmsMicroGauss)) || !(outerScalePc > 0 && Double.isFinite(outerScalePc)))
            throw new IllegalArgumentException("--brms-ug and --outer-scale-pc must be positive; got " + brmsMicroGauss + " and " + outerScalePc);
        double r = givenRho != null ? givenRho : SimulationParameters.rhoOf(rigidityVolts, brmsMicroGauss, outerScalePc);
        String out = SimulationParameters.rhoOutOfRange(r, givenRho != null ? "--rho " + givenRho : "--rigidity " + rigidityText(rigidityVolts)
                + (brmsMicroGauss == BRMS_UG && outerScalePc == OUTER_SCALE_PC ? "" : " with --brms-ug " + number(brmsMicroGauss)
                + " and --outer-scale-pc " + number(outerScalePc)));
        if (out != null) throw new IllegalArgumentException(out);
        if (!(eta > 0 && eta < 1)) throw new IllegalArgumentException("--eta must be strictly between 0 and 1; got " + eta);
        Healpix.checkNside(nside);
        if (lmax != null && (lmax < 1 || lmax > SimulationParameters.defaultLmax(nside)))
            throw new IllegalArgumentException("--lmax must be from 1 to 3 nside - 1 = " + SimulationParameters.defaultLmax(nside) + " at nside "
                    + nside + "; got " + lmax);
        if (realisations < 1 || realisations > 10000) throw new IllegalArgumentException("--realisations must be between 1 and 10000; got " + realisations);
        if (!(tMax > 0 && Double.isFinite(tMax)))
            throw new IllegalArgumentException("--t-max must be a positive Omega_rms T (e.g. 1000) or a multiple of tau_s (e.g. 30tau); got " + tMax);
        if (snapshots < 1 || snapshots > 1000) throw new IllegalArgumentException("--snapshots must be between 1 and 1000; got " + snapshots);
        if (!(dt > 0 && dt <= SimulationParameters.DT_MAX))
            throw new IllegalArgumentException("--dt (Omega_rms dt) must be in (0, " + SimulationParameters.DT_MAX + "]; got " + dt);
        if (!(lambdaMinRg >= 1 && lambdaMinRg <= 1e4))
            throw new IllegalArgumentException("--lambda-min-rg must be between 1 and 10000 (lambda_min = r_g / value); got " + lambdaMinRg);
        if (!List.of("auto", "cpu", "cuda").contains(engine)) throw new IllegalArgumentException("--engine must be auto, cpu or cuda; got " + engine);
        if (kSource == null) throw new IllegalArgumentException("--k-source must be run or qlt");
        if (!(gradientAngleDeg >= 0 && gradientAngleDeg <= 180))
            throw new IllegalArgumentException("--gradient-angle must be 0 to 180 degrees (between the gradient and B0); got " + gradientAngleDeg);
        String badQ = Qlt.spectralIndexProblem(spectralIndex);
        if (badQ != null) throw new IllegalArgumentException("--spectral-index: " + badQ);
        if (geometry == null) throw new IllegalArgumentException("--turbulence must be slab or isotropic");
        modeCount(geometry, modes);
        checkSlabOnly(geometry, tMaxInTauS ? tMaxText(tMax, true) : null, kSource);
        if (geometry == Geometry.ISOTROPIC) {
            if (gradientAngleDeg != 0)
                throw new IllegalArgumentException("--gradient-angle " + number(gradientAngleDeg) + ": a gradient across B0 needs the perpendicular "
                        + "diffusion K_perp in the Liouville map, which the app measures in slab turbulence only; give --gradient-angle 0 with "
                        + "--turbulence isotropic");
        }
        double tau = Qlt.tauS(r, eta, spectralIndex);
        if (tMaxInTauS && !(tau > 0 && Double.isFinite(tau)))
            throw new IllegalArgumentException("--eta " + eta + " at rho " + r + " gives QLT's tau_s = " + tau + ": give a larger --eta (the paper's "
                    + "are 0.05 to 0.8), or --t-max as Omega_rms T");
        double t1 = tMaxInTauS ? tMax * tau : tMax;
        checkCost(tMaxText(tMax, tMaxInTauS), t1, dt, 12.0 * nside * nside * realisations, costPerStep(geometry, modes));
    }

    /** rho = r_g/L_c, as given or from the rigidity with B_rms and L_max. */
    public double rho() {
        return givenRho != null ? givenRho : SimulationParameters.rhoOf(rigidityVolts, brmsMicroGauss, outerScalePc);
    }

    /** The isotropic field's number of modes: as given, or {@link #MODES}; 0 for slab turbulence. */
    public int modeCount() {
        return modeCount(geometry, modes);
    }

    /**
     * The plane waves of a run in this geometry: --modes as given (checked), or {@link #MODES}, for
     * isotropic turbulence; 0 for slab turbulence, which refuses a --modes.
     */
    public static int modeCount(Geometry g, Integer modes) {
        if (g == Geometry.SLAB && modes != null)
            throw new IllegalArgumentException("--modes " + modes + " is the number of plane waves of isotropic turbulence; give --turbulence isotropic "
                    + "with it, or leave it out for slab turbulence");
        if (modes != null && (modes < SimulationParameters.MODES_MIN || modes > SimulationParameters.MODES_MAX))
            throw new IllegalArgumentException("--modes must be from " + SimulationParameters.MODES_MIN + " to " + SimulationParameters.MODES_MAX
                    + "; got " + modes);
        return g == Geometry.SLAB ? 0 : modes != null ? modes : MODES;
    }

    /**
     * Refuses, for isotropic turbulence, what only slab turbulence's quasi-linear theory gives: a
     * --t-max in τ_s (tauText: it as written, or null when --t-max is an Ω_rms T) and its K_zz.
     */
    public static void checkSlabOnly(Geometry g, String tauText, Ensemble.KSource kSource) {
        if (g != Geometry.ISOTROPIC) return;
        if (tauText != null)
            throw new IllegalArgumentException("--t-max " + tauText + " is in quasi-linear theory's tau_s, which is slab turbulence's; "
                    + "give isotropic turbulence's --t-max as Omega_rms T = T c/r_g (e.g. 2000)");
        if (kSource == Ensemble.KSource.QLT)
            throw new IllegalArgumentException("--k-source qlt takes quasi-linear theory's K_zz, which is slab turbulence's; isotropic runs take "
                    + "K_zz from the run (--k-source run)");
    }

    /**
     * A particle step's cost in slab steps, for the cost estimates: 1 for slab turbulence; an
     * isotropic step sums a cosine per mode, about a tenth of a slab step each (bench planewave beside
     * bench engine, docs/benchmarks.md).
     */
    public static double costPerStep(Geometry g, Integer modes) {
        return g == Geometry.SLAB ? 1 : Math.max(1, (modes == null ? MODES : modes) / 10.0);
    }

    /** Roughly the CPU engine's seconds for a run's particles on two cores (CPU_RATE slab steps a second). */
    public static double cpuSeconds(SimulationParameters p) {
        double[] t = p.times();
        return t[t.length - 1] / p.dt() * p.npix() * p.realisations() * costPerStep(p.geometry(), p.modes()) / CPU_RATE;
    }

    /** The last backtracking time, Ω_rms T. */
    public double tMaxOmega() {
        return tMaxInTauS ? tMax * Qlt.tauS(rho(), eta, spectralIndex) : tMax;
    }

    /**
     * The run's parameters. Snapshots log-spaced from min(0.1, T_max/2) to T_max, each on a whole step
     * (the one schedule of `simulate` and the window).
     */
    public SimulationParameters parameters() {
        double t1 = tMaxOmega();
        return new SimulationParameters(rho(), eta, brmsMicroGauss, outerScalePc, nside, realisations, seed, lambdaMinRg, dt,
                SimulationParameters.logTimes(Math.min(0.1, t1 / 2), t1, snapshots, dt), gradientAngleDeg,
                lmax == null ? SimulationParameters.defaultLmax(nside) : lmax, spectralIndex, geometry, modeCount());
    }

    /** Particle steps per second the CPU engine reaches on two cores (docs/benchmarks.md), for the cost estimate. */
    static final double CPU_RATE = 1e8;

    /**
     * Refuses a run of absurd cost: more than 1e10 steps per particle, or more particle steps than the
     * CPU engine does in a year (the message gives the estimate). given: --t-max as written.
     */
    public static void checkCost(String given, double tMax, double dt, double particles) {
        checkCost(given, tMax, dt, particles, 1);
    }

    /** The same for steps that each cost stepCost slab steps ({@link #costPerStep}: an isotropic field's modes). */
    public static void checkCost(String given, double tMax, double dt, double particles, double stepCost) {
        if (!(dt > 0 && dt <= SimulationParameters.DT_MAX))
            throw new IllegalArgumentException("--dt (Omega_rms dt) must be in (0, " + SimulationParameters.DT_MAX + "]; got " + dt);
        double steps = tMax / dt;
        if (steps > 1e10) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--t-max %s is %.3g steps of dt = %s, beyond 1e10; give a smaller --t-max "
                    + "(e.g. 20tau) or a larger --dt", given, steps, dt));
        }
        double seconds = steps * particles * stepCost / CPU_RATE;
        if (seconds > 3.15e7) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "this run is %.3g particle steps (%.3g steps of %.3g particles%s): about %.3g "
                    + "years for the CPU engine; lower --nside, --realisations or --t-max%s", steps * particles, steps, particles, stepCost == 1 ? ""
                    : String.format(Locale.ROOT, ", each as dear as %.0f slab steps", stepCost), seconds / 3.15e7, stepCost == 1 ? "" : ", or --modes"));
        }
    }

    /** --t-max as a user writes it: "20tau" (a multiple of QLT's τ_s) or an Ω_rms T. */
    public static double[] parseTMax(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        boolean tau = t.endsWith("tau");
        try {
            double v = Double.parseDouble(tau ? t.substring(0, t.length() - 3) : t);
            if (!(v > 0) || !Double.isFinite(v)) throw new NumberFormatException();
            return new double[] {v, tau ? 1 : 0};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--t-max must be a positive Omega_rms T (e.g. 1000) or a multiple of tau_s (e.g. 30tau); got '" + s + "'");
        }
    }

    /**
     * --spectral-index as a user writes it: a number (1.5) or a fraction (5/3, 3/2); the accepted range
     * is {@link Qlt#Q_MIN}..{@link Qlt#Q_MAX}, and the message names what was given.
     */
    public static double parseSpectralIndex(String s) {
        String t = s.trim();
        double q;
        try {
            int slash = t.indexOf('/');
            q = slash < 0 ? Double.parseDouble(t) : Double.parseDouble(t.substring(0, slash).trim()) / Double.parseDouble(t.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--spectral-index must be a number or a fraction (5/3 Kolmogorov, 3/2 Kraichnan); got '" + s + "'");
        }
        String why = Qlt.spectralIndexProblem(q);
        if (why != null) throw new IllegalArgumentException("--spectral-index '" + s + "': " + why);
        return q;
    }

    /** --k-source run|qlt. */
    public static Ensemble.KSource parseKSource(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "run" -> Ensemble.KSource.RUN;
            case "qlt" -> Ensemble.KSource.QLT;
            default -> throw new IllegalArgumentException("--k-source must be run or qlt; got " + s);
        };
    }

    /**
     * The `simulate` arguments that make this run into out (every parameter written out, so the line
     * means the same run whatever a later version's defaults are).
     */
    public List<String> commandLine(String out) {
        List<String> a = new ArrayList<>(List.of("simulate"));
        if (rigidityVolts != null) a.addAll(List.of("--rigidity", rigidityText(rigidityVolts)));
        else a.addAll(List.of("--rho", number(givenRho)));
        a.addAll(List.of("--eta", number(eta), "--brms-ug", number(brmsMicroGauss), "--outer-scale-pc", number(outerScalePc),
                "--nside", Integer.toString(nside)));
        if (lmax != null) a.addAll(List.of("--lmax", Integer.toString(lmax)));
        a.addAll(List.of("--realisations", Integer.toString(realisations), "--seed", Long.toString(seed), "--t-max", tMaxText(tMax, tMaxInTauS),
                "--snapshots", Integer.toString(snapshots), "--dt", number(dt), "--lambda-min-rg", number(lambdaMinRg),
                "--k-source", kSource.name().toLowerCase(Locale.ROOT), "--gradient-angle", number(gradientAngleDeg)));
        if (spectralIndex != Qlt.KOLMOGOROV) a.addAll(List.of("--spectral-index", number(spectralIndex)));
        if (geometry != Geometry.SLAB) a.addAll(List.of("--turbulence", geometry.word(), "--modes", Integer.toString(modeCount())));
        if (!engine.equals(ENGINE)) a.addAll(List.of("--engine", engine));
        if (observatory != null) {
            a.addAll(List.of("--observatory", number(observatory.decLo()) + "," + number(observatory.decHi()), "--b0-dec",
                    number(observatory.decDeg())));
            if (observatory.perDeclination()) a.add("--per-declination");
        }
        a.addAll(List.of("--out", out));
        return a;
    }

    /** How the README runs the app: the prefix of {@link #shellCommand}. */
    public static final String LAUNCHER = "java --add-modules jdk.incubator.vector -jar anisoscope.jar";

    /** {@link #commandLine} as one line a POSIX shell reads back word for word (words quoted where they need it). */
    public String shellCommand(String out) {
        StringBuilder b = new StringBuilder(LAUNCHER);
        for (String w : commandLine(out)) b.append(' ').append(shellWord(w));
        return b.toString();
    }

    /** A word as a POSIX shell reads it back: as it is when it is plain, else in single quotes. */
    public static String shellWord(String w) {
        return w.matches("[A-Za-z0-9_./,:=+-]+") ? w : "'" + w.replace("'", "'\\''") + "'";
    }

    /** A double as a person writes it, exactly: 150, 0.05, 0.001, 1e-12, 1e308 (the shortest text that parses back to it). */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String plain = new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        if (plain.length() <= 12) return plain;
        String sci = Double.toString(v).replace(".0E", "E").replace("E", "e"); // 1.0E308 -> 1e308, 1.5E-12 -> 1.5e-12
        return sci;
    }

    static String tMaxText(double tMax, boolean inTauS) {
        return number(tMax) + (inTauS ? "tau" : "");
    }

    /** A rigidity as a user writes it (1PV, 316TV, 0.001V), exact: it parses back to the same volts. */
    static String rigidityText(double volts) {
        String[] unit = {"EV", "PV", "TV", "GV"};
        double[] mult = {1e18, 1e15, 1e12, 1e9};
        for (int i = 0; i < unit.length; i++) {
            if (volts < mult[i]) continue;
            String t = number(volts / mult[i]) + unit[i];
            if (Units.parseRigidity(t) == volts) return t;
            break;
        }
        return number(volts) + "V";
    }
}
