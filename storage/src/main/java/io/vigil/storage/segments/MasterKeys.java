package io.vigil.storage.segments;

import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;
import javax.crypto.SecretKey;

/**
 * The master keys day keys are wrapped with: the current one (wraps new day keys) and
 * older ones by id (still unwrap the day keys they wrapped, until retired). Each stored
 * day key records the id of the master key that wrapped it.
 */
public record MasterKeys(int currentId, SecretKey current, IntFunction<Optional<SecretKey>> byId) {
    public MasterKeys {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(byId, "byId");
    }

    /** A single master key with id 1 (tests, and stores whose keystore was never rotated). */
    public static MasterKeys single(SecretKey key) {
        return new MasterKeys(1, key, id -> id == 1 ? Optional.of(key) : Optional.empty());
    }

    Optional<SecretKey> get(int id) {
        return id == currentId ? Optional.of(current) : byId.apply(id);
    }
}
