package io.vigil.server;

import io.vigil.server.i18n.CliText;
import java.util.Map;

/**
 * A failure whose words are written for the operator: a key of the command line's bundles
 * (i18n/cli_*.properties) and its parameters. The command line prints it in its language;
 * {@link #getMessage()} is the English text, for logs and tests.
 */
public class UserFacingException extends RuntimeException {
    private final String key;
    private final Map<String, Object> params;

    /** @param nameValuePairs the placeholders' values: name, value, name, value ... */
    public UserFacingException(String key, Object... nameValuePairs) {
        this(key, CliText.params(nameValuePairs));
    }

    public UserFacingException(String key, Map<String, Object> params) {
        super(CliText.english().format(key, params), null, false, false);
        this.key = key;
        this.params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }

    public String key() {
        return key;
    }

    public Map<String, Object> params() {
        return params;
    }

    /** The words in {@code text}'s language. */
    public String in(CliText text) {
        return text.format(key, params);
    }
}
