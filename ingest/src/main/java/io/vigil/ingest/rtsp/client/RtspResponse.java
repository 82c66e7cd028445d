package io.vigil.ingest.rtsp.client;

import io.netty.handler.codec.http.HttpHeaders;

import java.util.List;

/**
 * An RTSP response copied out of Netty's reference-counted message, so it can travel
 * through futures without leaks.
 */
public record RtspResponse(int status, String reason, HttpHeaders headers, String body) {
    public String header(CharSequence name) {
        return headers.get(name);
    }

    public List<String> all(CharSequence name) {
        return headers.getAll(name);
    }

    @Override
    public String toString() {
        return status + " " + reason;
    }
}
