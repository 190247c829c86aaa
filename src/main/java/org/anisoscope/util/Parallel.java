package org.anisoscope.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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

    /** Reused daemon workers: a transform calls forEach several times, so threads are not made per call. */
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "anisoscope-worker");
        t.setDaemon(true);
        return t;
    });

    /** Runs body for i = 0 .. n-1 on up to {@code threads} threads (the caller is one) and waits for all. */
    public static void forEach(int n, int threads, Body body) {
        int t = Math.max(1, Math.min(threads, n));
        if (t == 1) {
            for (int i = 0; i < n; i++) body.run(0, i);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Future<?>> helpers = new ArrayList<>(t - 1);
        for (int w = 1; w < t; w++) {
            final int worker = w;
            helpers.add(POOL.submit(() -> work(worker, n, next, failure, body)));
        }
        work(0, n, next, failure, body);
        boolean interrupted = false;
        for (Future<?> f : helpers) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    next.set(n); // let the helpers finish their current item and stop
                } catch (ExecutionException e) {
                    failure.compareAndSet(null, e.getCause());
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException re) throw re;
        if (f instanceof Error er) throw er;
        if (f != null) throw new IllegalStateException(f);
    }

    private static void work(int worker, int n, AtomicInteger next, AtomicReference<Throwable> failure, Body body) {
        try {
            for (int i; (i = next.getAndIncrement()) < n; ) body.run(worker, i);
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
            next.set(n); // stop handing out work
        }
    }
}
