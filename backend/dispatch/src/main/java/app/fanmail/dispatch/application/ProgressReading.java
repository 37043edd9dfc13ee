package app.fanmail.dispatch.application;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import app.fanmail.dispatch.api.DispatchReads.ListedJob;
import app.fanmail.dispatch.api.JobState;
import app.fanmail.dispatch.api.RecipientState;

/**
 * A job's stored state and its recipients by state (every state present, 0 when none), read in one go, with the job's
 * row and title as read with them (what the live jobs list sends).
 */
public record ProgressReading(UUID jobId, UUID accountId, JobState state, int total, Map<RecipientState, Long> counts, ListedJob job) {
    public ProgressReading {
        Map<RecipientState, Long> all = new EnumMap<>(RecipientState.class);
        for (RecipientState s : RecipientState.values()) {
            all.put(s, counts == null ? 0L : counts.getOrDefault(s, 0L));
        }
        counts = Collections.unmodifiableMap(all);
    }

    /** Recipients in a final send state. */
    public long done() {
        long d = 0;
        for (Map.Entry<RecipientState, Long> e : counts.entrySet()) {
            if (e.getKey().sendFinal()) {
                d += e.getValue();
            }
        }
        return d;
    }
}
