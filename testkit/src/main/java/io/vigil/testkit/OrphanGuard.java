package io.vigil.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * For a child JVM that a crash test starts and then kills: the child ends itself when its
 * parent is gone or a time limit passes, whichever comes first. Without it, a child left
 * behind by a test run that was stopped (Ctrl-C, a killed Maven) goes on writing footage until
 * the disk is full: a writer left orphaned this way filled 54 GB of /tmp once.
 *
 * <p>The parent is gone when the child's standard input reaches its end: the test process holds
 * the other end of that pipe ({@code ProcessBuilder}'s default) and the operating system
 * closes it when the test process dies, however it dies.
 */
public final class OrphanGuard {
    private OrphanGuard() {}

    /** Starts the watch on a daemon thread; the child halts at once (no shutdown hooks) when it fires. */
    public static void start(long limit, TimeUnit unit) {
        long deadline = System.nanoTime() + unit.toNanos(limit);
        Thread parent = new Thread(() -> {
            try {
                InputStream in = System.in;
                while (in.read() >= 0) {
                    // the parent writes nothing; anything it did write is ignored
                }
            } catch (IOException ignored) {
                // a broken pipe means the same: the parent is gone
            }
            System.err.println("OrphanGuard: the parent process is gone; stopping");
            Runtime.getRuntime().halt(3);
        }, "orphan-guard-parent");
        parent.setDaemon(true);
        parent.start();
        Thread clock = new Thread(() -> {
            try {
                long left;
                while ((left = deadline - System.nanoTime()) > 0) TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("OrphanGuard: time limit of " + limit + " " + unit + " reached; stopping");
            Runtime.getRuntime().halt(4);
        }, "orphan-guard-clock");
        clock.setDaemon(true);
        clock.start();
    }
}
