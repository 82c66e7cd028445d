package io.vigil.storage;

/**
 * A storage failure with a message fit to show an operator: it names the segment,
 * file or setting concerned and never contains key material or passphrases.
 */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
