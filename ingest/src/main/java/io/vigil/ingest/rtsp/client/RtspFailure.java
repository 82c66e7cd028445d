package io.vigil.ingest.rtsp.client;

import io.vigil.storage.Reason;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Why a pull session failed, as text that is an encoded {@link Reason} of the gateway's bundles
 * ({@code rtsp.failure.*}): it travels as the session's end reason into the camera's state
 * (the live wall, the camera cards) and the stored gap, and the pages word it in the reader's
 * language. Ingest has no language of its own; codes, methods and statuses are arguments.
 */
final class RtspFailure {
    private RtspFailure() {}

    /** {@code rtsp.failure.<what>} with its arguments, encoded. */
    static String of(String what, Object... nameValuePairs) {
        return Reason.of("rtsp.failure." + what, nameValuePairs).encode();
    }

    /** A transport failure (connect, read, write) by its kind; the system's own words only where no kind fits. */
    static String io(Throwable t) {
        if (t == null) return of("unknown");
        if (t instanceof RtspClientException) return t.getMessage();
        String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        if (t instanceof ConnectException && m.contains("refused")) return of("refused");
        if (t instanceof NoRouteToHostException || m.contains("no route to host")) return of("noRoute");
        if (t instanceof UnknownHostException) return of("unknownHost");
        if (t instanceof io.netty.channel.ConnectTimeoutException || m.contains("timed out")) return of("connectTimeout");
        if (m.contains("connection reset")) return of("reset");
        if (m.contains("network is unreachable")) return of("networkUnreachable");
        if (t.getMessage() == null) return of("other", "detail", t.getClass().getSimpleName());
        // Netty appends the address ("Connection refused: /10.0.0.7:554"): the state names it already.
        String detail = t.getMessage();
        int addressSuffix = t instanceof ConnectException ? detail.lastIndexOf(": /") : -1;
        return of("other", "detail", addressSuffix > 0 ? detail.substring(0, addressSuffix) : detail);
    }
}
