package app.fanmail.templates.domain;

/** Where a preset takes a field's value from. */
public enum FieldSource {
    /** A fixed text, the same for every fan. */
    FIXED,
    /** The fan's remark (备注名) set by the account. */
    REMARK,
    /** The names of the fan's tags. */
    TAG_NAME,
    /** The fan's openid. */
    OPENID,
    /** A column of an uploaded CSV of recipients. */
    CSV_COLUMN
}
