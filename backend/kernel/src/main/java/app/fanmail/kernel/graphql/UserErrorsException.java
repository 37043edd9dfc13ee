package app.fanmail.kernel.graphql;

import java.util.List;

import io.smallrye.graphql.api.ErrorCode;

/**
 * Thrown by application services when input breaks a business rule. It is unchecked so that the
 * surrounding transaction rolls back: a refused change leaves nothing behind. Resolvers turn it into
 * a payload's {@code userErrors}. Where a query's argument is wrong (no payload to carry it), it
 * surfaces as a top-level error with code BAD_USER_INPUT and the specific code in its message.
 */
@ErrorCode("BAD_USER_INPUT")
public class UserErrorsException extends RuntimeException {
    private final transient List<UserError> errors;

    public UserErrorsException(List<UserError> errors) {
        super(errors.isEmpty() ? "user errors" : errors.get(0).code() + ": " + errors.get(0).message());
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public UserErrorsException(UserError error) {
        this(List.of(error));
    }

    public UserErrorsException(String code, String field, String message) {
        this(new UserError(code, field, message));
    }

    public List<UserError> errors() {
        return errors;
    }
}
