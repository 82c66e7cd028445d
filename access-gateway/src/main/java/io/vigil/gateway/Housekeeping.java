package io.vigil.gateway;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's periodic chores (sweeping sessions and idle live walls, ending expired
 * viewings, erasing due personal data, ...) on one daemon thread. A chore that fails is
 * logged, naming it, and runs again at its next period: one bad run must not stop the
 * chore for the rest of the process's life, which is what an exception escaping a
 * {@link ScheduledExecutorService} task does.
 */
final class Housekeeping implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final ScheduledExecutorService thread;

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
        thread.scheduleWithFixedDelay(() -> runLogged(what, chore), firstAfter.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
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
