package org.anisoscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.anisoscope.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The headless command line: {@code java -jar anisoscope.jar <command> [options]}. Exit codes: 0
 * success, 2 bad input (one clear line on stderr, never a stack trace), 1 an unexpected failure
 * (also one line; set ANISOSCOPE_DEBUG=1 for the trace).
 */
@Command(name = "anisoscope", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class,
        description = "Cosmic-ray small-scale anisotropies: HEALPix sky maps, angular power spectra and figures.",
        subcommands = {GuiCommand.class, DemoCommand.class, SimulateCommand.class, MergeCommand.class, SlurmCommand.class, TrajectoryCommand.class, ConvergeCommand.class, ScanCommand.class, PitchAngleCommand.class, DiffusionCommand.class, SeparationCommand.class,
                PredictCommand.class, FitCommand.class, FigureCommand.class, AnimateCommand.class, AnafastCommand.class, SmoothCommand.class,
                MollviewCommand.class, ObserveCommand.class,
                BenchCommand.class, CheckEnginesCommand.class, CommandLine.HelpCommand.class})
public final class Cli implements Runnable {
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try --help)");
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String[] args) {
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        // nom-tam-fits reports damaged files through java.util.logging as well as by exception;
        // our own one-line message is what the user should see
        Logger.getLogger("nom.tam").setLevel(Level.OFF);
        CommandLine cl = commandLine();
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            // picocli starts some of its messages with "Error: " of its own
            err.println("error: " + oneLine(ex.getMessage()).replaceFirst("^Error: ", "") + " (see '" + ex.getCommandLine().getCommandName() + " --help')");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((thrown, c, parsed) -> {
            PrintWriter err = c.getErr();
            Exception ex = thrown instanceof java.io.UncheckedIOException u ? u.getCause() : thrown;
            boolean user = ex instanceof IOException || ex instanceof IllegalArgumentException;
            err.println("error: " + oneLine(ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
            if (System.getenv("ANISOSCOPE_DEBUG") != null) ex.printStackTrace(err);
            else if (!user) err.println("(an unexpected failure; run with ANISOSCOPE_DEBUG=1 for details)");
            return user ? BAD_INPUT : 1;
        });
        return cl.execute(args);
    }

    /** A finite number for a double option. */
    static Double finite(String s) {
        double v;
        try {
            v = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + s + "' is not a number");
        }
        if (!Double.isFinite(v)) throw new CommandLine.TypeConversionException("'" + s + "' is not a finite number");
        return v;
    }

        /** The command line as the app parses it (its converters), without the handlers that report and exit. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Cli());
        // a NaN or an infinity is no value for any option: refused where it is given, not found wrong later
        cl.registerConverter(Double.class, Cli::finite);
        cl.registerConverter(Double.TYPE, Cli::finite);
        return cl;
    }

    /**
     * The run a `simulate` command line describes (the arguments after the launcher, "simulate" first),
     * parsed and checked as simulate would, without running it: what the window's Copy as command is held to.
     */
    public static org.anisoscope.run.RunSpec simulateSpec(java.util.List<String> args) {
        CommandLine.ParseResult r = commandLine().parseArgs(args.toArray(new String[0]));
        if (!r.hasSubcommand() || !(r.subcommand().commandSpec().userObject() instanceof SimulateCommand s))
            throw new IllegalArgumentException("not a simulate command: " + args);
        return s.runSpec();
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ').trim();
    }

    /** --version */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"anisoscope " + Version.get(), "CPU engine: " + org.anisoscope.tracking.Lockstep.path(),
                    "transforms: " + org.anisoscope.sky.Sht.path()};
        }
    }
}
