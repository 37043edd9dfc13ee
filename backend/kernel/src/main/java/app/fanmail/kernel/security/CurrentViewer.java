package app.fanmail.kernel.security;

import java.util.Optional;

/**
 * The viewer bound to the current thread. The web layer binds it for an HTTP request or a
 * WebSocket message and always unbinds it afterwards ({@link #bind} returns the scope to close).
 */
public final class CurrentViewer {
    private static final ThreadLocal<Viewer> CURRENT = new ThreadLocal<>();

    private CurrentViewer() {
    }

    public static Optional<Viewer> get() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The viewer, or {@link UnauthenticatedException} when nobody is signed in. */
    public static Viewer require() {
        Viewer viewer = CURRENT.get();
        if (viewer == null) {
            throw new UnauthenticatedException();
        }
        return viewer;
    }

    /** The viewer if it has {@code role}; otherwise an authentication or authorisation failure. */
    public static Viewer require(Role role) {
        Viewer viewer = require();
        if (!viewer.has(role)) {
            throw new ForbiddenException(role);
        }
        return viewer;
    }

    public static Scope bind(Viewer viewer) {
        Viewer previous = CURRENT.get();
        CURRENT.set(viewer);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Restores the previous binding when closed. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
