package org.anisoscope.analysis;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import org.anisoscope.mixing.SpectrumFit;

/**
 * The fit of the mixing-matrix prediction to one spectrum, as {@code fit}, {@code scan} and the
 * window make it: Ω0ΔT and the normalisation ({@link SpectrumFit}), the power law C_ℓ ∝ ℓ^n from
 * ℓ = 5 up to the same ℓ ({@link PowerLaw}; the paper's n ≈ −2.7), and, where the realisations' own
 * spectra are at hand, the delete-one jackknife over them ({@link FitJackknife}). One place decides
 * what is measured: a power law whose index runs to the end of the searched range is no power law.
 */
public final class OmegaDtFit {
    private OmegaDtFit() {}

    /**
     * The realisations' spectra at the fitted time, for the jackknife.
     *
     * @param cl     [realisation][l]: each realisation's C_ℓ^num
     * @param noise  the flat noise subtracted from their mean
     * @param sigma  the per-ℓ errors of the fitted spectrum before dividing by factor
     * @param factor what the fitted spectrum was divided by (cos²θ for a gradient at θ to B0, else 1)
     */
    public record Realisations(double[][] cl, double noise, double[] sigma, double factor) {}

    /**
     * What to fit.
     *
     * @param realisations the realisations' spectra, or null where there are none (then noJackknife says why, or is
     *                     null where a jackknife does not apply, as for an observatory's spectrum)
     */
    public record Request(SpectrumFit.Data data, double rho, double eta, double spectralIndex, int lmaxModel, boolean fixNorm, boolean offsetFree,
                          SpectrumFit.Fold fold, Realisations realisations, String noJackknife) {
        public Request {
            if (fold == null) fold = SpectrumFit.FULL_SKY;
        }

        /** A run's spectrum with its realisations (null: none kept, noJackknife says why). */
        public static Request ofRun(SpectrumFit.Data data, double rho, double eta, double q, int lmaxModel, Realisations realisations,
                                    String noJackknife) {
            return new Request(data, rho, eta, q, lmaxModel, false, true, SpectrumFit.FULL_SKY, realisations, noJackknife);
        }
    }

    /**
     * The fit's result.
     *
     * @param powerLaw       the power law, or null where it could not be fitted (powerLawWhyNot says why)
     * @param jackknife      the jackknife's errors, or null (jackknifeWhyNot says why, or is null where none applies)
     */
    public record Outcome(SpectrumFit.Result fit, PowerLaw.Result powerLaw, String powerLawWhyNot, FitJackknife.Result jackknife,
                          String jackknifeWhyNot) {
        /** Whether the spectrum shows a power law: fitted, and its index inside the searched range. */
        public boolean powerLawMeasured() { return powerLaw != null && !powerLaw.atEdge(); }

        /** Ω0ΔT / (Ω0 τ_s)^(1/3), the paper's constant. */
        public double constant() { return fit.omegaDt() / Math.cbrt(fit.best().omega0TauS()); }

        /** The fit's JSON (what {@code fit --out} writes): the prediction fit, "power_law", and "jackknife" where made. */
        public Map<String, Object> toJson(String version) {
            Map<String, Object> json = fit.toJson(version);
            Map<String, Object> pl = new LinkedHashMap<>();
            if (powerLaw != null) {
                pl.put("index", powerLaw.index());
                pl.put("index_1sigma", new double[] {powerLaw.low(), powerLaw.high()});
                pl.put("amplitude", powerLaw.amplitude());
                pl.put("offset", powerLaw.offset());
                pl.put("chi2", powerLaw.chi2());
                pl.put("dof", powerLaw.dof());
                pl.put("l_range", new int[] {powerLaw.lmin(), powerLaw.lmax()});
                pl.put("index_at_search_edge", powerLaw.atEdge());
                pl.put("model", "C_l = amplitude l^index" + (powerLaw.offsetFree() ? " + offset" : "")
                        + ", fitted to C_l itself (noisy and negative points kept)");
            } else {
                pl.put("not_fitted", powerLawWhyNot);
            }
            json.put("power_law", pl);
            if (jackknife != null) {
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("realisations", jackknife.realisations());
                j.put("omega_dt_err", jackknife.omegaDtErr());
                j.put("constant_err", jackknife.omegaDtErr() / Math.cbrt(fit.best().omega0TauS()));
                j.put("normalisation_err", jackknife.normErr());
                j.put("power_law_index_err", jackknife.indexErr());
                j.put("meaning", "1 sigma from refitting with each realisation left out of the ensemble mean in turn (delete-one jackknife): "
                        + "keeps the correlation between multipoles that the chi2 intervals above treat as independent; null where the full fit "
                        + "gives only a bound");
                json.put("jackknife", j);
            }
            return json;
        }

        /** The fit in one line, as the window's status line shows it. */
        public String statusLine() {
            SpectrumFit.Result r = fit;
            double p = r.probabilityToExceed();
            String index = powerLaw == null ? ""
                    : powerLaw.atEdge() ? String.format(Locale.ROOT, ". No power law over ℓ = %d..%d (the index runs to the end of "
                    + "the searched range)", powerLaw.lmin(), powerLaw.lmax())
                    : String.format(Locale.ROOT, ". Power law over ℓ = %d..%d: C_ℓ ∝ ℓ^%.3g (1σ %s – %s; the paper: −2.7)",
                    powerLaw.lmin(), powerLaw.lmax(), powerLaw.index(), bound(powerLaw.low()), bound(powerLaw.high()));
            String jk = jackknife != null ? String.format(Locale.ROOT, "; jackknife over %d realisations: Ω0ΔT ± %s, index ± %s",
                    jackknife.realisations(), err(jackknife.omegaDtErr()), err(jackknife.indexErr()))
                    : jackknifeWhyNot == null ? "" : "; errors: χ² intervals only (" + jackknifeWhyNot + ")";
            return String.format(Locale.ROOT, "fit to the %s%s: Ω0ΔT = %.3g (1σ %s – %s) = %.3g (Ω0τ_s)^(1/3); χ² = %.1f for %d dof over ℓ = %d..%d%s%s%s",
                    r.data().source(), r.fold() == SpectrumFit.FULL_SKY ? "" : " (the prediction " + r.fold().description() + ")", r.omegaDt(),
                    bound(r.omegaDtLow()), bound(r.omegaDtHigh()), constant(), r.chi2(), r.dof(), r.lmin(), r.lfit(),
                    Double.isNaN(p) ? "" : String.format(Locale.ROOT, " (probability to exceed %.2g%s)", p, r.shapeRejected() ? ": not this shape" : ""),
                    r.atEdge() ? "; at the end of the searched range: read it as a bound" : "", index) + jk;
        }
    }

    /** Fits; progress (may be null) is told each realisation the jackknife leaves out, 0-based. */
    public static Outcome fit(Request q, int threads, IntConsumer progress) {
        SpectrumFit.Result f = SpectrumFit.fit(q.data(), q.rho(), q.eta(), q.spectralIndex(), q.lmaxModel(), q.fixNorm(), q.offsetFree(), threads, q.fold());
        PowerLaw.Result pl = null;
        String plWhyNot = null;
        try {
            pl = PowerLaw.fit(q.data().cl(), q.data().sigma(), PowerLaw.LMIN, f.lfit(), q.offsetFree());
        } catch (IllegalArgumentException e) {
            plWhyNot = e.getMessage(); // too few multipoles from 5 up
        }
        Realisations real = q.realisations();
        FitJackknife.Result jk = null;
        String jkWhyNot = q.noJackknife();
        if (real != null && real.cl().length >= 3) {
            jk = FitJackknife.of(real.cl(), real.noise(), real.sigma(), real.factor(), f, pl, q.rho(), q.eta(), q.spectralIndex(), q.lmaxModel(), threads, progress);
            jkWhyNot = null;
        } else if (real != null && jkWhyNot == null) {
            jkWhyNot = "a jackknife needs at least 3 realisations; there are " + real.cl().length;
        }
        return new Outcome(f, pl, plWhyNot, jk, jkWhyNot);
    }

    static String err(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2g", v) : "— (a bound)";
    }

    static String bound(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3g", v) : "unbounded";
    }
}
