package app.fanmail.kernel.graphql;

import java.util.Optional;
import java.util.UUID;

/** GraphQL ids are UUID strings; one that does not parse names nothing that exists. */
public final class Ids {
    private Ids() {
    }

    public static Optional<UUID> parse(String id) {
        try {
            return id == null ? Optional.empty() : Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The UUID, or a NOT_FOUND user error on {@code field} saying "No such {@code what}.". */
    public static UUID require(String id, String field, String what) {
        return parse(id).orElseThrow(() -> new UserErrorsException("NOT_FOUND", field, "No such " + what + "."));
    }
}
