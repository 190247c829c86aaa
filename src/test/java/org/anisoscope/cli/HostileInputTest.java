package org.anisoscope.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.anisoscope.Fixtures;
import org.anisoscope.io.HealpixFits;
import org.anisoscope.sky.Sht;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user, or a hostile one, types: every case either exits 2 with one clear line that says
 * what to change, or succeeds writing only the file it was asked to; no case changes, replaces or
 * removes any other file (checksums of the whole folder before and after each case).
 */
class HostileInputTest {
    @TempDir static Path d;
    static boolean fifo;

    @BeforeAll
    static void files() throws Exception {
        Path m = Fixtures.copy("healpy_nside64_float64.fits", d);
        Files.move(m, d.resolve("m.fits"));
        double[] v = HealpixFits.read(d.resolve("m.fits")).values();
        double[] inf = v.clone();
        inf[5] = Double.POSITIVE_INFINITY;
        inf[9] = Double.NaN;
        HealpixFits.write(d.resolve("inf.fits"), inf);
        double[] nan = new double[v.length];
        Arrays.fill(nan, Double.NaN);
        HealpixFits.write(d.resolve("nan.fits"), nan);
        double[] unseen = new double[v.length];
        Arrays.fill(unseen, Sht.UNSEEN);
        HealpixFits.write(d.resolve("unseen.fits"), unseen);
        CliTest.Result r = CliTest.run("simulate", "--rho", "0.089", "--nside", "4", "--realisations", "3", "--snapshots", "3", "--t-max", "2tau",
                "--out", d.resolve("RUN").toString());
        assertEquals(0, r.code(), r.err());
        Path run99 = d.resolve("RUN99");
        Files.createDirectories(run99);
        try (Stream<Path> s = Files.list(d.resolve("RUN"))) {
            for (Path f : s.toList()) Files.copy(f, run99.resolve(f.getFileName()));
        }
        Files.writeString(run99.resolve("summary.json"), Files.readString(run99.resolve("summary.json"))
                .replace("\"format_version\" : 2", "\"format_version\" : 99"));
        Files.writeString(d.resolve("fit_good.csv"), "l,cl,sigma\n1,1e-3,1e-4\n2,1e-5,1e-6\n3,4e-6,4e-7\n4,2e-6,2e-7\n5,1e-6,1e-7\n6,6e-7,6e-8\n");
        Files.writeString(d.resolve("cl_nan.csv"), "# a comment\nl,cl,sigma\n1,nan,1e-4\n2,1e-5,1e-6\n3,4e-6,4e-7\n4,2e-6,-2e-7\n5,1e-6,1e-7\n");
        Files.writeString(d.resolve("cl_zero_sigma.csv"), "l,cl,sigma\n1,1e-3,0\n2,1e-5,1e-6\n3,4e-6,4e-7\n4,2e-6,2e-7\n");
        Files.writeString(d.resolve("cl_good.csv"), "l,cl\n0,1\n1,2\n");
        Files.createSymbolicLink(d.resolve("alias.fits"), d.resolve("m.fits"));
        fifo = new ProcessBuilder("mkfifo", d.resolve("fifo").toString()).start().waitFor() == 0;
        Files.createLink(d.resolve("hard.fits"), d.resolve("m.fits"));
        double[] big = v.clone();
        big[3] = 1e308;
        HealpixFits.write(d.resolve("big.fits"), big);
        Files.write(d.resolve("trunc.fits"), java.util.Arrays.copyOf(Files.readAllBytes(d.resolve("m.fits")), 5000));
        for (String[] copy : new String[][] {{"RUNJ", "summary.json"}, {"RUNM", "map_snapshot_01.fits"}}) {
            Path c = Files.createDirectories(d.resolve(copy[0]));
            try (Stream<Path> s = Files.list(d.resolve("RUN"))) {
                for (Path f : s.toList()) if (!f.getFileName().toString().equals(copy[1])) Files.copy(f, c.resolve(f.getFileName()));
            }
        }
        String summary = Files.readString(d.resolve("RUN/summary.json"));
        Files.writeString(d.resolve("RUNJ/summary.json"), summary.substring(0, summary.length() / 2));
        // a partial run, stopped after its first realisation as Ctrl-C leaves one (its checkpoint kept)
        var spec = org.anisoscope.cli.Cli.simulateSpec(List.of("simulate", "--rho", "0.089", "--nside", "2", "--realisations", "3", "--snapshots", "2",
                "--t-max", "1tau", "--out", "x"));
        var kept = SimulateCommand.checkpointSpec(spec);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        try (var run = org.anisoscope.run.FolderRun.open(d.resolve("PART"), "--out", org.anisoscope.io.RunFolder.Mode.NEW, kept)) {
            run.run(new org.anisoscope.tracking.CpuBacktracker(1), 1, new org.anisoscope.run.SimulationRun.Listener() {
                @Override
                public void realisationDone(int r, org.anisoscope.analysis.Ensemble e) {
                    stop.set(true);
                }
            }, stop::get);
        }
        assertTrue(Files.isDirectory(d.resolve("PART/checkpoint")));
    }

    /** Each file under d: its checksum (regular files), or what it is (folders, links, pipes), never read if not a file. */
    static TreeMap<String, String> state() throws IOException {
        TreeMap<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(d)) {
            for (Path f : s.toList()) {
                String k = d.relativize(f).toString();
                if (Files.isSymbolicLink(f)) m.put(k, "link to " + Files.readSymbolicLink(f));
                else if (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) m.put(k, "folder");
                else if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) m.put(k, "special");
                else m.put(k, sha256(f));
            }
        }
        return m;
    }

    static String sha256(Path f) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A refused case: the command line ($ is the folder) and words its one line must hold. */
    record Refused(String line, String... says) {}

    /**
     * The refused cases: a command line ($ is the folder) => the words its one line must hold, split
     * by ';'. Lines starting with # name the group that follows.
     */
    static final String CASES = """
            # outputs over inputs
            fit --sim $/RUN --out $/RUN/summary.json => input folder ; another name
            fit --sim $/RUN --out $/RUN/summary.json --force => input folder
            fit --sim $/RUN/summary.json --out $/RUN/summary.json --force => the input
            fit --sim $/fit_good.csv --rho 0.01 --eta 0.5 --out $/fit_good.csv --force => --out ; JSON
            anafast --in $/m.fits --out $/m.fits => --out ; CSV
            mollview --in $/m.fits --out $/m.fits => --out ; PNG
            smooth --in $/m.fits --fwhm-deg 1 --out $/m.fits => the input
            smooth --in $/m.fits --fwhm-deg 1 --out $/m.fits --force => the input
            smooth --in $/m.fits --fwhm-deg 1 --out $/alias.fits --force => the input
            smooth --in $/alias.fits --fwhm-deg 1 --out $/m.fits --force => the input
            observe --in $/m.fits --b0 0,0 --out-map $/m.fits --force => the input
            observe --in $/m.fits --b0 0,0 --out-map $/o.fits --out $/o.fits => CSV
            figure --sim $/RUN --out $/RUN/summary.json => PNG
            animate --sim $/RUN --out $/RUN/map_snapshot_00.fits => GIF
            animate --sim $/RUN --out $/m.fits => GIF
            # run folders: never reused, never mixed
            simulate --rho 0.089 --nside 4 --out $/RUN => already holds a run ; --force
            simulate --rho 0.089 --nside 4 --out $/m.fits => is a file
            simulate --rho 0.089 --nside 4 --out  => empty
            simulate --resume $/RUN => nothing to resume
            simulate --resume $/nowhere => nothing to resume
            simulate --rho 0.089 --out $/x --resume $/RUN => not both
            simulate --force --resume $/RUN => exclude each other
            simulate --rho 0.089 => --out
            predict --rho 0.01 --out $/RUN => already holds
            scan --rigidities 1PV --nside 4 --out $/RUN => already holds
            converge --rho 0.089 --nside 4 --out $/RUN => already holds
            pitch-angle --rho 0.089 --nside 4 --out $/RUN => already holds
            separation --rho 0.089 --out $/RUN => already holds
            demo --out $/RUN => already holds
            # the extension decides the format
            figure --sim $/RUN --out $/fig.eps => does not write EPS ; .png or .pdf or .svg
            figure --sim $/RUN --out $/fig.jpg => does not write JPEG
            animate --sim $/RUN --out $/x.avi => .gif or .mp4
            anafast --in $/m.fits --out $/cl.fits => does not write FITS ; .csv
            mollview --in $/m.fits --out $/sky.jpg => JPEG
            fit --sim $/RUN --out $/fit.txt => .json
            smooth --in $/m.fits --fwhm-deg 1 --out $/s.csv => .fits
            observe --in $/m.fits --b0 0,0 --out-map $/o.png => .fits
            mollview --in $/m.fits --out $/noextension => .png
            # an existing file is replaced only when asked
            anafast --in $/m.fits --out $/cl_good.csv => exists ; --force
            mollview --in $/m.fits --out $/fifo --force => PNG
            # non-finite and degenerate input
            anafast --in $/inf.fits --out $/a.csv => 2 pixels ; pixel 5 ; UNSEEN
            mollview --in $/inf.fits --out $/a.png => not finite
            smooth --in $/inf.fits --fwhm-deg 1 --out $/a.fits => not finite
            observe --in $/inf.fits --b0 0,0 --out-map $/a.fits => not finite
            anafast --in $/nan.fits --out $/a.csv => pixels that are not finite
            anafast --in $/unseen.fits --out $/a.csv => every pixel is UNSEEN
            fit --sim $/cl_nan.csv --rho 0.01 --eta 0.5 --out $/f.json => 2 rows ; lines 3, 6
            fit --sim $/cl_zero_sigma.csv --rho 0.01 --eta 0.5 --out $/f.json => line 2
            mollview --in $/m.fits --out $/a.png --min NaN => --min ; not a finite number
            mollview --in $/m.fits --out $/a.png --max Infinity => --max ; not a finite number
            simulate --rho NaN --out $/a => --rho
            simulate --rho 0.01 --eta NaN --out $/a => --eta
            predict --rho 0.01 --eta -Infinity --out $/a => --eta
            simulate --rho 0.01 --dt NaN --out $/a => --dt
            smooth --in $/m.fits --fwhm-deg NaN --out $/a.fits => --fwhm-deg
            observe --in $/m.fits --b0 NaN,0 --out-map $/a.fits => --b0
            observe --in $/m.fits --b0 0,0 --dec-range -90,30 --deconvolve --bin-width 1000 --out-map $/a.fits --out $/a.csv => --bin-width 1000 ; wider than the spectrum
            # bounded work, inputs that would block
            predict --rho 1e-12 --out $/a => 1.00e-12 ; raise the rigidity
            simulate --rho 1e-12 --out $/a => raise the rigidity
            simulate --rigidity 1eV --out $/a => '1eV' ; energy
            simulate --rigidity 1PeV --out $/a => '1PeV' ; about 1PV
            simulate --rigidity 1e-3V --out $/a => --rigidity 0.001V ; raise the rigidity
            simulate --rho 0.01 --t-max 1e308 --out $/a => --t-max 1e308 ; steps
            simulate --rho 0.01 --nside 1024 --realisations 10000 --t-max 100tau --out $/a => years
            anafast --in $/fifo --out $/a.csv => not a regular file
            mollview --in $/fifo --out $/a.png => not a regular file
            anafast --in $/RUN --out $/a.csv => is a folder
            anafast --in $/nowhere.fits --out $/a.csv => no such file
            fit --sim $/m.fits --out $/f.json => --sim ; a run's folder
            animate --sim $/m.fits --out $/a.gif => not a folder
            figure --sim $/nowhere --out $/a.png => no such folder
            # a run from a newer anisoscope
            fit --sim $/RUN99 --out $/f.json => run format 99 ; update anisoscope
            figure --sim $/RUN99 --out $/a.png => run format 99
            animate --sim $/RUN99 --out $/a.gif => run format 99
            # what a hostile sweep found: a folder that is not a result, links, huge values, damaged files, options --resume cannot take
            simulate --rho 0.089 --nside 4 --out $ --force => no anisoscope result ; move those files away
            demo --nside 4 --out $ --force => no anisoscope result
            smooth --in $/m.fits --fwhm-deg 1 --out $/hard.fits --force => hard link
            anafast --in $/big.fits --out $/a.csv => beyond ±1e150 ; pixel 3
            observe --in $/big.fits --b0 0,0 --out-map $/a.fits => beyond ±1e150
            fit --sim $/fifo --out $/f.json => not a regular file
            anafast --in $/trunc.fits --out $/a.csv => cut short or damaged
            fit --sim $/RUNJ --out $/f.json => not valid JSON ; ends early
            animate --sim $/RUNM --out $/a.gif => lacks 1 of its 3 ; map_snapshot_01.fits
            figure --sim $/RUN --theory 1e308 --out $/a.png => --theory
            simulate --rho 0.01 --eta 1e-320 --out $/a => --eta
            simulate --rigidity 1PV --brms-ug 1e-300 --out $/a => --brms-ug 1e-300 ; check B_rms
            simulate --rigidity 1e400PV --out $/a => '1e400PV' ; not a finite number
            converge --rho 0.089 --dt 0 --out $/a => --dt
            observe --in $/m.fits --b0 1e300,2 --out-map $/a.fits => RA
            simulate --resume $/PART --eta 0.3 => cannot change it ; --eta ; simulate --rho 0.089
            simulate --resume $/PART --seed 5 --nside 4 => --seed, --nside
            simulate --rho 0.089 --out $/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx => shorter name
            # messages that name what was given
            simulate --rho 0.01 --nside 0 --out $/a => nside ; got 0
            simulate --rho 0.01 --nside -8 --out $/a => nside ; got -8
            simulate --rho 1e308 --out $/a => --rho 1.0E308 ; lower the rigidity
            separation --rho 0.01 --angles -1e-3 --out $/a => --angles ; -0.001
            simulate --rho 0.01 --out /proc/x => /proc
            simulate --rho 1 --rigidity 1PV --out $/a => mutually exclusive
            fit --sim $/RUN --out $/nodir/fit.json => nodir ; does not exist
            fit --sim $/RUN --out $/cl_good.csv/fit.json => cl_good.csv ; does not exist
            simulate --rho 0.01 --snapshots 0 --out $/a => --snapshots
            simulate --rho 0.01 --realisations 0 --out $/a => realisations
            anafast --in $/m.fits --out $/a.csv --lmax -1 => --lmax
            smooth --in $/m.fits --fwhm-deg 1000 --out $/a.fits => --fwhm-deg
            """;

    static final List<Refused> REFUSED = CASES.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> {
        String[] c = l.split(" => ", 2);
        // "--out  => empty": the command ends in an empty argument, as --out "" gives it
        return new Refused(c[0], c.length < 2 || c[1].isBlank() ? new String[0] : c[1].split(" ; "));
    }).toList();

    @Test
    void everyHostileCaseIsRefusedInOneLineAndTouchesNothing() throws Exception {
        assertTrue(REFUSED.size() >= 80, "cases: " + REFUSED.size());
        List<String> failures = new ArrayList<>();
        for (Refused c : REFUSED) {
            if (c.line().contains("fifo") && !fifo) continue;
            String[] args = args(c.line());
            TreeMap<String, String> before = state();
            CliTest.Result r = CliTest.run(args);
            String err = r.err().strip();
            String last = err.contains("\n") ? err.substring(err.lastIndexOf('\n') + 1) : err;
            if (r.code() != 2) failures.add(c.line() + ": exit " + r.code() + ": " + err);
            else if (!last.startsWith("error: ") || err.contains("Exception") || last.contains("error: Error")) failures.add(c.line() + ": " + err);
            else if (!Stream.of(c.says()).allMatch(last::contains)) failures.add(c.line() + ": says '" + last + "', not " + Arrays.toString(c.says()));
            TreeMap<String, String> after = state();
            if (!after.equals(before)) failures.add(c.line() + ": changed the folder: " + difference(before, after));
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + REFUSED.size() + " cases:\n" + String.join("\n", failures));
    }

    /** What succeeds writes its output and nothing else; --force replaces exactly the file named. */
    @Test
    void whatSucceedsWritesOnlyWhatItWasAskedTo() throws Exception {
        String[][] ok = {{"anafast --in $/m.fits --out $/new_cl.csv --lmax 10", "new_cl.csv"},
                {"anafast --in $/m.fits --out $/cl_good.csv --lmax 10 --force", "cl_good.csv"},
                {"mollview --in $/m.fits --out $/new.png --width 300", "new.png"},
                {"fit --sim $/RUN --out $/new_fit.json --no-jackknife --lmax 20", "new_fit.json"},
                {"fit --sim $/fit_good.csv --rho 0.089 --eta 0.5 --lmax 20 --out $/new_fit2.json", "new_fit2.json"},
                {"smooth --in $/alias.fits --fwhm-deg 10 --out $/new_s.fits", "new_s.fits"}};
        for (String[] c : ok) {
            TreeMap<String, String> before = state();
            CliTest.Result r = CliTest.run(args(c[0]));
            assertEquals(0, r.code(), c[0] + ": " + r.err());
            TreeMap<String, String> after = state();
            Set<String> changed = new java.util.TreeSet<>();
            for (String k : after.keySet()) if (!after.get(k).equals(before.get(k))) changed.add(k);
            for (String k : before.keySet()) if (!after.containsKey(k)) changed.add(k);
            assertEquals(Set.of(c[1]), changed, c[0]);
        }
    }

    static String[] args(String line) {
        String[] a = line.replace("$", d.toString()).split(" ", -1);
        // "--out " at the end is the empty path a user gets from --out ""
        return a;
    }

    static String difference(TreeMap<String, String> a, TreeMap<String, String> b) {
        List<String> out = new ArrayList<>();
        for (String k : b.keySet()) if (!b.get(k).equals(a.get(k))) out.add((a.containsKey(k) ? "changed " : "added ") + k);
        for (String k : a.keySet()) if (!b.containsKey(k)) out.add("removed " + k);
        return String.join(", ", out);
    }
}
