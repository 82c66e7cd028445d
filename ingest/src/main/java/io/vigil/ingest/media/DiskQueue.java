package io.vigil.ingest.media;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One camera's bounded queue of disk work, run in order on a shared executor. Offering
 * never blocks: when the queue is full the task is refused and the caller counts the
 * loss, so a camera that floods (or a slow disk for its segments) fills only its own
 * queue and never holds up a Netty thread or another camera's writes. At most one drain
 * task per camera is on the executor at a time, which keeps appends in order.
 */
final class DiskQueue {
    private final ArrayBlockingQueue<Runnable> tasks;
    private final Executor executor;
    private final AtomicBoolean draining = new AtomicBoolean();

    DiskQueue(int capacity, Executor executor) {
        this.tasks = new ArrayBlockingQueue<>(capacity);
        this.executor = executor;
    }

    /** Queues {@code task}; false when the queue is full or the executor refuses work. */
    boolean offer(Runnable task) {
        if (!tasks.offer(task)) return false;
        scheduleDrain();
        return true;
    }

    int size() {
        return tasks.size();
    }

    private void scheduleDrain() {
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException shuttingDown) {
                draining.set(false);
                tasks.clear();
            }
        }
    }

    private void drain() {
        try {
            Runnable task;
            while ((task = tasks.poll()) != null) task.run();
        } finally {
            draining.set(false);
        }
        if (!tasks.isEmpty()) scheduleDrain(); // offered between our last poll and the reset
    }
}
