package io.vigil.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a refusal of this module says, before it is worded: a key of the config bundles and
 * its arguments. The exceptions that carry one ({@link ConfigValueException},
 * {@link SecretUnavailableException}) and {@link ConfigProblem} are worded from it by
 * {@link ConfigWords} in the reader's language; {@link #english()} is the wording for logs.
 */
public record ConfigText(String key, Map<String, Object> args) {
    public ConfigText {
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }

    /** @param nameValuePairs the key's placeholders: name, value, name, value... */
    public static ConfigText of(String key, Object... nameValuePairs) {
        return new ConfigText(key, pairs(nameValuePairs));
    }

    /** The name/value pairs as an ordered map. */
    static Map<String, Object> pairs(Object... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) throw new IllegalArgumentException("name/value pairs expected");
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) m.put(String.valueOf(nameValuePairs[i]), nameValuePairs[i + 1]);
        return Collections.unmodifiableMap(m);
    }

    /** The English wording: the exception's message, for logs and callers that only read the message. */
    public String english() {
        return ConfigWords.english().text(key, args);
    }
}
