package app.fanmail.dispatch.api;

/**
 * Where one recipient is. QUEUED and SENDING are on the way; SENT (WeChat accepted it, msgid kept), FAILED (WeChat
 * refused it for good: errcode and message kept), SKIPPED (never sent: a reason kept) and IN_DOUBT (an attempt's outcome
 * is unknown and WeChat's duplicate window has passed: never resent automatically) are final send states; DELIVERED,
 * USER_BLOCKED and SYSTEM_FAILED refine SENT when WeChat's delivery report (TEMPLATESENDJOBFINISH) arrives.
 */
public enum RecipientState {
    QUEUED, SENDING, SENT, DELIVERED, USER_BLOCKED, SYSTEM_FAILED, FAILED, SKIPPED, IN_DOUBT;

    /** Whether sending is over for this recipient (a job is complete when every recipient is). */
    public boolean sendFinal() {
        return this != QUEUED && this != SENDING;
    }
}
