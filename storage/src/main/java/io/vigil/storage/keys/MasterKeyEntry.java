package io.vigil.storage.keys;

import java.time.Instant;
import javax.crypto.SecretKey;

/**
 * One AES-256 master key held by the keystore. Keys are never deleted by rotation: the
 * previous key stays (no longer current) until every day key it wrapped has been rewrapped
 * and the operator retires it.
 *
 * @param id      stable number of this key (1, 2, ...); store it beside anything the key wraps
 * @param created when the key was generated
 * @param key     the AES key
 */
public record MasterKeyEntry(int id, Instant created, SecretKey key) {
    @Override
    public String toString() {
        // Never print key material, even by accident in a log line.
        return "MasterKeyEntry[id=" + id + ", created=" + created + "]";
    }
}
