package app.fanmail.dispatch.api;

import java.time.Instant;

/**
 * One recipient of a job: its state, how many attempts were made, WeChat's msgid (a string: it exceeds 2^53), the
 * errcode and message of a refusal, the delivery report's status text verbatim, why it was skipped.
 */
public record DispatchRecipient(long seq, String openid, RecipientState state, int attempts, Instant firstAttemptAt, Instant sentAt,
                                String msgid, Integer errcode, String errmsg, String reportStatus, Instant reportedAt, String skipReason) {
}
