package io.vigil.ingest.sim;

import io.netty.channel.Channel;
import io.vigil.ingest.rtsp.codec.InterleavedFrame;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Carries a source's packets (produced on the source's thread) to one player's
 * connection. Packets are queued and drained by one task on the connection's event loop
 * with a single flush, instead of one task and one system call per packet: with hundreds
 * of simulated cameras this is most of the serving cost. The queue is bounded; a player
 * that cannot keep up loses packets instead of growing our heap.
 */
final class PlayerOutput implements Consumer<byte[]> {
    static final int MAX_QUEUED = 2048;

    private final Channel channel;
    private final int interleavedChannel;
    private final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final Runnable drain = this::drain;

    PlayerOutput(Channel channel, int interleavedChannel) {
        this.channel = channel;
        this.interleavedChannel = interleavedChannel;
    }

    @Override
    public void accept(byte[] packet) {
        if (!channel.isActive() || queued.get() >= MAX_QUEUED) {
            dropped.incrementAndGet();
            return;
        }
        queue.add(packet);
        queued.incrementAndGet();
        if (drainScheduled.compareAndSet(false, true)) channel.eventLoop().execute(drain);
    }

    private void drain() {
        drainScheduled.set(false);
        boolean wrote = false;
        byte[] p;
        while ((p = queue.poll()) != null) {
            queued.decrementAndGet();
            if (channel.isWritable()) {
                channel.write(new InterleavedFrame(interleavedChannel, p), channel.voidPromise());
                wrote = true;
            } else {
                dropped.incrementAndGet();
            }
        }
        if (wrote) channel.flush();
    }

    long dropped() {
        return dropped.get();
    }
}
