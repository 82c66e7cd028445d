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
        return n;
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
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                throw ApiException.badRequest(field, "'" + abbreviate(s) + "' is not an ISO-8601 time such as 2026-11-25T10:00:00Z");
            }
        }
    }

    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
