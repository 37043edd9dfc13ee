package app.fanmail.dispatch.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a job is: DRAFT (being written), PLANNED (recipients fixed, nothing sent), QUEUED (confirmed, waiting for a
 * worker), SENDING, PAUSED (by an operator, or until the daily quota resets), and the ends COMPLETED (every recipient in
 * a final send state), CANCELLED, FAILED (the job itself cannot go on, e.g. the account lost the permission).
 */
public enum JobState {
    DRAFT, PLANNED, QUEUED, SENDING, PAUSED, COMPLETED, CANCELLED, FAILED;

    /** Whether the job has ended; an ended job never changes state again. */
    public boolean ended() {
        return this == COMPLETED || this == CANCELLED || this == FAILED;
    }

    /** The states this one may move to. */
    public Set<JobState> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(PLANNED, CANCELLED, FAILED);
            case PLANNED -> EnumSet.of(QUEUED, CANCELLED);
            case QUEUED -> EnumSet.of(SENDING, PAUSED, CANCELLED, FAILED);
            case SENDING -> EnumSet.of(PAUSED, COMPLETED, CANCELLED, FAILED);
            case PAUSED -> EnumSet.of(SENDING, CANCELLED, FAILED);
            case COMPLETED, CANCELLED, FAILED -> EnumSet.noneOf(JobState.class);
        };
    }

    public boolean canMoveTo(JobState to) {
        return next().contains(to);
    }
}
