package app.fanmail.dispatch.application;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import app.fanmail.dispatch.api.DispatchReads.ListedJob;
import app.fanmail.dispatch.api.JobState;
import app.fanmail.dispatch.api.RecipientState;

/**
 * What a progress subscriber sees: the job's stored state and counts, sends per second over the last few seconds,
 * the seconds left at that rate (null unless SENDING with a measured rate), when this node read it, and the job's row
 * and title as read then.
 */
public record JobProgress(UUID jobId, UUID accountId, JobState state, int total, Map<RecipientState, Long> counts, long done,
                          double ratePerSecond, Integer etaSeconds, Instant at, ListedJob job) {
    static JobProgress of(ProgressReading r, double rate, Integer eta, Instant at) {
        return new JobProgress(r.jobId(), r.accountId(), r.state(), r.total(), r.counts(), r.done(), rate, eta, at, r.job());
    }

    /** Same job state and counts (what changes a subscriber cares about, apart from the rate). */
    boolean sameAs(ProgressReading r) {
        return state == r.state() && total == r.total() && counts.equals(r.counts());
    }
}
