package io.vigil.ingest.sim;

import io.vigil.config.CameraId;
import io.vigil.ingest.stream.VideoTrack;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live synthetic camera: renders {@link TestPattern} with the wall-clock time, encodes it
 * with libopenh264 and sends RTP (RFC 6184, single NAL / STAP-A / FU-A, 90 kHz, marker on
 * a picture's last packet). Pictures are only encoded while someone subscribes; a new
 * subscriber gets a keyframe next. Costs real CPU per camera: for many streams use
 * {@link ReplayCamera}.
 */
public final class SyntheticCamera extends SimulatedCamera {
    private static final Logger log = LoggerFactory.getLogger(SyntheticCamera.class);
    static final int PAYLOAD_TYPE = 96;
    static final int MTU_PAYLOAD = 1400;

    private final Clock clock;
    private final int fps;
    private final TestPattern pattern;
    private final H264Encoder encoder;
    private final RtpPacketizer packetizer;
    private final VideoTrack track;
    private final long timestampBase;
    private final ScheduledFuture<?> task;
    private long frame;
    private boolean closed;

    public SyntheticCamera(CameraId id, SimSettings settings, Clock clock, ScheduledExecutorService scheduler) {
        super(id);
        this.clock = clock;
        this.fps = settings.fps();
        this.pattern = new TestPattern(id.value(), settings.width(), settings.height(), settings.noise() ? 0.1 : 0);
        this.encoder = new H264Encoder(settings.width(), settings.height(), fps, settings.gopFrames(), settings.bitrate());
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.packetizer = new RtpPacketizer(false, PAYLOAD_TYPE, random.nextInt() & 0xFFFF_FFFFL, random.nextInt(65536),
                MTU_PAYLOAD, true);
        this.timestampBase = random.nextInt() & 0xFFFF_FFFFL; // RFC 3550: a random start
        // the first picture is an IDR carrying SPS and PPS: they go into the SDP
        H264Encoder.Picture first = encoder.encode(pattern.render(frame++, clock.instant()));
        byte[] sps = null;
        byte[] pps = null;
        for (byte[] nal : first.nals()) {
            if ((nal[0] & 0x1F) == 7) sps = nal;
            if ((nal[0] & 0x1F) == 8) pps = nal;
        }
        if (sps == null || pps == null) {
            encoder.close();
            throw new IllegalStateException("libopenh264 gave no SPS/PPS with its first picture");
        }
        this.track = h264Track(sps, pps, PAYLOAD_TYPE);
        long periodNanos = 1_000_000_000L / fps;
        this.task = scheduler.scheduleAtFixedRate(this::tick, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public VideoTrack track() {
        return track;
    }

    @Override
    protected synchronized void subscribed() {
        if (!closed) encoder.requestKeyframe();
    }

    private synchronized void tick() {
        long n = frame++;
        if (closed || !hasSubscribers()) return;
        try {
            H264Encoder.Picture picture = encoder.encode(pattern.render(n, clock.instant()));
            if (picture.nals().isEmpty()) return;
            long ts = (timestampBase + n * 90_000L / fps) & 0xFFFF_FFFFL;
            List<byte[]> packets = packetizer.packetize(picture.nals(), ts);
            deliver(packets);
        } catch (RuntimeException e) {
            // an exception would cancel the scheduled task: log and try the next frame
            log.warn("camera-sim {}: frame {} failed: {}", id(), n, e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        task.cancel(false);
        encoder.close();
    }
}
