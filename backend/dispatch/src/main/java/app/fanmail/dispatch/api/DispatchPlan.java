package app.fanmail.dispatch.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A send's pre-flight plan (nothing written, nothing sent): {@code audienceSize} openids selected, {@code reachable} of
 * them the job would send to, the others by reason ({@code excluded}: the audience's exclusion reasons by name and
 * MISSING_VALUE for members lacking a mapped CSV column's value; audienceSize = reachable + their sum); today's
 * {@code quota}; {@code sendToday} = min(reachable, quota.remaining), the rest ({@code sendAfterReset}) continues by
 * itself after the reset; {@code warnings} about values; up to 3 {@code sample} recipients with their values.
 */
public record DispatchPlan(long audienceSize, long reachable, Map<String, Long> excluded, Quota quota, long sendToday, long sendAfterReset,
                           List<Warning> warnings, List<Sample> sample) {
    public DispatchPlan {
        excluded = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(excluded));
        warnings = List.copyOf(warnings);
        sample = List.copyOf(sample);
    }

    /**
     * WeChat's daily template quota today: its {@code limit}, WeChat's count ({@code usedByWeChat}), Fanmail's own count of
     * template messages WeChat accepted today ({@code usedByFanmail}, ahead of WeChat's when its count lags), {@code
     * remaining} = limit − the larger of both (≥ 0), and when the day ends ({@code resetsAt}: midnight Asia/Shanghai).
     */
    public record Quota(long limit, long usedByWeChat, long usedByFanmail, long remaining, Instant resetsAt) {
    }

    /**
     * A warning about values: VALUE_CUT (phones show the first {@code limit} characters of longer keywordN values), VALUE_TOO_LONG
     * (WeChat refuses a typed value such as thingN beyond its limit: those recipients fail), VALUE_REFUSED (a fixed value WeChat
     * refuses for its type), VALUE_EMPTY; {@code field} the template field's key, {@code count} the recipients concerned.
     */
    public record Warning(String code, String field, long count, String message) {
    }

    /** A recipient of the plan and its values by field key (what the preview shows). */
    public record Sample(String openid, String remark, Map<String, String> values) {
        public Sample {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }
    }
}
