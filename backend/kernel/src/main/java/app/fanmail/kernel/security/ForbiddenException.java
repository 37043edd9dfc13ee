package app.fanmail.kernel.security;

import io.smallrye.graphql.api.ErrorCode;

/** The viewer's role is too low. Surfaces as a top-level GraphQL error with code FORBIDDEN. */
@ErrorCode("FORBIDDEN")
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(Role required) {
        super("This needs the " + required + " role.");
    }
}
