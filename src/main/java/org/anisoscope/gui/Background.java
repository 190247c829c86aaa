package org.anisoscope.gui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;

/** The window's one way of running work off the FX thread: a daemon thread, the result back on the FX thread. */
final class Background {
    private Background() {}

    /** A single daemon thread for one kind of work (the prediction, the fits). */
    static ExecutorService daemonThread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** File work off the FX thread. */
    @FunctionalInterface
    interface Io {
        void run() throws java.io.IOException;
    }

    /**
     * Runs work on a daemon thread of its own, then finished on the FX thread with null on
     * success or the failure's message (an I/O error or a refusal), never a stack trace.
     */
    static void inBackground(String threadName, Io work, java.util.function.Consumer<String> finished) {
        Thread t = new Thread(() -> {
            String error = null;
            try {
                work.run();
            } catch (java.io.IOException | RuntimeException e) {
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            String failure = error;
            Platform.runLater(() -> finished.accept(failure));
        }, threadName);
        t.setDaemon(true);
        t.start();
    }
}
