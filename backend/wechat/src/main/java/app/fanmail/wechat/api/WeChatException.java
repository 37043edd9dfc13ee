package app.fanmail.wechat.api;

/**
 * A call to WeChat failed. {@link #kind()} says what the caller can do about it; the errcode and
 * errmsg are kept verbatim (unknown codes too).
 */
public class WeChatException extends RuntimeException {
    /** What a failure means for the caller. */
    public enum Kind {
        /** The access token was refused; the gateway already refreshed once and retried once. */
        TOKEN_INVALID,
        /** The account's AppID/AppSecret were refused when fetching a token. */
        CREDENTIALS_INVALID,
        /** Worth retrying later with the same idempotency key: -1 system busy, timeouts, HTTP 5xx. */
        TRANSIENT,
        /** The daily quota of this API is used up (45009): stop until the daily reset. */
        DAILY_QUOTA,
        /** Final for this recipient; never retry: not a follower, blocked, refused messages, bad openid, window closed. */
        RECIPIENT_FINAL,
        /** The request itself is wrong (47003 names the field in {@link #field()}): fix the input. */
        REQUEST_INVALID,
        /** The account lacks the permission or API access (48001, 40164 IP not whitelisted). */
        PERMISSION,
        /** A rule of WeChat's refused the request (limits such as 45026 templates, 43100 industry changes, 45028 mass quota). */
        LIMIT,
        /** Anything else; the errcode tells. */
        OTHER
    }

    /**
     * Which rule of WeChat's refused a request, for callers that explain it to people; NONE for
     * every other failure. Mapped from errcodes in one place ({@code domain.ErrorCodes}).
     */
    public enum Refusal {
        /** The industries were already changed this month (43100). */
        INDUSTRY_CHANGED_TOO_OFTEN,
        /** WeChat does not know the industry ids (40102). */
        INDUSTRY_INVALID,
        /** The account already holds the most templates (45026). */
        TEMPLATE_LIMIT,
        /** The library template is outside the account's industries or categories (45027). */
        TEMPLATE_OUTSIDE_SETUP,
        /** No such template id or library short id (40037). */
        TEMPLATE_UNKNOWN,
        /** A keyword name the library template does not have (40246). */
        KEYWORD_UNKNOWN,
        /** The categories were already changed the most times this month (53300). */
        CATEGORY_MONTHLY_LIMIT,
        /** More categories than an account may have (53301). */
        CATEGORY_COUNT_LIMIT,
        /** Unknown category, or one not selected, or a wrong parent (53303). */
        CATEGORY_INVALID,
        /** A category already selected (53304). */
        CATEGORY_DUPLICATE,
        /** None of the above. */
        NONE
    }

    private final Kind kind;
    private final int errcode;
    private final String errmsg;
    private final String field;

    public WeChatException(Kind kind, int errcode, String errmsg, String field) {
        super(kind + " (" + errcode + "): " + errmsg);
        this.kind = kind;
        this.errcode = errcode;
        this.errmsg = errmsg;
        this.field = field;
    }

    public WeChatException(Kind kind, int errcode, String errmsg, String field, Throwable cause) {
        this(kind, errcode, errmsg, field);
        initCause(cause);
    }

    public Kind kind() {
        return kind;
    }

    public int errcode() {
        return errcode;
    }

    public String errmsg() {
        return errmsg;
    }

    /** For 47003 "argument invalid! data.&lt;key&gt;.value …": the input field WeChat named, else null. */
    public String field() {
        return field;
    }

    /** The rule that refused the request, when it is one callers explain; NONE otherwise. */
    public Refusal refusal() {
        return app.fanmail.wechat.domain.ErrorCodes.refusalOf(errcode);
    }

    public boolean retryable() {
        return kind == Kind.TRANSIENT;
    }
}
