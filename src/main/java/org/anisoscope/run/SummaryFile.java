package org.anisoscope.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * summary.json as it is laid out, field for field (snake_case names, in this order), for Jackson to
 * write and read: what {@link RunFiles#write} writes and {@link RunFiles#readSummary} reads and
 * checks. Numbers a run may not have (NaN: no plateau yet, one realisation's error) are written as
 * null. Boxed components are optional in the files of earlier formats: null when absent.
 *
 * <p>Format 2 added format, format_version and kzz_log_slope; format 1 files (before them) read with those null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SummaryFile(String format, Integer formatVersion, String version, Boolean partial, String error, Long seed,
                          long[] realisationSeeds, Integer realisationsCompleted, String engine, Double wallSeconds, Params params,
                          Map<String, String> units, double[] times, double[] kzzRunning, Double kzz, Double kzzPlateau, Boolean kzzPlateauReached,
                          Double kzzLogSlope, Double tauS, Integer lmax, double[][] clNum, double[][] clStd, double[] noise, double[][] clSub,
                          double[][] clSubErr, double[] totalPowerNum, double[] totalPowerNoise, double[] totalPowerSub, double[][][] dipoles,
                          double[][] meanDipoleOverFick, double[][] localMeanField, double[] misalignmentDeg, double[] dipoleToLocalFieldDeg,
                          Double invMeanCosAlphaSq, Double invMeanCosAlphaSqErr, Double invMeanCosAlphaSqExpected, List<String> files,
                          ObservatoryBlock observatory) {

    /** The run's parameters, with the physical scales they imply (for a reader; the run is remade from the first ones). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    // one name is given by hand (tau_s_qlt: snake_case would make it tau_sqlt), and Jackson puts such ones last unless told the order
    @JsonPropertyOrder({"rigidity_volts", "rho", "eta", "spectral_index", "turbulence", "modes", "brms_ug", "outer_scale_pc", "lc_pc", "rg_pc", "b0_over_brms", "omega0_over_omega_rms",
            "omega_rms_per_s", "years_per_time_unit", "nside", "npix", "lmax", "realisations", "lambda_min_rg", "dt", "t_max", "snapshots",
            "tau_s_qlt", "k_source", "gradient_angle_deg", "gradient"})
    public record Params(Double rigidityVolts, Double rho, Double eta, Double spectralIndex, String turbulence, Integer modes, Double brmsUg, Double outerScalePc, Double lcPc, Double rgPc,
                         Double b0OverBrms, Double omega0OverOmegaRms, Double omegaRmsPerS, Double yearsPerTimeUnit, Integer nside, Long npix,
                         Integer lmax, Integer realisations, Double lambdaMinRg, Double dt, Double tMax, Integer snapshots,
                         @JsonProperty("tau_s_qlt") Double tauSQlt,
                         String kSource, Double gradientAngleDeg, String gradient) {}

    /** How the run's observatory saw its skies ({@code simulate --observatory}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ObservatoryBlock(double[] b0RaDecDeg, double[] decRangeDeg, Boolean perDeclination, Double fsky, double[] dipoleCos2ToB0,
                                   String dipoleCos2Meaning, String files) {}

    /** Reads a parsed summary.json; a field of the wrong type is refused naming the field. */
    static SummaryFile of(JsonNode root, Path file) throws IOException {
        return org.anisoscope.io.Json.typed(root, SummaryFile.class, file);
    }
}
