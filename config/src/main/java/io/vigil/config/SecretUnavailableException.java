package io.vigil.config;

/**
 * A secret ({@link SecretRef}) cannot be read now: the variable is not set, the file is
 * missing, empty or unreadable. Says where it looked, never a value, as a key of the config
 * bundles and its arguments ({@link ConfigWorded}) so the caller words it in its reader's
 * language ({@link ConfigWords}); the message is the English, for logs. An
 * {@link IllegalStateException}, unlike {@link ConfigValueException}: the reference is
 * valid, what it points to is not there now.
 */
public final class SecretUnavailableException extends IllegalStateException implements ConfigWorded {
    private final ConfigText text;

    SecretUnavailableException(ConfigText text) {
        super(text.english());
        this.text = text;
    }

    @Override
    public ConfigText text() {
        return text;
    }
}
