package app.fanmail.templates.domain;

import java.util.Objects;

/**
 * One line of a previewed template message.
 *
 * @param key       the field key
 * @param label     the field's label, or null when the template gives none
 * @param value     the value as shown: emoji removed, cut to the display limit; empty when missing
 * @param truncated whether the value was cut (untyped values only: typed values are refused, never cut)
 * @param refused   whether WeChat refuses the value for its type (the message is not sent); the value is shown as given
 */
public record PreviewLine(String key, String label, String value, boolean truncated, boolean refused) {

    public PreviewLine {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    public PreviewLine(String key, String label, String value, boolean truncated) {
        this(key, label, value, truncated, false);
    }

    /** The line as a fan reads it, e.g. {@code 商品名称：iPhone}. */
    public String text() {
        return label == null ? value : label + "：" + value;
    }
}
