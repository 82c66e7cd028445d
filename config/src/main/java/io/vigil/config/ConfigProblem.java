package io.vigil.config;

import java.util.Map;

/**
 * One thing wrong in a configuration file: where (line, dotted field path) and what would be
 * valid, as a key of the config bundles with its arguments ({@link ConfigWords} words it in
 * the reader's language). Never contains a secret: secrets are only ever references.
 */
public record ConfigProblem(String file, int line, String field, String key, Map<String, Object> args) {
    public ConfigProblem {
        args = args == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
    }

    /** A problem with its arguments as name/value pairs. */
    static ConfigProblem of(String file, int line, String field, String key, Object... nameValuePairs) {
        return new ConfigProblem(file, line, field, key, ConfigText.pairs(nameValuePairs));
    }

    /** The explanation in English (logs, tests); a reader gets {@link ConfigWords#message} in their language. */
    public String message() {
        return ConfigWords.english().message(this);
    }

    /** In {@code language}: {@code file:line: field: explanation}. */
    public String in(String language) {
        return ConfigWords.of(language).line(this);
    }

    @Override
    public String toString() {
        return ConfigWords.english().line(this);
    }
}
