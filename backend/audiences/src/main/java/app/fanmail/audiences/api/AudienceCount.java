package app.fanmail.audiences.api;

import java.util.EnumMap;
import java.util.Map;

/**
 * A selector's size: {@code total} openids selected, {@code reachable} of them can be sent to, and the others by
 * reason (every reason present, 0 when none); total = reachable + the sum of excluded.
 */
public record AudienceCount(long total, long reachable, Map<ExclusionReason, Long> excluded) {
    public AudienceCount {
        EnumMap<ExclusionReason, Long> all = new EnumMap<>(ExclusionReason.class);
        for (ExclusionReason r : ExclusionReason.values()) {
            all.put(r, excluded == null ? 0L : excluded.getOrDefault(r, 0L));
        }
        excluded = Map.copyOf(all);
    }

    public long excluded(ExclusionReason reason) {
        return excluded.get(reason);
    }
}
