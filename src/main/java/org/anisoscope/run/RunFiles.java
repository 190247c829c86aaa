package org.anisoscope.run;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.anisoscope.Version;
import org.anisoscope.analysis.Ensemble;
import org.anisoscope.io.AtomicFiles;
import org.anisoscope.io.ClCsv;
import org.anisoscope.io.HealpixFits;
import org.anisoscope.io.Json;
import org.anisoscope.physics.SimulationParameters;

/**
 * The files a run leaves behind, the same from `simulate`, `scan` and the window's File > Save:
 * summary.json, and per snapshot cl_snapshot_KK.csv and map_snapshot_KK.fits. `fit`, `figure` and
 * `animate` read them.
 */
public final class RunFiles {
    private RunFiles() {}

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
                sb.append(l).append(',').append(ClCsv.fmt(r.clNum()[k][l])).append(',').append(ClCsv.fmt(r.clStd()[k][l]))
                        .append(',').append(ClCsv.fmt(r.noise()[k])).append(',').append(ClCsv.fmt(r.clSub()[k][l]))
                        .append(',').append(ClCsv.fmt(r.clSubErr()[k][l])).append('\n');
            }
            AtomicFiles.writeString(out.resolve(String.format(Locale.ROOT, "cl_snapshot_%02d.csv", k)), sb.toString());
            Map<String, String> kw = new LinkedHashMap<>();
            kw.put("VERSION", Version.get());
            kw.put("SEED", Long.toString(o.realisationSeeds()[0]));
            kw.put("TIME", Double.toString(r.times()[k]));
            kw.put("CREATOR", "anisoscope simulate, realisation 0");
            HealpixFits.write(out.resolve(String.format(Locale.ROOT, "map_snapshot_%02d.fits", k)), r.firstMaps()[k], "DELTA",
                    "relative intensity for |grad f/f| = 1/L_c", kw);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("version", Version.get());
        s.put("partial", o.partial());
        if (o.error() != null) s.put("error", o.error());
        s.put("seed", p.seed());
        s.put("realisation_seeds", o.realisationSeeds());
        s.put("realisations_completed", r.realisations());
        s.put("engine", engineName);
        s.put("wall_seconds", seconds);
        Map<String, Object> par = new LinkedHashMap<>();
        par.put("rigidity_volts", rigidityVolts == null ? p.rigidityVolts() : rigidityVolts);
        par.put("rho", p.rho());
        par.put("eta", p.eta());
        par.put("brms_ug", p.brmsMicroGauss());
        par.put("outer_scale_pc", p.outerScalePc());
        par.put("lc_pc", p.lcPc());
        par.put("rg_pc", p.rgPc());
        par.put("b0_over_brms", p.b0());
        par.put("omega0_over_omega_rms", p.omega0OverOmegaRms());
        par.put("omega_rms_per_s", p.omegaRmsPerSecond());
        par.put("years_per_time_unit", p.yearsPerTimeUnit());
        par.put("nside", p.nside());
        par.put("npix", p.npix());
        par.put("realisations", p.realisations());
        par.put("lambda_min_rg", p.lambdaMinRg());
        par.put("dt", p.dt());
        par.put("t_max", r.times()[ns - 1]);
        par.put("snapshots", ns);
        par.put("tau_s_qlt", p.tauSQlt());
        par.put("k_source", ks.name().toLowerCase(Locale.ROOT));
        par.put("gradient", "along B0 (z), |grad f / f| = 1/L_c");
        s.put("params", par);
        Map<String, Object> units = new LinkedHashMap<>();
        units.put("time", "Omega_rms T, Omega_rms = c/r_g the gyrofrequency in B_rms; Omega_0 T = omega0_over_omega_rms * Omega_rms T");
        units.put("length", "r_g = R/(c B_rms), the gyroradius in B_rms (L_c = r_g/rho)");
        units.put("kzz", "r_g c");
        units.put("tau_s", "1/Omega_rms");
        units.put("cl", "relative intensity squared for |grad f/f| = 1/L_c (scale as (|grad f/f| L_c)^2)");
        units.put("dipoles", "Phi of Eq. 52, relative intensity");
        units.put("mean_dipole_over_fick", "the ensemble-mean dipole over Fick's K_zz |g| with this run's K_zz plateau (arrival directions): "
                + "about (0, 0, 1) once T >> tau_s, K_used/K_plateau along z at T -> 0");
        units.put("local_mean_field", "B_rms; averaged over L_c/30 around the observer");
        s.put("units", units);
        s.put("times", r.times());
        s.put("kzz_running", r.kzzRunning());
        s.put("kzz", r.kzz());
        s.put("kzz_plateau", r.kzzPlateau());
        s.put("kzz_plateau_reached", r.plateauReached());
        s.put("tau_s", r.tauS());
        s.put("lmax", r.lmax());
        s.put("cl_num", r.clNum());
        s.put("cl_std", r.clStd());
        s.put("noise", r.noise());
        s.put("cl_sub", r.clSub());
        s.put("cl_sub_err", r.clSubErr());
        s.put("total_power_num", r.totalNum());
        s.put("total_power_noise", r.totalNoise());
        s.put("total_power_sub", r.totalSub());
        s.put("dipoles", r.dipoles());
        s.put("mean_dipole_over_fick", r.meanDipoleOverFick(p.rho()));
        s.put("local_mean_field", r.localMeanField());
        s.put("misalignment_deg", r.misalignmentDeg());
        s.put("dipole_to_local_field_deg", r.dipoleFieldAngleDeg());
        s.put("inv_mean_cos_alpha_sq", r.invMeanCosSq());
        s.put("files", List.of("cl_snapshot_KK.csv: l,cl(=cl_num),cl_std,noise,cl_sub,cl_sub_err",
                "map_snapshot_KK.fits: relative intensity of realisation 0"));
        Json.write(out.resolve("summary.json"), s);
        return r;
    }
}
