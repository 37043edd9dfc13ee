package app.fanmail.dispatch.application;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.dispatch.api.DispatchPlan;
import app.fanmail.dispatch.api.JobDetails;

/** Plans stored with jobs, jobs' details, today's sends and follow-up jobs (the caller's transaction). */
public interface PlanRepository {
    /** Template messages of the account's jobs WeChat accepted at or after {@code since} (an index range per job). */
    long sentSince(UUID accountId, Instant since);

    /** Sets the job's recipient count and stores its plan, after its recipients were added. */
    void storePlanned(UUID jobId, int total, DispatchPlan plan);

    Optional<JobDetails> details(UUID jobId);

    /** Whether the origin has a follow-up job of this kind that was not cancelled. */
    boolean hasFollowUp(UUID originJobId, String kind);

    /**
     * Creates the follow-up job {@code jobId} of the origin in state DRAFT (its content, audience and snapshot; its creation
     * event) with the origin's recipients in {@code states} as QUEUED recipients (one insert … select, their seq kept: values
     * come from the origin's snapshot); returns how many recipients it got (the caller moves it on or rolls back).
     */
    int createFollowUp(UUID originJobId, UUID jobId, String kind, String[] states, String actor, Instant now);
}
