package app.fanmail.templates.domain;

/**
 * How one field of a template gets its value: a fixed text, a fan attribute or a CSV column.
 * Normalized on construction: the key and the column name are trimmed; a fixed value is kept only
 * for FIXED and a column only for CSV_COLUMN (a form may send both). The fixed value is kept as
 * typed (leading spaces are the user's business).
 *
 * @param key        the template field key, e.g. {@code keyword1}
 * @param source     where the value comes from
 * @param fixedValue for FIXED: the text; otherwise null
 * @param csvColumn  for CSV_COLUMN: the column's header; otherwise null
 */
public record FieldMapping(String key, FieldSource source, String fixedValue, String csvColumn) {

    public FieldMapping {
        key = key == null ? null : key.strip();
        fixedValue = source == FieldSource.FIXED ? fixedValue : null;
        csvColumn = source == FieldSource.CSV_COLUMN && csvColumn != null ? csvColumn.strip() : null;
    }

    public static FieldMapping fixed(String key, String value) {
        return new FieldMapping(key, FieldSource.FIXED, value, null);
    }

    /** A mapping to REMARK, TAG_NAME or OPENID (FIXED and CSV_COLUMN need their own factory). */
    public static FieldMapping attribute(String key, FieldSource source) {
        if (source == FieldSource.FIXED || source == FieldSource.CSV_COLUMN) {
            throw new IllegalArgumentException(source + " is not a fan attribute");
        }
        return new FieldMapping(key, source, null, null);
    }

    public static FieldMapping csvColumn(String key, String column) {
        return new FieldMapping(key, FieldSource.CSV_COLUMN, null, column);
    }
}
