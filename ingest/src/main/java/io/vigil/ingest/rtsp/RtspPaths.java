package io.vigil.ingest.rtsp;

import java.net.URI;
import java.net.URISyntaxException;

/** Helpers for RTSP request URLs. */
public final class RtspPaths {
    private RtspPaths() {}

    /**
     * The path of an RTSP request URL without leading or trailing slashes, or null when
     * the URL is not understood. "rtsp://h:8554/cam1/streamid=0" gives "cam1/streamid=0".
     */
    public static String path(String requestUri) {
        if (requestUri == null) return null;
        try {
            URI uri = new URI(requestUri);
            String p = uri.getRawPath();
            if (p == null) return null;
            while (p.startsWith("/")) p = p.substring(1);
            while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
            return p;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** URL without user info (never log credentials that someone put into a URL). */
    public static String redact(String url) {
        if (url == null) return null;
        int scheme = url.indexOf("://");
        if (scheme < 0) return url;
        int at = url.indexOf('@', scheme + 3);
        int slash = url.indexOf('/', scheme + 3);
        if (at < 0 || (slash >= 0 && at > slash)) return url;
        return url.substring(0, scheme + 3) + url.substring(at + 1);
    }
}
