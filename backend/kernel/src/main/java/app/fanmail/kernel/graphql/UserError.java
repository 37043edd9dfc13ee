package app.fanmail.kernel.graphql;

import java.util.Objects;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/**
 * A business failure the user can fix: a stable code the UI translates, the input field it belongs
 * to (null for the whole form) and an English message for API clients.
 */
@Type("UserError")
@Description("A business failure the user can fix. Nothing was changed.")
public record UserError(
        @NonNull @Description("Stable, SCREAMING_SNAKE code, e.g. APP_ID_TAKEN; clients translate by code.") String code,
        @Description("The input field the error belongs to, or null when it concerns the whole input.") String field,
        @NonNull @Description("Human-readable explanation in English.") String message) {

    public UserError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static UserError of(String code, String field, String message) {
        return new UserError(code, field, message);
    }
}
