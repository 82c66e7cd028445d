package io.vigil.storage.holds;

import io.vigil.storage.StorageException;

/** No legal hold has the given id (the gateway answers 404). */
public class HoldNotFoundException extends StorageException {
    public HoldNotFoundException(String id) {
        super("no legal hold with id '" + id + "'");
    }
}
