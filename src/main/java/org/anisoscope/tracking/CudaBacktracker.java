package org.anisoscope.tracking;

import static jcuda.driver.JCudaDriver.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;
import org.anisoscope.turbulence.IsotropicField;
import org.anisoscope.turbulence.SlabField;
import org.anisoscope.turbulence.Turbulence;

/**
 * The backtracking engine on an NVIDIA GPU, through JCuda's driver API and the PTX built from
 * {@code kernels/backtrack.cu} (the same step as {@link CpuBacktracker}, compiled without FMA
 * contraction, so a CPU and a GPU run of one seed are the same realisation to round-off).
 *
 * <p>Slab fields go to the device as their grids (kernel aniso_backtrack), isotropic ones as their
 * plane waves (aniso_backtrack_waves, whose cosine is {@link org.anisoscope.turbulence.PortableCos}'s:
 * the same bits as the CPU engine's). Particles and the field stay on the device for the whole realisation; the kernel runs
 * in launches of a bounded number of steps so that the run stays cancellable and reports progress,
 * and only snapshots come back. The sampled trajectories are integrated on the host by the CPU
 * engine's step for those few particles (bit-identical paths, and no per-step traffic). Everything
 * a run allocates is freed on completion, cancellation or error; the context and the loaded kernel
 * are kept for the JVM's next runs (let go after a failure). A device that cannot hold the run is
 * refused before anything is copied.
 */
public final class CudaBacktracker implements Backtracker {
    /** What was found: the device this JVM runs on ({@link #select}; 0 unless asked). */
    public record Device(String name, long totalBytes, int ccMajor, int ccMinor, String driver) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s (compute %d.%d, %.1f GiB, driver %s)", name, ccMajor, ccMinor,
                    totalBytes / 1073741824.0, driver);
        }
    }

    /** Why CUDA cannot be used here (no driver, no device, ...), in one line. */
    public static final class Unavailable extends Exception {
        public Unavailable(String message) {
            super(message);
        }
    }

    /** Particle-steps per launch: ~30 ms of work on an H200 (7.7e10 steps/s), so cancel and progress stay prompt. */
    static final long STEPS_PER_LAUNCH = 2_500_000_000L;
    static final int BLOCK = 128;
    /** Doubles per grid point as the kernel reads the grids (ANISO_CELL in backtrack.cu). */
    static final int CELL = 4;

    private static Device found;
    private static Unavailable missing; // the first probe's reason: JCuda's classes cannot be initialised twice
    /** The device (ordinal) this JVM's runs take: one per JVM, as a shard pinned to a GPU runs. */
    private static int ordinal;
    private static boolean opened;

    /**
     * Runs this JVM's CUDA work on device k (0 .. count - 1) instead of 0: a shard pinned to one of
     * several GPUs. Before the engine is first opened; a device that is not there is refused then.
     */
    public static synchronized void select(int k) {
        if (k < 0) throw new IllegalArgumentException("--device must be 0 or more (a CUDA device's number); got " + k);
        if (opened && k != ordinal) throw new IllegalStateException("this JVM runs on CUDA device " + ordinal + " already");
        ordinal = k;
    }

    /** The CUDA devices the driver reports (0 where there is no driver). */
    public static synchronized int deviceCount() {
        try {
            JCudaDriver.setExceptionsEnabled(true);
            cuInit(0);
            int[] count = new int[1];
            cuDeviceGetCount(count);
            return count[0];
        } catch (Throwable e) {
            return 0;
        }
    }

    private final Device device;

    private CudaBacktracker(Device d) {
        this.device = d;
    }

    /** The engine on the selected device (0 unless {@link #select}ed), or why there is none. */
    public static synchronized CudaBacktracker open() throws Unavailable {
        opened = true;
        if (missing != null) throw missing;
        if (found == null) {
            try {
                found = probe();
            } catch (Unavailable e) {
                missing = e;
                throw e;
            }
        }
        return new CudaBacktracker(found);
    }

    /**
     * Loads JCuda's native library and the driver, and describes device 0. Every failure becomes
     * {@link Unavailable} with a short reason; nothing here can take the JVM down.
     */
    static Device probe() throws Unavailable {
        try {
            JCudaDriver.setExceptionsEnabled(true);
            cuInit(0);
            int[] count = new int[1];
            cuDeviceGetCount(count);
            if (count[0] == 0) throw new Unavailable("the NVIDIA driver reports no CUDA device");
            if (ordinal >= count[0])
                throw new Unavailable("there is no CUDA device " + ordinal + ": the driver reports " + count[0] + " (0" + (count[0] > 1 ? " to "
                        + (count[0] - 1) : "") + ")");
            CUdevice dev = new CUdevice();
            cuDeviceGet(dev, ordinal);
            byte[] name = new byte[256];
            cuDeviceGetName(name, name.length, dev);
            long[] mem = new long[1];
            cuDeviceTotalMem(mem, dev);
            int[] major = new int[1], minor = new int[1], version = new int[1];
            cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev);
            cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev);
            cuDriverGetVersion(version);
            if (major[0] < 7 || major[0] == 7 && minor[0] < 5)
                throw new Unavailable("device " + ordinal + " has compute capability " + major[0] + "." + minor[0] + "; the PTX needs 7.5 or newer");
            String n = new String(name, StandardCharsets.US_ASCII).trim();
            int zero = n.indexOf('\0');
            if (zero >= 0) n = n.substring(0, zero);
            return new Device((ordinal == 0 ? "" : "device " + ordinal + ": ") + n, mem[0], major[0], minor[0],
                    version[0] / 1000 + "." + (version[0] % 1000) / 10);
        } catch (Unavailable e) {
            throw e;
        } catch (Throwable e) { // UnsatisfiedLinkError (no libcuda), CudaException, ...
            throw new Unavailable(reason(e));
        }
    }

    /** The first line of a JCuda failure, shortened, with the usual cause named. */
    static String reason(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.strip().lines().findFirst().orElse(m);
        if (e instanceof UnsatisfiedLinkError) {
            return "no NVIDIA driver (libcuda) or JCuda library could be loaded" + (m.contains("libcuda") ? " (libcuda.so.1 not found)" : "");
        }
        return m.length() > 160 ? m.substring(0, 157) + "..." : m;
    }

    public Device device() { return device; }

    @Override
    public String name() { return "cuda"; }

    @Override
    public String description() { return "CUDA engine on " + device; }

    /** The particles are on the device: the CPU is free for the maps and spectra meanwhile. */
    @Override
    public boolean offloads() { return true; }

    /**
     * Device memory a run of npix particles with this field needs: state, the field (a slab field's
     * grids as cells, twice its grids; an isotropic field's waves), slack for the context.
     */
    static long bytesNeeded(long npix, Turbulence field) {
        long f = field instanceof SlabField slab ? 2 * slab.bytes() + slab.ngrids() * (long) Sizeof.DOUBLE
                : 7L * ((IsotropicField) field).modes() * Sizeof.DOUBLE;
        return 6 * npix * Sizeof.DOUBLE + f + (64L << 20);
    }

    /**
     * Where the last run's time went, in seconds: the context and kernel (first run in this JVM
     * only), the field and particles up, the kernel launches, the snapshots down with their copies.
     */
    public record Phases(double setup, double upload, double kernels, double snapshots, long particleSteps) {
        /** Particle-steps per second of kernel time alone. */
        public double kernelRate() { return particleSteps / kernels; }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "context and kernel %.3f s, uploads %.3f s, kernels %.3f s (%.4e particle-steps/s), snapshots %.3f s",
                    setup, upload, kernels, kernelRate(), snapshots);
        }
    }

    private volatile Phases lastRun;

    /** The last completed run's phases, or null before one. */
    public Phases lastRun() { return lastRun; }

    /**
     * The device's primary context and the loaded kernel, kept for the JVM's life: making a context
     * and loading the PTX for every realisation cost ~0.3 s each on an H200 (a 2000-step run of
     * 786 432 particles took 0.32 s of which the kernel 0.03 s), as much as the kernel itself at the
     * paper's Nside. Discarded after a failed run, since a device error can leave a context unusable.
     */
    private record Session(CUdevice dev, CUcontext ctx, CUfunction kernel, CUfunction waves) {}

    private static Session session;

    /** Runs share one context; they also take the device one at a time. */
    private static final Object DEVICE = new Object();

    private static Session session() {
        if (session == null) {
            CUdevice dev = new CUdevice();
            cuDeviceGet(dev, ordinal);
            try {
                // a blocking wait in cuCtxSynchronize: the default spins a core, which the analysis of
                // the previous snapshot uses meanwhile (SimulationRun, offloads())
                cuDevicePrimaryCtxSetFlags(dev, jcuda.driver.CUctx_flags.CU_CTX_SCHED_BLOCKING_SYNC);
            } catch (RuntimeException ignored) {
                // the context is active already with other flags (another library): it still works
            }
            CUcontext ctx = new CUcontext();
            cuDevicePrimaryCtxRetain(ctx, dev);
            try {
                cuCtxSetCurrent(ctx);
                CUmodule module = new CUmodule();
                cuModuleLoadData(module, ptx());
                CUfunction kernel = new CUfunction(), waves = new CUfunction();
                cuModuleGetFunction(kernel, module, "aniso_backtrack");
                cuModuleGetFunction(waves, module, "aniso_backtrack_waves");
                session = new Session(dev, ctx, kernel, waves);
            } catch (RuntimeException e) {
                cuDevicePrimaryCtxRelease(dev);
                throw e;
            }
        }
        cuCtxSetCurrent(session.ctx()); // this thread's current context
        return session;
    }

    /** Lets the context go after a failure (freeing whatever it still holds); the next run makes a new one. */
    private static void discard() {
        Session s = session;
        session = null;
        if (s == null) return;
        try {
            cuDevicePrimaryCtxRelease(s.dev());
        } catch (RuntimeException ignored) {
            // nothing more can be released
        }
    }

    @Override
    public boolean run(Turbulence field, int nside, double dt, double[] times, int trajectorySamples,
                       Listener listener, Progress progress, BooleanSupplier cancelled) {
        double[][] st = CpuBacktracker.initialState(nside);
        double[] x = st[0], y = st[1], z = st[2], ux = st[3], uy = st[4], uz = st[5];
        int n = x.length;
        long[] stepsAt = CpuBacktracker.stepCounts(times, dt);
        long totalSteps = stepsAt[stepsAt.length - 1];
        SampledPaths paths = new SampledPaths(field, dt, n, trajectorySamples, totalSteps, ux, uy, uz);
        long chunkSteps = Math.max(1, STEPS_PER_LAUNCH / n);

        synchronized (DEVICE) {
            List<CUdeviceptr> allocated = new ArrayList<>();
            boolean failed = true;
            try {
                long t0 = System.nanoTime();
                Session s = session();
                long[] free = new long[1], total = new long[1];
                cuMemGetInfo(free, total);
                long need = bytesNeeded(n, field);
                if (need > free[0]) {
                    failed = false; // refused before anything was copied: the context is fine
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "the GPU has %.2f GiB free but this run needs %.2f GiB; lower Nside or use the CPU engine",
                            free[0] / 1073741824.0, need / 1073741824.0));
                }
                long t1 = System.nanoTime();
                Pointer[] fieldArgs = upload(field, allocated);
                double[][] host = {x, y, z, ux, uy, uz};
                CUdeviceptr[] d = new CUdeviceptr[6];
                for (int c = 0; c < 6; c++) {
                    d[c] = alloc(allocated, (long) n * Sizeof.DOUBLE);
                    cuMemcpyHtoD(d[c], Pointer.to(host[c]), (long) n * Sizeof.DOUBLE);
                }
                long t2 = System.nanoTime(), inKernels = 0, inSnapshots = 0;
                int grid = (n + BLOCK - 1) / BLOCK;
                long done = 0;
                for (int k = 0; k < times.length; k++) {
                    while (done < stepsAt[k]) {
                        if (cancelled.getAsBoolean()) {
                            failed = false;
                            return false;
                        }
                        long steps = Math.min(chunkSteps, stepsAt[k] - done);
                        Pointer[] rest = {Pointer.to(new double[] {field.b0()}), Pointer.to(new double[] {dt}), Pointer.to(new long[] {steps}),
                                Pointer.to(new int[] {n}), Pointer.to(d[0]), Pointer.to(d[1]), Pointer.to(d[2]), Pointer.to(d[3]),
                                Pointer.to(d[4]), Pointer.to(d[5])};
                        Pointer[] all = java.util.Arrays.copyOf(fieldArgs, fieldArgs.length + rest.length);
                        System.arraycopy(rest, 0, all, fieldArgs.length, rest.length);
                        Pointer params = Pointer.to(all);
                        long a = System.nanoTime();
                        cuLaunchKernel(field instanceof SlabField ? s.kernel() : s.waves(), grid, 1, 1, BLOCK, 1, 1, 0, null, params, null);
                        cuCtxSynchronize();
                        inKernels += System.nanoTime() - a;
                        done += steps;
                        paths.advanceTo(done);
                        progress.update(done * n, totalSteps * n);
                    }
                    long a = System.nanoTime();
                    for (int c = 0; c < 6; c++) cuMemcpyDtoH(Pointer.to(host[c]), d[c], (long) n * Sizeof.DOUBLE);
                    Snapshot snap = new Snapshot(k, times[k], x.clone(), y.clone(), z.clone(), ux.clone(), uy.clone(), uz.clone(),
                            paths.pixels(), paths.copy());
                    inSnapshots += System.nanoTime() - a;
                    listener.snapshot(snap);
                }
                lastRun = new Phases((t1 - t0) / 1e9, (t2 - t1) / 1e9, inKernels / 1e9, inSnapshots / 1e9, totalSteps * n);
                failed = false;
                return true;
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (RuntimeException | LinkageError e) {
                throw new IllegalStateException("the CUDA engine failed: " + reason(e), e);
            } finally {
                for (CUdeviceptr p : allocated) {
                    try {
                        cuMemFree(p);
                    } catch (RuntimeException ignored) {
                        // discarding the context below frees what is left
                    }
                }
                if (failed) discard();
            }
        }
    }

    /**
     * Copies the field to the device and gives the kernel's arguments before b0: a slab field's
     * (cells, inv_spacing, ngrids), an isotropic field's (waves, modes).
     */
    private static Pointer[] upload(Turbulence field, List<CUdeviceptr> allocated) {
        if (field instanceof SlabField slab) {
            int ng = slab.ngrids();
            double[] inv = new double[ng];
            for (int j = 0; j < ng; j++) inv[j] = slab.invSpacing(j);
            long cellBytes = (long) CELL * SlabField.POINTS * Sizeof.DOUBLE;
            CUdeviceptr dCells = alloc(allocated, ng * cellBytes);
            for (int j = 0; j < ng; j++) cuMemcpyHtoD(dCells.withByteOffset(j * cellBytes), Pointer.to(cells(slab.grid(j))), cellBytes);
            CUdeviceptr dInv = alloc(allocated, (long) ng * Sizeof.DOUBLE);
            cuMemcpyHtoD(dInv, Pointer.to(inv), (long) ng * Sizeof.DOUBLE);
            return new Pointer[] {Pointer.to(dCells), Pointer.to(dInv), Pointer.to(new int[] {ng})};
        }
        IsotropicField iso = (IsotropicField) field;
        double[] w = waves(iso);
        CUdeviceptr dWaves = alloc(allocated, (long) w.length * Sizeof.DOUBLE);
        cuMemcpyHtoD(dWaves, Pointer.to(w), (long) w.length * Sizeof.DOUBLE);
        return new Pointer[] {Pointer.to(dWaves), Pointer.to(new int[] {iso.modes()})};
    }

    /**
     * The plane waves as kernels/backtrack.cu reads them: the 7 arrays of {@link IsotropicField#modeArrays}
     * one after another (k_x, k_y, k_z, a_x, a_y, a_z, β).
     */
    static double[] waves(IsotropicField field) {
        double[][] m = field.modeArrays();
        int modes = field.modes();
        double[] w = new double[m.length * modes];
        for (int i = 0; i < m.length; i++) System.arraycopy(m[i], 0, w, i * modes, modes);
        return w;
    }

    /**
     * One grid's cells as kernels/backtrack.cu reads them: (dBx_i, dBy_i, dBx_i+1, dBy_i+1), i+1
     * periodic. The one definition of the layout: the kernel harness's input is written with it too.
     */
    static double[] cells(double[] grid) {
        int points = grid.length / 2;
        double[] c = new double[CELL * points];
        for (int i = 0; i < points; i++) {
            int i1 = (i + 1) & (points - 1);
            c[CELL * i] = grid[2 * i];
            c[CELL * i + 1] = grid[2 * i + 1];
            c[CELL * i + 2] = grid[2 * i1];
            c[CELL * i + 3] = grid[2 * i1 + 1];
        }
        return c;
    }

    private static CUdeviceptr alloc(List<CUdeviceptr> list, long bytes) {
        CUdeviceptr p = new CUdeviceptr();
        cuMemAlloc(p, bytes);
        list.add(p);
        return p;
    }

    /** The committed PTX (NUL-terminated for cuModuleLoadData). */
    static byte[] ptx() {
        try (InputStream in = CudaBacktracker.class.getResourceAsStream("/kernels/backtrack.ptx")) {
            if (in == null) throw new IllegalStateException("kernels/backtrack.ptx is missing from the jar");
            byte[] b = in.readAllBytes();
            byte[] z = java.util.Arrays.copyOf(b, b.length + 1);
            return z;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read kernels/backtrack.ptx: " + e.getMessage());
        }
    }
}
