package app.fanmail.dispatch.domain;

import java.time.Instant;

/**
 * The quota arithmetic of a send plan. Fanmail's own count of today's sends may be ahead of WeChat's (WeChat counts
 * with a lag) and WeChat's ahead of Fanmail's (other senders share the account): the larger one is used.
 */
public final class PlanArithmetic {
    private PlanArithmetic() {
    }

    /** Today's quota: what remains of {@code limit} (never below 0) and when it resets (the next midnight Asia/Shanghai after {@code now}). */
    public record Quota(long limit, long usedByWeChat, long usedByFanmail, long remaining, Instant resetsAt) {
    }

    /** How many of the recipients go out today and how many continue after the reset. */
    public record Split(long sendToday, long sendAfterReset) {
    }

    public static Quota quota(long limit, long usedByWeChat, long usedByFanmail, Instant now) {
        long used = Math.max(Math.max(usedByWeChat, usedByFanmail), 0);
        long remaining = Math.max(0, Math.max(limit, 0) - used);
        return new Quota(limit, usedByWeChat, usedByFanmail, remaining, QuotaDay.nextReset(now));
    }

    public static Split split(long recipients, long remaining) {
        long today = Math.max(0, Math.min(recipients, remaining));
        return new Split(today, Math.max(0, recipients) - today);
    }

    /** The first instant of the quota day containing {@code now} (midnight Asia/Shanghai). */
    public static Instant dayStart(Instant now) {
        return now.atZone(QuotaDay.ZONE).toLocalDate().atStartOfDay(QuotaDay.ZONE).toInstant();
    }
}
