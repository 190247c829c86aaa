package org.anisoscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.anisoscope.Version;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.io.Json;
import org.anisoscope.mixing.Prediction;
import org.anisoscope.mixing.Predictor;
import org.anisoscope.physics.SimulationParameters;
import org.anisoscope.physics.Units;
import org.anisoscope.plot.ConvergencePlot;
import org.anisoscope.plot.FormationFigure;
import org.anisoscope.plot.FigureStyle;
import org.anisoscope.plot.LinePlot;
import org.anisoscope.plot.Ticks;
import org.anisoscope.run.LiveRun;
import org.anisoscope.run.RunFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "figure", mixinStandardHelpOptions = true,
        description = {"A PNG figure of a simulation, headless (no display needed), as the window draws it: the angular power spectrum "
                + "at one snapshot with the analytic curve (the paper's Fig. 5), or C_l^sub(T) and N_l(T) over the run (Fig. 4), or K_zz(T) with the ensemble dipole along B0; or of a "
                + "convergence check: each quantity's relative difference against T with the tolerance (for an appendix).",
                "Reads DIR/summary.json as simulate wrote it (DIR/convergence.json as converge wrote it); the version, parameters and "
                        + "seed go into the PNG's text chunks."})
final class FigureCommand implements Callable<Integer> {
    // colour-blind-safe (Okabe and Ito's palette: FigureStyle)
    static final Color NUM = FigureStyle.BLUE, SUB = FigureStyle.VERMILION, NOISE = FigureStyle.GREY, MAT = Color.BLACK, DRIFT = FigureStyle.PURPLE;
    static final Color[] L_COLOURS = java.util.Arrays.copyOf(FigureStyle.SERIES, 5);

    @Option(names = "--sim", required = true, paramLabel = "DIR", description = "the folder simulate --out wrote") Path sim;
    @Option(names = "--what", defaultValue = "cl", description = "cl (the spectrum at one snapshot), evolution (C_l^sub and N_l against T), "
            + "dipole (K_zz(T) and the ensemble dipole along B0 against T), seen (cl with the spectra as the run's observatory saw its "
            + "skies and the analytic curve as it would see it: simulate --observatory), convergence (the relative differences of a "
            + "converge folder), separation (a separation folder's time to part against the angle) or formation (the paper's "
            + "Fig. 1: at --rows backtracking times, realisation 1's trajectories, its sky and the ensemble's C_l; the height "
            + "follows from --width and --rows)")
    String what;
    @Option(names = "--rows", defaultValue = "4", description = "backtracking times in --what formation, log-spaced over the run's "
            + "snapshots (default ${DEFAULT-VALUE})") int rows;
    @Option(names = "--snapshot", description = "snapshot index for --what cl (default: the last)") Integer snapshot;
    @Option(names = "--theory", defaultValue = "auto",
            description = "the analytic curve on --what cl: auto (Omega_0 dT of Eq. 51), a value of Omega_0 dT, or none (default ${DEFAULT-VALUE})")
    String theory;
    @Option(names = "--style", defaultValue = "default", description = "default (1200 x 800 at 150 dpi), paper (a journal's single "
            + "column: 3.4 in wide at 300 dpi, 8 pt type), paper-wide (double column: 7 in, 9 pt), talk (a 16:9 slide: 1920 x 1080, 18 pt "
            + "type, thick lines) or talk-dark (the same on a dark background); --width, --height and --dpi change its size "
            + "(default ${DEFAULT-VALUE})") String style;
    @Option(names = "--width", description = "pixels (default: the style's)") Integer widthOption;
    @Option(names = "--height", description = "pixels (default: the style's)") Integer heightOption;
    @Option(names = "--dpi", description = "recorded in the file; fonts and lines scale with it (default: the style's)") Integer dpiOption;
    /** The figure's size, from the style unless the options say otherwise. */
    private int width, height, dpi;
    private FigureStyle look;
    @Option(names = "--out", required = true, paramLabel = "FIG.png") Path out;
    @picocli.CommandLine.Mixin FileOptions.Force overwrite;
    @picocli.CommandLine.Mixin FileOptions.Footer footer;

    @Override
    public Integer call() throws Exception {
        look = FigureStyle.named(style);
        dpi = dpiOption != null ? dpiOption : look.dpi();
        width = widthOption != null ? widthOption : look.widthPx(dpi);
        height = heightOption != null ? heightOption : look.heightPx(dpi);
        if (width < 200 || height < 200 || width > 12000 || height > 12000)
            throw new IllegalArgumentException("--width and --height must be 200 to 12000 pixels; got " + width + " x " + height);
        if (dpi < 30 || dpi > 2400) throw new IllegalArgumentException("--dpi must be between 30 and 2400; got " + dpi);
        FileOptions.inputFolder(sim, "--sim");
        FileOptions.output(out, "--out", overwrite.force, FileOptions.FIGURE, sim);
        // a converge or separation folder: its JSON, not a run's summary
        boolean separation = what.equalsIgnoreCase("separation");
        if (separation || what.equalsIgnoreCase("convergence")) {
            Path file = Files.isDirectory(sim) ? sim.resolve(separation ? "separation.json" : "convergence.json") : sim;
            JsonNode root = Json.read(file);
            LinePlot plot = (separation ? separation(file, root) : convergence(file, root)).style(look);
            String made = String.format(Locale.ROOT, "run by anisoscope %s, seed %s", root.path("version").asText("?"), root.path("seed").asText("?"));
            write(plot, String.format(Locale.ROOT, "anisoscope %s figure of %s (%s)", Version.get(), file.toAbsolutePath(), made),
                    "drawn by anisoscope " + Version.get() + " from " + file.getFileName() + "; " + made);
            System.err.println("wrote " + out);
            return 0;
        }
        RunFiles.Summary run = RunFiles.readSummary(sim);
        SimulationParameters p = run.params();
        String who = Units.formatRigidity(run.rigidityVolts()) + ", η = " + Ticks.significant(p.eta(), 3);
        String provenance = String.format(Locale.ROOT, "anisoscope %s figure of %s (%s)", Version.get(), run.file().toAbsolutePath(), run.provenance());
        if (what.equalsIgnoreCase("formation")) {
            formation(run, provenance);
            return 0;
        }
        LinePlot plot = new LinePlot().log(true, true).style(look);
        switch (what.toLowerCase(Locale.ROOT)) {
            case "cl" -> spectrum(plot, run, who);
            case "seen" -> seen(plot, run, who);
            case "evolution" -> evolution(plot, run, who);
            case "dipole" -> dipole(plot.log(true, false), run, who);
            default -> throw new IllegalArgumentException("--what must be cl, seen, evolution, dipole, formation, convergence or separation; got " + what);
        }
        write(plot, provenance, "drawn by anisoscope " + Version.get() + "; " + run.provenance());
        System.err.println("wrote " + out);
        return 0;
    }

    /** What {@link #spectrum} drew of the analytic curve: the prediction and its factor (null when none was drawn). */
    private record Theory(Prediction prediction, double scale) {}

    /**
     * The spectrum of {@link #spectrum} with the run's skies as its observatory saw them (open
     * points) and the analytic curve folded through the same cut with the run's own ⟨cos²⟩ of
     * its dipoles to B0, drawn with the full-sky curve's factor.
     */
    private void seen(LinePlot plot, RunFiles.Summary run, String who) throws IOException {
        Ensemble.Seen seen = RunFiles.readSeen(run);
        if (seen == null) throw new IllegalArgumentException(run.file() + ": the run has no spectra as seen; make it with simulate --observatory MIN,MAX --b0-dec DEC");
        int k = snapshot == null ? run.times().length - 1 : snapshot;
        Theory th = spectrum(plot, run, who);
        double[] sub = seen.clSub()[k], err = seen.clSubErr()[k];
        int lmax = sub.length - 1;
        double[] ls = new double[lmax], s = new double[lmax], e = new double[lmax];
        for (int l = 1; l <= lmax; l++) {
            ls[l - 1] = l;
            s[l - 1] = sub[l];
            e[l - 1] = err[l];
        }
        var ob = seen.observatory();
        String where = String.format(Locale.ROOT, "Dec %s° to %s°%s, B0 at Dec %s°", Ticks.significant(ob.decLo(), 3), Ticks.significant(ob.decHi(), 3),
                ob.perDeclination() ? ", means out" : "", Ticks.significant(ob.decDeg(), 3));
        plot.add(new LinePlot.Series("<C_ℓ>^sub as seen: " + where, ls, s, e, DRIFT, LinePlot.Style.POINTS));
        if (th != null) {
            JsonNode q = Json.read(run.file()).path("observatory").path("dipole_cos2_to_b0");
            double cos2 = q.isArray() && q.size() > k ? q.get(k).asDouble() : Ensemble.expectedMeanCosSq(run.params());
            var mc = ob.coupling(run.params().nside(), th.prediction().lmax(), Inputs.threads(null));
            double[] f = mc.expectedSeenReliable(th.prediction().cl(), ob.decDeg(), cos2);
            int m = Math.min(Math.min(Predictor.shownLmax(th.prediction().lmax()), f.length - 1), lmax);
            double[] tl = new double[m], tc = new double[m];
            for (int l = 1; l <= m; l++) {
                tl[l - 1] = l;
                tc[l - 1] = th.scale() * f[l];
            }
            plot.add(new LinePlot.Series(String.format(Locale.ROOT, "<C_ℓ>^mat as seen (dipoles' ⟨cos²⟩ to B0 %.2f%s)", cos2,
                    q.isArray() ? ", the run's" : ", the local field's"), tl, tc, null, DRIFT, LinePlot.Style.DASHED));
        }
    }

    private Theory spectrum(LinePlot plot, RunFiles.Summary run, String who) {
        double[] times = run.times();
        double tau = run.diffusion().tauSQlt();
        int realisations = run.realisations();
        int k = snapshot == null ? times.length - 1 : snapshot;
        if (k < 0 || k >= times.length) throw new IllegalArgumentException("--snapshot must be in 0.." + (times.length - 1) + "; got " + k);
        double[] num = run.spectra().clNum()[k], sub = run.spectra().clSub()[k], err = run.spectra().clSubErr()[k];
        int lmax = num.length - 1;
        double[] ls = new double[lmax], n = new double[lmax], nn = new double[lmax], s = new double[lmax], e = new double[lmax];
        for (int l = 1; l <= lmax; l++) {
            ls[l - 1] = l;
            n[l - 1] = num[l];
            nn[l - 1] = run.spectra().noise()[k];
            s[l - 1] = l < sub.length ? sub[l] : Double.NaN;
            e[l - 1] = l < err.length ? err[l] : Double.NaN;
        }
        plot.title(String.format(Locale.ROOT, "%s: Ω_rms T = %.4g%s, %s", who, times[k], org.anisoscope.util.Words.qltTauS(times[k], tau, " (", ")"), org.anisoscope.util.Words.count(realisations, "realisation")))
                .labels("multipole ℓ", "C_ℓ").decades(7)
                .add(new LinePlot.Series("<C_ℓ>^num", ls, n, null, NUM, LinePlot.Style.LINE))
                .add(new LinePlot.Series("N_ℓ (shot noise, Eq. 7)", ls, nn, null, NOISE, LinePlot.Style.DASHED))
                .add(new LinePlot.Series("<C_ℓ>^sub ± σ", ls, s, e, SUB, LinePlot.Style.POINTS));
        boolean slab = run.params().slab();
        String note = "C_ℓ of the relative intensity for |∇f/f| = 1/L_c" + (slab ? "; τ_s from QLT" : "; isotropic turbulence");
        double gz = run.params().gradientZ();
        if (gz == 0) note += "; no prediction: the gradient is across B0, where the mixing matrix has no source";
        else if (!slab) note += "; no prediction: the mixing matrix is slab turbulence's";
        if (!theory.trim().equalsIgnoreCase("none") && gz != 0 && slab) {
            double odt = theory.trim().equalsIgnoreCase("auto") ? Double.NaN : omegaDt(theory);
            Prediction pr = Predictor.predict(run.params().rho(), run.params().eta(), run.params().spectralIndex(), Predictor.DEFAULT_LMAX, odt,
                    Inputs.threads(null));
            double[] cl = pr.cl();
            // normalised to C_1^sub, as the paper's Fig. 5 compares shapes; absolute (× cos²θ of the gradient's angle to B0,
            // whose component along B0 is the prediction's source) when C_1^sub is not positive
            boolean toC1 = sub.length > 1 && sub[1] > 0;
            double scale = toC1 ? sub[1] / cl[1] : run.params().predictionFactor();
            int m = Math.min(Predictor.shownLmax(cl.length - 1), lmax);
            double[] tl = new double[m], tc = new double[m];
            for (int l = 1; l <= m; l++) {
                tl[l - 1] = l;
                tc[l - 1] = scale * cl[l];
            }
            String name = toC1 ? String.format(Locale.ROOT, "<C_ℓ>^mat × %.3g (to C_1^sub)", scale)
                    : scale == 1 ? "<C_ℓ>^mat (absolute)" : String.format(Locale.ROOT, "<C_ℓ>^mat × cos²θ = %.3g (absolute)", scale);
            plot.add(new LinePlot.Series(name, tl, tc, null, MAT, LinePlot.Style.DASHED));
            note += String.format(Locale.ROOT, "; theory: Ω0ΔT = %.3g (%s), ℓmax = %d", pr.omegaDt(), Double.isNaN(odt) ? "Eq. 51" : "set",
                    Predictor.DEFAULT_LMAX);
            plot.note(note);
            return new Theory(pr, scale);
        }
        plot.note(note);
        return null;
    }

    private static void evolution(LinePlot plot, RunFiles.Summary run, String who) {
        double[] times = run.times();
        double tau = run.diffusion().tauSQlt();
        plot.title(String.format(Locale.ROOT, "%s: C_ℓ^sub(T) and N_ℓ(T), %s", who, org.anisoscope.util.Words.count(run.realisations(), "realisation")))
                .labels("backtracking time Ω_rms T", "C_ℓ^sub, N_ℓ").decades(6).headroom(30).legendLeft(true)
                .note(Double.isFinite(tau) ? String.format(Locale.ROOT, "τ_s (QLT) = %.4g/Ω_rms; C_ℓ^sub levels off for T ≳ τ_s while N_ℓ grows ∝ T "
                        + "(the paper's Fig. 4)", tau) : "isotropic turbulence: C_ℓ^sub levels off once the particles diffuse, while N_ℓ grows ∝ T");
        if (Double.isFinite(tau)) plot.marker(tau, "τ_s");
        for (int l = 1; l <= 5; l++) {
            double[] y = new double[times.length];
            for (int k = 0; k < times.length; k++) {
                double[] c = run.spectra().clSub()[k];
                y[k] = l < c.length ? c[l] : Double.NaN;
            }
            plot.add(new LinePlot.Series("ℓ = " + l, times, y, null, L_COLOURS[l - 1], LinePlot.Style.LINE));
        }
        plot.add(new LinePlot.Series("N_ℓ", times, run.spectra().noise(), null, NOISE, LinePlot.Style.DASHED));
    }

    /**
     * The transport behind the dipole: the running K_zz(T) = <z²>/2T, the K_zz the maps use, and the
     * ensemble dipole along B0 over |g| in the same units — K_used at T → 0 (the map is 3K g·n),
     * Fick's K_zz once T ≫ τ_s.
     */
    private static void dipole(LinePlot plot, RunFiles.Summary run, String who) throws IOException {
        if (run.dipoles().meanDipoleOverFick() == null || !Double.isFinite(run.diffusion().kzzPlateau()))
            throw new IOException(run.file() + ": summary.json has no mean_dipole_over_fick and kzz_plateau (written by anisoscope before 0.1 of "
                    + "2026-11-25?): run simulate again");
        double[] times = run.times(), running = run.diffusion().kzzRunning(), dz = new double[times.length];
        double tau = run.diffusion().tauSQlt(), kUsed = run.diffusion().kzz();
        int realisations = run.realisations();
        for (int k = 0; k < times.length; k++) dz[k] = run.dipoles().meanDipoleOverFick()[k][2] * run.diffusion().kzzPlateau();
        double[] edge = {times[0], times[times.length - 1]};
        String source = run.diffusion().kSource() == Ensemble.KSource.QLT ? "QLT" : "this run's plateau";
        plot.title(String.format(Locale.ROOT, "%s: transport and the ensemble dipole, %s", who, org.anisoscope.util.Words.count(realisations, "realisation")))
                .labels("backtracking time Ω_rms T", "K_zz (r_g c)").headroom(0.3)
                .note("<Φ_z>/g_z: the ensemble dipole along B0 over g's part along B0; K_used at T → 0, Fick's K_zz once T ≫ τ_s (Eq. 56)")
                .add(new LinePlot.Series("<z²>/2T", times, running, null, NUM, LinePlot.Style.LINE))
                .add(new LinePlot.Series("K_zz used (" + source + ")", edge, new double[] {kUsed, kUsed}, null, NOISE, LinePlot.Style.DASHED));
        if (Double.isFinite(tau)) plot.marker(tau, "τ_s");
        SimulationParameters p = run.params();
        if (p.gradientZ() != 0) plot.add(new LinePlot.Series("<Φ_z>/g_z", times, dz, null, SUB, LinePlot.Style.LINE));
        if (p.gradientX() != 0 && run.dipoles().meanDipole() != null) {
            // a gradient at an angle to B0: the dipole along g × B0 over g_x tends to the drift coefficient K_A
            double[] drift = new double[times.length];
            for (int k = 0; k < times.length; k++) drift[k] = -run.dipoles().meanDipole()[k][1] / (p.rho() * p.gradientX());
            double ka = p.driftCoefficient();
            plot.add(new LinePlot.Series("−<Φ_y>/g_x (drift)", times, drift, null, DRIFT, LinePlot.Style.LINE))
                    .add(new LinePlot.Series("K_A = v r_g0/3", edge, new double[] {ka, ka}, null, DRIFT, LinePlot.Style.DASHED));
        }
    }

    /** The figure of a convergence check as converge wrote it (shot-noise cells left out). */
    private static LinePlot convergence(Path file, JsonNode root) throws IOException {
        double[] times = Json.row(root.path("times"), file, "times");
        JsonNode names = root.path("quantities"), ref = root.path("reference"), diff = root.path("difference"), err = root.path("error"),
                ver = root.path("verdicts");
        if (!names.isArray() || names.size() == 0 || !ref.isArray() || ref.size() != times.length || !diff.isArray() || diff.size() != times.length
                || !err.isArray() || err.size() != times.length || !ver.isArray() || ver.size() != times.length)
            throw new IOException(file + ": malformed convergence.json: reference, difference, error and verdicts need one row per time");
        double tol = Json.number(root, file, "tolerance");
        int nq = names.size();
        java.util.List<String> quantities = new java.util.ArrayList<>();
        for (JsonNode n : names) quantities.add(n.asText());
        double[][] rel = new double[times.length][nq], relErr = new double[times.length][nq];
        for (int k = 0; k < times.length; k++) {
            double[] r = Json.row(ref.get(k), file, "reference"), d = Json.row(diff.get(k), file, "difference"),
                    e = Json.row(err.get(k), file, "error");
            if (r.length != nq || d.length != nq || e.length != nq) throw new IOException(file + ": malformed convergence.json: a row's length is not " + nq);
            for (int q = 0; q < nq; q++) {
                boolean noise = "noise".equals(ver.get(k).path(q).asText());
                rel[k][q] = noise ? Double.NaN : 100 * d[q] / Math.abs(r[q]);
                relErr[k][q] = noise ? Double.NaN : 100 * e[q] / Math.abs(r[q]);
            }
        }
        JsonNode dt = root.path("dt"), lm = root.path("lambda_min_rg"), p = root.path("params");
        String setting = root.path("halved").asText("?").equals("dt") ? "dt " + dt.path(0).asText() + " → " + dt.path(1).asText()
                : "λ_min r_g/" + lm.path(0).asText() + " → r_g/" + lm.path(1).asText();
        String title = ConvergencePlot.title(setting, p.path("rho").asDouble(), p.path("eta").asDouble(), p.path("nside").asText("?"),
                root.path("paired_realisations").asText("?"));
        String note = ConvergencePlot.note(root.path("k_source").asText("run"), root.path("verdict").asText("?"));
        return ConvergencePlot.of(quantities, times, rel, relErr, tol, p.path("tau_s_qlt").asDouble(Double.NaN), title, note);
    }

    /**
     * separation's mean time to part against the angle, on a logarithmic θ axis: a straight line
     * is chaos (t_sep = τ_L ln(1/θ) + const), a curve bending up like 1/θ a regular field.
     */
    private static LinePlot separation(Path file, JsonNode root) throws IOException {
        double[] angles = Json.row(root.path("angles_rad"), file, "angles_rad"), dist = Json.row(root.path("distances_rg"), file, "distances_rg");
        double[][] t = Json.matrix(root.path("mean_t_sep"), file, "mean_t_sep", angles.length, "angle"),
                e = Json.matrix(root.path("mean_t_sep_err"), file, "mean_t_sep_err", angles.length, "angle");
        double[] tau = Json.row(root.path("efold_time"), file, "efold_time");
        if (dist.length == 0 || tau.length != dist.length)
            throw new IOException(file + ": malformed separation.json: efold_time needs one value per distance");
        for (double[] row : t) if (row.length != dist.length)
            throw new IOException(file + ": malformed separation.json: a row of mean_t_sep is not " + dist.length + " long");
        for (double[] row : e) if (row.length != dist.length)
            throw new IOException(file + ": malformed separation.json: a row of mean_t_sep_err is not " + dist.length + " long");
        JsonNode p = root.path("params");
        return org.anisoscope.plot.SeparationPlot.of(p.path("rho").asDouble(), p.path("eta").asDouble(),
                p.path("realisations").asInt() * p.path("directions").asInt(), angles, dist, t, e, tau);
    }

    /**
     * The paper's Fig. 1: rows at backtracking times log-spaced over the run's snapshots (the first
     * and the last among them), each with realisation 1's sampled trajectories, its sky and the
     * ensemble's spectra.
     */
    private void formation(RunFiles.Summary run, String provenance) throws IOException {
        if (rows < 2 || rows > 8) throw new IllegalArgumentException("--rows must be 2 to 8; got " + rows);
        // three panels side by side span a page: in a paper, double-column width
        if (look == FigureStyle.PAPER && widthOption == null) width = FigureStyle.PAPER_WIDE.widthPx(dpi);
        if (width < 600) throw new IllegalArgumentException("--what formation needs --width of at least 600 pixels (three panels); got " + width);
        LiveRun.Trajectories[] paths = formationPaths(run);
        List<FormationFigure.Row> r = new ArrayList<>();
        for (int k : formationSnapshots(run.times(), rows)) r.add(formationRow(run, paths, k, RunFiles.readMap(run, k)));
        FormationFigure fig = new FormationFigure(r, run.params().nside(), formationTitle(run)).style(look);
        double scale = dpi / 96.0;
        int h = fig.height(width, scale);
        if (h > 12000) throw new IllegalArgumentException("--width " + width + " with --rows " + rows + " makes the figure " + h
                + " pixels high (at most 12000): give a smaller --width or fewer --rows");
        int fh = footer.height(dpi);
        FileOptions.writeFigure(out, width, h, dpi, g -> fig.paint(g, width, scale, 3), () -> fig.render(width, scale),
                new org.anisoscope.io.VectorFigures.Meta("Formation of small-scale anisotropies", "anisoscope " + Version.get(), provenance), fh,
                "drawn by anisoscope " + Version.get() + "; " + run.provenance(), look);
        System.err.println("wrote " + out + " (" + width + " x " + (h + fh) + ")");
    }

    /** Realisation 1's sampled paths, as each snapshot shows them, for the formation figure (its figure and its animation). */
    static LiveRun.Trajectories[] formationPaths(RunFiles.Summary run) throws IOException {
        LiveRun.Trajectories[] paths = RunFiles.readTrajectories(run);
        if (paths == null)
            throw new IllegalArgumentException(run.dir() + " has no trajectories.csv: make the run with simulate (it keeps realisation 1's sampled paths)");
        return paths;
    }

    /** Snapshot k as a row of the formation figure; map: realisation 1's sky there (null: none drawn). */
    static FormationFigure.Row formationRow(RunFiles.Summary run, LiveRun.Trajectories[] paths, int k, double[] map) {
        double t = run.times()[k], tau = run.diffusion().tauSQlt();
        RunFiles.Spectra sp = run.spectra();
        String first = Double.isFinite(tau) ? "T = " + Ticks.significant(t / tau, 2) + " τ_s" : "Ω_rms T = " + Ticks.significant(t, 3);
        return new FormationFigure.Row(first, "Ω_rms T = " + Ticks.significant(t, 3), paths[k].pixels(),
                paths[k].paths(), map, sp.clNum()[k], sp.noise()[k], sp.clSub()[k], sp.clSubErr()[k]);
    }

    /** The formation figure's title: the run's rigidity, η and realisations. */
    static String formationTitle(RunFiles.Summary run) {
        return "Formation of small-scale anisotropies: " + Units.formatRigidity(run.rigidityVolts()) + ", η = " + Ticks.significant(run.params().eta(), 3)
                + ", " + run.realisations() + " realisation" + (run.realisations() == 1 ? "" : "s")
                + (run.params().slab() ? " (τ_s from QLT)" : ", isotropic turbulence");
    }

    /** Snapshot indices nearest to rows times log-spaced from the first snapshot to the last, each once. */
    static int[] formationSnapshots(double[] times, int rows) {
        int n = times.length;
        java.util.TreeSet<Integer> picked = new java.util.TreeSet<>();
        double t0 = times[0], t1 = times[n - 1];
        for (int i = 0; i < rows; i++) {
            double want = t0 * Math.pow(t1 / t0, rows == 1 ? 1 : (double) i / (rows - 1));
            int best = 0;
            for (int k = 1; k < n; k++) if (Math.abs(Math.log(times[k] / want)) < Math.abs(Math.log(times[best] / want))) best = k;
            picked.add(best);
        }
        return picked.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The figure in the format --out's name says, PNG, PDF or SVG, with what made it in the file's metadata. */
    private void write(LinePlot plot, String provenance, String footerText) throws java.io.IOException {
        double scale = dpi / 96.0;
        int fh = (int) Math.round(footer.height(dpi) * look.text()), h = height - fh; // the footer inside the asked height
        FileOptions.writeFigure(out, width, h, dpi, g -> plot.paint(g, width, h, scale), () -> plot.render(width, h, scale),
                new org.anisoscope.io.VectorFigures.Meta(org.anisoscope.plot.Typeset.plain(plot.title()), "anisoscope " + Version.get(), provenance), fh, footerText, look);
    }

    private static double omegaDt(String s) {
        try {
            double v = Double.parseDouble(s.trim());
            if (v > 0 && v <= 1e5) return v; // the prediction's own bound
        } catch (NumberFormatException ignored) {
            // the message below says what to give
        }
        throw new IllegalArgumentException("--theory must be auto, none or an Omega_0 dT above 0 and at most 1e5; got '" + s + "'");
    }
}
