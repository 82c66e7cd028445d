package io.vigil.ingest.supervisor;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.vigil.config.CameraConfig;
import io.vigil.ingest.rtsp.client.PullOptions;
import io.vigil.ingest.rtsp.client.RtspPullSession;
import io.vigil.ingest.stream.StreamListenerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one PULL camera connected for as long as Vigil runs (the recording itself is the
 * listener's job): one session at a time, a watchdog
 * that restarts a session delivering no RTP, and a capped, jittered backoff between
 * attempts. Everything happens on the camera's own event loop; the only shared things
 * are the loop threads, and the session's reads are bounded per loop turn, so a
 * flooding camera cannot starve the others.
 *
 * <p>While the camera is down (between a failure and the next session's video) it is
 * reported down to the media side at every failed attempt and on every watchdog tick, with
 * the last failure in words, so the stored gap reaches up to about now and says why. The
 * watchdog tick is what keeps it current: attempts alone come up to 30 s (the backoff
 * cap) plus the connect and request timeouts apart.
 *
 * <p>Two refusals are answered differently from other failures (docs/ingest.md, "Cameras"):
 * wrong credentials are retried only after {@link #CREDENTIALS_RETRY} (many cameras lock an
 * account after a few wrong attempts, and a locked camera would stay dark after the password
 * is fixed), and a refused transport (461 on SETUP) is tried at once with the other one (TCP
 * interleaved or UDP), which is kept for later attempts; only when both are refused does the
 * usual backoff apply.
 */
final class PullConnection {
    private static final Logger log = LoggerFactory.getLogger(PullConnection.class);
    /**
     * Wait after the camera refused the credentials: 15 minutes, four attempts an hour. Common
     * cameras lock an account for 30 minutes after 5 to 7 wrong attempts; at this pace a wrong
     * password never reaches that, and a fixed one is picked up within 15 minutes (or at once
     * on restart).
     */
    static final Duration CREDENTIALS_RETRY = Duration.ofMinutes(15);

    private final CameraConfig camera;
    private final EventLoop loop;
    private final StreamListenerFactory listeners;
    private final CameraMonitor monitor;
    private final SupervisorOptions options;
    private final Backoff backoff;
    private final java.util.concurrent.Executor secrets;
    private RtspPullSession session;
    private ScheduledFuture<?> watchdog;
    private ScheduledFuture<?> retry;
    private boolean stalled;
    private long playingSinceMillis;
    private boolean stopped;
    /** The last failure in words, without the retry delay; null until the first one. */
    private String lastFailure;
    /** The transport of the next attempt: the configured one until the camera refuses it. */
    private io.vigil.config.Transport transport;
    /** The last attempt was refused its transport: if the other one is refused too, back off. */
    private boolean transportRefusedBefore;

    PullConnection(CameraConfig camera, EventLoop loop, StreamListenerFactory listeners, CameraMonitor monitor, SupervisorOptions options,
                 java.util.concurrent.Executor secrets) {
        this.secrets = secrets;
        this.camera = camera;
        this.loop = loop;
        this.listeners = listeners;
        this.monitor = monitor;
        this.options = options;
        this.backoff = new Backoff(options.backoffInitial(), options.backoffMax(), n -> ThreadLocalRandom.current().nextLong(n));
        this.transport = camera.transport() == null ? io.vigil.config.Transport.TCP : camera.transport();
    }

    void start() {
        loop.execute(() -> {
            long period = Math.max(200, Math.min(1000, options.stallTimeout().toMillis() / 4));
            watchdog = loop.scheduleAtFixedRate(this::checkStall, period, period, TimeUnit.MILLISECONDS);
            connect();
        });
    }

    private void connect() {
        if (stopped) return;
        stalled = false;
        monitor.set(CameraState.State.CONNECTING, CameraReason.of(CameraReason.CONNECTING, "connecting to " + camera.url().getHost(),
                "host", camera.url().getHost()));
        // A password file is read on the secrets thread, never on the event loop.
        java.util.concurrent.CompletableFuture
                .supplyAsync(() -> camera.password() == null ? null : camera.password().resolve(), secrets)
                .whenComplete((password, error) -> loop.execute(() -> {
                    if (stopped) {
                        if (password != null) java.util.Arrays.fill(password, '\0');
                        return;
                    }
                    if (error != null) {
                        Throwable cause = error.getCause() != null ? error.getCause() : error;
                        // The message names where the secret was looked for, never the secret.
                        String detail = secretWords(cause);
                        String why = io.vigil.storage.Reason.of("gap.reason.passwordUnreadable", "detail", detail).encode();
                        failed(CameraReason.of(CameraReason.PASSWORD_UNREADABLE, why, "detail", detail));
                        return;
                    }
                    startSession(password);
                }));
    }

    /** Where the password was looked for, as the config module's reason (worded by the pages) when it says so, else its words. */
    private static String secretWords(Throwable cause) {
        if (cause instanceof io.vigil.config.SecretUnavailableException s) {
            java.util.Map<String, String> args = new java.util.LinkedHashMap<>();
            s.args().forEach((k, v) -> args.put(k, String.valueOf(v)));
            return new io.vigil.storage.Reason(s.key(), args).encode();
        }
        return String.valueOf(cause.getMessage());
    }

    private void startSession(char[] password) {
        PullOptions opts = PullOptions.of(camera.url().toString(), transport, camera.username(), password)
                .withTimeouts(options.connectTimeout(), options.requestTimeout());
        RtspPullSession s = new RtspPullSession(camera.id(), opts, loop,
                new MonitoringListener(camera.id(), monitor, listeners, null));
        session = s;
        s.start().thenRun(() -> loop.execute(() -> playingSinceMillis = monitor.nowMillis()));
        s.ended().thenAccept(reason -> loop.execute(() -> onSessionEnded(s, reason)));
    }

    private void onSessionEnded(RtspPullSession s, String reason) {
        if (s != session || stopped) return;
        session = null;
        // Only a session that held longer than the longest wait earns a fresh backoff; a camera
        // that fails right after PLAY keeps backing off like one that refuses outright.
        if (playingSinceMillis > 0 && monitor.nowMillis() - playingSinceMillis > options.backoffMax().toMillis()) backoff.reset();
        playingSinceMillis = 0;
        monitor.error();
        switch (s.refusal()) {
            case CREDENTIALS -> {
                transportRefusedBefore = false;
                failed(CameraReason.of(CameraReason.CREDENTIALS, reason), CREDENTIALS_RETRY,
                        " (a long wait, so the camera does not lock the account)");
            }
            case TRANSPORT -> transportRefused(reason);
            default -> {
                transportRefusedBefore = false;
                failed(cause(s, reason));
            }
        }
    }

    /** What ended a session in a code the pages can word: the watchdog's stall, no answer at the address, or the client's words. */
    private CameraReason cause(RtspPullSession s, String reason) {
        if (stalled) {
            return CameraReason.of(CameraReason.STALLED_RETRY, reason, "seconds", String.valueOf(options.stallTimeout().toSeconds()));
        }
        if (!s.reached()) {
            int port = camera.url().getPort() > 0 ? camera.url().getPort() : 554;
            return CameraReason.of(CameraReason.UNREACHABLE, reason, "host", camera.url().getHost(), "port", String.valueOf(port));
        }
        return CameraReason.of(CameraReason.FAILED, reason, "detail", reason);
    }

    /** The camera refused the transport: the other one now, unless it was refused just before. */
    private void transportRefused(String reason) {
        if (transportRefusedBefore) {
            transportRefusedBefore = false;
            String why = io.vigil.storage.Reason.of("rtsp.failure.bothTransports", "cause", reason).encode();
            failed(CameraReason.of(CameraReason.FAILED, why, "detail", why));
            return;
        }
        transportRefusedBefore = true;
        io.vigil.config.Transport refused = transport;
        transport = refused == io.vigil.config.Transport.TCP ? io.vigil.config.Transport.UDP : io.vigil.config.Transport.TCP;
        lastFailure = reason;
        reportDown();
        // The log's words: the client's reason opened up (key and arguments), then what happens next.
        String why = io.vigil.storage.Reason.readable(reason) + "; trying " + transport + " instead of the configured " + refused;
        monitor.set(CameraState.State.FAILED, CameraReason.of(CameraReason.TRANSPORT, why, "transport", transport.name(),
                "configured", refused.name()));
        log.warn("camera {}: {} (set transport: {} in the config to skip this)", camera.id(), why, transport);
        retry = loop.schedule(() -> {
            monitor.reconnect();
            connect();
        }, 0, TimeUnit.MILLISECONDS);
    }

    private void failed(CameraReason cause) {
        failed(cause, backoff.next(), "");
    }

    private void failed(CameraReason cause, Duration delay, String why2) {
        lastFailure = cause.text();
        reportDown();
        CameraReason why = cause.retrying(java.time.Instant.ofEpochMilli(monitor.nowMillis() + delay.toMillis()),
                "; retrying in " + formatDelay(delay) + why2);
        monitor.set(stalled ? CameraState.State.STALLED : CameraState.State.FAILED, why);
        log.warn("camera {}: {}", camera.id(), why.text());
        retry = loop.schedule(() -> {
            monitor.reconnect();
            connect();
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkStall() {
        if (stopped) return;
        if (lastFailure != null && monitor.state() != CameraState.State.RECORDING) {
            reportDown(); // the media side writes at most every few seconds
        }
        if (session == null || monitor.state() != CameraState.State.RECORDING) return;
        long quietMs = monitor.quietMillis();
        if (quietMs >= options.stallTimeout().toMillis()) {
            stalled = true;
            String reason = "stalled: no video for " + options.stallTimeout().toSeconds() + " s";
            monitor.set(CameraState.State.STALLED, CameraReason.of(CameraReason.STALLED, reason,
                    "seconds", String.valueOf(options.stallTimeout().toSeconds())));
            // The session's end reason becomes the stored gap's: a code the pages word.
            session.close(io.vigil.storage.Reason.of("gap.reason.stalled", "seconds", options.stallTimeout().toSeconds()).encode());
        }
    }

    /** Tells the media side the camera is down; whatever it throws must not end the watchdog or the retries. */
    private void reportDown() {
        try {
            listeners.cameraDown(camera.id(), lastFailure);
        } catch (RuntimeException e) {
            log.error("camera {}: the recorder failed to note the camera down: {}", camera.id(), e.toString());
        }
    }

    /** Stops recording; completes when the session has ended and the media side was told. */
    java.util.concurrent.CompletableFuture<Void> stop() {
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        loop.execute(() -> {
            stopped = true;
            if (watchdog != null) watchdog.cancel(false);
            if (retry != null) retry.cancel(false);
            RtspPullSession s = session;
            session = null;
            if (s == null) {
                done.complete(null);
            } else {
                s.ended().whenComplete((r, t) -> done.complete(null));
                s.close(io.vigil.storage.Reason.of("gap.reason.vigilStopped").encode());
            }
        });
        return done;
    }

    private static String formatDelay(Duration d) {
        if (d.toMinutes() >= 2) return d.toMinutes() + " min";
        return d.toMillis() < 10_000 ? String.format("%.1f s", d.toMillis() / 1000.0) : (d.toSeconds() + " s");
    }
}
