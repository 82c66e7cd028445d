package io.vigil.ingest.recording;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicLong;

/** One camera's recording meters (tag {@code camera}; docs/ingest.md, "Meters"). Thread-safe. */
final class RecorderMeters {
    final Counter frames;
    final Counter framesLost;
    final Counter packetsLost;
    /** Slices (NAL units) dropped because a fragment of theirs was lost; the picture is stored without them. */
    final Counter slicesLost;
    final Counter segmentsWritten;
    final Counter segmentsDropped;
    final Counter segmentsFailed;
    final Timer durableLatency;
    final AtomicLong lastFrameMillis = new AtomicLong();
    final RateMeter bitrate = new RateMeter();
    final RateMeter frameRate = new RateMeter();

    RecorderMeters(MeterRegistry meters, Tags tags, DiskQueue diskQueue) {
        this.frames = meters.counter("vigil.ingest.frames", tags);
        this.framesLost = meters.counter("vigil.ingest.frames.lost", tags);
        this.packetsLost = meters.counter("vigil.ingest.packets.lost", tags);
        this.slicesLost = meters.counter("vigil.ingest.slices.lost", tags);
        this.segmentsWritten = meters.counter("vigil.ingest.segments.written", tags);
        this.segmentsDropped = meters.counter("vigil.ingest.segments.dropped", tags);
        this.segmentsFailed = meters.counter("vigil.ingest.segments.failed", tags);
        this.durableLatency = Timer.builder("vigil.ingest.segment.durable.latency").tags(tags)
                .description("from the arrival of a segment's last frame to its append returning (durable)")
                .publishPercentiles(0.5, 0.99).register(meters);
        Gauge.builder("vigil.ingest.bitrate.bps", bitrate, b -> b.perSecond(System.nanoTime())).tags(tags).register(meters);
        Gauge.builder("vigil.ingest.frame.rate", frameRate, f -> f.perSecond(System.nanoTime())).tags(tags).register(meters);
        Gauge.builder("vigil.ingest.last.frame.epoch.seconds", lastFrameMillis, m -> m.get() / 1000.0).tags(tags).register(meters);
        Gauge.builder("vigil.ingest.disk.queue", diskQueue, DiskQueue::size).tags(tags).register(meters);
    }

    /** Amount per second over the last completed one-second window (bits, frames). */
    static final class RateMeter {
        private long windowStart = System.nanoTime();
        private long amount;
        private volatile double perSecond;

        synchronized void add(long n, long now) {
            amount += n;
            long elapsed = now - windowStart;
            if (elapsed >= 1_000_000_000L) {
                perSecond = amount * 1e9 / elapsed;
                amount = 0;
                windowStart = now;
            }
        }

        double perSecond(long now) {
            synchronized (this) {
                if (now - windowStart > 2_000_000_000L) return 0; // nothing for two seconds
            }
            return perSecond;
        }
    }
}
