package io.vigil.gateway.accounts;

import io.vigil.gateway.i18n.Messages;
import java.util.Map;

/**
 * An account change that is not allowed or not possible, with the bundle key of its
 * words: the web shows them in the user's language, the command line in English.
 */
public final class AccountChangeRefused extends RuntimeException {
    /** What kind of refusal: decides the HTTP status. */
    public enum Kind { INVALID, NOT_FOUND, CONFLICT, FORBIDDEN }

    private final Kind kind;
    private final String key;
    private final Map<String, Object> params;

    public AccountChangeRefused(Kind kind, String key, Map<String, ?> params) {
        super(Messages.get().format("en", key, params), null, false, false);
        this.kind = kind;
        this.key = key;
        this.params = Map.copyOf(params);
    }

    public Kind kind() { return kind; }
    public String key() { return key; }
    public Map<String, Object> params() { return params; }
}
