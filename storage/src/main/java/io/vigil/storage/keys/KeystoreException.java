package io.vigil.storage.keys;

import io.vigil.storage.StorageException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The keystore file is missing, unreadable, damaged, or the passphrase is wrong.
 * Messages name the file and never contain the passphrase or key material. The
 * {@link #reason()} lets a caller word the common cases in its user's language (the
 * command line does); the message is the English for logs.
 */
public class KeystoreException extends StorageException {
    /** What went wrong, for callers that word it themselves. */
    public enum Reason { WRONG_PASSPHRASE, CORRUPTED, EXISTS, WEAK_PASSPHRASE, OTHER }

    private final Reason reason;
    private final transient Path file;
    private final String detail;

    public KeystoreException(String message) {
        this(Reason.OTHER, null, null, message);
    }

    /** A failure told from storage's bundles ({@link io.vigil.storage.StorageWords}). */
    public KeystoreException(io.vigil.storage.Reason why, Throwable cause) {
        super(why, cause);
        this.reason = Reason.OTHER;
        this.file = null;
        this.detail = null;
    }

    public KeystoreException(String message, Throwable cause) {
        super(message, cause);
        this.reason = Reason.OTHER;
        this.file = null;
        this.detail = null;
    }

    /**
     * @param file   the keystore file concerned, or null
     * @param detail what exactly (a corruption's cause), in English, or null
     */
    public KeystoreException(Reason reason, Path file, String detail, String message) {
        super(message);
        this.reason = reason;
        this.file = file;
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }
}
