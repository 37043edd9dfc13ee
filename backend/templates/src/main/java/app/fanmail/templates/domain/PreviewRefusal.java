package app.fanmail.templates.domain;

import java.util.Objects;

import app.fanmail.templates.api.ValueRefusalReason;

/**
 * A value WeChat refuses for its field's type (47003): the message would not be sent at all, unlike a value that is
 * only cut on the phone.
 *
 * @param field   the field key
 * @param type    the type the key names
 * @param reason  why, as a stable code
 * @param limit   the type's length limit for TOO_LONG, otherwise null
 * @param message English explanation naming the field
 */
public record PreviewRefusal(String field, FieldType type, ValueRefusalReason reason, Integer limit, String message) {
    public PreviewRefusal {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    static PreviewRefusal of(ValueRules.Verdict v) {
        return new PreviewRefusal(v.key(), v.type(), v.reason(), v.limit(), v.message());
    }
}
