package app.fanmail.identity.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import app.fanmail.kernel.graphql.UserError;

/** What a username and a password must look like. Returns every problem at once, by field. */
public final class CredentialRules {
    public static final int PASSWORD_MIN = 10;
    public static final int PASSWORD_MAX = 128;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,31}");

    private CredentialRules() {
    }

    public static List<UserError> checkUsername(String username, String field) {
        List<UserError> errors = new ArrayList<>();
        if (username == null || !USERNAME.matcher(username).matches()) {
            errors.add(UserError.of("USERNAME_INVALID", field,
                    "A username is 3 to 32 characters: lowercase letters, digits, '.', '_' or '-', starting with a letter or digit."));
        }
        return errors;
    }

    public static List<UserError> checkPassword(String password, String field) {
        List<UserError> errors = new ArrayList<>();
        if (password == null || password.codePointCount(0, password.length()) < PASSWORD_MIN) {
            errors.add(UserError.of("PASSWORD_TOO_SHORT", field, "A password has at least " + PASSWORD_MIN + " characters."));
        } else if (password.codePointCount(0, password.length()) > PASSWORD_MAX) {
            errors.add(UserError.of("PASSWORD_TOO_LONG", field, "A password has at most " + PASSWORD_MAX + " characters."));
        }
        return errors;
    }
}
