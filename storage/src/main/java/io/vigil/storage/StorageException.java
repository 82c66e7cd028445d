package io.vigil.storage;

import java.util.Optional;

/**
 * A storage failure with a message fit to show an operator: it names the segment,
 * file or setting concerned and never contains key material or passphrases. The failures an
 * operator meets first (the index in use, missing or unopenable, the keystore unreadable)
 * also carry a {@link Reason} of storage's bundles, worded in the operator's language by
 * the command line ({@link StorageWords}); the message is the English, for logs.
 */
public class StorageException extends RuntimeException {
    private final transient Reason why;

    public StorageException(String message) {
        super(message);
        this.why = null;
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
        this.why = null;
    }

    public StorageException(Reason why, Throwable cause) {
        super(StorageWords.english().text(why), cause);
        this.why = why;
    }

    /** The failure as a key of storage's bundles, when it has one. */
    public Optional<Reason> why() {
        return Optional.ofNullable(why);
    }
}
