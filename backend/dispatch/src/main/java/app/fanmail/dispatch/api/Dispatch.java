package app.fanmail.dispatch.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sending to an audience. Bad input is refused with {@code kernel.graphql.UserErrorsException} (codes such as
 * TEMPLATE_ID_REQUIRED, FIELDS_REQUIRED, CSV_COLUMN_UNKNOWN, NOT_FOUND, STATE_CHANGE_REFUSED) and nothing is written.
 * Every state change records {@code actor} and the time on the application clock.
 */
public interface Dispatch {
    /**
     * Resolves the audience into a frozen snapshot and creates the job with one recipient per reachable member (members
     * missing a mapped CSV value are SKIPPED with reason MISSING_VALUE; the others' values are rendered from the snapshot
     * when they are sent), in state PLANNED: nothing is sent until {@link #start}.
     */
    DispatchJob createTemplateJob(NewTemplateJob job, String actor);

    /**
     * The pre-flight plan of a template send: writes nothing, sends nothing (reads WeChat's quota, outside any
     * transaction). Refused like {@link #createTemplateJob}, and with WECHAT_QUOTA_UNAVAILABLE when WeChat's quota cannot
     * be read. {@link #createTemplateJob} stores the same plan with the job (its counts from the snapshot it takes).
     */
    DispatchPlan plan(NewTemplateJob job);

    /** The job's content, audience, stored plan and origin. */
    Optional<JobDetails> details(UUID jobId);

    /**
     * A new PLANNED job of the origin's FAILED and SYSTEM_FAILED recipients (new client_msg_ids: a new job), its
     * {@code followUpOf} the origin. Refused (FOLLOW_UP_REFUSED) unless the origin is PAUSED or ended, or when an earlier retry
     * of it is not CANCELLED (FOLLOW_UP_EXISTS); NOTHING_TO_RETRY when it has no such recipient.
     */
    DispatchJob retryFailed(UUID originJobId, String actor);

    /** Like {@link #retryFailed} for the origin's IN_DOUBT recipients: they may receive the message twice. */
    DispatchJob resendInDoubt(UUID originJobId, String actor);

    /** PLANNED → QUEUED: the engine starts sending it. */
    DispatchJob start(UUID jobId, String actor);

    /** QUEUED or SENDING → PAUSED: no new sends (those in flight finish). */
    DispatchJob pause(UUID jobId, String actor, String reason);

    /** PAUSED → SENDING. */
    DispatchJob resume(UUID jobId, String actor);

    /**
     * → CANCELLED: recipients not yet sent become SKIPPED (reason CANCELLED), also those whose retry is written later;
     * those in flight finish. (A job that FAILED skips its waiting recipients likewise, reason JOB_FAILED.)
     */
    DispatchJob cancel(UUID jobId, String actor, String reason);

    Optional<DispatchJob> job(UUID jobId);

    /** Recipients by state (every state present, 0 when none), computed from stored rows. */
    Map<RecipientState, Long> counts(UUID jobId);

    /** The job's state changes, oldest first. */
    List<JobEvent> events(UUID jobId);

    /** Up to {@code limit} (1…10,000) recipients after {@code afterSeq} (0 to start), in seq order. */
    List<DispatchRecipient> recipients(UUID jobId, long afterSeq, int limit);
}
