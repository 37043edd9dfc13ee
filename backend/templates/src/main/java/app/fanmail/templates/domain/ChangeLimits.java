package app.fanmail.templates.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * WeChat's monthly limits on changing the template setup: the industry model allows one change per
 * calendar month, the category model five. Months are calendar months in China Standard Time
 * (Asia/Shanghai), not UTC: 2026-01-31T16:30Z is already 1 February in China. The limits are
 * configurable because WeChat changes them.
 */
public final class ChangeLimits {
    /** The time zone WeChat counts days and months in. */
    public static final ZoneId CHINA_TIME = ZoneId.of("Asia/Shanghai");

    private final Clock clock;
    private final Map<SetupModel, Integer> limits = new EnumMap<>(SetupModel.class);

    /** With WeChat's documented limits (1 per month for industries, 5 for categories). */
    public ChangeLimits(Clock clock) {
        this(clock, SetupModel.INDUSTRY.defaultChangesPerMonth(), SetupModel.CATEGORY.defaultChangesPerMonth());
    }

    public ChangeLimits(Clock clock, int industryChangesPerMonth, int categoryChangesPerMonth) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (industryChangesPerMonth < 1 || categoryChangesPerMonth < 1) {
            throw new IllegalArgumentException("a monthly change limit is at least 1");
        }
        limits.put(SetupModel.INDUSTRY, industryChangesPerMonth);
        limits.put(SetupModel.CATEGORY, categoryChangesPerMonth);
    }

    /** The monthly limit of a model. */
    public int limit(SetupModel model) {
        return limits.get(model);
    }

    /**
     * Whether a change is allowed now, given the instants of earlier changes (any order, any age;
     * only those in the current China month count, later months are ignored).
     */
    public ChangeAllowance check(SetupModel model, Collection<Instant> history) {
        Objects.requireNonNull(model, "model");
        Instant now = clock.instant();
        YearMonth month = monthOf(now);
        int used = 0;
        if (history != null) {
            for (Instant change : history) {
                if (change != null && monthOf(change).equals(month)) {
                    used++;
                }
            }
        }
        int limit = limit(model);
        boolean allowed = used < limit;
        Instant resetsAt = startOfNextMonth(now);
        return new ChangeAllowance(model, allowed, limit, used, month, resetsAt, allowed ? null : resetsAt);
    }

    /** The calendar month of an instant in China time. */
    public static YearMonth monthOf(Instant instant) {
        return YearMonth.from(instant.atZone(CHINA_TIME));
    }

    /** The first instant of the China-time month after the one {@code instant} is in. */
    public static Instant startOfNextMonth(Instant instant) {
        return monthOf(instant).plusMonths(1).atDay(1).atStartOfDay(CHINA_TIME).toInstant();
    }
}
