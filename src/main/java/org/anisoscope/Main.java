package org.anisoscope;

import org.anisoscope.cli.Cli;

/** Entry point of target/anisoscope.jar. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.run(args));
    }
}
