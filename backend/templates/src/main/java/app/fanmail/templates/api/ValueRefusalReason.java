package app.fanmail.templates.api;

/** Why WeChat refuses a template value for its field's type (47003). The names are stable codes. */
public enum ValueRefusalReason {
    /** Typed fields need a value ("data.&lt;key&gt;.value is empty"). */
    EMPTY,
    /** Longer than the type allows. */
    TOO_LONG,
    /** A character the type does not take (Chinese in character_string, digits in letter or name…). */
    CHARACTER_NOT_ALLOWED,
    /** A line break or another control character. */
    CONTROL_CHARACTER,
    /** Not a 24-hour time (ranges with ~). */
    TIME_FORMAT,
    /** Not a date (ranges with ~). */
    DATE_FORMAT,
    /** Not an amount. */
    AMOUNT_FORMAT,
    /** Not a licence plate. */
    CAR_NUMBER_FORMAT,
    /** Not a name. */
    NAME_FORMAT
}
