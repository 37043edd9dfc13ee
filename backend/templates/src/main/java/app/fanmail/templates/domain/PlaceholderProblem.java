package app.fanmail.templates.domain;

import java.util.Objects;

import app.fanmail.kernel.graphql.UserError;

/**
 * A malformed placeholder found in template content, with its position so the UI can point at it.
 *
 * @param code    stable code
 * @param text    the offending text as written, e.g. {@code {{keyword1.data}}} (an unclosed
 *                placeholder runs to the next opening braces or the end of its line)
 * @param offset  index in the content, in UTF-16 units (Java and JavaScript string indexes)
 * @param line    1-based line
 * @param column  1-based column in Unicode code points
 * @param message English explanation
 */
public record PlaceholderProblem(PlaceholderProblemCode code, String text, int offset, int line, int column,
                                 String message) {

    public PlaceholderProblem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(message, "message");
    }

    /** As a user error on the given input field (e.g. {@code content}), the position in the message. */
    public UserError toUserError(String field) {
        return UserError.of(code.name(), field,
                "Line " + line + ", column " + column + ", '" + text + "': " + message);
    }
}
