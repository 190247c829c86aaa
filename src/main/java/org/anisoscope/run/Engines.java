package org.anisoscope.run;

import org.anisoscope.tracking.Backtracker;
import org.anisoscope.tracking.CpuBacktracker;
import org.anisoscope.tracking.CudaBacktracker;

/** Chooses the backtracking engine: cpu, cuda or auto (CUDA where a device is found, else the CPU). */
public final class Engines {
    private Engines() {}

    /** The engine and, where auto fell back or a choice was made for the user, a one-line notice. */
    public record Choice(Backtracker engine, String notice) {}

    /** What can run here, in one line (for the GUI's engine field). */
    public static String found(int threads) {
        try {
            return "found: " + cpu(threads) + " and CUDA on " + CudaBacktracker.open().device();
        } catch (CudaBacktracker.Unavailable e) {
            return "found: " + cpu(threads) + "; CUDA not available: " + e.getMessage();
        }
    }

    /** The CPU engine in a few words: its threads and its path (SIMD or scalar). */
    private static String cpu(int threads) {
        return "CPU (" + threads + " threads, " + org.anisoscope.tracking.Lockstep.path() + ")";
    }

    public static Choice choose(String name, int threads) {
        String n = name == null ? "auto" : name.trim().toLowerCase();
        switch (n) {
            case "cpu":
                return new Choice(new CpuBacktracker(threads), null);
            case "cuda":
                try {
                    return new Choice(CudaBacktracker.open(), null);
                } catch (CudaBacktracker.Unavailable e) {
                    throw new IllegalArgumentException("engine cuda: " + e.getMessage() + "; use the cpu or auto engine");
                }
            case "auto":
                try {
                    CudaBacktracker cuda = CudaBacktracker.open();
                    return new Choice(cuda, "engine: " + cuda.description());
                } catch (CudaBacktracker.Unavailable e) {
                    return new Choice(new CpuBacktracker(threads), "engine: " + cpu(threads) + "; CUDA not available: " + e.getMessage());
                }
            default:
                throw new IllegalArgumentException("--engine must be cpu, cuda or auto; got '" + name + "'");
        }
    }
}
