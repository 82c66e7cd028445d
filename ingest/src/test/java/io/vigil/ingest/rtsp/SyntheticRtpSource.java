package io.vigil.ingest.rtsp;

import io.vigil.ingest.stream.RtpSource;
import io.vigil.ingest.stream.VideoTrack;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A test RtpSource: RTP packets with a valid header and a dummy payload at a fixed rate.
 * The protocol side never looks into the payload, so no encoder is needed here.
 */
public final class SyntheticRtpSource implements RtpSource, AutoCloseable {
    private final List<Consumer<byte[]>> subscribers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "synthetic-rtp");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger sent = new AtomicInteger();
    private int seq;

    public SyntheticRtpSource(int packetsPerSecond) {
        long periodMicros = 1_000_000L / packetsPerSecond;
        timer.scheduleAtFixedRate(this::emit, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
    }

    @Override
    public VideoTrack track() {
        return new VideoTrack("H264", 96, 90000, null, Map.of("packetization-mode", "1"));
    }

    private void emit() {
        if (subscribers.isEmpty()) return;
        byte[] p = packet(seq++, 1200);
        sent.incrementAndGet();
        for (Consumer<byte[]> s : subscribers) s.accept(p.clone());
    }

    public static byte[] packet(int seq, int length) {
        byte[] p = new byte[length];
        p[0] = (byte) 0x80;
        p[1] = (byte) 96;
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        int ts = seq * 3600;
        p[4] = (byte) (ts >> 24);
        p[5] = (byte) (ts >> 16);
        p[6] = (byte) (ts >> 8);
        p[7] = (byte) ts;
        p[8] = 0x12;
        p[9] = 0x34;
        p[10] = 0x56;
        p[11] = 0x78;
        p[12] = 0x65; // looks like an IDR NAL header; nobody here parses it
        return p;
    }

    public int sent() {
        return sent.get();
    }

    @Override
    public AutoCloseable subscribe(Consumer<byte[]> consumer) {
        subscribers.add(consumer);
        return () -> subscribers.remove(consumer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
