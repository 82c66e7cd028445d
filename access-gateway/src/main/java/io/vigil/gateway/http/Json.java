package io.vigil.gateway.http;

import io.netty.handler.codec.http.HttpResponseStatus;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.Map;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** JSON reading helpers that name the offending field in every error (400). */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private Json() {}

    public static JsonNode parseObject(byte[] body) {
        if (body == null || body.length == 0) throw ApiException.badRequest("body", "a JSON object is required");
        JsonNode n;
        try {
            n = MAPPER.readTree(body);
        } catch (Exception e) {
            throw ApiException.badRequest("body", "is not valid JSON");
        }
        if (n == null || !n.isObject()) throw ApiException.badRequest("body", "must be a JSON object");
        requireWellFormed(n, "body");
        return n;
    }

    /**
     * JSON's \\uD800 escapes can carry a lone surrogate, which no UTF-8 encoder (the ledger's,
     * the record tables') accepts: refused here, with the field's name, instead of failing later
     * as a 500.
     */
    private static void requireWellFormed(JsonNode n, String where) {
        if (n.isTextual()) {
            if (!wellFormed(n.textValue())) {
                throw ApiException.badRequest(where, "is not valid Unicode text (an unpaired surrogate)");
            }
        } else if (n.isObject()) {
            var fields = n.fields();
            while (fields.hasNext()) {
                var f = fields.next();
                if (!wellFormed(f.getKey())) {
                    throw ApiException.badRequest("body", "a field name is not valid Unicode text (an unpaired surrogate)");
                }
                // A field without a name is reported as the body's problem: an error must name something.
                requireWellFormed(f.getValue(), f.getKey().isBlank() ? "body" : f.getKey());
            }
        } else if (n.isArray()) {
            for (JsonNode e : n) requireWellFormed(e, where);
        }
    }

    static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) return false;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Free text that must say something (a purpose, a reason): at least {@code min} visible
     * characters, not counting spaces, control and format characters (zero-width spaces,
     * direction marks), combining marks alone or unassigned code points.
     */
    public static String visibleText(String field, String s, int min) {
        long visible = s.codePoints().filter(Json::isVisible).count();
        if (visible < min) {
            throw ApiException.badRequest(field, "must contain at least " + min + " visible characters");
        }
        return s.strip();
    }

    private static boolean isVisible(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) return false;
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED,
                 Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK -> false;
            default -> cp != 0x3164 && cp != 0x115F && cp != 0x1160 && cp != 0xFFA0; // Hangul fillers render blank
        };
    }

    public static String requiredString(JsonNode o, String field, int min, int max) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw ApiException.keyed(HttpResponseStatus.BAD_REQUEST, "bad-request", "error.field.required", Map.of("field", field));
        }
        if (!v.isTextual()) throw ApiException.badRequest(field, "must be a string");
        String s = v.asText();
        if (s.length() < min || s.length() > max) {
            throw ApiException.keyed(HttpResponseStatus.BAD_REQUEST, "bad-request", "error.field.length",
                    Map.of("field", field, "min", min, "max", max));
        }
        return s;
    }

    public static String optionalString(JsonNode o, String field, int max) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw ApiException.badRequest(field, "must be a string");
        if (v.asText().length() > max) throw ApiException.badRequest(field, "must be at most " + max + " characters long");
        return v.asText();
    }

    public static List<String> stringList(JsonNode o, String field, boolean required) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) throw ApiException.badRequest(field, "is required");
            return List.of();
        }
        if (!v.isArray()) throw ApiException.badRequest(field, "must be an array of strings");
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) throw ApiException.badRequest(field, "must be an array of strings");
            out.add(e.asText());
        }
        return out;
    }

    public static Instant requiredInstant(JsonNode o, String field) {
        return instant(field, requiredString(o, field, 1, 64));
    }

    public static Instant optionalInstant(JsonNode o, String field) {
        String s = optionalString(o, field, 64);
        return s == null ? null : instant(field, s);
    }

    /** ISO-8601 instant, e.g. 2026-11-25T10:00:00Z (an offset such as +09:00 is accepted). */
    public static Instant instant(String field, String s) {
        Instant t;
        try {
            t = Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                t = java.time.OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                throw ApiException.badRequest(field, "'" + abbreviate(s) + "' is not an ISO-8601 time such as 2026-11-25T10:00:00Z");
            }
        }
        if (t.isBefore(EARLIEST) || !t.isBefore(LATEST)) {
            throw ApiException.badRequest(field, "'" + abbreviate(s) + "' is outside the years 2000 to 2199");
        }
        return t;
    }

    /** Times accepted anywhere in the API: nothing Vigil records or keeps lies outside them. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
