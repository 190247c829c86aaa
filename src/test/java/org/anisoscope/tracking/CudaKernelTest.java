package org.anisoscope.tracking;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.anisoscope.sky.Healpix;
import org.anisoscope.turbulence.SlabField;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The CUDA kernel source checked without a GPU: the committed PTX is current, it assembles for
 * sm_90, and the very same step function compiled for the host reproduces the Java CPU engine.
 */
class CudaKernelTest {
    static final Path SOURCE = Path.of("kernels/backtrack.cu");
    static final Path HARNESS = Path.of("src/test/cuda/harness.cu");

    @Test
    void committedPtxIsBuiltFromTheCurrentSource() throws Exception {
        String want;
        try (InputStream in = getClass().getResourceAsStream("/kernels/backtrack.ptx.sha256")) {
            assertNotNull(in, "src/main/resources/kernels/backtrack.ptx.sha256 is missing");
            want = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(Files.readAllBytes(SOURCE));
        sha.update(Files.readAllBytes(Path.of("kernels/portable_cos.cuh"))); // backtrack.cu includes it
        String have = HexFormat.of().formatHex(sha.digest());
        assertEquals(want, have, "kernels/backtrack.cu or portable_cos.cuh changed since the PTX was built: run mvn -Pptx generate-resources "
                + "(nvcc; it rebuilds backtrack.ptx and backtrack.ptx.sha256)");
    }

    @Test
    void ptxAssemblesForSm90(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(onPath("ptxas"), "skipped: ptxas not on the PATH (it comes with the CUDA toolkit)");
        Path ptx = tmp.resolve("backtrack.ptx");
        try (InputStream in = getClass().getResourceAsStream("/kernels/backtrack.ptx")) {
            Files.copy(in, ptx, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path cubin = tmp.resolve("backtrack.cubin");
        Result r = exec(List.of("ptxas", "-arch=sm_90", ptx.toString(), "-o", cubin.toString()));
        assertEquals(0, r.code, r.out);
        assertTrue(Files.size(cubin) > 0);
    }

    /**
     * The GPU harness (docs/benchmarks.md's kernel benchmark) builds with nvcc: its host pass compiles the
     * step too, so device-only code in it must stay behind __CUDA_ARCH__ (nvcc -ptx alone misses that).
     */
    @Test
    void gpuHarnessBuildsWithNvcc(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(onPath("nvcc"), "skipped: nvcc not on the PATH (it comes with the CUDA toolkit)");
        Result r = exec(List.of("nvcc", "-O3", "--fmad=false", "-arch=sm_90", "-Ikernels", HARNESS.toString(), "-o", tmp.resolve("h").toString()));
        assertEquals(0, r.code, r.out);
    }

    /** 10^4 steps of 48 particles: the host-compiled kernel step equals the Java engine to 1e-12. */
    @Test
    void hostBuildOfTheKernelMatchesTheJavaEngine() throws Exception {
        String cxx = onPath("g++") ? "g++" : null;
        Assumptions.assumeTrue(cxx != null, "skipped: no C++ compiler (g++) to build the host harness");
        Path dir = Path.of("target/gpu-check");
        Files.createDirectories(dir);
        Path exe = dir.resolve("harness-host");
        Result build = exec(List.of(cxx, "-O3", "-ffp-contract=off", "-Ikernels", "-x", "c++", HARNESS.toString(), "-o", exe.toString()));
        assertEquals(0, build.code, build.out);

        SlabField field = SlabField.generate(0.01, 0.5, 1.0 / 150, 9);
        int nside = 2, steps = 10_000;
        double dt = 0.05;
        Healpix hp = new Healpix(nside);
        int n = (int) hp.npix();
        double[][] s = new double[6][n];
        for (int p = 0; p < n; p++) {
            double[] v = hp.pix2vec(p);
            s[3][p] = v[0];
            s[4][p] = v[1];
            s[5][p] = v[2];
        }
        Path input = dir.resolve("input.bin");
        writeInput(input, field, s, steps, dt);
        CpuBacktracker.advance(field, s[0], s[1], s[2], s[3], s[4], s[5], 0, n, steps, dt);
        Path javaOut = dir.resolve("java.bin"), hostOut = dir.resolve("host.bin");
        writeState(javaOut, s);
        Result run = exec(List.of(exe.toString(), "host", input.toString(), hostOut.toString()));
        assertEquals(0, run.code, run.out);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(hostOut)).order(ByteOrder.LITTLE_ENDIAN);
        double worst = 0;
        for (int p = 0; p < n; p++) {
            for (int c = 0; c < 6; c++) {
                double h = b.getDouble(), j = s[c][p];
                worst = Math.max(worst, Math.abs(h - j) / Math.max(1, Math.abs(j)));
            }
        }
        assertTrue(worst <= 1e-12, "largest relative difference " + worst);
        assertTrue(Math.abs(s[2][0]) > 1, "particles moved");
    }

    /** Harness input: see src/test/cuda/harness.cu. */
    static void writeInput(Path file, SlabField f, double[][] s, long steps, double dt) throws IOException {
        int ng = f.ngrids(), n = s[0].length;
        ByteBuffer b = ByteBuffer.allocate(4 + 4 + 8 + 8 + 8 + 8 * ng + 8 * ng * CudaBacktracker.CELL * SlabField.POINTS + 48 * n)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(ng).putInt(n).putLong(steps).putDouble(f.b0()).putDouble(dt);
        for (int j = 0; j < ng; j++) b.putDouble(f.invSpacing(j));
        // the grids laid out as the engine uploads them: a wrong layout shows as a wrong trajectory
        for (int j = 0; j < ng; j++) for (double v : CudaBacktracker.cells(f.grid(j))) b.putDouble(v);
        for (int p = 0; p < n; p++) for (int c = 0; c < 6; c++) b.putDouble(s[c][p]);
        Files.write(file, b.array());
    }

    static void writeState(Path file, double[][] s) throws IOException {
        int n = s[0].length;
        ByteBuffer b = ByteBuffer.allocate(48 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int p = 0; p < n; p++) for (int c = 0; c < 6; c++) b.putDouble(s[c][p]);
        Files.write(file, b.array());
    }

    record Result(int code, String out) {}

    static Result exec(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "timed out: " + cmd);
        return new Result(p.exitValue(), out);
    }

    static boolean onPath(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
