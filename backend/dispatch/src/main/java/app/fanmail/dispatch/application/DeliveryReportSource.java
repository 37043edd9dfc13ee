package app.fanmail.dispatch.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.fanmail.dispatch.api.RecipientState;

/**
 * WeChat's delivery reports in commit order (implemented over {@code wechat.api.DeliveryReports}): read after a cursor
 * and store the new cursor in the same transaction as what was done with them.
 */
public interface DeliveryReportSource {
    /**
     * One report at {@code position}. For a template report {@code msgid} and {@code status} (verbatim) are set and
     * {@code outcome} is DELIVERED, USER_BLOCKED or SYSTEM_FAILED, or null for another status text; other reports (mass
     * sends) have a null msgid and are only passed over.
     */
    record Report(long position, long inboxId, UUID accountId, String openid, String msgid, String status, RecipientState outcome,
                  Instant reportedAt) {
    }

    int MAX_READ = 1000;

    List<Report> after(long cursor, int limit);
}
