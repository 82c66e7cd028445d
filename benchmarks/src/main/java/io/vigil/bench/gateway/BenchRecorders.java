package io.vigil.bench.gateway;

import io.vigil.config.CameraId;
import io.vigil.storage.VigilStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One thread per camera doing what ingest does: every 2 s (a camera's segment period) a 1 MB
 * segment appended through the store's durable append, each append's latency kept. They
 * stop when {@code running} turns false or after {@code RUN_SECONDS / 2 + 5} segments.
 */
final class BenchRecorders {
    private final List<Thread> threads = new ArrayList<>();
    private final List<long[]> appendTimes = new ArrayList<>();

    BenchRecorders(VigilStore store, List<CameraId> cameras, SyntheticSegments segments, AtomicBoolean running) {
        Instant recordStart = Instant.now();
        for (CameraId cam : cameras) {
            long[] times = new long[GatewayViewersBench.RUN_SECONDS / 2 + 5];
            appendTimes.add(times);
            threads.add(new Thread(() -> {
                byte[] data = segments.segment(0, new Random(cam.value().hashCode()));
                for (int i = 0; running.get() && i < times.length; i++) {
                    Instant s = recordStart.plusSeconds(2L * i);
                    long due = s.plusSeconds(2).toEpochMilli();
                    long wait = due - System.currentTimeMillis();
                    if (wait > 0) GatewayViewersBench.sleepQuietly(wait); // a camera delivers a segment every 2 s
                    long t0 = System.nanoTime();
                    store.segments().append(cam, s, s.plusSeconds(2), 1_000_000 + i, data);
                    times[i] = System.nanoTime() - t0;
                }
            }, "recorder-" + cam));
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    void join() throws InterruptedException {
        for (Thread t : threads) t.join();
    }

    /** The latencies of all appends made, in nanoseconds, sorted. */
    long[] sortedAppendNanos() {
        return appendTimes.stream().flatMapToLong(Arrays::stream).filter(x -> x > 0).sorted().toArray();
    }
}
