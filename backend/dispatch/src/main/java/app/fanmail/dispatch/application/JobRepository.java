package app.fanmail.dispatch.application;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.dispatch.api.DispatchJob;
import app.fanmail.dispatch.api.DispatchRecipient;
import app.fanmail.dispatch.api.JobEvent;
import app.fanmail.dispatch.api.JobState;
import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.dispatch.api.TemplateContent;

/** Jobs, their events and their recipients as stored (the caller's transaction). Every state change writes an event. */
public interface JobRepository {
    /** A new job in state DRAFT, with its creation event. */
    void insertDraft(DispatchJob job, TemplateContent content, String audienceJson, String actor);

    /**
     * Adds recipients in one statement: snapshot seqs, openids and skip reasons (null = to send; otherwise the row is SKIPPED at
     * once) aligned by index. Returns how many were added.
     */
    int addRecipients(UUID jobId, long[] seqs, String[] openids, String[] skipReasons);

    /** Sets the job's recipient count and plan (JSON) after its recipients were added. */
    void planned(UUID jobId, int total, String planJson);

    /** Brings the planner's statistics up to date after a large load (PostgreSQL's autovacuum may be off or late). */
    void analyzeRecipients();

    Optional<DispatchJob> find(UUID jobId);

    /** The job, its row locked until the transaction ends. */
    Optional<DispatchJob> lock(UUID jobId);

    /** Moves the job (the caller checked the move) and records the event; pausedUntil/pauseReason as given (null clears). */
    void move(UUID jobId, JobState from, JobState to, String actor, String reason, Instant now, Instant pausedUntil, String pauseReason,
              String failure);

    /** Recipients still QUEUED become SKIPPED with {@code reason}; returns how many. */
    int skipQueued(UUID jobId, String reason, Instant now);

    Map<RecipientState, Long> counts(UUID jobId);

    List<JobEvent> events(UUID jobId);

    List<DispatchRecipient> recipients(UUID jobId, long afterSeq, int limit);

    /**
     * The engine's periodic step (its own transaction): quota pauses whose time has come resume, QUEUED jobs start
     * SENDING, SENDING jobs with no recipient left to send complete (each with its event); returns the SENDING jobs.
     */
    List<ActiveJob> activate(Instant now);

    /** The daily quota is used up: a SENDING job pauses until {@code until} (its own transaction); false if it was not SENDING. */
    boolean pauseForQuota(UUID jobId, Instant until, String reason, Instant now);

    /** The job cannot go on: a QUEUED, SENDING or PAUSED job FAILED with the reason (its own transaction). */
    boolean fail(UUID jobId, String reason, Instant now);
}
