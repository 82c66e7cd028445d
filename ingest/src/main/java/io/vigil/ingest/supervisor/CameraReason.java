package io.vigil.ingest.supervisor;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a camera is in its state, as a code and arguments that the gateway words in the
 * reader's language from its bundles (ingest has none), and the same in English words for
 * the log and the stored gap. A time argument's name ends in {@code At} and holds an ISO
 * instant; the pages show it in the site's time zone.
 *
 * @param code a key of the gateway's bundles ({@code camera.reason.*})
 * @param args the key's placeholders
 * @param text the same in English, for the log
 */
public record CameraReason(String code, Map<String, String> args, String text) {
    public static final String NOT_STARTED = "camera.reason.notStarted";
    public static final String WAITING_FOR_PUBLISHER = "camera.reason.waitingForPublisher";
    public static final String CONNECTING = "camera.reason.connecting";
    public static final String RECEIVING = "camera.reason.receiving";
    public static final String RECEIVING_AGAIN = "camera.reason.receivingAgain";
    public static final String STALLED = "camera.reason.stalled";
    public static final String STALLED_RETRY = "camera.reason.stalledRetry";
    public static final String PUBLISHER_SILENT = "camera.reason.publisherSilent";
    public static final String PUBLISHER_GONE = "camera.reason.publisherGone";
    public static final String UNREACHABLE = "camera.reason.unreachable";
    public static final String CREDENTIALS = "camera.reason.credentials";
    public static final String TRANSPORT = "camera.reason.transport";
    public static final String PASSWORD_UNREADABLE = "camera.reason.passwordUnreadable";
    public static final String FAILED = "camera.reason.failed";

    public CameraReason {
        args = Map.copyOf(args);
    }

    /** @param kv argument names and values, alternating */
    static CameraReason of(String code, String text, String... kv) {
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) args.put(kv[i], kv[i + 1] == null ? "" : kv[i + 1]);
        return new CameraReason(code, args, text);
    }

    /** The same failure with the time of the next attempt ({@code nextAt}) and the English words for it. */
    CameraReason retrying(Instant nextAt, String textSuffix) {
        Map<String, String> a = new LinkedHashMap<>(args);
        a.put("nextAt", nextAt.toString());
        return new CameraReason(code, a, text + textSuffix);
    }
}
