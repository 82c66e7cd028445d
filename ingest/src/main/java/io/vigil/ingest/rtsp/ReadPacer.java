package io.vigil.ingest.rtsp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.EventExecutor;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Reads a media connection in batches (add it last in the pipeline, so the decoders in
 * front of it never see reading switched off mid-batch): after each read the channel stops reading and
 * one shared tick per event loop resumes all paused channels every few milliseconds.
 *
 * <p>Why: a camera sends a 4 Mbit/s stream as ~360 packets a second; reading each as it
 * arrives costs one wake-up, one selector round and one pass through the pipeline per
 * packet. Pausing 20 ms lets the kernel
 * collect a frame's packets so one read takes them all. The same pause bounds how much
 * one camera can make its event loop do per tick, which keeps a flooding camera from
 * starving the others that share the loop. Used for TCP only: UDP's receive buffer is
 * smaller than a keyframe burst on some systems, so UDP is read as it comes.
 */
public final class ReadPacer extends ChannelInboundHandlerAdapter {
    /**
     * Pause between reads of one connection, from the system property
     * {@code vigil.rtsp.readPacingMillis}; 0 (the default) leaves the handler out. Off by
     * default because measurement showed it costs more than it saves when packets already
     * arrive in per-frame bursts (docs/benchmarks.md); 20 suits evenly spread senders.
     */
    public static final long DEFAULT_INTERVAL_MILLIS = Long.getLong("vigil.rtsp.readPacingMillis", 0);

    private static final Map<EventExecutor, Tick> TICKS = new ConcurrentHashMap<>();

    private final long intervalMillis;

    public ReadPacer(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    /** Adds a pacer as the last handler when pacing is configured. */
    public static void addIfEnabled(io.netty.channel.ChannelPipeline pipeline) {
        if (DEFAULT_INTERVAL_MILLIS > 0) pipeline.addLast("pacer", new ReadPacer(DEFAULT_INTERVAL_MILLIS));
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.fireChannelReadComplete();
        Channel ch = ctx.channel();
        if (intervalMillis > 0 && ch.isActive() && ch.config().isAutoRead()) {
            ch.config().setAutoRead(false);
            tick(ctx.executor()).pause(ch);
        }
    }

    private Tick tick(EventExecutor loop) {
        return TICKS.computeIfAbsent(loop, l -> {
            Tick t = new Tick(l);
            t.future = l.scheduleAtFixedRate(t, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
            return t;
        });
    }

    /**
     * The paused channels of one event loop; touched only on that loop. A tick that finds
     * nothing to resume stops and forgets itself, so idle or shut-down loops leave nothing behind.
     */
    private static final class Tick implements Runnable {
        private final EventExecutor loop;
        private final ArrayDeque<Channel> paused = new ArrayDeque<>();
        private java.util.concurrent.ScheduledFuture<?> future;

        Tick(EventExecutor loop) {
            this.loop = loop;
        }

        void pause(Channel ch) {
            paused.add(ch);
        }

        @Override
        public void run() {
            int n = paused.size();
            if (n == 0) {
                TICKS.remove(loop, this);
                if (future != null) future.cancel(false);
                return;
            }
            for (int i = 0; i < n; i++) {
                Channel ch = paused.poll();
                if (ch.isActive()) ch.config().setAutoRead(true);
            }
        }
    }
}
