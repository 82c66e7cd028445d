package io.vigil.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A spelling that is not a valid value (a duration, a network, a role...), as a key of the
 * config bundles and its arguments, so the caller words it in the reader's language
 * ({@link ConfigWords}). Its message is the English wording, for logs and callers that only
 * read {@link IllegalArgumentException}.
 */
public final class ConfigValueException extends IllegalArgumentException {
    private final String key;
    private final Map<String, Object> args;

    /** @param nameValuePairs the key's placeholders: name, value, name, value... */
    public ConfigValueException(String key, Object... nameValuePairs) {
        this(key, pairs(nameValuePairs));
    }

    private ConfigValueException(String key, Map<String, Object> args) {
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

    static Map<String, Object> pairs(Object... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) throw new IllegalArgumentException("name/value pairs expected");
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) m.put(String.valueOf(nameValuePairs[i]), nameValuePairs[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }
}
