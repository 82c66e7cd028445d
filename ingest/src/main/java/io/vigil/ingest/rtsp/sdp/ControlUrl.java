package io.vigil.ingest.rtsp.sdp;

import java.util.Locale;

/**
 * Resolves an SDP a=control value against the base URL of the session (Content-Base,
 * else Content-Location, else the DESCRIBE request URL).
 *
 * <p>Why not {@link java.net.URI#resolve}: RFC 2326 asks for RFC 1808 resolution, but
 * cameras write "trackID=1" against a base without a trailing slash and mean
 * "base/trackID=1" (live555, ffmpeg and GStreamer all append); strict resolution would
 * replace the last path segment and SETUP a URL the camera does not know.
 */
public final class ControlUrl {
    private ControlUrl() {}

    public static String resolve(String base, String control) {
        if (control == null || control.isEmpty() || control.equals("*")) return base;
        String lower = control.toLowerCase(Locale.ROOT);
        if (lower.startsWith("rtsp://") || lower.startsWith("rtsps://") || lower.startsWith("rtspu://")) return control;
        if (base == null || base.isEmpty()) return control;
        if (control.startsWith("/")) {
            // Absolute path: keep scheme and authority of the base.
            int schemeEnd = base.indexOf("://");
            int pathStart = schemeEnd < 0 ? -1 : base.indexOf('/', schemeEnd + 3);
            String authority = pathStart < 0 ? base : base.substring(0, pathStart);
            return authority + control;
        }
        String cleanBase = base;
        int query = cleanBase.indexOf('?');
        if (query >= 0 && !cleanBase.endsWith("/")) {
            // "rtsp://cam/live?channel=1" + "track1": most devices expect the track appended after the query
            return cleanBase + "/" + control;
        }
        return cleanBase.endsWith("/") ? cleanBase + control : cleanBase + "/" + control;
    }
}
