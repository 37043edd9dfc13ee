package app.fanmail.dispatch.application;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import app.fanmail.dispatch.api.Dispatch;
import app.fanmail.dispatch.api.DispatchJob;
import app.fanmail.dispatch.api.DispatchPlan;
import app.fanmail.dispatch.api.DispatchRecipient;
import app.fanmail.dispatch.api.JobDetails;
import app.fanmail.dispatch.api.JobEvent;
import app.fanmail.dispatch.api.JobState;
import app.fanmail.dispatch.api.NewTemplateJob;
import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.kernel.graphql.UserErrorsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The dispatch facade: plans template sends ({@link TemplatePlanner}: WeChat's quota read outside any transaction),
 * creates jobs from audience snapshots ({@link TemplateJobCreator}: one transaction, all or nothing), creates follow-up
 * jobs of an ended or paused job's failed or in-doubt recipients (one insert … select), and moves jobs between states on
 * an operator's word, recording who and when.
 */
@ApplicationScoped
@Transactional
public class DispatchService implements Dispatch {
    /** Above this many recipients the planner's statistics are refreshed after the load. */
    static final int ANALYZE_FROM = 10_000;

    @Inject
    JobRepository jobs;
    @Inject
    PlanRepository plans;
    @Inject
    TemplatePlanner planner;
    @Inject
    TemplateJobCreator creator;
    @Inject
    Clock clock;
    @Inject
    DispatchAfterCommit afterCommit;

    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public DispatchJob createTemplateJob(NewTemplateJob job, String actor) {
        TemplatePlanner.Prepared prepared = planner.prepare(job);
        // WeChat's quota read before the transaction; the snapshot is measured after its recipients are written
        return creator.create(prepared, planner.quota(prepared.job().accountId()), actor);
    }

    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public DispatchPlan plan(NewTemplateJob job) {
        return planner.plan(job).plan();
    }

    @Override
    public Optional<JobDetails> details(UUID jobId) {
        return plans.details(jobId);
    }

    @Override
    public DispatchJob retryFailed(UUID originJobId, String actor) {
        return followUp(originJobId, "RETRY_FAILED", new String[] {"FAILED", "SYSTEM_FAILED"}, actor,
                "The job has no FAILED or SYSTEM_FAILED recipient to retry.");
    }

    @Override
    public DispatchJob resendInDoubt(UUID originJobId, String actor) {
        return followUp(originJobId, "RESEND_IN_DOUBT", new String[] {"IN_DOUBT"}, actor, "The job has no IN_DOUBT recipient to resend.");
    }

    private DispatchJob followUp(UUID originJobId, String kind, String[] states, String actor, String none) {
        DispatchJob origin = jobs.lock(originJobId).orElseThrow(() -> new UserErrorsException("NOT_FOUND", "jobId", "No such job."));
        if (!origin.state().ended() && origin.state() != JobState.PAUSED) {
            throw new UserErrorsException("FOLLOW_UP_REFUSED", "jobId", "A " + origin.state()
                    + " job may still change its recipients: pause it or wait until it has ended.");
        }
        if (plans.hasFollowUp(originJobId, kind)) {
            throw new UserErrorsException("FOLLOW_UP_EXISTS", "jobId", "This job already has a " + kind
                    + " follow-up that was not cancelled: cancel that one first.");
        }
        UUID id = UUID.randomUUID();
        Instant now = now();
        int total = plans.createFollowUp(originJobId, id, kind, states, actor, now);
        if (total == 0) {
            throw new UserErrorsException("NOTHING_TO_RETRY", "jobId", none); // rolls the new job back
        }
        if (total >= ANALYZE_FROM) {
            jobs.analyzeRecipients();
        }
        jobs.move(id, JobState.DRAFT, JobState.PLANNED, actor, total + " recipients (" + kind + " of " + originJobId + ")", now, null, null, null);
        return jobs.find(id).orElseThrow();
    }

    @Override
    public DispatchJob start(UUID jobId, String actor) {
        DispatchJob j = moveChecked(jobId, EnumSet.of(JobState.PLANNED), JobState.QUEUED, actor, "confirmed", null, null);
        afterCommit.kickEngine();
        return j;
    }

    @Override
    public DispatchJob pause(UUID jobId, String actor, String reason) {
        DispatchJob j = moveChecked(jobId, EnumSet.of(JobState.QUEUED, JobState.SENDING), JobState.PAUSED, actor, reason, null, "OPERATOR");
        afterCommit.kickEngine();
        return j;
    }

    @Override
    public DispatchJob resume(UUID jobId, String actor) {
        DispatchJob j = moveChecked(jobId, EnumSet.of(JobState.PAUSED), JobState.SENDING, actor, "resumed", null, null);
        afterCommit.kickEngine();
        return j;
    }

    @Override
    public DispatchJob cancel(UUID jobId, String actor, String reason) {
        DispatchJob j = moveChecked(jobId, EnumSet.of(JobState.DRAFT, JobState.PLANNED, JobState.QUEUED, JobState.SENDING, JobState.PAUSED),
                JobState.CANCELLED, actor, reason, null, null);
        jobs.skipQueued(jobId, "CANCELLED", now());
        afterCommit.kickEngine();
        return jobs.find(jobId).orElse(j);
    }

    private DispatchJob moveChecked(UUID jobId, Set<JobState> from, JobState to, String actor, String reason, Instant pausedUntil,
                                    String pauseReason) {
        DispatchJob job = jobs.lock(jobId).orElseThrow(() -> new UserErrorsException("NOT_FOUND", "id", "No such job."));
        if (!from.contains(job.state()) || !job.state().canMoveTo(to)) {
            throw new UserErrorsException("STATE_CHANGE_REFUSED", "id", "A " + job.state() + " job cannot become " + to + ".");
        }
        jobs.move(jobId, job.state(), to, actor, reason, now(), pausedUntil, pauseReason, null);
        return jobs.find(jobId).orElseThrow();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public Optional<DispatchJob> job(UUID jobId) {
        return jobs.find(jobId);
    }

    @Override
    public Map<RecipientState, Long> counts(UUID jobId) {
        return jobs.counts(jobId);
    }

    @Override
    public List<JobEvent> events(UUID jobId) {
        return jobs.events(jobId);
    }

    @Override
    public List<DispatchRecipient> recipients(UUID jobId, long afterSeq, int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new UserErrorsException("LIMIT_OUT_OF_RANGE", "limit", "Ask for 1 to 10,000 recipients.");
        }
        return jobs.recipients(jobId, afterSeq, limit);
    }
}
