package io.vigil.ingest.rtsp.client;

import io.vigil.ingest.rtsp.RtspPaths;

import java.net.URI;
import java.net.URISyntaxException;

/** Where a pull session connects: the host and port of an {@code rtsp://} URL (554 when it names none). */
record CameraAddress(String host, int port) {
    static final int DEFAULT_PORT = 554;

    /** @throws RtspClientException naming the URL (credentials left out) when it is not {@code rtsp://host[:port]/path} */
    static CameraAddress of(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RtspClientException(RtspFailure.of("badUrl", "url", RtspPaths.redact(url)));
        }
        if (uri.getHost() == null || !"rtsp".equalsIgnoreCase(uri.getScheme())) {
            throw new RtspClientException(RtspFailure.of("notRtspUrl", "url", RtspPaths.redact(url)));
        }
        return new CameraAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : DEFAULT_PORT);
    }
}
