package io.vigil.gateway.requests;

import io.vigil.gateway.i18n.Messages;
import java.util.HashMap;
import java.util.Map;

/**
 * A subject-request operation refused, with words for the user: bad input (naming the
 * field), an unknown number, a move the state does not allow, or a person who may not make it.
 * Bad input carries a bundle key ({@code requests.invalid.*}) and its parameters, so the page
 * shows it in the user's language with the field's label ({@code {label}}); the English
 * message, for API clients and logs, is "field: problem".
 */
public final class RequestException extends RuntimeException {
    public enum Kind { INVALID, NOT_FOUND, CONFLICT, FORBIDDEN }

    private final Kind kind;
    private final String field;
    private final String key;
    private final Map<String, Object> params;

    private RequestException(Kind kind, String field, String key, Map<String, Object> params, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.field = field;
        this.key = key;
        this.params = params;
    }

    /**
     * Bad input in {@code field}: the words are the bundle text of {@code key}
     * ({@code requests.invalid.*}), whose {@code {label}} names the field; the English message
     * fills it with the field's wire name ("to: the window is longer ...").
     */
    static RequestException invalid(String field, String key, Map<String, ?> params) {
        Map<String, Object> p = new HashMap<>(params);
        p.put("field", field);
        Map<String, Object> english = new HashMap<>(p);
        english.put("label", field);
        return new RequestException(Kind.INVALID, field, key, Map.copyOf(p), Messages.get().format("en", key, english));
    }

    static RequestException invalid(String field, String key) {
        return invalid(field, key, Map.of());
    }

    static RequestException notFound(String number) {
        return new RequestException(Kind.NOT_FOUND, null, null, Map.of(), "no subject request " + number);
    }

    static RequestException conflict(String message) {
        return new RequestException(Kind.CONFLICT, null, null, Map.of(), message);
    }

    static RequestException forbidden(String message) {
        return new RequestException(Kind.FORBIDDEN, null, null, Map.of(), message);
    }

    public Kind kind() {
        return kind;
    }

    /** The offending field for {@link Kind#INVALID}, else null. */
    public String field() {
        return field;
    }

    /** For {@link Kind#INVALID}: the bundle key of the words. */
    public String key() {
        return key;
    }

    /** For {@link Kind#INVALID}: the key's parameters, {@code field} among them ({@code label} is the page's to fill). */
    public Map<String, Object> params() {
        return params;
    }
}
