package io.vigil.gateway.accounts;

import io.vigil.config.CameraId;
import io.vigil.config.Role;
import java.time.Instant;
import java.util.List;

/**
 * A user as stored in the {@code accounts} table (key {@code user/<name>}).
 *
 * @param cameras            cameras this user holds a standing grant for (may request viewing grants)
 * @param passwordHash       Argon2id PHC string; never leaves the server
 * @param mustChangePassword the password is a one-time password from a reset: the user must change it before anything else
 * @param language           the user's chosen language ("ko", "en"), or null for the site's default
 * @param proposal           cameras an administrator proposed to add, awaiting a privacy officer's approval, or null
 */
public record Account(String username, Role role, List<CameraId> cameras, String passwordHash, Instant createdAt, boolean disabled,
                      boolean mustChangePassword, String language, CameraProposal proposal) {
    public Account {
        cameras = List.copyOf(cameras);
    }

    /** Cameras proposed for an account by one person, held back until a second person approves. */
    public record CameraProposal(List<CameraId> cameras, String proposedBy, Instant proposedAt) {
        public CameraProposal {
            cameras = List.copyOf(cameras);
        }
    }

    public boolean holdsCamera(CameraId camera) {
        return cameras.contains(camera);
    }

    public Account withDisabled(boolean d) {
        return new Account(username, role, cameras, passwordHash, createdAt, d, mustChangePassword, language, proposal);
    }

    public Account withPassword(String hash, boolean mustChange) {
        return new Account(username, role, cameras, hash, createdAt, disabled, mustChange, language, proposal);
    }

    public Account withCameras(List<CameraId> c, CameraProposal p) {
        return new Account(username, role, c, passwordHash, createdAt, disabled, mustChangePassword, language, p);
    }

    public Account withLanguage(String l) {
        return new Account(username, role, cameras, passwordHash, createdAt, disabled, mustChangePassword, l, proposal);
    }
}
