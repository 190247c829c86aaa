package org.anisoscope.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.anisoscope.Fixtures;
import org.anisoscope.io.ClCsv;
import org.anisoscope.io.HealpixFits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a user runs them: exit codes, files written, one-line errors. */
class CliTest {
    @TempDir Path dir;

    record Result(int code, String out, String err) {}

    /** Each command line exits with 2 and says why in one line on stderr, no stack trace. */
    static void assertRefusedInOneLine(String[][] bad) {
        for (String[] args : bad) {
            Result b = run(args);
            assertEquals(2, b.code(), String.join(" ", args) + ": " + b.err());
            String err = b.err().strip();
            assertTrue(err.startsWith("error: ") && !err.contains("\n") && !err.contains("Exception"), String.join(" ", args) + ": " + err);
        }
    }

    static Result run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Cli.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void anafastSmoothMollviewOnAHealpyMap() throws Exception {
        Path in = Fixtures.copy("healpy_nside64_float64.fits", dir);
        Path cl = dir.resolve("cl.csv");
        assertEquals(0, run("anafast", "--in", in.toString(), "--out", cl.toString(), "--lmax", "20").code());
        double[] c = ClCsv.read(cl);
        assertEquals(21, c.length);
        assertTrue(Files.readString(cl).startsWith("l,cl\n"));

        Path sm = dir.resolve("s.fits");
        assertEquals(0, run("smooth", "--in", in.toString(), "--fwhm-deg", "5", "--out", sm.toString()).code());
        assertEquals(64, HealpixFits.read(sm).nside());

        Path png = dir.resolve("f.png");
        Result r = run("mollview", "--in", sm.toString(), "--out", png.toString(), "--width", "400", "--remove-dipole");
        assertEquals(0, r.code(), r.err());
        assertTrue(javax.imageio.ImageIO.read(png.toFile()).getWidth() == 400);
    }

    @Test
    void demoWritesItsThreeFiles() {
        Result r = run("demo", "--out", dir.toString(), "--nside", "16");
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"demo_map.fits", "demo_cl.csv", "demo_sky.png"}) assertTrue(Files.exists(dir.resolve(f)), f);
    }

    @Test
    void badInputGivesExitCode2AndOneLine() throws Exception {
        Path in = Fixtures.copy("healpy_nside8_float64.fits", dir);
        Path text = dir.resolve("text.fits");
        Files.writeString(text, "SIMPLE = nonsense");
        String[][] cases = {
                {"bench", "sht", "--nside", "3"},
                {"anafast", "--in", in.toString(), "--out", dir.resolve("c.csv").toString(), "--lmax", "-1"},
                {"anafast", "--in", dir.resolve("missing.fits").toString(), "--out", dir.resolve("c.csv").toString()},
                {"anafast", "--in", text.toString(), "--out", dir.resolve("c.csv").toString()},
                {"anafast", "--in", in.toString(), "--out", dir.resolve("no/such/dir/c.csv").toString()},
                {"smooth", "--in", in.toString(), "--out", dir.resolve("s.fits").toString(), "--fwhm-deg", "-2"},
                {"mollview", "--in", in.toString(), "--out", dir.resolve("m.png").toString(), "--width", "5"},
                {"anafast", "--in", in.toString()},
                {"anafast", "--lmax", "abc", "--in", in.toString(), "--out", "x.csv"},
                {"nosuchcommand"},
        };
        for (String[] args : cases) {
            Result r = run(args);
            String what = String.join(" ", args);
            assertEquals(2, r.code(), what + ": " + r.err());
            String err = r.err().strip();
            assertTrue(err.startsWith("error: "), what + ": " + err);
            assertFalse(err.contains("\n"), what + " printed more than one line: " + err);
            assertFalse(err.contains("Exception"), what + ": " + err);
        }
    }

    @Test
    void simulateWritesTheSummaryAndRefusesBadInput() throws Exception {
        Result r = run("simulate", "--rho", "0.089", "--nside", "4", "--realisations", "2", "--t-max", "2tau",
                "--snapshots", "3", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().matches("(?s).*time: particles and fields [0-9.]+ s \\(cpu engine\\), maps and spectra [0-9.]+ s, of [0-9.]+ s\n.*"), r.err());
        var s = org.anisoscope.io.Json.read(dir.resolve("summary.json"));
        for (String key : new String[] {"version", "seed", "params", "units", "times", "kzz_running", "kzz", "tau_s", "lmax",
                "cl_num", "cl_std", "noise", "cl_sub", "cl_sub_err", "dipoles", "misalignment_deg"}) {
            assertTrue(s.has(key), "summary.json lacks " + key);
        }
        assertFalse(s.get("partial").asBoolean());
        assertEquals(3, s.get("times").size());
        assertEquals(12, s.get("cl_num").get(0).size()); // l = 0 .. 3 nside - 1
        assertEquals(2, s.get("dipoles").size());
        assertTrue(Files.exists(dir.resolve("cl_snapshot_02.csv")));
        assertEquals(4, HealpixFits.read(dir.resolve("map_snapshot_02.fits")).nside());
        assertEquals(12, ClCsv.read(dir.resolve("cl_snapshot_00.csv")).length);

        Path low = dir.resolve("lmax");
        r = run("simulate", "--rho", "0.089", "--nside", "4", "--realisations", "2", "--t-max", "2tau", "--snapshots", "3", "--lmax", "6",
                "--out", low.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(7, ClCsv.read(low.resolve("cl_snapshot_00.csv")).length);
        assertEquals(6, org.anisoscope.io.Json.read(low.resolve("summary.json")).get("params").get("lmax").asInt());

        String[][] bad = {
                {"simulate", "--rho", "0.01", "--eta", "1.5", "--out", dir.toString()},
                {"simulate", "--rigidity", "-1PV", "--out", dir.toString()},
                {"simulate", "--rho", "0.01", "--nside", "12", "--out", dir.toString()},
                {"simulate", "--rho", "0.01", "--dt", "3", "--out", dir.toString()},
                {"simulate", "--rho", "0.01", "--t-max", "abc", "--out", dir.toString()},
                {"simulate", "--rho", "0.01", "--nside", "1024", "--snapshots", "1000", "--out", dir.toString()},
                {"simulate", "--rho", "0.01", "--rigidity", "1PV", "--out", dir.toString()},
                {"simulate", "--rho", "0.01", "--engine", "quantum", "--out", dir.toString()},
                {"simulate", "--rho", "0.01", "--gradient-angle", "200", "--out", dir.toString()},
                {"simulate", "--rho", "0.01", "--nside", "4", "--lmax", "12", "--out", dir.toString()},
                {"scan", "--rhos", "0.01", "--nside", "4", "--lmax", "3", "--out", dir.toString()},
                {"converge", "--rho", "0.01", "--nside", "4", "--lmax", "8", "--multipoles", "1,10", "--out", dir.toString()},
                {"simulate", "--rho", "0.01", "--observatory", "-90,-25", "--out", dir.toString()},
                {"simulate", "--rho", "0.01", "--observatory", "-90,-25", "--b0-dec", "95", "--out", dir.toString()},
                {"simulate", "--rho", "0.01", "--observatory", "-90,-25", "--b0-dec", "20", "--dipole-cos2", "0.5", "--out", dir.toString()},
        };
        assertRefusedInOneLine(bad);

        // as an observatory sees every realisation's sky: for one realisation, what observe gives for its map, number for number
        Path seen = dir.resolve("seen");
        assertEquals(0, run("simulate", "--rho", "0.089", "--nside", "8", "--realisations", "1", "--t-max", "2tau", "--snapshots", "2",
                "--observatory", "-90,-25", "--per-declination", "--b0-dec", "23.3", "--out", seen.toString()).code());
        Path cut = dir.resolve("seen-cut.csv");
        assertEquals(0, run("observe", "--in", seen.resolve("map_snapshot_01.fits").toString(), "--b0", "0,23.3", "--dec-range", "-90,-25",
                "--per-declination", "--out-map", dir.resolve("seen-cut.fits").toString(), "--out", cut.toString()).code());
        var seenCl = org.anisoscope.io.ClCsv.readWithErrors(seen.resolve("cl_seen_snapshot_01.csv"));
        double[] cutCl = ClCsv.read(cut);
        String seenCsv = Files.readString(seen.resolve("cl_seen_snapshot_01.csv"));
        double[] num = new double[24];
        for (String line : seenCsv.split("\n")) {
            String[] f = line.split(",");
            if (f.length == 5 && f[0].matches("\\d+")) num[Integer.parseInt(f[0])] = Double.parseDouble(f[1]);
        }
        for (int l = 1; l < 24; l++) assertEquals(cutCl[l], num[l], 1e-12 * cutCl[l], "l " + l);
        assertTrue(Double.isNaN(seenCl.sigma()[3]), "one realisation has no scatter");
        assertTrue(seenCl.cl()[3] < num[3] && seenCl.cl()[3] > 0, "cl_sub is cl less the noise as seen");
        assertTrue(org.anisoscope.io.Json.read(seen.resolve("summary.json")).get("observatory").get("fsky").asDouble() < 0.3);
        // the whole sky with B0 toward the pole: the run's own C_l
        Path whole = dir.resolve("whole");
        assertEquals(0, run("simulate", "--rho", "0.089", "--nside", "4", "--realisations", "2", "--t-max", "2tau", "--snapshots", "2",
                "--observatory", "-90,90", "--b0-dec", "90", "--out", whole.toString()).code());
        double[] full = ClCsv.read(whole.resolve("cl_snapshot_01.csv")), asSeen = ClCsv.read(whole.resolve("cl_seen_snapshot_01.csv"));
        for (int l = 0; l < 12; l++) assertEquals(full[l], asSeen[l], 1e-12 * full[1], "l " + l);

        // a gradient across B0: recorded, read back, and refused by fit, whose prediction has no source there
        Path across = dir.resolve("across");
        assertEquals(0, run("simulate", "--rho", "0.089", "--nside", "4", "--realisations", "1", "--t-max", "2tau", "--snapshots", "2",
                "--gradient-angle", "90", "--out", across.toString()).code());
        assertEquals(90, org.anisoscope.run.RunFiles.readSummary(across).params().gradientAngleDeg(), 0);
        assertRefusedInOneLine(new String[][] {{"fit", "--sim", across.toString(), "--out", dir.resolve("f.json").toString()}});
    }

    @Test
    void animateMakesOneLoopingFramePerSnapshotAndRefusesBadInput() throws Exception {
        Path sim = dir.resolve("sim");
        assertEquals(0, run("simulate", "--rho", "0.089", "--nside", "8", "--realisations", "1", "--t-max", "2tau",
                "--snapshots", "4", "--out", sim.toString()).code());
        Path gif = dir.resolve("sky.gif");
        Result r = run("animate", "--sim", sim.toString(), "--out", gif.toString(), "--width", "400", "--fwhm-deg", "10", "--remove-dipole");
        assertEquals(0, r.code(), r.err());
        javax.imageio.ImageReader reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
        try (var in = javax.imageio.ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            assertEquals(4, reader.getNumImages(true), "one frame per snapshot");
            java.awt.image.BufferedImage first = reader.read(0), last = reader.read(3);
            assertEquals(400, first.getWidth());
            // the frames differ (the map evolves) and show the diverging colour map, not a blank figure
            int differing = 0, coloured = 0;
            for (int y = 0; y < first.getHeight(); y++) {
                for (int x = 0; x < first.getWidth(); x++) {
                    int a = first.getRGB(x, y) & 0xFFFFFF, b = last.getRGB(x, y) & 0xFFFFFF;
                    if (a != b) differing++;
                    int rr = (b >> 16) & 255, bb = b & 255;
                    if (Math.abs(rr - bb) > 60) coloured++;
                }
            }
            assertTrue(differing > 1000, "frames differ in " + differing + " pixels");
            assertTrue(coloured > 5000, coloured + " coloured pixels");
            var root = (javax.imageio.metadata.IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            var comment = (javax.imageio.metadata.IIOMetadataNode) root.getElementsByTagName("CommentExtension").item(0);
            assertTrue(comment.getAttribute("value").contains("seed"), comment.getAttribute("value"));
        } finally {
            reader.dispose();
        }
        String[][] bad = {
                {"animate", "--sim", dir.resolve("nothing-here").toString(), "--out", gif.toString()},
                {"animate", "--sim", dir.toString(), "--out", gif.toString()}, // a folder without maps
                {"animate", "--sim", sim.toString(), "--out", gif.toString(), "--width", "100"},
                {"animate", "--sim", sim.toString(), "--out", gif.toString(), "--delay-ms", "5"},
                {"animate", "--sim", sim.toString(), "--out", gif.toString(), "--fwhm-deg", "-1"},
                {"animate", "--sim", sim.toString(), "--out", dir.resolve("no/such/folder/a.gif").toString()},
        };
        long before = Files.size(gif);
        assertRefusedInOneLine(bad);
        assertEquals(before, Files.size(gif), "a refused run leaves the earlier animation as it was");
    }

    @Test
    void pitchAngleWritesDmumuBesideQltAndRefusesBadInput() throws Exception {
        Path out = dir.resolve("pa");
        Result r = run("pitch-angle", "--rho", "0.089", "--eta", "0.01", "--nside", "8", "--realisations", "2", "--lags", "6",
                "--bins", "4", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("K_zz from the measured D_mumu"), r.out());
        var j = org.anisoscope.io.Json.read(out.resolve("dmumu.json"));
        assertEquals(4, j.get("dmumu").size());
        assertEquals(2, j.get("params").get("realisations").asInt());
        // one gyro-period in B0, on whole steps of the default dt = 0.05 (126 steps for 6.3148)
        assertEquals(126 * 0.05, j.get("params").get("lag").asDouble(), 1e-12);
        assertEquals(2 * Math.PI / Math.sqrt(0.99), j.get("params").get("lag").asDouble(), 0.025);
        assertEquals(org.anisoscope.physics.Qlt.kzz(0.089, 0.01), j.get("kzz_qlt").asDouble(), 1e-9);
        for (int b = 0; b < 4; b++) {
            double mid = (j.get("mu_low").get(b).asDouble() + j.get("mu_high").get(b).asDouble()) / 2;
            assertEquals(org.anisoscope.physics.Qlt.dmumu(mid, 0.089, 0.01), j.get("dmumu_qlt").get(b).asDouble(), 1e-15);
            assertTrue(j.get("dmumu").get(b).asDouble() > 0);
        }
        java.util.List<String> csv = Files.readAllLines(out.resolve("dmumu.csv"));
        assertTrue(csv.get(0).startsWith("# anisoscope") && csv.get(0).contains("seed 1"), csv.get(0));
        assertEquals("mu_low,mu_high,dmumu,dmumu_err,dmumu_qlt", csv.get(1));
        assertEquals(6, csv.size());
        String[][] bad = {
                {"pitch-angle", "--rho", "0.089", "--realisations", "1", "--out", out.toString()},
                {"pitch-angle", "--rho", "0.089", "--lag-periods", "0", "--out", out.toString()},
                {"pitch-angle", "--rho", "0.089", "--bins", "1", "--out", out.toString()},
                {"pitch-angle", "--rho", "0.089", "--nside", "2", "--bins", "100", "--out", out.toString()},
                {"pitch-angle", "--rho", "0.089", "--eta", "1", "--out", out.toString()},
        };
        assertRefusedInOneLine(bad);
    }

    @Test
    void separationWritesTheTimesToPartAndRefusesBadInput() throws Exception {
        Path out = dir.resolve("sep");
        Result r = run("separation", "--rho", "0.089", "--realisations", "1", "--directions", "8", "--angles", "1e-2,1e-3,1e-4",
                "--distances", "0.5,2", "--t-max", "200", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("tau_L = ") && r.out().contains("tail C_l l^2"), r.out());
        java.util.List<String> csv = Files.readAllLines(out.resolve("separation.csv"));
        assertTrue(csv.get(0).startsWith("# anisoscope") && csv.get(1).equals("angle_rad,distance_rg,mean_t_sep,mean_t_sep_err,not_parted,pairs"));
        assertEquals(2 + 3 * 2, csv.size());
        var j = org.anisoscope.io.Json.read(out.resolve("separation.json"));
        assertEquals(1, j.get("seed").asLong());
        assertEquals(3, j.get("mean_t_sep").size());
        assertEquals(2, j.get("efold_time_between_angles").size(), "one per pair of consecutive angles");
        double t0 = j.get("mean_t_sep").get(0).get(0).asDouble(), t2 = j.get("mean_t_sep").get(2).get(0).asDouble();
        assertTrue(t0 > 0 && t2 > t0, "smaller angles part later: " + t0 + ", " + t2);
        // followed too briefly: said, with what to change
        Result brief = run("separation", "--rho", "0.089", "--realisations", "1", "--directions", "4", "--t-max", "1", "--out", out.resolve("brief").toString());
        assertEquals(0, brief.code(), brief.err());
        assertTrue(brief.out().contains("had not parted by Omega_rms T = 1") && brief.out().contains("give a later --t-max")
                && brief.out().contains("needs T >> tau_s"), brief.out());
        Path png = dir.resolve("sep.png");
        Result f = run("figure", "--what", "separation", "--sim", out.toString(), "--width", "640", "--height", "400", "--out", png.toString());
        assertEquals(0, f.code(), f.err());
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(640, img.getWidth());
        assertEquals(400, img.getHeight());
        Files.writeString(dir.resolve("sep-bad.json"), "{\"angles_rad\": [0.1, 0.01], \"distances_rg\": [1], \"mean_t_sep\": [[1]]}");
        assertRefusedInOneLine(new String[][] {{"figure", "--what", "separation", "--sim", dir.resolve("sep-bad.json").toString(), "--out", png.toString()}});
        String[][] bad = {
                {"separation", "--rho", "0.089", "--angles", "1e-3,1e-2", "--out", out.toString()},
                {"separation", "--rho", "0.089", "--angles", "1e-2", "--out", out.toString()},
                {"separation", "--rho", "0.089", "--distances", "-1", "--out", out.toString()},
                {"separation", "--rho", "0.089", "--directions", "1", "--out", out.toString()},
                {"separation", "--rho", "0.089", "--eta", "1", "--out", out.toString()},
                {"separation", "--rho", "0.089", "--t-max", "soon", "--out", out.toString()},
        };
        assertRefusedInOneLine(bad);
    }

    @Test
    void scanTabulatesEachRigidityFromItsOwnRun() throws Exception {
        Path out = dir.resolve("scan");
        Result r = run("scan", "--rhos", "0.089,0.3", "--nside", "4", "--realisations", "3", "--t-max", "3tau", "--snapshots", "4",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        var j = org.anisoscope.io.Json.read(out.resolve("scan.json"));
        assertEquals(2, j.get("rows").size());
        for (int i = 0; i < 2; i++) {
            var row = j.get("rows").get(i);
            double rho = i == 0 ? 0.089 : 0.3;
            assertEquals(rho, row.get("rho").asDouble(), 1e-12);
            // the row is made from the run written beside it: C_1^sub and 4 pi |<Phi>|^2 at its last snapshot
            var sum = org.anisoscope.run.RunFiles.readSummary(out.resolve(row.get("rigidity").asText().replace(' ', '_')));
            int k = sum.times().length - 1;
            assertEquals(3, sum.realisations());
            assertEquals(sum.spectra().clSub()[k][1], row.get("c1_sub").asDouble(), 0);
            double[] mean = sum.dipoles().meanDipole()[k];
            double c1 = 4 * Math.PI * (mean[0] * mean[0] + mean[1] * mean[1] + mean[2] * mean[2]);
            assertEquals(c1, row.get("c1_qlt_dipole").asDouble(), 1e-12 * c1);
            assertTrue(row.get("c1_qlt_dipole_err").asDouble() > 0);
            assertTrue(row.get("c1_sub_over_c1_qlt_err").asDouble() > 0, row.toString());
            assertTrue(row.get("inv_mean_cos_alpha_sq_err").asDouble() > 0, row.toString());
            assertEquals(sum.diffusion().kzz(), row.get("kzz_run").asDouble(), 0);
            assertEquals(sum.dipoles().meanDipoleOverFick()[k][2], row.get("dipole_over_fick").asDouble(), 0);
            double odt = row.get("omega_dt_fit").asDouble(), tau = row.get("omega0_tau_s_qlt").asDouble();
            assertEquals(odt / Math.cbrt(tau), row.get("constant").asDouble(), 1e-9 * odt);
            assertEquals(Math.sqrt(0.5) * 3 * org.anisoscope.physics.Qlt.kzz(rho, 0.5), tau, 1e-9 * tau);
            // the slope from l = 5 over the fit's multipoles (nside 4: 5..11), as PowerLaw gives it
            var pl = org.anisoscope.analysis.PowerLaw.fit(sum.spectra().clSub()[k], sum.spectra().clSubErr()[k], 5, 11, true);
            if (pl.atEdge()) assertTrue(row.get("power_law_index").isNull(), "no slope where the fit runs to the search edge: " + row);
            else assertEquals(pl.index(), row.get("power_law_index").asDouble(), 1e-12);
        }
        java.util.List<String> csv = Files.readAllLines(out.resolve("scan.csv"));
        assertTrue(csv.get(0).startsWith("# anisoscope") && csv.get(1).startsWith("rigidity,rho,"), csv.get(1));
        assertTrue(csv.get(1).contains(",c1_sub_over_c1_qlt_err,") && csv.get(1).contains(",constant_jackknife_err,")
                && csv.get(1).endsWith(",power_law_index_jackknife_err"), csv.get(1));
        assertEquals(4, csv.size());
        String[][] bad = {
                {"scan", "--rigidities", "1XV", "--out", out.toString()},
                {"scan", "--rhos", "0.01", "--realisations", "1", "--out", out.toString()},
                {"scan", "--rhos", "0.01", "--rigidities", "1PV", "--out", out.toString()},
                {"scan", "--rhos", "0.01,-2", "--out", out.toString()},
                {"scan", "--rhos", "0.01", "--snapshots", "1", "--out", out.toString()},
        };
        assertRefusedInOneLine(bad);
    }

    @Test
    void convergeComparesTheSameSeedsWithDtHalvedAndRefusesBadInput() throws Exception {
        Path out = dir.resolve("converge");
        Result r = run("converge", "--rho", "0.089", "--nside", "4", "--realisations", "3", "--t-max", "3tau", "--snapshots", "5",
                "--multipoles", "1,2", "--seed", "9", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("K_zz(T)") && r.out().matches("(?s).*\\n(converged|unresolved|not converged): .*"), r.out());
        var j = org.anisoscope.io.Json.read(out.resolve("convergence.json"));
        assertEquals(java.util.List.of(0.05, 0.025), java.util.List.of(j.get("dt").get(0).asDouble(), j.get("dt").get(1).asDouble()));
        assertEquals(9, j.get("seed").asLong());
        assertEquals(4, j.get("quantities").size()); // K_zz(T), C_1, C_2, total
        // both runs are kept, stopped at the same times, and the first column is their K_zz(T) difference
        var a = org.anisoscope.io.Json.read(out.resolve("base").resolve("summary.json"));
        var b = org.anisoscope.io.Json.read(out.resolve("halved").resolve("summary.json"));
        assertEquals(a.get("times"), b.get("times"));
        assertEquals(a.get("times"), j.get("times"));
        int k = a.get("times").size() - 1;
        double ka = a.get("kzz_running").get(k).asDouble(), kb = b.get("kzz_running").get(k).asDouble();
        assertEquals(ka - kb, j.get("difference").get(k).get(0).asDouble(), 1e-9 * kb);
        assertEquals(kb, j.get("reference").get(k).get(0).asDouble(), 1e-9 * kb);
        assertEquals(5 * 4 + 2, Files.readAllLines(out.resolve("convergence.csv")).size());
        // and its figure, for an appendix
        Path png = dir.resolve("convergence.png");
        Result f = run("figure", "--what", "convergence", "--sim", out.toString(), "--width", "800", "--height", "500", "--out", png.toString());
        assertEquals(0, f.code(), f.err());
        assertEquals(800, javax.imageio.ImageIO.read(png.toFile()).getWidth());
        assertRefusedInOneLine(new String[][] {{"figure", "--what", "convergence", "--sim", dir.toString(), "--out", png.toString()}});
        String[][] bad = {
                {"converge", "--rho", "0.089", "--halve", "eta", "--out", out.toString()},
                {"converge", "--rho", "0.089", "--realisations", "2", "--out", out.toString()},
                {"converge", "--rho", "0.089", "--nside", "4", "--multipoles", "12", "--out", out.toString()},
                {"converge", "--rho", "0.089", "--tolerance", "5", "--out", out.toString()},
                {"converge", "--rho", "0.089", "--snapshots", "200", "--t-max", "2", "--out", out.toString()},
        };
        assertRefusedInOneLine(bad);
    }

    @Test
    void observeTurnsASimulatedSkyIntoAnObservatorysAndRefusesBadInput() throws Exception {
        Path sim = dir.resolve("obs-sim");
        assertEquals(0, run("simulate", "--rho", "0.089", "--nside", "8", "--realisations", "2", "--t-max", "0.5", "--snapshots", "2",
                "--out", sim.toString()).code());
        Path map = sim.resolve("map_snapshot_01.fits"), out = dir.resolve("eq.fits"), cl = dir.resolve("eq.csv");
        Result r = run("observe", "--in", map.toString(), "--b0", "227,-27", "--dec-range", "-90,-25", "--out-map", out.toString(),
                "--out", cl.toString());
        assertEquals(0, r.code(), r.err());
        var m = org.anisoscope.io.HealpixFits.read(out);
        assertEquals("C", m.keywords().get("COORDSYS"));
        org.anisoscope.sky.Healpix hp = new org.anisoscope.sky.Healpix(8);
        int kept = 0;
        for (int p = 0; p < m.values().length; p++) {
            double dec = 90 - Math.toDegrees(hp.pix2ang(p)[0]);
            boolean seen = org.anisoscope.sky.Sht.seen(m.values()[p]);
            assertEquals(dec <= -25, seen, "pixel " + p + " at Dec " + dec);
            if (seen) kept++;
        }
        // early in the run the sky is a dipole along B0: its peak sits where B0 now points (RA 227, Dec -27)
        double best = Double.NEGATIVE_INFINITY;
        int at = -1;
        for (int p = 0; p < m.values().length; p++) if (org.anisoscope.sky.Sht.seen(m.values()[p]) && m.values()[p] > best) { best = m.values()[p]; at = p; }
        double[] n = hp.pix2vec(at), b = org.anisoscope.sky.Rotation.zTo(227, -27).apply(new double[] {0, 0, 1});
        assertTrue(n[0] * b[0] + n[1] * b[1] + n[2] * b[2] > Math.cos(Math.toRadians(20)), "the brightest pixel lies near B0");
        double[] c = org.anisoscope.io.ClCsv.read(cl);
        double fsky = (double) kept / m.values().length;
        double[] pseudo = new org.anisoscope.sky.Sht(8, 23, 1).anafast(m.values(), 3);
        assertEquals(pseudo[1] / fsky, c[1], 1e-9 * c[1], "pseudo-C_l over f_sky");
        // a ground-based observatory's relative intensity has no m = 0 modes: with B0 to the celestial pole (no rotation) it
        // sees only the dipole's tilt away from B0 (toward this realisation's local field), C_1 x (d_x² + d_y²)/|d|²
        double[] d = org.anisoscope.sky.Dipole.fitDipole(org.anisoscope.io.HealpixFits.read(map).values()).vector();
        double tilt = (d[0] * d[0] + d[1] * d[1]) / (d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        double[] polar = observedCl(map, "0,90"), whole = org.anisoscope.io.ClCsv.read(observedClFile(map, "0,90", false));
        assertTrue(tilt < 0.2, "the early dipole lies near B0: " + tilt);
        assertEquals(tilt * whole[1], polar[1], 0.02 * tilt * whole[1], "C_1 seen with B0 to the pole");
        // with B0 in the equatorial plane most of it is seen
        double[] equatorial = observedCl(map, "0,0");
        assertTrue(equatorial[1] > 0.6 * whole[1], "C_1 seen with B0 in the equator " + equatorial[1] + " of " + whole[1]);
        // --deconvolve: MASTER for IceCube's band, bins as narrow as it allows (2: no antipodal pairs), read as an observed spectrum
        Path dcl = dir.resolve("eq-master.csv");
        Result dr = run("observe", "--in", map.toString(), "--b0", "227,-27", "--dec-range", "-90,-25", "--per-declination", "--deconvolve",
                "--out-map", out.toString(), "--force", "--out", dcl.toString());
        assertEquals(0, dr.code(), dr.err());
        assertTrue(dr.err().contains("bins of 2 multipoles"), dr.err());
        var spectrum = org.anisoscope.io.ClCsv.readWithErrors(dcl);
        var cutMap = org.anisoscope.io.HealpixFits.read(out).values();
        var mc = org.anisoscope.sky.MaskCoupling.band(8, -90, -25, true, 23, 1);
        var master = mc.deconvolve(new org.anisoscope.sky.Sht(8, 23, 1).anafast(cutMap, 3), 2);
        assertEquals(master.cl()[0], spectrum.cl()[1], 1e-12 * Math.abs(master.cl()[0]), "bin 1-2 at l = 1");
        assertEquals(master.sigma()[2], spectrum.sigma()[5], 1e-12 * master.sigma()[2], "bin 5-6's error at l = 5");
        assertTrue(Double.isNaN(spectrum.cl()[2]), "one row per bin");
        String master2 = Files.readString(dcl);
        assertTrue(master2.contains("l,cl,sigma,l_lo,l_hi\n1,") && master2.contains(",5,6\n"), "bins from l = 1 in twos: " + master2);
        assertRefusedInOneLine(new String[][] {
                {"observe", "--in", map.toString(), "--b0", "227,-27", "--dec-range", "-90,-25", "--deconvolve", "--bin-width", "1",
                        "--out-map", out.toString(), "--force", "--out", dcl.toString()},
                {"observe", "--in", map.toString(), "--b0", "227,-27", "--deconvolve", "--bin-width", "0", "--out-map", out.toString(), "--force",
                        "--out", dcl.toString()},
                {"observe", "--in", map.toString(), "--b0", "227,-27", "--deconvolve", "--out-map", out.toString(), "--force"},
        });
        assertTrue(run("observe", "--in", map.toString(), "--b0", "227,-27", "--dec-range", "-90,-25", "--deconvolve", "--bin-width", "1",
                "--out-map", out.toString(), "--force", "--out", dcl.toString()).err().contains("use bins of 2 multipoles or more"));
        assertRefusedInOneLine(new String[][] {
                {"observe", "--in", map.toString(), "--b0", "227", "--out-map", out.toString(), "--force"},
                {"observe", "--in", map.toString(), "--b0", "227,95", "--out-map", out.toString(), "--force"},
                {"observe", "--in", map.toString(), "--b0", "227,-27", "--dec-range", "10,-10", "--out-map", out.toString(), "--force"},
                {"observe", "--in", dir.resolve("none.fits").toString(), "--b0", "227,-27", "--out-map", out.toString(), "--force"},
        });
    }

    private double[] observedCl(Path map, String b0) throws Exception {
        return org.anisoscope.io.ClCsv.read(observedClFile(map, b0, true));
    }

    private Path observedClFile(Path map, String b0, boolean perDeclination) throws Exception {
        Path cl = dir.resolve("obs-" + b0.replace(',', '_') + (perDeclination ? "-dec" : "") + ".csv");
        java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of("observe", "--in", map.toString(), "--b0", b0,
                "--out-map", dir.resolve("obs.fits").toString(), "--out", cl.toString(), "--force"));
        if (perDeclination) a.add("--per-declination");
        Result r = run(a.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        return cl;
    }

    @Test
    void figureDrawsASimulationHeadlessWithItsProvenance() throws Exception {
        Path sim = dir.resolve("sim");
        assertEquals(0, run("simulate", "--rho", "0.089", "--nside", "8", "--realisations", "2", "--t-max", "3tau",
                "--snapshots", "4", "--seed", "5", "--out", sim.toString()).code());
        for (String what : new String[] {"cl", "evolution", "dipole"}) {
            Path png = dir.resolve(what + ".png");
            Result r = run("figure", "--sim", sim.toString(), "--what", what, "--width", "900", "--height", "600", "--dpi", "192", "--out", png.toString());
            assertEquals(0, r.code(), r.err());
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
            assertEquals(900, img.getWidth());
            assertEquals(600, img.getHeight());
            // the data are drawn: the sub points' red (cl), the l = 2 orange (evolution), the dipole's red (dipole)
            int n = org.anisoscope.plot.LinePlotTest.count(img, what.equals("evolution") ? FigureCommand.L_COLOURS[1] : FigureCommand.SUB);
            assertTrue(n > 50, what + ": " + n + " pixels of the data colour");
            String text = new String(Files.readAllBytes(png), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(text.contains("seed 5") && text.contains("anisoscope"), "provenance in the PNG's text chunks");
        }
        assertRefusedInOneLine(new String[][] {
                {"figure", "--sim", sim.toString(), "--what", "sky", "--out", dir.resolve("x.png").toString()},
                {"figure", "--sim", sim.toString(), "--snapshot", "9", "--out", dir.resolve("x.png").toString()},
                {"figure", "--sim", sim.toString(), "--theory", "-3", "--out", dir.resolve("x.png").toString()},
                {"figure", "--sim", sim.toString(), "--width", "10", "--out", dir.resolve("x.png").toString()},
                {"figure", "--sim", dir.resolve("nothing").toString(), "--out", dir.resolve("x.png").toString()},
                {"figure", "--sim", sim.toString(), "--what", "seen", "--out", dir.resolve("x.png").toString()},
        });
        assertFalse(Files.exists(dir.resolve("x.png")));
        // a run with an observatory: its spectra as seen and the curve as seen, in the observatory's purple
        Path seenSim = dir.resolve("sim-seen");
        assertEquals(0, run("simulate", "--rho", "0.089", "--nside", "8", "--realisations", "2", "--t-max", "3tau", "--snapshots", "2",
                "--observatory", "-90,-25", "--per-declination", "--b0-dec", "23.3", "--out", seenSim.toString()).code());
        Path png = dir.resolve("seen.png");
        Result r = run("figure", "--sim", seenSim.toString(), "--what", "seen", "--width", "900", "--height", "600", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        int purple = org.anisoscope.plot.LinePlotTest.count(img, FigureCommand.DRIFT), red = org.anisoscope.plot.LinePlotTest.count(img, FigureCommand.SUB);
        assertTrue(purple > 50 && red > 50, "as seen and full sky drawn: " + purple + ", " + red);
    }

    @Test
    void predictWritesJsonAndCsvAndFitReadsASimulation() throws Exception {
        Result r = run("predict", "--rho", "8.9e-2", "--lmax", "40", "--extrapolate", "80", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        var p = org.anisoscope.io.Json.read(dir.resolve("prediction.json"));
        for (String key : new String[] {"version", "params", "units", "omega0_tau_s", "omega_dt", "kzz_qlt", "lmax", "cl", "cl_over_c1",
                "cl_extrapolated"}) {
            assertTrue(p.has(key), "prediction.json lacks " + key);
        }
        assertEquals(41, p.get("cl").size());
        assertEquals(1.0, p.get("cl_over_c1").get(1).asDouble(), 1e-15);
        assertEquals(4 * Math.cbrt(p.get("omega0_tau_s").asDouble()), p.get("omega_dt").asDouble(), 1e-9);
        String csv = Files.readString(dir.resolve("cl_mat.csv"));
        assertTrue(csv.startsWith("l,cl,cl_over_c1,cl_extrapolated\n0,"), csv.substring(0, 60));
        // as IceCube would see it: M C / f_sky, the dipole folded along B0 at Dec 23.3
        Path ice = dir.resolve("ice");
        Result ri = run("predict", "--rho", "8.9e-2", "--lmax", "40", "--observatory", "-90,-25", "--per-declination", "--b0-dec", "23.3",
                "--out", ice.toString());
        assertEquals(0, ri.code(), ri.err());
        assertTrue(ri.out().contains("seen in Dec -90.0 to -25.0, declination means out, dipole about B0 at Dec 23.3 (<cos^2> 0.6"), ri.out());
        double[] full = new double[41];
        var pj = org.anisoscope.io.Json.read(ice.resolve("prediction.json"));
        for (int l = 0; l <= 40; l++) full[l] = pj.get("cl").get(l).asDouble();
        var mc = org.anisoscope.sky.MaskCoupling.ofDeclinations(-90, -25, true, 40, 1);
        double cos2 = org.anisoscope.turbulence.SlabField.expectedMeanCosSq(8.9e-2, 0.5, 1.0 / 150, 1 / 8.9e-2 / 30); // --dipole-cos2 local-field
        assertEquals(cos2, pj.get("observatory").get("dipole_cos2_to_b0").asDouble(), 1e-15);
        double[] want = mc.expectedPseudo(full, 23.3, cos2);
        double[] seen = org.anisoscope.io.ClCsv.read(ice.resolve("cl_observed.csv"));
        assertEquals(mc.lmaxReliable(full, 0.01) + 1, seen.length);
        assertEquals(seen.length - 1, pj.get("observatory").get("lmax_complete").asInt());
        for (int l = 1; l < seen.length; l++) assertEquals(want[l] / mc.fsky(), seen[l], 1e-12 * seen[l], "l " + l);
        // an observatory's spectrum (here that prediction at Omega_0 dT = 20, x 3, 10 % errors) is fitted as the observatory sees
        // the prediction: Omega_0 dT and the factor come back; fitted as the full sky, they do not
        Path i20 = dir.resolve("ice20");
        assertEquals(0, run("predict", "--rho", "8.9e-2", "--lmax", "40", "--omega-dt", "20", "--observatory", "-90,-25", "--per-declination",
                "--b0-dec", "23.3", "--out", i20.toString()).code());
        double[] seen20 = org.anisoscope.io.ClCsv.read(i20.resolve("cl_observed.csv"));
        StringBuilder obsCsv = new StringBuilder("l,C_l,sigma_l\n");
        for (int l = 1; l <= 20; l++) obsCsv.append(l).append(',').append(3 * seen20[l]).append(',').append(0.3 * seen20[l]).append('\n');
        Path obsFile = dir.resolve("icecube-like.csv");
        Files.writeString(obsFile, obsCsv);
        Path fitSeen = dir.resolve("fit-seen.json"), fitFull = dir.resolve("fit-full.json");
        Result fs = run("fit", "--sim", obsFile.toString(), "--rho", "8.9e-2", "--eta", "0.5", "--lmax", "40", "--no-offset", "--observatory", "-90,-25",
                "--per-declination", "--b0-dec", "23.3", "--out", fitSeen.toString());
        assertEquals(0, fs.code(), fs.err());
        assertTrue(fs.out().contains("model: the prediction as seen in Dec -90.0 to -25.0"), fs.out());
        var js = org.anisoscope.io.Json.read(fitSeen);
        assertEquals(20, js.get("omega_dt").asDouble(), 0.2);
        assertEquals(3, js.get("normalisation").asDouble(), 0.01);
        assertTrue(js.get("chi2").asDouble() < 0.1, js.toString());
        assertEquals(0, run("fit", "--sim", obsFile.toString(), "--rho", "8.9e-2", "--eta", "0.5", "--lmax", "40", "--no-offset",
                "--out", fitFull.toString()).code());
        assertTrue(org.anisoscope.io.Json.read(fitFull).get("chi2").asDouble() > 100, "the full-sky model cannot fit what an observatory sees");
        assertRefusedInOneLine(new String[][] {
                {"fit", "--sim", dir.toString(), "--observatory", "-90,-25", "--out", fitFull.toString()},
                {"predict", "--rho", "8.9e-2", "--per-declination", "--out", ice.toString()},
                {"predict", "--rho", "8.9e-2", "--observatory", "-25", "--out", ice.toString()},
                {"predict", "--rho", "8.9e-2", "--observatory", "10,-10", "--out", ice.toString()},
                {"predict", "--rho", "8.9e-2", "--observatory", "-90,-25", "--b0-dec", "95", "--out", ice.toString()},
                {"predict", "--rho", "8.9e-2", "--observatory", "-90,-25", "--b0-dec", "20", "--dipole-cos2", "1.5", "--out", ice.toString()},
        });

        // a small simulation, then the fit against its noise-subtracted spectrum
        Path sim = dir.resolve("sim");
        assertEquals(0, run("simulate", "--rho", "0.089", "--nside", "4", "--realisations", "3", "--t-max", "3tau",
                "--snapshots", "2", "--out", sim.toString()).code());
        Path fit = dir.resolve("fit.json");
        Result f = run("fit", "--sim", sim.resolve("summary.json").toString(), "--lmax", "24", "--out", fit.toString());
        assertEquals(0, f.code(), f.err());
        var j = org.anisoscope.io.Json.read(fit);
        assertTrue(j.get("omega_dt").asDouble() >= 1 && j.get("omega_dt").asDouble() <= 200, j.toString());
        assertEquals(11, j.get("l_range").get(1).asInt()); // nside 4: l up to 11 (below lmax/2 = 12)
        // the chi2's probability to exceed, as the line prints it
        double pte = j.get("chi2_probability").asDouble();
        assertEquals(org.anisoscope.mixing.SpectrumFit.chi2Probability(j.get("chi2").asDouble(), j.get("dof").asInt()), pte, 0.0);
        assertTrue(f.out().contains(String.format(java.util.Locale.ROOT, "(probability to exceed %.2g", pte)), f.out());
        // and the power law over the same multipoles from l = 5, as PowerLaw fits it
        var pl = j.get("power_law");
        var simSummary = org.anisoscope.run.RunFiles.readSummary(sim);
        assertEquals(org.anisoscope.analysis.PowerLaw.fit(simSummary.spectra().clSub()[1], simSummary.spectra().clSubErr()[1], 5, 11, true).index(),
                pl.get("index").asDouble(), 1e-12);
        assertEquals(5, pl.get("l_range").get(0).asInt());
        assertTrue(f.out().contains("power law over l = 5..11: index"), f.out());
        // errors from leaving out each realisation in turn: the index's as PowerLaw and Jackknife give it from cl_realisations.csv
        double[][] real = org.anisoscope.run.RunFiles.readClRealisations(simSummary)[1];
        org.anisoscope.analysis.PowerLaw.Result[] left = new org.anisoscope.analysis.PowerLaw.Result[3];
        for (int skip = 0; skip < 3; skip++) {
            double[] cl = new double[real[0].length];
            for (int i = 0; i < 3; i++) if (i != skip) for (int l = 0; l < cl.length; l++) cl[l] += real[i][l] / 2;
            for (int l = 0; l < cl.length; l++) cl[l] -= simSummary.spectra().noise()[1];
            left[skip] = org.anisoscope.analysis.PowerLaw.fit(cl, simSummary.spectra().clSubErr()[1], 5, 11, true);
        }
        var jk = j.get("jackknife");
        assertEquals(3, jk.get("realisations").asInt());
        boolean edge = pl.get("index_at_search_edge").asBoolean() || java.util.Arrays.stream(left).anyMatch(x -> x.atEdge());
        if (edge) assertTrue(jk.get("power_law_index_err").isNull(), "no error where a fit finds no power law: " + jk);
        else assertEquals(org.anisoscope.analysis.Jackknife.error(3, i -> left[i].index()), jk.get("power_law_index_err").asDouble(), 1e-9);
        assertTrue(f.out().contains("jackknife over 3 realisations"), f.out());
        Path noJk = dir.resolve("fit-nojk.json");
        assertEquals(0, run("fit", "--sim", sim.toString(), "--lmax", "24", "--no-jackknife", "--out", noJk.toString()).code());
        assertNull(org.anisoscope.io.Json.read(noJk).get("jackknife"));
        // the same fit from the snapshot CSV
        Result fc = run("fit", "--sim", sim.resolve("cl_snapshot_01.csv").toString(), "--rho", "0.089", "--eta", "0.5",
                "--lmax", "24", "--out", dir.resolve("fit2.json").toString());
        assertEquals(0, fc.code(), fc.err());
        assertEquals(j.get("omega_dt").asDouble(), org.anisoscope.io.Json.read(dir.resolve("fit2.json")).get("omega_dt").asDouble(), 1e-9);

        Files.writeString(dir.resolve("broken.json"), "{\"params\": {\"rho\": 0.1}}");
        Files.writeString(dir.resolve("notjson.json"), "{{{");
        String[][] bad = {
                {"predict", "--rho", "8.9e-3", "--lmax", "1", "--out", dir.toString()},
                {"predict", "--rho", "8.9e-3", "--lmax", "100000", "--out", dir.toString()},
                {"predict", "--rho", "8.9e-3", "--omega-dt", "0", "--out", dir.toString()},
                {"predict", "--rho", "8.9e-3", "--omega-dt", "-2", "--out", dir.toString()},
                {"predict", "--rho", "8.9e-3", "--omega-dt", "fast", "--out", dir.toString()},
                {"predict", "--rho", "8.9e-3", "--extrapolate", "inf", "--out", dir.toString()},
                {"predict", "--rho", "8.9e-3", "--lmax", "50", "--extrapolate", "20", "--out", dir.toString()},
                {"fit", "--sim", dir.resolve("broken.json").toString(), "--out", dir.resolve("x.json").toString()},
                {"fit", "--sim", dir.resolve("notjson.json").toString(), "--out", dir.resolve("x.json").toString()},
                {"fit", "--sim", dir.resolve("missing.json").toString(), "--out", dir.resolve("x.json").toString()},
                {"fit", "--sim", sim.resolve("summary.json").toString(), "--snapshot", "7", "--out", dir.resolve("x.json").toString()},
                {"fit", "--sim", sim.resolve("cl_snapshot_01.csv").toString(), "--out", dir.resolve("x.json").toString()},
        };
        assertRefusedInOneLine(bad);
        assertFalse(Files.exists(dir.resolve("x.json")));
    }

    @Test
    void benchMixingPrintsItsTiming() {
        Result r = run("bench", "mixing", "--lmax", "30", "--repeat", "1");
        assertEquals(0, r.code(), r.err());
        String last = r.out().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.matches("mixing\\+steady: [0-9.]+ s"), last);
    }

    @Test
    void versionAndHelp() {
        assertTrue(run("--version").out().startsWith("anisoscope "));
        Result h = run("anafast", "--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("--lmax"));
    }

    /** Every command's help names each option once (picocli 4.7.6 listed a mixin's argument group twice). */
    @Test
    void helpListsEachOptionOnce() {
        java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>();
        todo.add(new picocli.CommandLine(new Cli()));
        int commands = 0;
        while (!todo.isEmpty()) {
            picocli.CommandLine c = todo.poll();
            todo.addAll(c.getSubcommands().values());
            String help = c.getUsageMessage(picocli.CommandLine.Help.Ansi.OFF);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String line : help.split("\\R")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("^  (?:-\\w, |    )(--[\\w-]+)").matcher(line);
                if (m.find()) assertTrue(seen.add(m.group(1)), c.getCommandName() + " lists " + m.group(1) + " twice:\n" + help);
            }
            commands++;
        }
        assertTrue(commands >= 18, "commands walked: " + commands);
    }
}
