package app.fanmail.templates.domain;

/** Why a previewed message differs from what was asked for. The names are stable codes. */
public enum PreviewWarningCode {
    /** The value is longer than WeChat shows; the rest is cut off. */
    VALUE_TRUNCATED,
    /** The value is empty or only whitespace (WeChat may refuse the send with 47003). */
    VALUE_EMPTY,
    /** No value was given for a field fans see (WeChat may refuse the send with 47003). */
    VALUE_MISSING,
    /** A value was given for a key the template does not have; WeChat ignores it. */
    UNKNOWN_KEY,
    /** A value was given for {@code first} or {@code remark}, which phones no longer show. */
    LEGACY_FIELD_HIDDEN,
    /** The value contained emoji, which WeChat no longer shows; they were removed. */
    EMOJI_REMOVED
}
