package io.vigil.ingest.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * A token bucket on what one connection may make us read: when a peer sends faster than
 * {@code bytesPerSecond} (far above any camera: 64 Mbit/s by default), reading pauses
 * until the budget has refilled, and TCP flow control slows the sender down.
 *
 * <p>Why: event loops and cores are shared by all cameras. Without a bound, one camera
 * flooding at line rate (a broken encoder, an attack) keeps a core busy copying its
 * packets, and the others on that core stall. With it, a flood costs at most the budget.
 * First in the pipeline, so the decoders behind it see reading switched off only after
 * a batch.
 */
public final class InboundBudget extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(InboundBudget.class);
    /** Default budget per connection, overridable with {@code -Dvigil.rtsp.maxInboundMbitPerSecond}. */
    public static final long DEFAULT_BYTES_PER_SECOND = Long.getLong("vigil.rtsp.maxInboundMbitPerSecond", 64) * 1_000_000 / 8;
    /**
     * Set on the channel while the budget holds reading off, so that {@link ReadPacer},
     * which also switches reading off and on, does not resume it early.
     */
    public static final io.netty.util.AttributeKey<Boolean> THROTTLED = io.netty.util.AttributeKey.valueOf("vigil.inboundBudget.throttled");
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final long bytesPerSecond;
    private final long burstBytes;
    private final String what;
    private double tokens;
    private long lastRefillNanos;
    private long lastWarnNanos;
    private boolean warnedOnce;
    private long throttles;

    /** @param what names the peer in the log ("camera cam-3") */
    public InboundBudget(long bytesPerSecond, String what) {
        this.bytesPerSecond = Math.max(1, bytesPerSecond);
        this.burstBytes = Math.max(64 * 1024, this.bytesPerSecond / 2);
        this.what = what;
        this.tokens = burstBytes;
        this.lastRefillNanos = System.nanoTime();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        int size = msg instanceof ByteBuf b ? b.readableBytes() : msg instanceof ByteBufHolder h ? h.content().readableBytes() : 0;
        refill();
        tokens -= size;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.fireChannelReadComplete();
        // (a ReadPacer behind us may just have paused reading too: the budget's pause still applies)
        if (tokens >= 0 || !ctx.channel().isActive() || Boolean.TRUE.equals(ctx.channel().attr(THROTTLED).get())) return;
        ctx.channel().attr(THROTTLED).set(Boolean.TRUE);
        ctx.channel().config().setAutoRead(false);
        throttles++;
        long now = System.nanoTime();
        if (!warnedOnce || now - lastWarnNanos > WARN_EVERY_NANOS) {
            warnedOnce = true;
            lastWarnNanos = now;
            log.warn("{} sends faster than {} Mbit/s; reading from it is throttled ({} pauses so far)",
                    what, bytesPerSecond * 8 / 1_000_000, throttles);
        }
        long delayNanos = (long) (-tokens * 1e9 / bytesPerSecond);
        ctx.executor().schedule(() -> {
            ctx.channel().attr(THROTTLED).set(null);
            if (ctx.channel().isActive()) ctx.channel().config().setAutoRead(true);
        }, Math.max(1, delayNanos), TimeUnit.NANOSECONDS);
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(burstBytes, tokens + (now - lastRefillNanos) * (double) bytesPerSecond / 1e9);
        lastRefillNanos = now;
    }

    /** How often reading had to pause (for tests and diagnostics). */
    public long throttles() {
        return throttles;
    }
}
