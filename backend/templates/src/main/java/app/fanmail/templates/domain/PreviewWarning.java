package app.fanmail.templates.domain;

import java.util.Objects;

/**
 * One difference between the values given and what a fan sees.
 *
 * @param code           stable code; the UI translates by code
 * @param field          the field key the warning is about
 * @param message        English explanation
 * @param originalLength for VALUE_TRUNCATED and EMOJI_REMOVED: the value's length before, in code
 *                       points; otherwise null
 * @param shownLength    for VALUE_TRUNCATED and EMOJI_REMOVED: the length after, in code points;
 *                       otherwise null
 */
public record PreviewWarning(PreviewWarningCode code, String field, String message, Integer originalLength,
                             Integer shownLength) {

    public PreviewWarning {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    static PreviewWarning of(PreviewWarningCode code, String field, String message) {
        return new PreviewWarning(code, field, message, null, null);
    }
}
