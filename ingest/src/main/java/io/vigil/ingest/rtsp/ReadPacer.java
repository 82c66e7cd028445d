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
 * one shared tick per event loop resumes all paused channels every {@code interval}.
 *
 * <p>Why: a camera sends each picture as a burst of packets, 25 bursts a second, and
 * reading each burst as it arrives costs the event loop one wake-up per picture per
 * camera (400 a second for 16 cameras) — on this virtual machine the largest single item
 * of ingest's CPU (perf: scheduler switch-in). With a 100 ms pause the kernel holds
 * ~2.5 pictures per camera and one tick reads all cameras of a loop: 10 wake-ups a
 * second per loop. Measured: 10.1 → 7.5 CPU-seconds per stream-hour at 16 cameras
 * (docs/benchmarks.md). A 20 ms pause (shorter than a picture interval) saved nothing and
 * cost two epoll_ctl per read. The same pause bounds how much one camera can make its
 * event loop do per tick, which keeps a flooding camera from starving the others.
 * Added once media flows (after PLAY / RECORD), so the RTSP handshake is not slowed.
 * Used for TCP only: UDP's receive buffer is smaller than a keyframe burst on some
 * systems, so UDP is read as it comes.
 */
public final class ReadPacer extends ChannelInboundHandlerAdapter {
    /**
     * Pause between reads of one media connection, from the system property
     * {@code vigil.rtsp.readPacingMillis} (default 100); 0 leaves the handler out. It adds
     * at most this much to the time from a camera's packet to its segment being durable,
     * far inside the goal of segment duration + 500 ms.
     */
    public static final long DEFAULT_INTERVAL_MILLIS = Long.getLong("vigil.rtsp.readPacingMillis", 100);

    private static final Map<EventExecutor, Tick> TICKS = new ConcurrentHashMap<>();

    private final long intervalMillis;

    public ReadPacer(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    /** Adds a pacer as the last handler when pacing is configured and none is there yet. */
    public static void addIfEnabled(io.netty.channel.ChannelPipeline pipeline) {
        if (DEFAULT_INTERVAL_MILLIS > 0 && pipeline.get("pacer") == null) {
            pipeline.addLast("pacer", new ReadPacer(DEFAULT_INTERVAL_MILLIS));
        }
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
                // a channel the inbound budget holds is resumed by the budget when its pause ends
                if (ch.isActive() && !Boolean.TRUE.equals(ch.attr(InboundBudget.THROTTLED).get())) ch.config().setAutoRead(true);
            }
        }
    }
}
