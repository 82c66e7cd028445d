package io.vigil.gateway.accounts;

import io.vigil.config.Role;
import java.time.Instant;
import java.util.List;

/**
 * A user as stored in the {@code accounts} table (key {@code user/<name>}).
 *
 * @param cameras      cameras this user holds a standing grant for (may request viewing grants)
 * @param passwordHash Argon2id PHC string; never leaves the server
 */
public record Account(String username, Role role, List<String> cameras, String passwordHash, Instant createdAt, boolean disabled) {
    public Account {
        cameras = List.copyOf(cameras);
    }

    public boolean holdsCamera(String cameraId) {
        return cameras.contains(cameraId);
    }
}
