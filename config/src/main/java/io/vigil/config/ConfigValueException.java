package io.vigil.config;

/**
 * A spelling that is not a valid value (a duration, a network, a role...), as a key of the
 * config bundles and its arguments ({@link ConfigWorded}), so the caller words it in the
 * reader's language ({@link ConfigWords}). Its message is the English wording, for logs and
 * callers that only read {@link IllegalArgumentException}.
 */
public final class ConfigValueException extends IllegalArgumentException implements ConfigWorded {
    private final ConfigText text;

    /** @param nameValuePairs the key's placeholders: name, value, name, value... */
    public ConfigValueException(String key, Object... nameValuePairs) {
        this(ConfigText.of(key, nameValuePairs));
    }

    private ConfigValueException(ConfigText text) {
        super(text.english());
        this.text = text;
    }

    @Override
    public ConfigText text() {
        return text;
    }
}
