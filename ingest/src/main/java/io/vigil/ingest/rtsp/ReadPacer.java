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
 * packet, which was most of the protocol side's CPU. Pausing 20 ms lets the kernel
 * collect a frame's packets so one read takes them all. The same pause bounds how much
 * one camera can make its event loop do per tick, which keeps a flooding camera from
 * starving the others that share the loop. Used for TCP only: UDP's receive buffer is
 * smaller than a keyframe burst on some systems, so UDP is read as it comes.
 */
public final class ReadPacer extends ChannelInboundHandlerAdapter {
    /** Pause between reads of one connection; far below any timeout, far above a packet's spacing. */
    public static final long DEFAULT_INTERVAL_MILLIS = 20;

    private static final Map<EventExecutor, Tick> TICKS = new ConcurrentHashMap<>();

    private final long intervalMillis;

    public ReadPacer(long intervalMillis) {
        this.intervalMillis = intervalMillis;
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
            Tick t = new Tick();
            l.scheduleAtFixedRate(t, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
            l.terminationFuture().addListener(f -> TICKS.remove(l));
            return t;
        });
    }

    /** The paused channels of one event loop; touched only on that loop. */
    private static final class Tick implements Runnable {
        private final ArrayDeque<Channel> paused = new ArrayDeque<>();

        void pause(Channel ch) {
            paused.add(ch);
        }

        @Override
        public void run() {
            int n = paused.size();
            for (int i = 0; i < n; i++) {
                Channel ch = paused.poll();
                if (ch.isActive()) ch.config().setAutoRead(true);
            }
        }
    }
}
