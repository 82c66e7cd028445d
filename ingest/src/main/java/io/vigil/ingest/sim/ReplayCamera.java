package io.vigil.ingest.sim;

import io.vigil.config.CameraId;
import io.vigil.ingest.stream.VideoTrack;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A camera that replays an {@link EncodedLoop} in real time: each picture's prepared
 * packets are copied with this camera's SSRC, running sequence numbers and timestamps
 * that keep increasing across loops (so a recorder sees one continuous stream).
 */
public final class ReplayCamera extends SimulatedCamera {
    private final EncodedLoop loop;
    private final long ssrc;
    private final long timestampBase;
    private final int ticksPerFrame;
    private final ScheduledFuture<?> task;
    private int sequence;
    private long frame;

    public ReplayCamera(CameraId id, EncodedLoop loop, ScheduledExecutorService scheduler) {
        super(id);
        this.loop = loop;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.ssrc = random.nextInt() & 0xFFFF_FFFFL;
        this.sequence = random.nextInt(65536);
        this.timestampBase = random.nextInt() & 0xFFFF_FFFFL;
        this.ticksPerFrame = 90_000 / loop.settings().fps();
        long period = 1_000_000_000L / loop.settings().fps();
        // spread cameras over the frame period so they do not all send at the same instant
        this.task = scheduler.scheduleAtFixedRate(this::tick, random.nextLong(period), period, TimeUnit.NANOSECONDS);
    }

    @Override
    public VideoTrack track() {
        return loop.track();
    }

    private synchronized void tick() {
        long n = frame++;
        if (!hasSubscribers()) return;
        List<byte[]> prepared = loop.picture((int) (n % loop.frames()));
        long ts = (timestampBase + n * ticksPerFrame) & 0xFFFF_FFFFL;
        List<byte[]> packets = new ArrayList<>(prepared.size());
        for (byte[] template : prepared) {
            byte[] p = template.clone();
            RtpPacketizer.stamp(p, sequence, ts, ssrc);
            sequence = (sequence + 1) & 0xFFFF;
            packets.add(p);
        }
        deliver(packets);
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
