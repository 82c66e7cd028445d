package io.vigil.gateway.i18n;

import io.vigil.storage.Reason;
import java.time.ZoneId;

/**
 * Reasons kept as text in the index (a gap's "why"): a {@link Reason} encoded by the recorder
 * or the server ({@code @gap.reason.notRunning}, a camera's failure with its RTSP detail) is
 * worded from the web bundles in the reader's language; a row written by an older version
 * holds an English sentence and is shown as stored.
 */
public final class StoredReasons {
    private StoredReasons() {}

    /** The stored reason in {@code language}'s words, times in {@code zone}; null stays null. */
    public static String words(String stored, String language, ZoneId zone) {
        if (stored == null) return null;
        return Reason.render(stored, (key, args) -> Messages.get().format(language, key, args), zone);
    }
}
