package org.anisoscope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anisoscope.Version;
import org.anisoscope.analysis.FitJackknife;
import org.anisoscope.analysis.OmegaDtFit;
import org.anisoscope.analysis.PowerLaw;
import org.anisoscope.io.ClCsv;
import org.anisoscope.io.Json;
import org.anisoscope.mixing.SpectrumFit;
import org.anisoscope.run.RunFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fits Omega_0 dT (and the normalisation, unless --absolute) of the mixing-matrix C_l to a simulated spectrum, "
                + "and a power law C_l = A l^n (+ the same flat offset) over l = 5 up to the same l, the paper's n = -2.7.",
                "Input: simulate's summary.json (noise-subtracted cl_sub with cl_sub_err at one snapshot), or a CSV with a header "
                        + "and columns l, C_l, sigma_l (a cl_snapshot_KK.csv works: its cl_sub and cl_sub_err are used).",
                "An observatory's spectrum (a CSV, e.g. IceCube's) is fitted with --observatory MIN,MAX [--per-declination] [--b0-dec DEC]: "
                        + "the prediction as that observatory would measure it (predict --observatory), not the full-sky one."})
final class FitCommand implements Callable<Integer> {
    @Option(names = "--sim", required = true, paramLabel = "FILE", description = "simulate's folder or its summary.json, or a CSV") Path sim;
    @Option(names = "--snapshot", description = "snapshot index in summary.json (default: the last)") Integer snapshot;
    @Option(names = "--rho", description = "r_g/L_c (needed for a CSV; read from summary.json otherwise)") Double rho;
    @Option(names = "--eta", description = "turbulence level (needed for a CSV)") Double eta;
    @Option(names = "--spectral-index", paramLabel = "Q", description = "q of the turbulence's spectrum ∝ k^-q (a CSV: default 5/3; a run: "
            + "read from summary.json)") String spectralIndex;
    @Option(names = "--lmax", defaultValue = "100", description = "truncation of the model; l is fitted up to lmax/2 (default ${DEFAULT-VALUE})") int lmax;
    @Option(names = "--absolute", description = "fix the normalisation to the prediction's own (default: free)") boolean absolute;
    @Option(names = "--no-offset", description = "no flat term for a misestimated shot noise (default: fitted)") boolean noOffset;
    @Option(names = "--no-jackknife", description = "skip the errors from leaving out one realisation at a time (cl_realisations.csv; "
            + "several fits, a few seconds each)") boolean noJackknife;
    @picocli.CommandLine.Mixin Inputs.Observatory observatory;
    @Option(names = "--threads") Integer threads;
    @Option(names = "--out", required = true, paramLabel = "FIT.json") Path out;
    @picocli.CommandLine.Mixin FileOptions.Force overwrite;

    @Override
    public Integer call() throws Exception {
        SpectrumFit.Data data;
        double r, e, q;
        double[][] clReal = null; // a run's per-realisation spectra at the snapshot, for the jackknife
        String noJackknifeWhy = "a CSV has no realisations to leave out";
        double noiseK = 0, factorK = 1;
        double[] sigmaK = null;
        boolean csv = !Files.isDirectory(sim) && sim.toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        String lower = sim.toString().toLowerCase(Locale.ROOT);
        if (Files.isRegularFile(sim) && !csv && !lower.endsWith(".json"))
            throw new IllegalArgumentException("--sim " + sim + ": give a run's folder (or its summary.json), or a CSV spectrum l,C_l,sigma_l");
        if (csv) FileOptions.input(sim, "--sim");
        else FileOptions.inputFolder(sim, "--sim");
        // a run's folder is read whole: its summary.json, cl_realisations.csv, ..
        FileOptions.output(out, "--out", overwrite.force, List.of(FileOptions.JSON), sim,
                csv || Files.isDirectory(sim) ? sim : sim.toAbsolutePath().getParent());
        if (observatory.given() && !csv)
            throw new IllegalArgumentException("--observatory is for an observatory's spectrum (a CSV); a simulated run's C_l are the full sky's");
        if (csv) {
            if (rho == null || eta == null) throw new IllegalArgumentException("a CSV spectrum needs --rho and --eta");
            r = rho;
            e = eta;
            q = spectralIndex == null ? org.anisoscope.physics.Qlt.KOLMOGOROV : org.anisoscope.run.RunSpec.parseSpectralIndex(spectralIndex);
            data = readCsv(sim);
        } else {
            RunFiles.Summary run = RunFiles.readSummary(sim);
            if (!run.params().slab())
                throw new IllegalArgumentException(sim + " is a run in isotropic turbulence; fit compares a run with the mixing-matrix prediction, "
                        + "which is slab turbulence's (the paper's): there is no prediction to fit to it");
            r = rho != null ? rho : run.params().rho();
            e = eta != null ? eta : run.params().eta();
            q = spectralIndex != null ? org.anisoscope.run.RunSpec.parseSpectralIndex(spectralIndex) : run.params().spectralIndex();
            int n = run.times().length, k = snapshot == null ? n - 1 : snapshot;
            if (k < 0 || k >= n) throw new IllegalArgumentException("--snapshot must be in 0.." + (n - 1) + "; got " + k);
            // the prediction's source is Fick's dipole along B0, K_zz g cos θ: a run with the gradient at θ to B0 is compared
            // with it divided by cos²θ, so that the normalisation keeps its meaning (1: the absolute prediction)
            double factor = run.params().predictionFactor();
            if (factor < 1e-6)
                throw new IllegalArgumentException(run.file() + ": the gradient is across B0 (" + run.params().gradientAngleDeg()
                        + " deg), where the mixing-matrix prediction has no source; fit a run with the gradient along B0");
            double[] cl = run.spectra().clSub()[k].clone(), err = run.spectra().clSubErr()[k].clone();
            List<Integer> noError = new java.util.ArrayList<>();
            for (int l = 1; l < cl.length; l++) if (Double.isFinite(cl[l]) && !(err[l] > 0)) noError.add(l);
            if (!noError.isEmpty()) // the fit would have to drop them and still claim their range
                throw new IllegalArgumentException(run.file() + ": cl_sub_err at snapshot " + k + " is not positive at l = " + noError.subList(0,
                        Math.min(5, noError.size())) + (noError.size() > 5 ? ".." : "") + "; the run's file is damaged: make the run again");
            for (int l = 0; l < cl.length; l++) {
                cl[l] /= factor;
                err[l] /= factor;
            }
            data = new SpectrumFit.Data(cl, err, String.format(Locale.ROOT, "%s snapshot %d (Omega_rms T = %.4g)%s", run.file(), k, run.times()[k],
                    factor == 1 ? "" : String.format(Locale.ROOT, ", divided by cos^2 %.4g deg (the gradient's angle to B0)", run.params().gradientAngleDeg())));
            if (!noJackknife) {
                double[][][] all = RunFiles.readClRealisations(run);
                if (all == null) noJackknifeWhy = "the run has no cl_realisations.csv: written before anisoscope kept one";
                else if (all[k].length < 3) noJackknifeWhy = "a jackknife needs at least 3 realisations; the run has " + all[k].length;
                else {
                    clReal = all[k];
                    noiseK = run.spectra().noise()[k];
                    factorK = factor;
                    sigmaK = run.spectra().clSubErr()[k];
                }
            }
        }
        if (data.cl().length != data.sigma().length) throw new IOException(sim + ": C_l and sigma_l have different lengths");
        SpectrumFit.Fold fold = SpectrumFit.FULL_SKY;
        if (observatory.given()) {
            org.anisoscope.sky.MaskCoupling mc = observatory.coupling(lmax, Inputs.threads(threads));
            double dec = observatory.dipoleDec(), cos2 = observatory.dipoleCos2(r, e, q);
            fold = new SpectrumFit.Fold(cl -> mc.expectedSeen(cl, dec, cos2), "as seen in " + observatory.describe(cos2) + " (expected pseudo-C_l / f_sky)");
        }
        OmegaDtFit.Realisations real = clReal == null ? null : new OmegaDtFit.Realisations(clReal, noiseK, sigmaK, factorK);
        int nReal = clReal == null ? 0 : clReal.length;
        OmegaDtFit.Outcome o = OmegaDtFit.fit(new OmegaDtFit.Request(data, r, e, q, lmax, absolute, !noOffset, fold, real, null),
                Inputs.threads(threads), j -> System.err.printf(Locale.ROOT, "\r  jackknife: fitting without realisation %d/%d   ", j + 1, nReal));
        if (real != null) System.err.print("\r" + " ".repeat(50) + "\r");
        SpectrumFit.Result f = o.fit();
        PowerLaw.Result pl = o.powerLaw();
        FitJackknife.Result jk = o.jackknife();
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Map<String, Object> json = o.toJson(Version.get());
        Json.write(out, json);
        // how likely a chi2 this large is if the prediction's shape were right (in the JSON too); at
        // the paper's Nside the l^-2 tail gives ~1e-50
        double p = f.probabilityToExceed();
        double c = Math.cbrt(f.best().omega0TauS());
        if (fold != SpectrumFit.FULL_SKY) System.out.println("model: the prediction " + fold.description());
        System.out.printf(Locale.ROOT, "Omega_0 dT = %.3g (1 sigma %s .. %s), i.e. %.3g (Omega_0 tau_s)^(1/3); normalisation %.3g +- %.2g%s%n",
                f.omegaDt(), bound(f.omegaDtLow()), bound(f.omegaDtHigh()), f.omegaDt() / c, f.norm(), f.normErr(), f.normFixed() ? " (fixed)" : "");
        if (f.atEdge()) System.out.printf(Locale.ROOT, "note: the best Omega_0 dT is at the end of the searched range [%g, %g]: read it as a bound%n",
                SpectrumFit.OMEGA_DT_MIN, SpectrumFit.OMEGA_DT_MAX);
        if (f.offsetFree()) System.out.printf(Locale.ROOT, "flat offset (shot-noise misestimate) %.3g +- %.2g%n", f.offset(), f.offsetErr());
        System.out.printf(Locale.ROOT, "chi2 = %.1f for %d degrees of freedom over l = %d..%d%s%n", f.chi2(), f.dof(), f.lmin(), f.lfit(),
                Double.isNaN(p) ? "" : String.format(Locale.ROOT, " (probability to exceed %.2g%s)", p,
                        f.shapeRejected() ? ": the prediction's shape does not describe these C_l" : ""));
        if (pl != null) {
            System.out.printf(Locale.ROOT, "power law over l = %d..%d: index %.3g (1 sigma %s .. %s), chi2 = %.1f for %d dof (the paper: about -2.7 for l >= 5)%s%n",
                    pl.lmin(), pl.lmax(), pl.index(), bound(pl.low()), bound(pl.high()), pl.chi2(), pl.dof(),
                    pl.atEdge() ? String.format(Locale.ROOT, "; at the end of the searched range [%g, %g]: these C_l show no power law to measure",
                            PowerLaw.N_MIN, PowerLaw.N_MAX) : "");
        } else {
            System.out.println("power law: not fitted, " + o.powerLawWhyNot());
        }
        if (jk != null) {
            System.out.printf(Locale.ROOT, "jackknife over %d realisations (each left out in turn; keeps what the multipoles share): "
                    + "Omega_0 dT +- %s, constant +- %s, normalisation %s, index +- %s%n", jk.realisations(), err(jk.omegaDtErr()),
                    err(jk.omegaDtErr() / Math.cbrt(f.best().omega0TauS())), f.normFixed() ? "fixed" : "+- " + err(jk.normErr()), err(jk.indexErr()));
        } else if (!noJackknife) {
            System.out.println("errors: chi2 intervals only (" + noJackknifeWhy + ")");
        }
        System.out.println("wrote " + out);
        return 0;
    }

    private static String err(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2g", v) : "- (a bound only)";
    }

    private static String bound(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3g", v) : "unbounded";
    }

    static SpectrumFit.Data readCsv(Path file) throws IOException {
        ClCsv.Spectrum sp = ClCsv.readWithErrors(file);
        sp.requireFitRows();
        return new SpectrumFit.Data(sp.cl(), sp.sigma(), sp.source());
    }
}
