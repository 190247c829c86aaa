package org.anisoscope.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Dynamic parallel loops over an index range. Work is handed out one index at a time from a shared
 * counter, so uneven tasks (an SHT's low m are far more work than its high m) balance by themselves.
 * The same code path runs for 1 and N threads; with one thread nothing is spawned.
 */
public final class Parallel {
    private Parallel() {}

    /** Body of a loop: worker is 0 .. threads-1 (for per-worker scratch), i the loop index. */
    @FunctionalInterface
    public interface Body {
        void run(int worker, int i);
    }

    /** Number of worker threads to use when the user did not say: all available cores. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Runs body for i = 0 .. n-1 on up to {@code threads} threads and waits for all of them. */
    public static void forEach(int n, int threads, Body body) {
        int t = Math.max(1, Math.min(threads, n));
        if (t == 1) {
            for (int i = 0; i < n; i++) body.run(0, i);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Throwable[] failure = new Throwable[1];
        List<Thread> pool = new ArrayList<>(t);
        for (int w = 0; w < t; w++) {
            final int worker = w;
            Thread th = new Thread(() -> {
                try {
                    for (int i; (i = next.getAndIncrement()) < n; ) {
                        body.run(worker, i);
                    }
                } catch (Throwable e) {
                    synchronized (failure) {
                        if (failure[0] == null) failure[0] = e;
                    }
                    next.set(n); // stop handing out work
                }
            }, "anisoscope-worker-" + w);
            th.setDaemon(true);
            pool.add(th);
            th.start();
        }
        try {
            for (Thread th : pool) th.join();
        } catch (InterruptedException e) {
            next.set(n);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (failure[0] instanceof RuntimeException re) throw re;
        if (failure[0] instanceof Error er) throw er;
        if (failure[0] != null) throw new IllegalStateException(failure[0]);
    }
}
