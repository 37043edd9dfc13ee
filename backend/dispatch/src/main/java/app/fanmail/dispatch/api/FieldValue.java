package app.fanmail.dispatch.api;

/**
 * Where one template field's value comes from for each recipient: FIXED {@code text}, the fan's remark, the fan's tag
 * names (joined with "、"), the fan's openid, or the {@code column} of the uploaded list the audience came from.
 */
public record FieldValue(Source source, String text, String column) {
    public enum Source { FIXED, FAN_REMARK, TAG_NAMES, OPENID, CSV_COLUMN }

    public static FieldValue fixed(String text) {
        return new FieldValue(Source.FIXED, text, null);
    }

    public static FieldValue of(Source source) {
        return new FieldValue(source, null, null);
    }

    public static FieldValue csvColumn(String column) {
        return new FieldValue(Source.CSV_COLUMN, null, column);
    }
}
