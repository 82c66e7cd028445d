package io.vigil.storage.holds;

import io.vigil.storage.StorageException;

/**
 * The hold exists but cannot be changed that way: it is already released or expired
 * (the gateway answers 409). A released or expired hold is never revived, because the
 * footage it protected may already be destroyed; place a new hold instead.
 */
public class HoldStateException extends StorageException {
    public HoldStateException(String message) {
        super(message);
    }
}
