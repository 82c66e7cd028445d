package io.vigil.gateway.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The masking jobs of every request, run one at a time on a thread of their own
 * ({@code masking-job}): a job keeps both cores of this server busy for minutes, so a
 * second one waits its turn, in the order they were asked for, and the page shows its place
 * in the line. Never on a Netty event loop or a gateway worker. A waiting job may be taken
 * out of the line ({@link #withdraw}); a running one stops through its case's cancel flag.
 */
final class MaskingQueue implements AutoCloseable {
    /** One place in the line (by identity: a job withdrawn and asked again gets a new place). */
    private static final class Ticket {
        final MaskingCase c;

        Ticket(MaskingCase c) {
            this.c = c;
        }
    }

    private final List<Ticket> waiting = new ArrayList<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "masking-job");
        t.setDaemon(true);
        return t;
    });

    /** Puts the case's job at the end of the line; {@code job} runs when every job before it is done. */
    synchronized void submit(MaskingCase c, Runnable job) {
        Ticket ticket = new Ticket(c);
        waiting.add(ticket);
        worker.execute(() -> {
            synchronized (this) {
                // Withdrawn while it waited: nothing to run (the case's state says so already).
                if (!waiting.remove(ticket)) return;
            }
            job.run();
        });
    }

    /** 1 for the next job to run, 2 for the one after, ...; 0 when the case is not waiting. */
    synchronized int position(MaskingCase c) {
        for (int i = 0; i < waiting.size(); i++) {
            if (waiting.get(i).c == c) return i + 1;
        }
        return 0;
    }

    /** Takes a waiting job out of the line; false when it is not waiting (running, done, or never queued). */
    synchronized boolean withdraw(MaskingCase c) {
        return waiting.removeIf(t -> t.c == c);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
