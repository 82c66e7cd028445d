package io.vigil.config;

import java.util.Map;

/**
 * A secret ({@link SecretRef}) cannot be read now: the variable is not set, the file is
 * missing, empty or unreadable. Says where it looked, never a value, as a key of the config
 * bundles and its arguments so the caller words it in its reader's language
 * ({@link ConfigWords}); the message is the English, for logs.
 */
public final class SecretUnavailableException extends IllegalStateException {
    private final String key;
    private final Map<String, Object> args;

    SecretUnavailableException(String key, Object... nameValuePairs) {
        this(key, ConfigValueException.pairs(nameValuePairs));
    }

    private SecretUnavailableException(String key, Map<String, Object> args) {
        super(ConfigWords.english().text(key, args));
        this.key = key;
        this.args = args;
    }

    public String key() {
        return key;
    }

    public Map<String, Object> args() {
        return args;
    }
}
