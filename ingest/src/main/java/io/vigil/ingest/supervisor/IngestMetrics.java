package io.vigil.ingest.supervisor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import io.vigil.config.CameraId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The protocol side's meters for one camera (tag {@code camera}). Bitrate, frames, loss
 * and segments are the media side's.
 */
public final class IngestMetrics {
    private final Counter reconnects;
    private final Counter packets;
    private final Counter bytes;
    private final Counter errors;
    private final AtomicLong lastPacketEpochSeconds = new AtomicLong();

    public IngestMetrics(MeterRegistry registry, CameraId camera) {
        // The tag is the id exactly as configured (dashboards and alerts select on it).
        Tags tags = Tags.of("camera", camera.value());
        reconnects = Counter.builder("vigil.ingest.reconnects").tags(tags)
                .description("sessions started again after a failure or stall").register(registry);
        packets = Counter.builder("vigil.ingest.rtp.packets").tags(tags)
                .description("video RTP packets received").register(registry);
        bytes = Counter.builder("vigil.ingest.rtp.bytes").tags(tags).baseUnit("bytes")
                .description("video RTP bytes received, headers included").register(registry);
        errors = Counter.builder("vigil.ingest.rtsp.errors").tags(tags)
                .description("RTSP failures: refused, malformed, timed out, disconnected").register(registry);
        Gauge.builder("vigil.ingest.last.packet.epoch.seconds", lastPacketEpochSeconds, AtomicLong::get)
                .tags(tags).description("arrival time of the last video RTP packet").register(registry);
    }

    void packet(int length, long epochMillis) {
        packets.increment();
        bytes.increment(length);
        lastPacketEpochSeconds.set(epochMillis / 1000);
    }

    void reconnect() {
        reconnects.increment();
    }

    void error() {
        errors.increment();
    }
}
