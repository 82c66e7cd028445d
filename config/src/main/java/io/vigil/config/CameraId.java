package io.vigil.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * A camera's id: the one rule every module applies to it (the configuration, user accounts'
 * camera lists, storage's index keys and directory names, RTSP paths). Lower-case letters,
 * digits and '-', 1..32 characters, starting with a letter or digit: safe as a directory
 * name, a URL path segment and a RocksDB key prefix, and unambiguous to read aloud.
 * It lives in {@code config}, the lowest module, so every other module can use it.
 *
 * <p>An id is checked once, where it enters from outside (the configuration file, a URL or an
 * HTTP body, a CLI argument, a stored record or directory name read back), and travels inward
 * as this type: the storage API ({@code SegmentStore}, {@code SegmentKey}, {@code CameraDay},
 * {@code LiveFeeds}, the legal holds) takes and returns it, and so do the gateway's grants,
 * accounts, subject requests, live wall and masking, so no module re-checks or mistypes it. Where an
 * id is written out (index keys, file names, AES-GCM associated data, JSON, the ledger's
 * comma list) it is written as {@link #value()}, byte for byte the string it was made from.
 *
 * <p>Ordered as its string is (the order of storage's index keys). In JSON (stored records,
 * API replies) it is the plain string, exactly as before the type existed.
 */
public record CameraId(@JsonValue String value) implements Comparable<CameraId> {
    private static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    /** The rule in words, for error messages. */
    public static final String RULE = "lower-case letters, digits and '-', 1..32 characters, e.g. cam01";

    /** @throws IllegalArgumentException naming the id and the rule when {@code value} breaks it */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public CameraId {
        if (!isValid(value)) throw new IllegalArgumentException("'" + value + "' is not a valid camera id (" + RULE + ")");
    }

    public static CameraId of(String value) {
        return new CameraId(value);
    }

    public static boolean isValid(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }

    @Override
    public int compareTo(CameraId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
