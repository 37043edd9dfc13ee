package app.fanmail.kernel.security;

import io.smallrye.graphql.api.ErrorCode;

/** Nobody is signed in. Surfaces as a top-level GraphQL error with code UNAUTHENTICATED. */
@ErrorCode("UNAUTHENTICATED")
public class UnauthenticatedException extends RuntimeException {
    public UnauthenticatedException() {
        super("Sign in first.");
    }
}
