package app.fanmail.dispatch.domain;

/** What a failed send means for dispatch (the WeChat adapter decides the class from WeChat's own failure kinds). */
public enum FailureClass {
    /** Certainly not sent, worth retrying: refused before it left, no permit in time, token refresh failed. */
    NOT_SENT,
    /** May have been sent (timeout after writing, reset, HTTP 5xx, -1 busy): retry only with the same key in its window. */
    MAY_HAVE_BEEN_SENT,
    /** WeChat's rate limit (45011 per minute): back off and slow the job down. */
    THROTTLED,
    /** The account's daily quota of template sends is used up (45009): nothing more goes today. */
    DAILY_QUOTA,
    /** A resend would arrive after the key's duplicate window: not sent; the earlier attempt's outcome is unknown. */
    IN_DOUBT,
    /** Final for this recipient (not a follower, blocked, bad value, unknown errcode …): FAILED, the job goes on. */
    RECIPIENT_FINAL,
    /** The job cannot go on for anyone (credentials refused, no permission for the API). */
    JOB_FINAL
}
