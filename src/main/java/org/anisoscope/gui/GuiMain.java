package org.anisoscope.gui;

import javafx.application.Application;

/**
 * Starts the window. A plain class (not the Application) so that JavaFX runs from the class path
 * of the shaded jar.
 */
public final class GuiMain {
    private GuiMain() {}

    /** Why the window cannot open here (no display), or null. */
    public static String cannotOpen() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        boolean monocle = "Monocle".equalsIgnoreCase(System.getProperty("glass.platform"));
        if (os.contains("linux") && !monocle && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            return "no display (DISPLAY is not set): the window needs a desktop session or xvfb-run; "
                    + "the command line works without one (try: java -jar anisoscope.jar --help)";
        }
        return null;
    }

    public static void launch(String[] args) {
        Application.launch(AnisoscopeApp.class, args);
    }
}
