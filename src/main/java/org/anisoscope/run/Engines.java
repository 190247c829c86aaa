package org.anisoscope.run;

import org.anisoscope.tracking.Backtracker;
import org.anisoscope.tracking.CpuBacktracker;

/** Chooses the backtracking engine: cpu, cuda or auto. */
public final class Engines {
    private Engines() {}

    /** The engine and, where auto fell back or a choice was made for the user, a one-line notice. */
    public record Choice(Backtracker engine, String notice) {}

    public static Choice choose(String name, int threads) {
        String n = name == null ? "auto" : name.trim().toLowerCase();
        switch (n) {
            case "cpu":
                return new Choice(new CpuBacktracker(threads), null);
            case "cuda":
                throw new IllegalArgumentException("--engine cuda: this build has no CUDA engine yet; use --engine cpu or auto");
            case "auto":
                return new Choice(new CpuBacktracker(threads), "engine: CPU (" + threads + " threads); no CUDA engine in this build");
            default:
                throw new IllegalArgumentException("--engine must be cpu, cuda or auto; got '" + name + "'");
        }
    }
}
