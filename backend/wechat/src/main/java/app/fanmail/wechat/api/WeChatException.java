package app.fanmail.wechat.api;

/**
 * A call to WeChat failed. {@link #kind()} says what the caller can do about it, {@link #certainty()}
 * whether WeChat may have processed the request anyway; the errcode and errmsg are kept verbatim
 * (unknown codes too). What each errcode and transport failure means is one table in {@code domain.ErrorCodes}, which
 * builds these exceptions with the values it decided; this class only carries them.
 */
public class WeChatException extends RuntimeException {
    /** What a failure means for the caller. */
    public enum Kind {
        /** The access token was refused; the gateway already refreshed once and retried once. */
        TOKEN_INVALID,
        /** The account's AppID/AppSecret were refused when fetching a token. */
        CREDENTIALS_INVALID,
        /** Worth retrying later with the same idempotency key: -1 system busy, timeouts, HTTP 5xx, connect failures. */
        TRANSIENT,
        /** WeChat's rate limit for this API or key (45011 per-minute quota, 45066 clientmsgid retried within 1 min): back off, then retry. */
        THROTTLED,
        /**
         * Not sent now: an earlier attempt with this idempotency key had an unknown outcome and WeChat's duplicate window
         * for the key has passed, so sending again could deliver twice. The message is in doubt; never resend it automatically.
         */
        IN_DOUBT,
        /** The daily quota of this API is used up (45009): stop until the daily reset. */
        DAILY_QUOTA,
        /** Final for this recipient; never retry: not a follower, no such user (46004), restricted (50002), refused messages, bad openid, window closed. */
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
        /** The account already has the most tags of its own (45056, {@link WeChatLimits#TAGS_PER_ACCOUNT}). */
        TAG_LIMIT,
        /** A tag with too many members cannot be deleted (45057, {@link WeChatLimits#TAG_DELETE_MAX_FANS}). */
        TAG_TOO_MANY_FANS,
        /** Tags 0, 1 and 2 are WeChat's own and cannot be changed or deleted (45058). */
        TAG_RESERVED,
        /** A fan already carries the most tags (45059, {@link WeChatLimits#TAGS_PER_FAN}). */
        FAN_TAG_LIMIT,
        /** An invalid tag name, or one another tag of the account has (45157: WeChat does not tell which). */
        TAG_NAME_INVALID,
        /** A tag name longer than {@link WeChatLimits#TAG_NAME_MAX_BYTES} bytes in UTF-8 (45158). */
        TAG_NAME_TOO_LONG,
        /** WeChat has no tag of that id (45159). */
        TAG_UNKNOWN,
        /** A remark longer than {@link WeChatLimits#REMARK_MAX_BYTES} bytes in UTF-8 (40092). */
        REMARK_TOO_LONG,
        /** The openid is not one of the account's (40003). */
        OPENID_INVALID,
        /** No such user (46004). */
        FAN_UNKNOWN,
        /** The user does not follow the account (43004). */
        NOT_FOLLOWER,
        /** None of the above. */
        NONE
    }

    /** Whether WeChat may have processed the request that failed. */
    public enum Certainty {
        /**
         * Certainly not processed: refused before it was sent (host not allowed, no permit in time, DNS failure, connection
         * refused or not established in time), or WeChat answered with an errcode that refuses it.
         */
        NOT_PROCESSED,
        /**
         * May have been processed: the request was (possibly) written and no usable answer came back (read timeout,
         * connection reset or closed after the request was written, HTTP 5xx, errcode -1 "system busy").
         * Resend only with the same idempotency key, within its window.
         */
        MAY_HAVE_BEEN_PROCESSED
    }

    private final Kind kind;
    private final Refusal refusal;
    private final Certainty certainty;
    private final int errcode;
    private final String errmsg;
    private final String field;

    /** A failure whose certainty follows from its kind: TRANSIENT may have been processed, every other kind was not. */
    public WeChatException(Kind kind, int errcode, String errmsg, String field) {
        this(kind, kind == Kind.TRANSIENT ? Certainty.MAY_HAVE_BEEN_PROCESSED : Certainty.NOT_PROCESSED, errcode, errmsg, field, null);
    }

    public WeChatException(Kind kind, Certainty certainty, int errcode, String errmsg, String field, Throwable cause) {
        this(kind, Refusal.NONE, certainty, errcode, errmsg, field, cause);
    }

    /** A failure naming the rule of WeChat's that refused it (the errcode table in {@code domain.ErrorCodes} decides which). */
    public WeChatException(Kind kind, Refusal refusal, Certainty certainty, int errcode, String errmsg, String field, Throwable cause) {
        super(kind + " (" + errcode + ", " + certainty + "): " + errmsg, cause);
        this.kind = kind;
        this.refusal = refusal == null ? Refusal.NONE : refusal;
        this.certainty = certainty;
        this.errcode = errcode;
        this.errmsg = errmsg;
        this.field = field;
    }

    public WeChatException(Kind kind, int errcode, String errmsg, String field, Throwable cause) {
        this(kind, kind == Kind.TRANSIENT ? Certainty.MAY_HAVE_BEEN_PROCESSED : Certainty.NOT_PROCESSED, errcode, errmsg, field, cause);
    }

    public Kind kind() {
        return kind;
    }

    public Certainty certainty() {
        return certainty;
    }

    /** True when WeChat may have processed the request (see {@link Certainty#MAY_HAVE_BEEN_PROCESSED}). */
    public boolean mayHaveBeenProcessed() {
        return certainty == Certainty.MAY_HAVE_BEEN_PROCESSED;
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
        return refusal;
    }

    /** Worth retrying later (TRANSIENT at once with back-off, THROTTLED after backing off), with the same idempotency key. */
    public boolean retryable() {
        return kind == Kind.TRANSIENT || kind == Kind.THROTTLED;
    }
}
