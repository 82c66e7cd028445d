package io.vigil.storage.keys;

import io.vigil.storage.StorageException;

/**
 * The keystore file is missing, unreadable, damaged, or the passphrase is wrong.
 * Messages name the file and never contain the passphrase or key material.
 */
public class KeystoreException extends StorageException {
    public KeystoreException(String message) {
        super(message);
    }

    public KeystoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
