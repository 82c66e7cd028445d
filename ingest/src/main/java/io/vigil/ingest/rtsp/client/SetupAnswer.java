package io.vigil.ingest.rtsp.client;

import io.vigil.config.Transport;
import io.vigil.ingest.rtsp.RtspHeaders;
import io.vigil.ingest.rtsp.RtspProtocolException;
import io.vigil.ingest.rtsp.TransportSpec;

import java.util.Locale;

/**
 * What a camera's SETUP answer settles for a pull session: the session id every later
 * request carries, the session timeout (keep-alives go at half of it; 60 s when the camera
 * says none, bounded to 2..3600 s) and the transport it agreed to, which must be the one
 * asked for ({@link #transport}: read apart, so that a session the camera set up with a
 * transport that does not fit still gets its TEARDOWN).
 */
record SetupAnswer(String sessionId, int timeoutSeconds, String transportHeader) {
    static final int DEFAULT_TIMEOUT_SECONDS = 60;

    /**
     * @param requested the transport the SETUP asked for
     * @throws RtspClientException in words when the camera refused the transport (marked
     *     {@link RtspClientException.Refusal#TRANSPORT}, so the other one is tried), the answer
     *     is not 200, or it has no Session header
     */
    static SetupAnswer read(RtspResponse r, Transport requested) {
        if (r.status() == 461) {
            throw new RtspClientException(RtspFailure.of("transportRefused", "transport", requested),
                    RtspClientException.Refusal.TRANSPORT);
        }
        CameraRequests.expectOk(r, "SETUP");
        String session = r.header(RtspHeaders.SESSION);
        if (session == null || session.isBlank()) throw new RtspClientException(RtspFailure.of("noSession"));
        String[] parts = session.split(";");
        int timeout = DEFAULT_TIMEOUT_SECONDS;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("timeout=")) timeout = timeoutSeconds(p.substring(8).trim());
        }
        return new SetupAnswer(parts[0].trim(), timeout, r.header(RtspHeaders.TRANSPORT));
    }

    /**
     * The transport the camera agreed to.
     *
     * @throws RtspClientException in words when the Transport header is missing or malformed,
     *     or names another transport than the one {@code requested}
     */
    TransportSpec transport(Transport requested) {
        TransportSpec spec;
        try {
            spec = TransportSpec.parse(transportHeader);
        } catch (RtspProtocolException e) {
            throw new RtspClientException(RtspFailure.of("badSetup", "detail", e.getMessage()));
        }
        if (requested == Transport.TCP && !spec.tcp()) throw new RtspClientException(RtspFailure.of("transportMismatch", "asked", "TCP", "answered", "UDP"));
        if (requested != Transport.TCP && spec.tcp()) throw new RtspClientException(RtspFailure.of("transportMismatch", "asked", "UDP", "answered", "TCP"));
        return spec;
    }

    private static int timeoutSeconds(String value) {
        try {
            return Math.max(2, Math.min(3600, Integer.parseInt(value)));
        } catch (NumberFormatException e) {
            return DEFAULT_TIMEOUT_SECONDS;
        }
    }
}
