package app.fanmail.kernel.security;

import java.util.Objects;
import java.util.UUID;

/** The signed-in user on whose behalf a request runs. */
public record Viewer(UUID userId, String username, Role role) {
    public Viewer {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
    }

    public boolean has(Role required) {
        return role.includes(required);
    }
}
