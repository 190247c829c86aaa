package org.anisoscope.io;

import java.util.concurrent.TimeUnit;

/** Finds a Python interpreter that can import healpy, for interoperability tests. */
public final class HealpyPython {
    private static String found;
    private static boolean searched;

    private HealpyPython() {}

    public static synchronized String find() {
        if (searched) return found;
        searched = true;
        for (String py : new String[] {"/usr/bin/python3", "python3"}) {
            try {
                Process p = new ProcessBuilder(py, "-c", "import healpy").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) return found = py;
            } catch (Exception ignored) {
                // try the next one
            }
        }
        return null;
    }
}
