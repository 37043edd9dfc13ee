package app.fanmail.dispatch.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** WeChat's quotas count days in China Standard Time: they reset at midnight Asia/Shanghai. */
public final class QuotaDay {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private QuotaDay() {
    }

    /** The first instant of the next quota day after {@code now} (strictly later). */
    public static Instant nextReset(Instant now) {
        LocalDate today = now.atZone(ZONE).toLocalDate();
        return today.plusDays(1).atStartOfDay(ZONE).toInstant();
    }
}
