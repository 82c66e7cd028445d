package io.vigil.config;

import java.util.regex.Pattern;

/**
 * A camera's id: the one rule every module applies to it (the configuration, user accounts'
 * camera lists, storage's index keys and directory names, RTSP paths). Lower-case letters,
 * digits and '-', 1..32 characters, starting with a letter or digit: safe as a directory
 * name, a URL path segment and a RocksDB key prefix, and unambiguous to read aloud.
 * It lives in {@code config}, the lowest module, so every other module can use it.
 *
 * <p>Interfaces between modules still pass the id as the validated {@code String}; this
 * type is where the rule is stated and checked.
 */
public record CameraId(String value) {
    private static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    /** The rule in words, for error messages. */
    public static final String RULE = "lower-case letters, digits and '-', 1..32 characters, e.g. cam01";

    /** @throws IllegalArgumentException naming the id and the rule when {@code value} breaks it */
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
    public String toString() {
        return value;
    }
}
