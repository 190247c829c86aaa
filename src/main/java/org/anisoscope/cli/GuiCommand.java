package org.anisoscope.cli;

import java.util.concurrent.Callable;
import org.anisoscope.gui.GuiMain;
import picocli.CommandLine.Command;

@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Opens the laboratory window (also what running the jar without a command does).")
final class GuiCommand implements Callable<Integer> {
    @picocli.CommandLine.Option(names = "--tour", paramLabel = "DIR",
            description = "run the parameters as set, write window screenshots at three backtracking times to DIR, report the FX "
                    + "thread's time per update, and close ('-' for no screenshots)") String tour;
    @picocli.CommandLine.Option(names = "--nside", description = "Nside for --tour (default: the window's)") Integer nside;
    @picocli.CommandLine.Option(names = "--realisations", description = "realisations for --tour") Integer realisations;
    @picocli.CommandLine.Option(names = "--observed", paramLabel = "CL.csv",
            description = "open with this observed spectrum (l,C_l,sigma_l) in the C_l view, as its menu's Load does") java.nio.file.Path observed;
    @picocli.CommandLine.Option(names = "--open", paramLabel = "DIR",
            description = "open with this run (the folder simulate --out or the window's Save wrote), as File > Open a run does") java.nio.file.Path open;

    @Override
    public Integer call() throws java.io.IOException {
        String why = GuiMain.cannotOpen();
        if (why != null) throw new IllegalArgumentException(why);
        if (nside != null && (nside < 4 || nside > 512 || Integer.bitCount(nside) != 1))
            throw new IllegalArgumentException("--nside must be a power of two from 4 to 512; got " + nside);
        if (realisations != null && (realisations < 1 || realisations > 10000))
            throw new IllegalArgumentException("--realisations must be from 1 to 10000; got " + realisations);
        java.util.List<String> a = new java.util.ArrayList<>();
        if (tour != null) a.add("--tour=" + tour);
        if (nside != null) a.add("--nside=" + nside);
        if (realisations != null) a.add("--realisations=" + realisations);
        if (observed != null) {
            org.anisoscope.io.ClCsv.readWithErrors(observed); // a damaged file is refused here, in one line, before the window opens
            a.add("--observed=" + observed.toAbsolutePath());
        }
        if (open != null) {
            if (tour != null) throw new IllegalArgumentException("--open and --tour do not go together: the tour makes its own run");
            org.anisoscope.run.RunFiles.readSummary(open); // a folder that is not a run is refused here, in one line, before the window opens
            a.add("--open=" + open.toAbsolutePath());
        }
        GuiMain.launch(a.toArray(new String[0]));
        return 0;
    }
}
