package app.fanmail.templates.domain;

import java.util.Objects;

/**
 * One field of a template, from its first {@code {{key.DATA}}} placeholder.
 *
 * @param key         the data key, case-sensitive, e.g. {@code keyword1} or {@code thing1}
 * @param label       the text before the placeholder on its line, trimmed of whitespace and
 *                    {@code ：}/{@code :}, e.g. {@code 商品名称}; null when there is none
 * @param type        the kind of value, read from the key
 * @param offset      index of the first placeholder's opening braces in the content, in UTF-16 units
 *                    (what Java's and JavaScript's string indexes count)
 * @param line        1-based line of the first placeholder
 * @param column      1-based column of the first placeholder, in Unicode code points
 * @param occurrences how many times the placeholder appears (WeChat fills every one with the same
 *                    value)
 */
public record TemplateField(String key, String label, FieldType type, int offset, int line, int column,
                            int occurrences) {

    public TemplateField {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        if (occurrences < 1) {
            throw new IllegalArgumentException("occurrences must be at least 1");
        }
    }

    /** The placeholder appears more than once; it is still one field with one value. */
    public boolean repeated() {
        return occurrences > 1;
    }

    /** {@code first} or {@code remark}: phones have not shown these since 2023-05-04. */
    public boolean legacy() {
        return type == FieldType.LEGACY;
    }

    public boolean hasLabel() {
        return label != null;
    }

    /** The placeholder as written in the content, e.g. {@code {{keyword1.DATA}}}. */
    public String placeholder() {
        return "{{" + key + TemplateContent.DATA_SUFFIX + "}}";
    }
}
