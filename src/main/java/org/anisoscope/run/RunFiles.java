package org.anisoscope.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.anisoscope.Version;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.io.AtomicFiles;
import org.anisoscope.io.ClCsv;
import org.anisoscope.sky.Observation;
import org.anisoscope.io.HealpixFits;
import org.anisoscope.io.Json;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.tracking.CpuBacktracker;

/**
 * The files a run leaves behind, the same from `simulate`, `scan` and the window's File > Save:
 * summary.json, and per snapshot cl_snapshot_KK.csv and map_snapshot_KK.fits. `fit`, `figure`,
 * `animate` and the window's File > Open read them ({@link #readSummary}, {@link #readMap}).
 */
public final class RunFiles {
    private RunFiles() {}

    /** What summary.json says it is, and its layout's version: 1 (no such field) before format_version was written. */
    static final String FORMAT = "anisoscope-run";
    public static final int FORMAT_VERSION = 2;

    /**
     * Writes a run's files into out: summary.json, and per snapshot cl_snapshot_KK.csv and
     * map_snapshot_KK.fits. Returns the ensemble result they were written from (callers that also
     * print or tabulate it need not compute it again).
     */
    public static Ensemble.Result write(Path out, SimulationParameters p, SimulationRun.Outcome o, Ensemble.KSource ks, String engineName, double seconds,
                       Double rigidityVolts) throws java.io.IOException {
        Ensemble.Result r = o.ensemble().result(ks);
        int ns = r.times().length;
        for (int k = 0; k < ns; k++) {
            StringBuilder sb = new StringBuilder("l,cl,cl_std,noise,cl_sub,cl_sub_err\n");
            for (int l = 0; l <= r.lmax(); l++) {
                sb.append(l).append(',').append(ClCsv.fmt(r.spectra().clNum()[k][l])).append(',').append(ClCsv.fmt(r.spectra().clStd()[k][l]))
                        .append(',').append(ClCsv.fmt(r.spectra().noise()[k])).append(',').append(ClCsv.fmt(r.spectra().clSub()[k][l]))
                        .append(',').append(ClCsv.fmt(r.spectra().clSubErr()[k][l])).append('\n');
            }
            AtomicFiles.writeString(out.resolve(String.format(Locale.ROOT, "cl_snapshot_%02d.csv", k)), sb.toString());
            Map<String, String> kw = new LinkedHashMap<>();
            kw.put("VERSION", Version.get());
            kw.put("SEED", Long.toString(o.realisationSeeds()[0]));
            kw.put("TIME", Double.toString(r.times()[k]));
            kw.put("CREATOR", "anisoscope simulate, realisation 0");
            kw.put("GRADANG", Double.toString(p.gradientAngleDeg())); // the gradient's angle to B0, degrees
            if (!p.kolmogorov()) kw.put("SPECIDX", Double.toString(p.spectralIndex())); // q of the spectrum ∝ k^-q (absent: 5/3)
            if (!p.slab()) kw.put("TURBMODE", p.modes() + " isotropic plane waves"); // the turbulence (absent: slab)
            HealpixFits.write(mapFile(out, k), r.first().maps()[k], "DELTA",
                    "relative intensity for |grad f/f| = 1/L_c", kw);
        }
        if (r.first().paths().length > 0) writeTrajectories(out, p, r, o.realisationSeeds()[0]);
        writeClRealisations(out, r, o.realisationSeeds());
        if (r.seen() != null) writeSeen(out, r);
        SummaryFile.Params par = new SummaryFile.Params(rigidityVolts == null ? p.rigidityVolts() : rigidityVolts, p.rho(), p.eta(),
                p.spectralIndex(), p.geometry().word(), p.slab() ? null : p.modes(), p.brmsMicroGauss(), p.outerScalePc(), p.lcPc(), p.rgPc(), p.b0(), p.omega0OverOmegaRms(), p.omegaRmsPerSecond(),
                p.yearsPerTimeUnit(), p.nside(), (long) p.npix(), p.lmax(), p.realisations(), p.lambdaMinRg(), p.dt(), r.times()[ns - 1], ns,
                p.slab() ? p.tauSQlt() : null, ks.name().toLowerCase(Locale.ROOT), p.gradientAngleDeg(), p.gradientAngleDeg() == 0
                ? "along B0 (z), |grad f / f| = 1/L_c"
                : "at gradient_angle_deg to B0 in the x-z plane, |grad f / f| = 1/L_c; the maps' K term has K_zz only (K_perp = K_A = 0: "
                + "the displacements carry the transport across B0)");
        Map<String, String> units = new LinkedHashMap<>();
        units.put("time", "Omega_rms T, Omega_rms = c/r_g the gyrofrequency in B_rms; Omega_0 T = omega0_over_omega_rms * Omega_rms T");
        units.put("length", "r_g = R/(c B_rms), the gyroradius in B_rms (L_c = r_g/rho)");
        units.put("kzz", "r_g c");
        units.put("tau_s", "1/Omega_rms; tau_s = 3 kzz (this run's plateau, or QLT's with k_source qlt)");
        units.put("kzz_log_slope", "d ln K_zz(T) / d ln T over the last third of the run: 0 on a plateau, 1 ballistic; "
                + "kzz_plateau_reached: T_max >= 3 tau_s and this slope below 0.25");
        units.put("cl", "relative intensity squared for |grad f/f| = 1/L_c (scale as (|grad f/f| L_c)^2)");
        units.put("dipoles", "Phi of Eq. 52, relative intensity");
        units.put("mean_dipole_over_fick", "the ensemble-mean dipole over Fick's K_zz g_z (g_z = |g| cos gradient_angle) with this run's K_zz "
                + "plateau (arrival directions): about (0, 0, 1) once T >> tau_s, K_used/K_plateau along z at T -> 0");
        units.put("local_mean_field", "B_rms; averaged over L_c/30 around the observer");
        units.put("inv_mean_cos_alpha_sq_expected", "the limit over many realisations of this field (Gaussian slab turbulence: "
                + "the local mean field's turbulent part is perpendicular to B0 with exponentially distributed |dB|^2)");
        SummaryFile.ObservatoryBlock seen = null;
        if (r.seen() != null) {
            Observation.Observatory ob = r.seen().observatory();
            seen = new SummaryFile.ObservatoryBlock(new double[] {ob.raDeg(), ob.decDeg()}, new double[] {ob.decLo(), ob.decHi()},
                    ob.perDeclination(), r.seen().fsky(), r.dipoleCosSqToB0(),
                    "<Phi_z^2>/<|Phi|^2> over the realisations' dipoles per snapshot: what predict/fit --dipole-cos2 take; the local mean "
                            + "field's <cos^2 alpha> is " + Ensemble.expectedMeanCosSq(p),
                    SEEN + ": l,cl,noise,cl_sub,cl_sub_err: every realisation's sky as this observatory sees it (observe), pseudo-C_l / f_sky, "
                            + "their mean, the shot noise through the band's coupling, the mean less it, its standard error");
        }
        Ensemble.Spectra sp = r.spectra();
        Ensemble.Diffusion df = r.diffusion();
        Ensemble.Orientation or = r.orientation();
        SummaryFile s = new SummaryFile(FORMAT, FORMAT_VERSION, Version.get(), o.partial(), o.error(), p.seed(), o.realisationSeeds(),
                r.realisations(), engineName, seconds, par, units, r.times(), df.kzzRunning(), df.kzz(), df.kzzPlateau(), df.plateauReached(),
                r.kzzLogSlope(), df.tauS(), r.lmax(), sp.clNum(), sp.clStd(), sp.noise(), sp.clSub(), sp.clSubErr(), sp.totalNum(), sp.totalNoise(),
                sp.totalSub(), or.dipoles(), r.meanDipoleOverFick(p.rho() * p.gradientZ()), or.localMeanField(), or.misalignmentDeg(),
                or.dipoleFieldAngleDeg(), or.invMeanCosSq(), r.invMeanCosSqErr(), Ensemble.expectedInvMeanCosSq(p),
                List.of("cl_snapshot_KK.csv: l,cl(=cl_num),cl_std,noise,cl_sub,cl_sub_err",
                        "map_snapshot_KK.fits: relative intensity of realisation 0",
                        "trajectories.csv: sample,pixel,step,t,x,y,z: sampled backtracked paths of realisation 0, in r_g; a snapshot's path is its "
                                + "points up to its step",
                        CL_REALISATIONS + ": snapshot,realisation,seed,cl_0..cl_lmax: each realisation's C_l^num (their mean is cl_num; "
                                + "cl_sub = mean - noise), for errors from the scatter between realisations"), seen);
        Json.write(out.resolve("summary.json"), s);
        return r;
    }

    /**
     * The spectra as the run's observatory saw its skies ({@code simulate --observatory}, a window
     * run with the observatory on), from summary.json's observatory block and the
     * cl_seen_snapshot_KK.csv files; null for a run made without one. Each realisation's are not
     * kept in files (Seen.clRealisations is null).
     */
    public static Ensemble.Seen readSeen(Summary s) throws IOException {
        SummaryFile.ObservatoryBlock o = SummaryFile.of(Json.read(s.file()), s.file()).observatory();
        if (o == null) return null;
        Observation.Observatory ob;
        try {
            ob = new Observation.Observatory(o.b0RaDecDeg()[0], o.b0RaDecDeg()[1], o.decRangeDeg()[0], o.decRangeDeg()[1],
                    Boolean.TRUE.equals(o.perDeclination()));
        } catch (RuntimeException e) {
            throw new IOException(s.file() + ": its observatory block is damaged (" + e.getMessage() + ")");
        }
        int ns = s.times().length, nl = s.spectra().clNum()[0].length;
        double[][] num = new double[ns][], noise = new double[ns][], sub = new double[ns][], err = new double[ns][];
        for (int k = 0; k < ns; k++) {
            Path f = s.dir().resolve(String.format(Locale.ROOT, "cl_seen_snapshot_%02d.csv", k));
            if (!Files.exists(f)) throw new IOException(f + " is missing: summary.json says the run saw its skies through an observatory");
            double[][] cols = {new double[nl], new double[nl], new double[nl], new double[nl]};
            int rows = 0, line = 0;
            for (String raw : Files.readAllLines(f)) {
                line++;
                String t = raw.trim();
                if (t.isEmpty() || t.startsWith("#") || t.startsWith("l,")) continue;
                String[] c = t.split(",", -1);
                try {
                    int l = Integer.parseInt(c[0].trim());
                    if (c.length != 5 || l < 0 || l >= nl) throw new NumberFormatException();
                    for (int j = 0; j < 4; j++) cols[j][l] = ClCsv.number(c[1 + j]);
                    rows++;
                } catch (NumberFormatException e) {
                    throw new IOException(String.format(Locale.ROOT, "%s line %d: expected l (0..%d),cl,noise,cl_sub,cl_sub_err", f, line, nl - 1));
                }
            }
            if (rows != nl) throw new IOException(f + ": " + rows + " multipoles, the run has " + nl);
            num[k] = cols[0];
            noise[k] = cols[1];
            sub[k] = cols[2];
            err[k] = cols[3];
        }
        return new Ensemble.Seen(ob, o.fsky() == null ? Double.NaN : o.fsky(), num, noise, sub, err, null);
    }

    /** Per snapshot, the ensemble's spectra as the observatory sees them. */
    static final String SEEN = "cl_seen_snapshot_KK.csv";

    private static void writeSeen(Path out, Ensemble.Result r) throws IOException {
        Ensemble.Seen seen = r.seen();
        for (int k = 0; k < r.times().length; k++) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "# anisoscope %s simulate, as seen in %s (f_sky %s): pseudo-C_l / f_sky of "
                    + "each realisation's cut sky; %d realisations; Omega_rms T = %s%nl,cl,noise,cl_sub,cl_sub_err%n", Version.get(),
                    seen.observatory().describe(), seen.fsky(), r.realisations(), r.times()[k]));
            for (int l = 0; l <= r.lmax(); l++) {
                sb.append(l).append(',').append(ClCsv.fmt(seen.clNum()[k][l])).append(',').append(ClCsv.fmt(seen.noise()[k][l]))
                        .append(',').append(ClCsv.fmt(seen.clSub()[k][l])).append(',').append(ClCsv.fmt(seen.clSubErr()[k][l])).append('\n');
            }
            AtomicFiles.writeString(out.resolve(String.format(Locale.ROOT, "cl_seen_snapshot_%02d.csv", k)), sb.toString());
        }
    }

    static final String TRAJECTORIES = "trajectories.csv", CL_REALISATIONS = "cl_realisations.csv";

    /** One row per snapshot and realisation: that realisation's C_l^num (with the K_zz the maps use) for l = 0..lmax. */
    private static void writeClRealisations(Path out, Ensemble.Result r, long[] seeds) throws IOException {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "# anisoscope %s: C_l^num of each realisation (K_zz = %s r_g c in the maps); their mean over realisations is cl_num, "
                        + "minus the noise cl_sub%nsnapshot,realisation,seed", Version.get(), ClCsv.fmt(r.diffusion().kzz())));
        for (int l = 0; l <= r.lmax(); l++) sb.append(",cl_").append(l);
        sb.append('\n');
        for (int k = 0; k < r.times().length; k++) {
            for (int j = 0; j < r.realisations(); j++) {
                sb.append(k).append(',').append(j).append(',').append(seeds[j]);
                for (double v : r.clRealisations()[j][k]) sb.append(',').append(ClCsv.fmt(v));
                sb.append('\n');
            }
        }
        AtomicFiles.writeString(out.resolve(CL_REALISATIONS), sb.toString());
    }

    /**
     * A run's cl_realisations.csv as [snapshot][realisation][l] (null when the folder has none: runs
     * written before it was kept), checked to belong to the run: one row per snapshot and complete
     * realisation, and their mean equal to the summary's cl_num.
     */
    public static double[][][] readClRealisations(Summary s) throws IOException {
        Path f = s.dir().resolve(CL_REALISATIONS);
        if (!Files.exists(f)) return null;
        int ns = s.times().length, n = s.realisations(), nl = s.spectra().clNum()[0].length;
        double[][][] c = new double[ns][n][];
        int line = 0;
        try (java.io.BufferedReader in = Files.newBufferedReader(f)) {
            for (String raw; (raw = in.readLine()) != null; ) {
                line++;
                String t = raw.trim();
                if (t.isEmpty() || t.startsWith("#") || t.startsWith("snapshot")) continue;
                String[] col = t.split(",");
                try {
                    if (col.length != 3 + nl) throw new NumberFormatException();
                    int k = Integer.parseInt(col[0].trim()), j = Integer.parseInt(col[1].trim());
                    if (k < 0 || k >= ns || j < 0 || j >= n || c[k][j] != null) throw new NumberFormatException();
                    double[] row = new double[nl];
                    for (int l = 0; l < nl; l++) row[l] = Double.parseDouble(col[3 + l]);
                    c[k][j] = row;
                } catch (NumberFormatException e) {
                    throw new IOException(String.format(Locale.ROOT, "%s line %d: expected snapshot (0..%d), realisation (0..%d), seed and %d C_l, "
                            + "each snapshot and realisation once", f, line, ns - 1, n - 1, nl));
                }
            }
        }
        for (int k = 0; k < ns; k++) {
            double scale = 0;
            for (double v : s.spectra().clNum()[k]) scale = Math.max(scale, Math.abs(v));
            for (int j = 0; j < n; j++) if (c[k][j] == null) throw new IOException(f + ": snapshot " + k + " has no row for realisation " + j);
            for (int l = 0; l < nl; l++) {
                double mean = 0;
                for (int j = 0; j < n; j++) mean += c[k][j][l] / n;
                if (Math.abs(mean - s.spectra().clNum()[k][l]) > 1e-9 * scale) {
                    throw new IOException(String.format(Locale.ROOT, "%s: its mean C_%d at snapshot %d is %s but %s says %s: the folder mixes two runs",
                            f, l, k, mean, s.file(), s.spectra().clNum()[k][l]));
                }
            }
        }
        return c;
    }

    /**
     * The first realisation's sampled paths as CSV, one row per recorded point with its step and
     * backtracking time (points are {@link CpuBacktracker#trajectoryStride} steps apart), so that
     * each snapshot's path — the points up to its step — can be drawn again, here or in any plotting
     * tool.
     */
    private static void writeTrajectories(Path out, SimulationParameters p, Ensemble.Result r, long seed) throws IOException {
        AtomicFiles.writeString(out.resolve(TRAJECTORIES), trajectoriesCsv(p, "sampled backtracked trajectories of realisation 0", seed,
                r.first().pathPixels(), r.first().paths()));
    }

    /**
     * Paths as trajectories.csv holds them (its format for `trajectory` too): a header saying what
     * (e.g. "sampled backtracked trajectories of realisation 0"), then a row per recorded point.
     */
    public static String trajectoriesCsv(SimulationParameters p, String what, long seed, int[] pixels, float[][] paths) {
        long stride = CpuBacktracker.trajectoryStride(p.times(), p.dt());
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "# anisoscope %s: %s (seed %d; rho %s, eta %s, nside %d); x,y,z in r_g = %s pc "
                        + "relative to the observer; step: of dt = %s, t = step dt = Omega_rms t of backtracking (rounded); pixel: the RING "
                        + "pixel the particle arrives in; a snapshot's path is its points up to its time%nsample,pixel,step,t,x,y,z%n",
                Version.get(), what, seed, p.rho(), p.eta(), p.nside(), p.rgPc(), p.dt()));
        for (int i = 0; i < paths.length; i++) {
            float[] path = paths[i];
            for (int j = 0; 3 * j + 2 < path.length; j++) {
                sb.append(i).append(',').append(pixels[i]).append(',').append(j * stride).append(',')
                        .append(String.format(Locale.ROOT, "%.7g", j * stride * p.dt())).append(',')
                        .append(path[3 * j]).append(',').append(path[3 * j + 1]).append(',').append(path[3 * j + 2]).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * A run's trajectories.csv as each snapshot shows them (null when the folder has none: runs
     * written before it was kept, or with no trajectories sampled).
     */
    public static LiveRun.Trajectories[] readTrajectories(Summary s) throws IOException {
        Path f = s.dir().resolve(TRAJECTORIES);
        if (!Files.exists(f)) return null;
        List<String> lines = Files.readAllLines(f);
        record SamplePath(int pixel, List<double[]> points) {} // one sample's pixel and its {step, x, y, z} rows
        Map<Integer, SamplePath> samples = new TreeMap<>();
        int n = 0;
        for (String line : lines) {
            n++;
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith("sample")) continue;
            String[] c = t.split(",");
            try {
                if (c.length != 7) throw new NumberFormatException();
                int sample = Integer.parseInt(c[0].trim()), pixel = Integer.parseInt(c[1].trim());
                long step = Long.parseLong(c[2].trim());
                if (sample < 0 || pixel < 0 || pixel >= s.params().npix() || step < 0) throw new NumberFormatException();
                samples.computeIfAbsent(sample, k -> new SamplePath(pixel, new ArrayList<>())).points().add(new double[] {step,
                        Double.parseDouble(c[4]), Double.parseDouble(c[5]), Double.parseDouble(c[6])});
            } catch (NumberFormatException e) {
                throw new IOException(f + " line " + n + ": expected sample,pixel,step,t,x,y,z with a pixel of Nside " + s.params().nside()
                        + "; got '" + t + "'");
            }
        }
        List<SamplePath> paths = new ArrayList<>(samples.values());
        int[] pix = paths.stream().mapToInt(SamplePath::pixel).toArray();
        long[] steps = CpuBacktracker.stepCounts(s.times(), s.params().dt());
        LiveRun.Trajectories[] out = new LiveRun.Trajectories[steps.length];
        for (int k = 0; k < steps.length; k++) {
            float[][] cut = new float[paths.size()][];
            for (int j = 0; j < cut.length; j++) {
                List<double[]> pts = paths.get(j).points();
                int m = 0;
                while (m < pts.size() && pts.get(m)[0] <= steps[k]) m++;
                cut[j] = new float[3 * m];
                for (int q = 0; q < m; q++) for (int c = 0; c < 3; c++) cut[j][3 * q + c] = (float) pts.get(q)[c + 1];
            }
            out[k] = new LiveRun.Trajectories(pix, cut);
        }
        return out;
    }

    /** The file of snapshot k's map of realisation 0 in a run's folder. */
    public static Path mapFile(Path dir, int k) {
        return dir.resolve(String.format(Locale.ROOT, "map_snapshot_%02d.fits", k));
    }

    /**
     * What a run's summary.json holds, read back. Rows are per snapshot; the quantities are those of
     * {@link Ensemble.Result} as {@link #write} wrote them.
     *
     * @param file               the summary.json read
     * @param params             the run's parameters (its snapshot times, seed, step, grids), so it can be made again
     * @param rigidityVolts      the rigidity as written (given, or converted from rho with B_rms and L_max)
     * @param realisationSeeds   the seed of each realisation
     * @param realisations       complete realisations in the statistics (fewer than asked in a partial run)
     */
    public record Summary(Path file, String version, String engine, SimulationParameters params, double rigidityVolts,
                          long[] realisationSeeds, boolean partial, int realisations, double[] times, Spectra spectra,
                          Diffusion diffusion, Dipoles dipoles) {
        /** The folder the run's files are in. */
        public Path dir() {
            Path parent = file.toAbsolutePath().getParent();
            return parent == null ? Path.of(".") : parent;
        }

        /** One line for a figure's or a file's metadata: who made the run, with what, from which seed. */
        public String provenance() {
            SimulationParameters p = params;
            return String.format(Locale.ROOT, "run by anisoscope %s, seed %d, rho %s, eta %s, nside %d, realisations %d, dt %s, lambda_min r_g/%s%s%s",
                    version, p.seed(), p.rho(), p.eta(), p.nside(), realisations, p.dt(), p.lambdaMinRg(),
                    p.gradientAngleDeg() == 0 ? "" : ", gradient at " + p.gradientAngleDeg() + " deg to B0",
                    p.kolmogorov() ? "" : ", spectrum k^-" + p.spectralIndex()) + (p.slab() ? "" : ", isotropic turbulence of " + p.modes() + " plane waves");
        }
    }

    /**
     * The field's parameters as every command's JSON starts its params block: rho, eta,
     * spectral_index, turbulence and, for isotropic turbulence, modes (a new map to add to).
     */
    public static Map<String, Object> fieldParams(SimulationParameters p) {
        Map<String, Object> par = new LinkedHashMap<>();
        par.put("rho", p.rho());
        par.put("eta", p.eta());
        par.put("spectral_index", p.spectralIndex());
        par.put("turbulence", p.geometry().word());
        if (!p.slab()) par.put("modes", p.modes());
        return par;
    }

    /** A run's spectra as written, [snapshot][l]: ⟨C_ℓ⟩^num, the flat noise (per snapshot), C_ℓ^sub and its error. */
    public record Spectra(double[][] clNum, double[] noise, double[][] clSub, double[][] clSubErr) {}

    /**
     * A run's diffusion as written.
     *
     * @param kzz        K_zz the maps and the noise used (r_g c); kSource where it came from
     * @param kzzRunning ⟨z²⟩/2T per snapshot
     * @param kzzPlateau this run's plateau (NaN in files written before it was recorded)
     * @param tauSQlt    quasi-linear theory's scattering time, in 1/Ω_rms (NaN for isotropic turbulence: QLT's is the slab's)
     */
    public record Diffusion(Ensemble.KSource kSource, double[] kzzRunning, double kzz, double kzzPlateau, double tauSQlt) {}

    /**
     * A run's dipoles as written.
     *
     * @param meanDipoleOverFick the ensemble-mean dipole over Fick's K_zz g_z per snapshot (null in older files)
     * @param localMeanField     per realisation, in B_rms
     * @param invMeanCosSq       1/⟨cos α⟩² over the realisations (NaN in older files)
     * @param meanDipole         the ensemble-mean dipole vector Φ per snapshot (null where the file has no dipoles)
     */
    public record Dipoles(double[][] meanDipoleOverFick, double[][] localMeanField, double invMeanCosSq, double[][] meanDipole) {}

    /**
     * Reads a run's summary.json (pathOrDir: the file or the folder simulate wrote), every field
     * checked: a file that is not a run's summary is refused in one line that names what is missing.
     */
    public static Summary readSummary(Path pathOrDir) throws IOException {
        Path file = Files.isDirectory(pathOrDir) ? pathOrDir.resolve("summary.json") : pathOrDir;
        if (!Files.exists(file)) {
            throw new IOException(file + ": no such file; give the folder that simulate --out (or the window's File > Save the run) wrote");
        }
        JsonNode root = Json.read(file);
        formatVersion(root, file);
        if (!root.path("params").isObject()) throw new IOException(file + ": not a run's summary.json (no params): simulate --out DIR writes one");
        SummaryFile f = SummaryFile.of(root, file);
        SummaryFile.Params p = f.params();
        double[] times = f.times();
        if (times == null) throw new IOException(file + ": malformed: times must be an array");
        int ns = times.length;
        if (ns == 0) throw new IOException(file + ": malformed: no snapshot times");
        SimulationParameters params;
        try {
            int nside = required(p.nside(), file, "nside");
            params = new SimulationParameters(required(p.rho(), file, "rho"), required(p.eta(), file, "eta"), required(p.brmsUg(), file, "brms_ug"),
                    required(p.outerScalePc(), file, "outer_scale_pc"), nside, required(p.realisations(), file, "realisations"),
                    required(f.seed(), file, "seed"), required(p.lambdaMinRg(), file, "lambda_min_rg"), required(p.dt(), file, "dt"), times,
                    p.gradientAngleDeg() != null ? p.gradientAngleDeg() : 0, // files from before the gradient could turn: along B0
                    p.lmax() != null ? p.lmax() : SimulationParameters.defaultLmax(nside), // files from before --lmax: anafast's default
                    p.spectralIndex() != null ? p.spectralIndex() : org.anisoscope.physics.Qlt.KOLMOGOROV, // from before q: Kolmogorov
                    p.turbulence() != null ? org.anisoscope.physics.Geometry.parse(p.turbulence()) : org.anisoscope.physics.Geometry.SLAB, // before: slab
                    p.modes() != null ? p.modes() : 0);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": malformed: " + e.getMessage());
        }
        long[] seeds = f.realisationSeeds() == null ? new long[0] : f.realisationSeeds();
        String ks = p.kSource() == null ? "" : p.kSource();
        Ensemble.KSource kSource = switch (ks) {
            case "run" -> Ensemble.KSource.RUN;
            case "qlt" -> Ensemble.KSource.QLT;
            default -> throw new IOException(file + ": malformed: params.k_source must be run or qlt; got '" + ks + "'");
        };
        double[][] clNum = rows(f.clNum(), file, "cl_num", ns), clSub = rows(f.clSub(), file, "cl_sub", ns), clSubErr = rows(f.clSubErr(), file,
                "cl_sub_err", ns);
        for (int k = 0; k < ns; k++) {
            if (clNum[k].length != params.lmax() + 1 || clSub[k].length != params.lmax() + 1 || clSubErr[k].length != params.lmax() + 1)
                throw new IOException(file + ": malformed: cl_num, cl_sub and cl_sub_err need l = 0.." + params.lmax() + " (params.lmax)");
        }
        double[] noise = f.noise(), running = f.kzzRunning();
        if (noise == null || running == null || noise.length != ns || running.length != ns) {
            throw new IOException(file + ": malformed: noise and kzz_running need one value per time (" + ns + ")");
        }
        double[][] dipoleOverFick = f.meanDipoleOverFick() == null ? null : rows(f.meanDipoleOverFick(), file, "mean_dipole_over_fick", ns);
        double[][] local = f.localMeanField() == null ? new double[0][] : f.localMeanField();
        int completed = f.realisationsCompleted() != null ? f.realisationsCompleted() : params.realisations();
        double[][] meanDipole = null;
        if (f.dipoles() != null && f.dipoles().length > 0) {
            meanDipole = new double[ns][3];
            for (double[][] real : f.dipoles()) {
                double[][] d = rows(real, file, "dipoles", ns);
                for (int k = 0; k < ns; k++) for (int c = 0; c < 3 && c < d[k].length; c++) meanDipole[k][c] += d[k][c] / f.dipoles().length;
            }
        }
        double volts = p.rigidityVolts() != null ? p.rigidityVolts() : params.rigidityVolts();
        return new Summary(file, f.version() == null ? "?" : f.version(), f.engine() == null ? "?" : f.engine(), params, volts, seeds,
                Boolean.TRUE.equals(f.partial()), completed, times, new Spectra(clNum, noise, clSub, clSubErr),
                new Diffusion(kSource, running, required(f.kzz(), file, "kzz"), f.kzzPlateau() != null ? f.kzzPlateau() : Double.NaN,
                        params.slab() ? required(p.tauSQlt(), file, "tau_s_qlt") : Double.NaN), // isotropic: no QLT τ_s
                new Dipoles(dipoleOverFick, local, f.invMeanCosAlphaSq() != null ? f.invMeanCosAlphaSq() : Double.NaN, meanDipole));
    }

    private static <T> T required(T value, Path file, String name) throws IOException {
        if (value == null) throw new IOException(file + ": malformed: missing number " + name);
        return value;
    }

    /** A per-snapshot table: one row per snapshot time, or a one-line reason. */
    private static double[][] rows(double[][] m, Path file, String what, int ns) throws IOException {
        if (m == null || m.length != ns) throw new IOException(file + ": malformed: " + what + " needs " + ns + " rows (one per snapshot time)");
        for (double[] row : m) if (row == null) throw new IOException(file + ": malformed: " + what + " has a row that is not an array");
        return m;
    }

    /**
     * Snapshot k's map of realisation 0 as {@link #write} left it, checked to belong to the run (its
     * Nside and, where recorded, its time); null when the file is not there (a summary copied
     * without its maps is still worth looking at).
     */
    public static double[] readMap(Summary s, int k) throws IOException {
        Path f = mapFile(s.dir(), k);
        if (!Files.exists(f)) return null;
        HealpixFits.SkyMap m = HealpixFits.read(f);
        if (m.nside() != s.params().nside()) {
            throw new IOException(f + " has Nside " + m.nside() + " but " + s.file() + " says " + s.params().nside() + ": the folder mixes two runs");
        }
        String t = m.keywords().get("TIME");
        if (t != null) {
            double time;
            try {
                time = Double.parseDouble(t.trim());
            } catch (NumberFormatException e) {
                throw new IOException(f + ": its TIME keyword '" + t.trim() + "' is not a number");
            }
            if (Math.abs(time - s.times()[k]) > 1e-9 * Math.abs(s.times()[k])) {
                throw new IOException(String.format(Locale.ROOT, "%s is at Omega_rms T = %s but snapshot %d of %s is at %s: the folder mixes two runs",
                        f, time, k, s.file(), s.times()[k]));
            }
        }
        return m.values();
    }

    /**
     * The layout's version of a summary.json: 1 for files written before it was recorded (they read as
     * they are: every field added since is optional), refused when newer than this version reads.
     */
    static int formatVersion(JsonNode root, Path file) throws IOException {
        JsonNode v = root.path("format_version");
        if (v.isMissingNode()) return 1;
        if (!v.canConvertToInt() || v.asInt() < 1) throw new IOException(file + ": malformed: format_version must be a whole number from 1");
        if (v.asInt() > FORMAT_VERSION) {
            throw new IOException(file + " is in run format " + v.asInt() + ", written by anisoscope " + root.path("version").asText("?")
                    + "; this anisoscope (" + Version.get() + ") reads formats up to " + FORMAT_VERSION + ": update anisoscope to open it");
        }
        return v.asInt();
    }
}
