package io.vigil.gateway;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's periodic chores (sweeping sessions and idle live walls, ending expired
 * viewings, erasing due personal data, ...) on one daemon thread. A chore that fails is
 * logged, naming it, and runs again at its next period: one bad run must not stop the
 * chore for the rest of the process's life, which is what an exception escaping a
 * {@link ScheduledExecutorService} task does. {@link #tickNow} runs every chore once at
 * once, on the same thread, as its next tick would (tests drive the periodic paths with it
 * instead of waiting minutes for them).
 */
final class Housekeeping implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    /** A chore and its words. */
    private record Chore(String what, Runnable run) {}

    private final ScheduledExecutorService thread;
    private final List<Chore> chores = new CopyOnWriteArrayList<>();

    Housekeeping(String threadName) {
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code chore} every {@code period}, the first time one period from now. */
    void every(Duration period, String what, Runnable chore) {
        every(period, period, what, chore);
    }

    /**
     * Runs {@code chore} {@code period} after each run ends, the first time after {@code firstAfter}.
     *
     * @param what the chore in words, for the log line when it fails ("session sweep")
     */
    void every(Duration firstAfter, Duration period, String what, Runnable chore) {
        chores.add(new Chore(what, chore));
        thread.scheduleWithFixedDelay(() -> runLogged(what, chore), firstAfter.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs every chore once now, on the housekeeping thread (never beside one of its scheduled
     * runs), in the order they were added, and returns when all are done.
     *
     * @throws IllegalStateException when they are not done within {@code timeout} or the thread is stopped
     */
    void tickNow(Duration timeout) {
        try {
            thread.submit(() -> chores.forEach(c -> runLogged(c.what(), c.run()))).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the housekeeping ran", e);
        } catch (ExecutionException | TimeoutException | java.util.concurrent.RejectedExecutionException e) {
            throw new IllegalStateException("the housekeeping did not run its chores within " + timeout + ": " + e, e);
        }
    }

    /** Runs {@code chore} now, on this thread; a failure is logged, naming it, and not thrown. */
    static void runLogged(String what, Runnable chore) {
        try {
            chore.run();
        } catch (RuntimeException e) {
            log.warn("{} failed: {}", what, e.toString());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
