package io.vigil.ingest.rtsp;

import io.vigil.ingest.stream.StreamListener;
import io.vigil.ingest.stream.VideoTrack;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Test listener: records what a session delivered and lets tests wait for it. */
public final class CollectingListener implements StreamListener {
    public final List<VideoTrack> starts = new CopyOnWriteArrayList<>();
    public final List<String> ends = new CopyOnWriteArrayList<>();
    public final AtomicInteger packets = new AtomicInteger();
    public final AtomicLong bytes = new AtomicLong();
    public final List<Integer> payloadTypes = new CopyOnWriteArrayList<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch enough;
    private final CountDownLatch ended = new CountDownLatch(1);

    public CollectingListener(int enoughPackets) {
        this.enough = new CountDownLatch(enoughPackets);
    }

    @Override
    public void onStart(VideoTrack track) {
        starts.add(track);
        started.countDown();
    }

    @Override
    public void onRtp(byte[] packet) {
        packets.incrementAndGet();
        bytes.addAndGet(packet.length);
        if (packet.length >= 2 && payloadTypes.size() < 8) payloadTypes.add(packet[1] & 0x7F);
        enough.countDown();
    }

    @Override
    public void onEnd(String reason) {
        ends.add(reason);
        ended.countDown();
    }

    public boolean awaitStart(long seconds) throws InterruptedException {
        return started.await(seconds, TimeUnit.SECONDS);
    }

    public boolean awaitPackets(long seconds) throws InterruptedException {
        return enough.await(seconds, TimeUnit.SECONDS);
    }

    public boolean awaitEnd(long seconds) throws InterruptedException {
        return ended.await(seconds, TimeUnit.SECONDS);
    }
}
