package org.anisoscope.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.anisoscope.mixing.SpectrumFit;

/** Lets tests in other packages read a C_l CSV exactly as `fit` does. */
public final class FitCommandAccess {
    private FitCommandAccess() {}

    public static SpectrumFit.Data readCsv(Path file) throws IOException {
        return FitCommand.readCsv(file);
    }
}
