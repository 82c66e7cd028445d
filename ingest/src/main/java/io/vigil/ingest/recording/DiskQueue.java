package io.vigil.ingest.recording;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One camera's bounded queue of disk work, run in order on a shared executor. Offering
 * never blocks: when the queue is full the task is refused and the caller counts the
 * loss, so a camera that floods (or a slow disk for its segments) fills only its own
 * queue and never holds up a Netty thread or another camera's writes. At most one drain
 * task per camera is on the executor at a time, which keeps appends in order.
 *
 * <p>Bounded twice: by the number of tasks and by the bytes they hold (segments wait here
 * in memory), so a camera at a high bit rate, or with segments as large as the segmenter
 * allows, cannot fill the heap while the disk is slow. A task larger than the byte bound
 * is still taken when the queue is empty, so no segment is refused for its size alone.
 */
final class DiskQueue {
    private final ArrayBlockingQueue<Runnable> tasks;
    private final Executor executor;
    private final long maxBytes;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();

    DiskQueue(int capacity, long maxBytes, Executor executor) {
        this.tasks = new ArrayBlockingQueue<>(capacity);
        this.maxBytes = maxBytes;
        this.executor = executor;
    }

    /** Queues {@code task}, which holds no bulk data; false when the queue is full. */
    boolean offer(Runnable task) {
        return offer(task, 0);
    }

    /**
     * Queues {@code task} holding {@code bytes} in memory until it has run; false when the
     * queue is full (tasks or bytes) or the executor refuses work.
     */
    boolean offer(Runnable task, long bytes) {
        long after = queuedBytes.addAndGet(bytes);
        if ((after > maxBytes && after != bytes) || !tasks.offer(() -> {
            try {
                task.run();
            } finally {
                queuedBytes.addAndGet(-bytes);
            }
        })) {
            queuedBytes.addAndGet(-bytes);
            return false;
        }
        scheduleDrain();
        return true;
    }

    long bytes() {
        return queuedBytes.get();
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
                queuedBytes.set(0);
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
