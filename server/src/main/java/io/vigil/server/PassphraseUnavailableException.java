package io.vigil.server;

import io.vigil.config.ConfigWords;
import io.vigil.config.SecretUnavailableException;
import io.vigil.server.i18n.CliText;

/**
 * The keystore passphrase cannot be read (variable not set, file missing or empty): the
 * command line's frame ({@code error.passphrase}) around the config module's words for where
 * it looked, both in the operator's language.
 */
public final class PassphraseUnavailableException extends UserFacingException {
    private final transient SecretUnavailableException secret;

    PassphraseUnavailableException(SecretUnavailableException secret) {
        super("error.passphrase", "detail", secret.getMessage());
        this.secret = secret;
    }

    @Override
    public String in(CliText text) {
        return text.t("error.passphrase", "detail", ConfigWords.of(text.language()).text(secret.key(), secret.args()));
    }
}
