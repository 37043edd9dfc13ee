package app.fanmail.dispatch.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A job as stored: {@code total} recipients (reachable members of its snapshot), {@code pausedUntil} when it waits for
 * the daily quota's reset ({@code pauseReason} DAILY_QUOTA) or null when an operator paused it (OPERATOR).
 */
public record DispatchJob(UUID id, UUID accountId, JobKind kind, JobState state, UUID snapshotId, int total, int batchSize,
                          Instant pausedUntil, String pauseReason, String failure, String createdBy, Instant createdAt,
                          Instant updatedAt, Instant startedAt, Instant finishedAt) {
}
