package io.vigil.ingest.activity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.vigil.config.CameraId;
import io.vigil.ingest.codec.VideoCodec;
import io.vigil.ingest.fmp4.Segment;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentStore;
import io.vigil.storage.StorageException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera's activity line, measured behind its recording: each stored segment's
 * starting keyframe is decoded ({@link KeyframeDecoder}), compared with the camera's
 * previous one ({@link PictureChange}) and the result stored beside the segment
 * ({@link SegmentStore#recordActivity}).
 *
 * <p>Bounded: at most one keyframe waits per camera. When the next arrives before the
 * worker took the waiting one (the shared worker is behind), the waiting one is skipped and
 * counted ({@code vigil.ingest.activity.skipped}): the line keeps up with now and loses a
 * dot, the recording loses nothing, and nothing queues without bound. One measure per
 * camera at a time, each camera taking its turn on the shared executor.
 *
 * <p>{@link #stored} runs on the disk executor after the append and never blocks; the
 * decode runs on the activity executor, never on a network event loop.
 */
public final class CameraActivity {
    private static final Logger log = LoggerFactory.getLogger(CameraActivity.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private record Keyframe(SegmentKey key, VideoCodec codec, byte[] annexB, boolean firstOfSession) {}

    private final CameraId cameraId;
    private final SegmentStore store;
    private final Executor executor;
    private final Counter measured;
    private final Counter skipped;
    private final Counter failed;
    private final Timer cpu;
    private final AtomicReference<Keyframe> waiting = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** The last keyframe measured (worker side; one measure at a time). */
    private volatile GreyPicture previous;

    CameraActivity(CameraId cameraId, SegmentStore store, Executor executor, MeterRegistry meters) {
        this.cameraId = cameraId;
        this.store = store;
        this.executor = executor;
        Tags tags = Tags.of("camera", cameraId.value());
        this.measured = meters.counter("vigil.ingest.activity.measured", tags);
        this.skipped = meters.counter("vigil.ingest.activity.skipped", tags);
        this.failed = meters.counter("vigil.ingest.activity.failed", tags);
        this.cpu = Timer.builder("vigil.ingest.activity.cpu").tags(tags)
                .description("CPU time of one keyframe's activity measure (decode, shrink, compare, store)").register(meters);
    }

    /** The segment {@code key} was stored: its keyframe is measured later, or skipped and counted. Never blocks. */
    public void stored(SegmentKey key, Segment segment) {
        long pixels = (long) segment.config().width() * segment.config().height();
        if (pixels <= 0 || pixels > KeyframeDecoder.MAX_PIXELS) {
            failed(key, "its pictures are " + segment.config() + ", outside what is decoded (up to 8K)");
            return;
        }
        Keyframe k;
        try {
            k = new Keyframe(key, segment.config().codec(), FirstPicture.annexB(segment), segment.firstOfSession());
        } catch (IllegalArgumentException e) {
            failed(key, "its keyframe cannot be read: " + e.getMessage());
            return;
        }
        // A skipped first keyframe of a session passes the mark on: never compare across a reconnect.
        Keyframe before = waiting.getAndAccumulate(k, (old, now) -> old != null && old.firstOfSession() && !now.firstOfSession()
                ? new Keyframe(now.key(), now.codec(), now.annexB(), true) : now);
        if (before != null) skipped.increment();
        schedule();
    }

    private void schedule() {
        if (!scheduled.compareAndSet(false, true)) return;
        try {
            executor.execute(this::measureOne);
        } catch (RejectedExecutionException e) {
            scheduled.set(false); // Vigil is stopping
            if (waiting.getAndSet(null) != null) skipped.increment();
        }
    }

    /** One keyframe, then the camera goes to the back of the executor's queue if another waits: cameras take turns. */
    private void measureOne() {
        try {
            Keyframe k = waiting.getAndSet(null);
            if (k != null) measure(k);
        } finally {
            scheduled.set(false);
            if (waiting.get() != null) schedule();
        }
    }

    private void measure(Keyframe k) {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        try {
            GreyPicture now = KeyframeDecoder.decode(k.codec(), k.annexB());
            GreyPicture before = k.firstOfSession() ? null : previous;
            previous = now;
            if (before == null) return; // the first keyframe of a session has nothing to be compared with
            store.recordActivity(k.key(), PictureChange.between(before, now));
            measured.increment();
        } catch (KeyframeDecoder.KeyframeException | StorageException e) {
            previous = null;
            failed(k.key(), e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            previous = null;
            failed(k.key(), e.toString()); // never lose the worker thread; the recording does not depend on it
        } finally {
            cpu.record(THREADS.getCurrentThreadCpuTime() - cpu0, TimeUnit.NANOSECONDS);
        }
    }

    private void failed(SegmentKey key, String why) {
        failed.increment();
        long n = (long) failed.count();
        // The first of a run and then every hundredth: a damaged stream must not flood the log.
        if (n == 1 || n % 100 == 0) {
            log.warn("camera {}: no activity measure for segment {} ({} so far): {}", cameraId, key, n, why);
        }
    }
}
