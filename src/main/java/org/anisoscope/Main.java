package org.anisoscope;

import org.anisoscope.cli.Cli;

/** Entry point of target/anisoscope.jar. */
public final class Main {
    private Main() {}

    /** With no arguments the window opens (the README's run command); otherwise a command runs. */
    public static void main(String[] args) {
        System.exit(Cli.run(args.length == 0 ? new String[] {"gui"} : args));
    }
}
