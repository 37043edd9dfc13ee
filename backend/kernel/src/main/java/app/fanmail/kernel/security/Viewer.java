package app.fanmail.kernel.security;

import java.util.Objects;
import java.util.UUID;

/**
 * The signed-in user on whose behalf a request runs. {@code mustChangePassword}: the user signed in with
 * a generated or temporary password and may do nothing but choose a new one.
 */
public record Viewer(UUID userId, String username, Role role, boolean mustChangePassword) {
    public Viewer(UUID userId, String username, Role role) {
        this(userId, username, role, false);
    }

    public Viewer {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
    }

    public boolean has(Role required) {
        return role.includes(required);
    }
}
