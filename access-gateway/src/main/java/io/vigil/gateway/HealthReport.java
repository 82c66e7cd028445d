package io.vigil.gateway;

import io.vigil.gateway.i18n.Messages;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One check's verdict for {@code /health}: its status, every problem as a bundle key with
 * parameters (the admin page words it in the reader's language, monitoring tools get it in
 * the site's language), and facts an operator needs (free space, the latest ledger head...).
 *
 * @param status   the check's status
 * @param problems why it is not UP (empty when UP)
 * @param details  facts for the body, in insertion order; values are JSON-friendly
 */
public record HealthReport(HealthStatus status, List<Problem> problems, Map<String, Object> details) {
    /**
     * A reason in words: a key of the i18n bundles and its parameters. A parameter may be a
     * Problem itself (a camera's reason inside "camera down"), an {@link Instant}, or an ISO
     * instant under a name ending in {@code At}; {@link #render} words each in the language.
     */
    public record Problem(String key, Map<String, ?> params) {
        /** One 24-hour format everywhere, in the site's time zone (docs/web.md). */
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

        public Problem {
            params = params == null ? Map.of() : params;
        }

        /** The text in {@code language}, times in {@code zone}. */
        public String render(String language, ZoneId zone) {
            Map<String, Object> words = new LinkedHashMap<>();
            params.forEach((name, value) -> words.put(name, word(name, value, language, zone)));
            return Messages.get().format(language, key, words);
        }

        private static Object word(String name, Object value, String language, ZoneId zone) {
            if (value instanceof Problem p) return p.render(language, zone);
            // An argument the recorder encoded as a reason (an RTSP failure inside "connection failed: ..."): its words.
            if (value instanceof String s && s.startsWith("@")) return io.vigil.gateway.i18n.StoredReasons.words(s, language, zone);
            if (value instanceof Instant i) return TIME.format(i.atZone(zone));
            if (value instanceof String s && name.endsWith("At")) {
                try {
                    return TIME.format(Instant.parse(s).atZone(zone));
                } catch (DateTimeParseException notAnInstant) {
                    return s;
                }
            }
            return value;
        }
    }

    public HealthReport {
        problems = List.copyOf(problems);
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** A check that says only its status (the older checks: requests, ledger readable). */
    public static HealthReport of(HealthStatus status) {
        return new HealthReport(status, List.of(), Map.of());
    }

    /** A reason that comes in words from a module without bundles (the purge daemon, in English). */
    public static Problem text(String text) {
        return new Problem("health.problem.text", Map.of("text", text));
    }
}
