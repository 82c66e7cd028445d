package io.vigil.ingest.live;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import io.vigil.config.CameraConfig;
import io.vigil.config.Transport;
import io.vigil.ingest.rtsp.client.PullOptions;
import io.vigil.ingest.rtsp.client.RtspPullSession;
import io.vigil.storage.LiveFeeds;
import io.vigil.storage.LiveViewer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera's live-only stream (its {@code liveUrl}, docs/live.md): pulled while at least
 * one viewer watches it and for {@link #LINGER} after the last one left (a guard switching
 * the grid or enlarging a tile does not make the camera reconnect), never recorded. A
 * session that fails while viewers wait is tried again after {@link #RETRY}; meanwhile its
 * viewers see the recorded stream ({@link FallbackViewer}), and the live stream again as
 * soon as it is back. The password
 * is read off the event loops (it may be a file), at each start, so rotation works.
 *
 * <p>Thread-safe: viewers come and go on the gateway's threads, the session ends on its
 * event loop; the state is guarded by this object's lock, which is never held while
 * blocking.
 */
final class Substream {
    private static final Logger log = LoggerFactory.getLogger(Substream.class);
    static final Duration LINGER = Duration.ofSeconds(30);
    static final Duration RETRY = Duration.ofSeconds(5);

    private final CameraConfig camera;
    private final LiveTap tap;
    private final EventLoopGroup loops;
    private final Executor secrets;
    private final Duration linger;
    private final LiveFeeds recorded;
    private final List<FallbackViewer> watching = new ArrayList<>();
    /** The live stream failed and has not sent a picture since: new viewers start on the recorded stream. */
    private final AtomicBoolean failing = new AtomicBoolean();
    private int viewers;
    /** A session is starting, open or waiting to be retried. */
    private boolean running;
    private RtspPullSession session;
    private ScheduledFuture<?> stopLater;

    /** @param recorded the recorded stream's pictures, shown while this stream fails */
    Substream(CameraConfig camera, Clock clock, EventLoopGroup loops, Executor secrets, Duration linger, LiveFeeds recorded) {
        this.camera = camera;
        this.recorded = recorded;
        this.tap = new LiveTap(clock);
        this.loops = loops;
        this.secrets = secrets;
        this.linger = linger;
    }

    /** Sends the live stream's pictures to {@code viewer}; the stream is pulled from now on if it was not. */
    synchronized AutoCloseable watch(LiveViewer viewer) {
        FallbackViewer relay = new FallbackViewer(camera.id(), viewer, recorded, () -> failing.set(false));
        AutoCloseable handle = tap.watch(relay.live());
        watching.add(relay);
        if (failing.get()) relay.fallBack();
        viewers++;
        if (stopLater != null) {
            stopLater.cancel(false);
            stopLater = null;
        }
        if (!running) start();
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (!closed.compareAndSet(false, true)) return;
            handle.close();
            relay.close();
            left(relay);
        };
    }

    /** Whether the live stream is being pulled (or about to be). */
    synchronized boolean pulling() {
        return running;
    }

    /** Vigil stops: the session ends now. */
    synchronized void close() {
        viewers = 0;
        watching.forEach(FallbackViewer::close);
        watching.clear();
        stop("Vigil stopped");
    }

    private synchronized void left(FallbackViewer relay) {
        watching.remove(relay);
        if (--viewers > 0) return;
        stopLater = loops.next().schedule(this::stopIfUnwatched, linger.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void stopIfUnwatched() {
        stopLater = null;
        if (viewers == 0) stop("nobody watches the live stream");
    }

    private void stop(String reason) {
        running = false;
        failing.set(false);
        RtspPullSession s = session;
        session = null;
        if (s != null) {
            s.close(reason);
            log.info("camera {}: live stream closed: {}", camera.id(), reason);
        }
    }

    private void start() {
        running = true;
        CompletableFuture.supplyAsync(() -> camera.password() == null ? null : camera.password().resolve(), secrets)
                .whenComplete((password, error) -> opened(password, error));
    }

    private synchronized void opened(char[] password, Throwable error) {
        if (!running) {
            if (password != null) java.util.Arrays.fill(password, '\0');
            return;
        }
        if (error != null) {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            retryLater("cannot read the camera password: " + cause.getMessage());
            return;
        }
        Transport transport = camera.transport() == null ? Transport.TCP : camera.transport();
        PullOptions options = PullOptions.of(camera.liveUrl().toString(), transport, camera.username(), password);
        RtspPullSession s = new RtspPullSession(camera.id(), "live", options, loops.next(), new SubstreamPipeline(camera.id(), tap));
        session = s;
        s.start().thenRun(() -> log.info("camera {}: live stream pulled for the wall (not recorded)", camera.id()));
        s.ended().thenAccept(reason -> ended(s, reason));
    }

    private synchronized void ended(RtspPullSession s, String reason) {
        if (s != session) return;
        session = null;
        retryLater(reason);
    }

    private void retryLater(String reason) {
        if (viewers == 0) {
            running = false;
            return;
        }
        if (!failing.getAndSet(true)) {
            log.warn("camera {}: live stream failed ({}): the wall shows the recorded stream until it is back", camera.id(), reason);
        }
        watching.forEach(FallbackViewer::fallBack);
        log.warn("camera {}: live stream: {}; trying again in {} s", camera.id(), reason, RETRY.toSeconds());
        loops.next().schedule(this::retry, RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void retry() {
        if (running && session == null && viewers > 0) start();
        else if (viewers == 0) running = false;
    }
}
