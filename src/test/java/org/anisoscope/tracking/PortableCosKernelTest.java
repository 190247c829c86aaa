package org.anisoscope.tracking;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.anisoscope.turbulence.PortableCos;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kernels/portable_cos.cuh, the cosine a CUDA kernel of the plane-wave field will use: compiled for
 * the host it gives Java's {@link PortableCos} bit for bit, and compiled for the GPU it keeps every
 * fused multiply-add explicit (and no other).
 */
class PortableCosKernelTest {
    @TempDir Path tmp;

    @Test
    void theHostBuildGivesJavasBits() throws Exception {
        Assumptions.assumeTrue(CudaKernelTest.onPath("g++"), "skipped: no C++ compiler (g++) to build the host harness");
        Path exe = tmp.resolve("cos_harness");
        CudaKernelTest.Result build = CudaKernelTest.exec(List.of("g++", "-O3", "-ffp-contract=off", "-Ikernels", "-x", "c++",
                "src/test/cuda/cos_harness.cpp", "-o", exe.toString()));
        assertEquals(0, build.code(), build.out());
        Random rnd = new Random(4);
        int n = 200_000;
        ByteBuffer in = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (rnd.nextDouble() * 2 - 1) * Math.pow(10, 8 * rnd.nextDouble());
            in.putDouble(x[i]);
        }
        Path input = tmp.resolve("x.bin"), output = tmp.resolve("cos.bin");
        Files.write(input, in.array());
        CudaKernelTest.Result run = CudaKernelTest.exec(List.of(exe.toString(), input.toString(), output.toString()));
        assertEquals(0, run.code(), run.out());
        ByteBuffer out = ByteBuffer.wrap(Files.readAllBytes(output)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(8L * n, out.capacity());
        for (int i = 0; i < n; i++) {
            double c = out.getDouble();
            assertEquals(Double.doubleToRawLongBits(PortableCos.cos(x[i])), Double.doubleToRawLongBits(c), "x = " + x[i]);
        }
    }

    @Test
    void theDeviceBuildKeepsItsFusedMultiplyAddsAndNoOthers() throws Exception {
        Assumptions.assumeTrue(CudaKernelTest.onPath("nvcc"), "skipped: nvcc not on the PATH (it comes with the CUDA toolkit)");
        Path cu = tmp.resolve("cos.cu"), ptx = tmp.resolve("cos.ptx");
        Files.writeString(cu, "#include \"portable_cos.cuh\"\n__global__ void k(const double* x, double* y, int n) {\n"
                + "    int i = blockIdx.x * blockDim.x + threadIdx.x;\n    if (i < n) y[i] = aniso_cos(x[i]);\n}\n");
        CudaKernelTest.Result r = CudaKernelTest.exec(List.of("nvcc", "--fmad=false", "-arch=sm_90", "-Ikernels", "-ptx", cu.toString(), "-o",
                ptx.toString()));
        assertEquals(0, r.code(), r.out());
        String text = Files.readString(ptx);
        // three for the reduction, fourteen for Horner's rule: Java's order
        assertEquals(17, text.split("fma\\.rn\\.f64", -1).length - 1, "the explicit FMAs");
        assertFalse(text.contains("cos"), "no library cosine");
    }
}
