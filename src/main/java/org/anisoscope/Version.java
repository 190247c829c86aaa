package org.anisoscope;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The application version, from the build (recorded in every file the app writes): the project's
 * version with the git commit the jar was built from, "0.1.0+1a2b3c4d5e", and ".dirty" when the
 * working tree had changes that commit does not hold — so that a file names the exact code that
 * made it. A build outside git gives the project's version alone.
 */
public final class Version {
    private static final String VERSION = load();

    private Version() {}

    public static String get() {
        return VERSION;
    }

    /** version+commit[.dirty]; the commit left out where the build could not read one (an unfilled ${...}). */
    static String of(String version, String commit, String dirty) {
        if (commit == null || commit.isBlank() || commit.startsWith("${")) return version;
        return version + "+" + commit.trim() + ("true".equals(dirty == null ? "" : dirty.trim()) ? ".dirty" : "");
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return of(p.getProperty("version", "unknown"), p.getProperty("commit", ""), p.getProperty("dirty", ""));
        } catch (IOException e) {
            return "unknown";
        }
    }
}
