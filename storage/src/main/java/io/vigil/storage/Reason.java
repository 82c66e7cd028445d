package io.vigil.storage;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Why something is so, as a key of a bundle and its arguments, never as a sentence: the
 * modules that find a problem (the ledger verifier, fsck, the recorder) have no language,
 * the command line and the pages word it in the reader's. An argument may itself be a
 * reason (encoded, see {@link #encode}), and one whose name ends in {@code At} and holds an
 * ISO instant is shown in the site's time zone, 24-hour clock.
 *
 * <p>Where a reason must be kept as text (a gap's reason in the index), {@link #encode} writes
 * {@code @key?name=value&...} (URL-encoded); text that does not start with {@code @} and a
 * key is an older row's English sentence, shown as stored ({@link #decode} is empty for it).
 *
 * @param key  a key of the bundle that words it
 * @param args its placeholders, by name
 */
public record Reason(String key, Map<String, String> args) {
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9]+)*");
    /** One 24-hour format everywhere (docs/web.md). */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public Reason {
        if (!KEY.matcher(key).matches()) throw new IllegalArgumentException("not a bundle key: " + key);
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }

    /** @param nameValuePairs name, value, name, value...; a value is kept as its text (a Reason as its encoding) */
    public static Reason of(String key, Object... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) throw new IllegalArgumentException("name/value pairs expected");
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            Object v = nameValuePairs[i + 1];
            args.put(String.valueOf(nameValuePairs[i]), v instanceof Reason r ? r.encode() : String.valueOf(v));
        }
        return new Reason(key, args);
    }

    /** The reason as one line of text, to be stored: {@code @key?name=value&...}. */
    public String encode() {
        StringBuilder b = new StringBuilder("@").append(key);
        char sep = '?';
        for (Map.Entry<String, String> e : args.entrySet()) {
            b.append(sep).append(url(e.getKey())).append('=').append(url(e.getValue()));
            sep = '&';
        }
        return b.toString();
    }

    /** The reason {@code text} encodes, or empty when it is plain text (an older row's sentence). */
    public static Optional<Reason> decode(String text) {
        if (text == null || !text.startsWith("@")) return Optional.empty();
        int q = text.indexOf('?');
        String key = q < 0 ? text.substring(1) : text.substring(1, q);
        if (!KEY.matcher(key).matches()) return Optional.empty();
        Map<String, String> args = new LinkedHashMap<>();
        if (q >= 0 && q + 1 < text.length()) {
            for (String pair : text.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) return Optional.empty();
                try {
                    args.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException notEncodedByUs) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new Reason(key, args));
    }

    /**
     * The words of this reason: nested reasons worded first, times in {@code zone} (UTC when
     * null), then {@code format} fills the key's text of the reader's language.
     *
     * @param format the bundle: key and filled-in arguments to text
     */
    public String render(BiFunction<String, Map<String, Object>, String> format, ZoneId zone) {
        Map<String, Object> words = new LinkedHashMap<>();
        args.forEach((name, value) -> words.put(name, word(name, value, format, zone)));
        return format.apply(key, words);
    }

    /** Stored text in words: an encoded reason rendered, anything else (an older row's sentence) as it is. */
    public static String render(String stored, BiFunction<String, Map<String, Object>, String> format, ZoneId zone) {
        return decode(stored).map(r -> r.render(format, zone)).orElse(stored);
    }

    /**
     * Stored text in a form a developer reads without the bundles, for logs and tests:
     * {@code key{name=value, ...}} with nested reasons opened the same way; plain text as it is.
     */
    public static String readable(String stored) {
        Optional<Reason> r = decode(stored);
        if (r.isEmpty()) return stored;
        if (r.get().args.isEmpty()) return r.get().key;
        StringBuilder b = new StringBuilder(r.get().key).append('{');
        String sep = "";
        for (Map.Entry<String, String> e : r.get().args.entrySet()) {
            b.append(sep).append(e.getKey()).append('=').append(readable(e.getValue()));
            sep = ", ";
        }
        return b.append('}').toString();
    }

    private static Object word(String name, String value, BiFunction<String, Map<String, Object>, String> format, ZoneId zone) {
        Optional<Reason> nested = decode(value);
        if (nested.isPresent()) return nested.get().render(format, zone);
        if (name.endsWith("At")) {
            try {
                return TIME.format(Instant.parse(value).atZone(zone == null ? ZoneId.of("UTC") : zone));
            } catch (DateTimeParseException notAnInstant) {
                return value;
            }
        }
        return value;
    }

    private static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return encode();
    }
}
