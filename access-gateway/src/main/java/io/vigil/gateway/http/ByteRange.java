package io.vigil.gateway.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/**
 * The first range of an HTTP {@code Range: bytes=...} header resolved against a length
 * (RFC 9110 §14). Several ranges are answered with the first only, which browsers
 * accept; an unsatisfiable or malformed range is 416 with {@code Content-Range: bytes *}/len.
 */
public record ByteRange(long first, long last) {
    public long length() {
        return last - first + 1;
    }

    /** Null when there is no Range header (the whole body is sent with 200). */
    public static ByteRange parse(String header, long total) {
        if (header == null || header.isBlank()) return null;
        String h = header.trim();
        if (!h.startsWith("bytes=")) throw unsatisfiable(total);
        String spec = h.substring(6).split(",")[0].trim();
        int dash = spec.indexOf('-');
        if (dash < 0) throw unsatisfiable(total);
        try {
            String a = spec.substring(0, dash).trim(), b = spec.substring(dash + 1).trim();
            long first, last;
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0) throw unsatisfiable(total);
                first = Math.max(0, total - suffix);
                last = total - 1;
            } else {
                first = Long.parseLong(a);
                last = b.isEmpty() ? total - 1 : Math.min(Long.parseLong(b), total - 1);
            }
            if (first < 0 || first >= total || last < first) throw unsatisfiable(total);
            return new ByteRange(first, last);
        } catch (NumberFormatException e) {
            throw unsatisfiable(total);
        }
    }

    private static ApiException unsatisfiable(long total) {
        return new ApiException(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "bad-range",
                "Range must be bytes=first-last within 0-" + (total - 1), Map.of("Content-Range", "bytes */" + total));
    }
}
