package io.vigil.ingest.rtsp.client;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.rtsp.RtspMethods;
import io.netty.util.concurrent.ScheduledFuture;
import io.vigil.ingest.rtsp.RtspHeaders;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps a playing pull session alive: a keep-alive at half the session timeout
 * (GET_PARAMETER when the camera lists it in its OPTIONS answer, else OPTIONS) and an RTCP
 * receiver report every interval. A keep-alive that fails, or that the camera answers with
 * 454 (it forgot the session), ends the session. Runs on the session's event loop.
 */
final class SessionUpkeep {
    private final EventLoop loop;
    private final CameraRequests requests;
    private final RtpReception reception;
    private final Consumer<String> end;
    private String publicMethods = "";
    private ScheduledFuture<?> keepAlive;
    private ScheduledFuture<?> receiverReports;
    private boolean stopped;

    /** @param end ends the session, with the reason in words */
    SessionUpkeep(EventLoop loop, CameraRequests requests, RtpReception reception, Consumer<String> end) {
        this.loop = loop;
        this.requests = requests;
        this.reception = reception;
        this.end = end;
    }

    /** The camera's OPTIONS answer: its Public header (may be null) says which keep-alive it understands. */
    void optionsAnswer(RtspResponse options) {
        if (options.status() == 200 && options.header(RtspHeaders.PUBLIC) != null) {
            publicMethods = options.header(RtspHeaders.PUBLIC).toUpperCase(Locale.ROOT);
        }
    }

    /** Starts both timers once PLAY succeeded. */
    void start(String playUrl, int sessionTimeoutSeconds, Duration rtcpInterval) {
        if (stopped) return;
        long keepAliveMs = sessionTimeoutSeconds * 1000L / 2;
        keepAlive = loop.scheduleAtFixedRate(() -> sendKeepAlive(playUrl), keepAliveMs, keepAliveMs, TimeUnit.MILLISECONDS);
        long rr = rtcpInterval.toMillis();
        receiverReports = loop.scheduleAtFixedRate(this::sendReceiverReport, rr, rr, TimeUnit.MILLISECONDS);
    }

    void stop() {
        stopped = true;
        if (keepAlive != null) keepAlive.cancel(false);
        if (receiverReports != null) receiverReports.cancel(false);
    }

    private void sendKeepAlive(String playUrl) {
        if (stopped) return;
        HttpMethod m = publicMethods.contains("GET_PARAMETER") ? RtspMethods.GET_PARAMETER : RtspMethods.OPTIONS;
        requests.request(m, playUrl, h -> { }).whenComplete((r, t) -> {
            if (t != null) {
                end.accept(RtspFailure.of("keepAliveFailed", "cause", RtspPullSession.describe(unwrap(t))));
            } else if (r.status() == 454) {
                end.accept(RtspFailure.of("sessionForgotten"));
            }
        });
    }

    private void sendReceiverReport() {
        if (stopped) return;
        reception.sendReceiverReport(requests.connection());
    }

    /** The failure a future completed with, without the {@link CompletionException} around it. */
    static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
