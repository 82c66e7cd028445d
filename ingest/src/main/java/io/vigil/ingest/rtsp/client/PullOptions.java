package io.vigil.ingest.rtsp.client;

import io.vigil.config.Transport;
import io.vigil.ingest.rtsp.codec.FrameLimits;

import java.time.Duration;

/**
 * How to pull one camera.
 *
 * @param url            RTSP URL without credentials
 * @param transport      TCP (interleaved) or UDP
 * @param user           user name or null
 * @param password       password or null; the session copies it and wipes its copy on close
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout how long to wait for each RTSP response
 * @param maxRedirects   301/302 redirects followed before giving up
 * @param rtcpInterval   how often receiver reports are sent
 * @param limits         framing limits for the connection
 */
public record PullOptions(String url, Transport transport, String user, char[] password,
                          Duration connectTimeout, Duration requestTimeout, int maxRedirects,
                          Duration rtcpInterval, FrameLimits limits) {

    public static PullOptions of(String url, Transport transport, String user, char[] password) {
        return new PullOptions(url, transport, user, password, Duration.ofSeconds(5), Duration.ofSeconds(10), 3,
                Duration.ofSeconds(5), FrameLimits.DEFAULT);
    }

    public PullOptions withTimeouts(Duration connect, Duration request) {
        return new PullOptions(url, transport, user, password, connect, request, maxRedirects, rtcpInterval, limits);
    }

    public PullOptions withRtcpInterval(Duration interval) {
        return new PullOptions(url, transport, user, password, connectTimeout, requestTimeout, maxRedirects, interval, limits);
    }

    public PullOptions withLimits(FrameLimits newLimits) {
        return new PullOptions(url, transport, user, password, connectTimeout, requestTimeout, maxRedirects, rtcpInterval, newLimits);
    }

    @Override
    public String toString() {
        return "PullOptions[url=" + url + ", transport=" + transport + ", user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
