package app.fanmail.dispatch.graphql;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import app.fanmail.audiences.api.AudienceSelector;
import app.fanmail.audiences.graphql.AudienceTypes.AudienceSelectorInput;
import app.fanmail.dispatch.api.Dispatch;
import app.fanmail.dispatch.api.DispatchReads;
import app.fanmail.dispatch.api.JobDetails;
import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.dispatch.api.NewTemplateJob;
import app.fanmail.dispatch.api.TemplateContent;
import app.fanmail.dispatch.graphql.DispatchTypes.DispatchCounts;
import app.fanmail.dispatch.graphql.DispatchTypes.DispatchJob;
import app.fanmail.dispatch.graphql.DispatchTypes.DispatchJobEvent;
import app.fanmail.dispatch.graphql.DispatchTypes.DispatchJobIdInput;
import app.fanmail.dispatch.graphql.DispatchTypes.DispatchJobPayload;
import app.fanmail.dispatch.graphql.DispatchTypes.DispatchJobState;
import app.fanmail.dispatch.graphql.DispatchTypes.DispatchPlan;
import app.fanmail.dispatch.graphql.DispatchTypes.DispatchPlanPayload;
import app.fanmail.dispatch.graphql.DispatchTypes.DispatchTemplateContent;
import app.fanmail.dispatch.graphql.DispatchTypes.DispatchTemplateInput;
import app.fanmail.dispatch.graphql.DispatchTypes.DispatchTemplateContentInput;
import app.fanmail.dispatch.graphql.DispatchTypes.DispatchTestSendInput;
import app.fanmail.dispatch.graphql.DispatchTypes.DispatchTestSendPayload;
import app.fanmail.dispatch.graphql.DispatchTypes.TestSendResult;
import app.fanmail.dispatch.graphql.DispatchTypes.TestSendStatus;
import app.fanmail.dispatch.application.TemplateTestSends;
import app.fanmail.kernel.graphql.CallsWeChat;
import app.fanmail.kernel.graphql.Ids;
import app.fanmail.kernel.graphql.Mutations;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.security.CurrentViewer;
import app.fanmail.kernel.security.RequiresRole;
import app.fanmail.kernel.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Template sends: the pre-flight plan (a mutation: it is the first step of sending, reads WeChat's quota and writes
 * nothing), jobs, and the operator's commands. Everyone signed in reads, operators and admins change.
 */
@GraphQLApi
@ApplicationScoped
@RequiresRole(Role.OPERATOR)
public class DispatchGraphQL {
    @Inject
    Dispatch dispatch;
    @Inject
    DispatchReads reads;
    @Inject
    TemplateTestSends testSends;

    @Query("dispatchJob")
    @Description("One send job, or null when there is none.")
    @RequiresRole(Role.VIEWER)
    public DispatchJob dispatchJob(@NonNull @Id @Name("id") @Description("The job's id.") String id) {
        return Ids.parse(id).flatMap(this::job).orElse(null);
    }

    private Optional<DispatchJob> job(UUID id) {
        return dispatch.job(id).map(j -> DispatchJob.of(j, dispatch.details(id).orElse(null)));
    }

    @NonNull
    @Description("Its recipients by state, from stored state (for the jobs of a list, read at once).")
    @RequiresRole(Role.VIEWER)
    public List<@NonNull DispatchCounts> counts(@Source List<DispatchJob> jobs) {
        List<UUID> unread = jobs.stream().filter(j -> j.storedCounts() == null).map(j -> UUID.fromString(j.id())).distinct().toList();
        // one job: its count rows (what progress reads); a list: one query for all
        Map<UUID, Map<RecipientState, Long>> read = unread.isEmpty() ? Map.of()
                : unread.size() == 1 ? Map.of(unread.get(0), dispatch.counts(unread.get(0))) : reads.counts(unread);
        return jobs.stream().map(j -> DispatchCounts.of(j.storedCounts() != null ? j.storedCounts()
                : read.getOrDefault(UUID.fromString(j.id()), Map.of()))).toList();
    }

    @Description("What it sends; null when the job stored no content.")
    @RequiresRole(Role.VIEWER)
    public DispatchTemplateContent content(@Source DispatchJob job) {
        return details(job).map(d -> DispatchTemplateContent.of(d.content())).orElse(null);
    }

    @NonNull
    @Description("A readable description of its audience.")
    @RequiresRole(Role.VIEWER)
    public String audience(@Source DispatchJob job) {
        return details(job).map(JobDetails::audience).orElse("");
    }

    @Description("The plan stored when it was created (null for follow-up jobs and older jobs).")
    @RequiresRole(Role.VIEWER)
    public DispatchPlan plan(@Source DispatchJob job) {
        return details(job).map(d -> DispatchPlan.of(d.plan())).orElse(null);
    }

    @Id
    @Description("The job this one retries or resends (dispatchRetryFailed, dispatchResendInDoubt); null otherwise.")
    @RequiresRole(Role.VIEWER)
    public String followUpOf(@Source DispatchJob job) {
        return details(job).map(JobDetails::followUpOf).map(UUID::toString).orElse(null);
    }

    @Description("RETRY_FAILED or RESEND_IN_DOUBT for a follow-up job; null otherwise.")
    @RequiresRole(Role.VIEWER)
    public String followUpKind(@Source DispatchJob job) {
        return details(job).map(JobDetails::followUpKind).orElse(null);
    }

    /** The job's details: as read with it, else read now. */
    private Optional<JobDetails> details(DispatchJob job) {
        return job.details() != null ? Optional.of(job.details()) : dispatch.details(UUID.fromString(job.id()));
    }

    @NonNull
    @Description("Its state changes, oldest first: who, when, why.")
    @RequiresRole(Role.VIEWER)
    public List<@NonNull DispatchJobEvent> events(@Source DispatchJob job) {
        return dispatch.events(UUID.fromString(job.id())).stream().map(e -> new DispatchJobEvent(e.at(), e.actor(),
                e.from() == null ? null : DispatchJobState.valueOf(e.from().name()), DispatchJobState.valueOf(e.to().name()), e.reason())).toList();
    }

    @Mutation("dispatchPlan")
    @CallsWeChat
    @NonNull
    @Description("The pre-flight plan of a template send: audience, exclusions by reason, today's quota and the split over the reset, "
            + "warnings, sample values. Writes nothing and sends nothing.")
    public DispatchPlanPayload dispatchPlan(@NonNull @Name("input") @Description("The send to plan.") DispatchTemplateInput in) {
        return Mutations.attempt(() -> DispatchPlan.of(dispatch.plan(job(in))), p -> new DispatchPlanPayload(p, List.of()),
                e -> new DispatchPlanPayload(null, e));
    }

    @Mutation("dispatchCreate")
    @CallsWeChat
    @NonNull
    @Description("Creates a PLANNED template job from a snapshot of the audience, with its plan; nothing is sent until dispatchStart.")
    public DispatchJobPayload dispatchCreate(@NonNull @Name("input") @Description("The send to create.") DispatchTemplateInput in) {
        return payload(() -> dispatch.createTemplateJob(job(in), actor()).id());
    }

    @Mutation("dispatchStart")
    @NonNull
    @Description("Confirms a PLANNED job: QUEUED, the engine sends it.")
    public DispatchJobPayload dispatchStart(@NonNull @Name("input") @Description("The job.") DispatchJobIdInput in) {
        return payload(() -> dispatch.start(id(in), actor()).id());
    }

    @Mutation("dispatchPause")
    @NonNull
    @Description("Pauses a QUEUED or SENDING job: no new sends (those in flight finish).")
    public DispatchJobPayload dispatchPause(@NonNull @Name("input") @Description("The job and why.") DispatchJobIdInput in) {
        return payload(() -> dispatch.pause(id(in), actor(), in.reason()).id());
    }

    @Mutation("dispatchResume")
    @NonNull
    @Description("Resumes a PAUSED job.")
    public DispatchJobPayload dispatchResume(@NonNull @Name("input") @Description("The job.") DispatchJobIdInput in) {
        return payload(() -> dispatch.resume(id(in), actor()).id());
    }

    @Mutation("dispatchCancel")
    @NonNull
    @Description("Cancels a job that has not ended: recipients not yet sent are skipped (those in flight finish).")
    public DispatchJobPayload dispatchCancel(@NonNull @Name("input") @Description("The job and why.") DispatchJobIdInput in) {
        return payload(() -> dispatch.cancel(id(in), actor(), in.reason()).id());
    }

    @Mutation("dispatchRetryFailed")
    @NonNull
    @Description("A new PLANNED job of a PAUSED or ended job's FAILED and SYSTEM_FAILED recipients (followUpOf the origin).")
    public DispatchJobPayload dispatchRetryFailed(@NonNull @Name("input") @Description("The origin job.") DispatchJobIdInput in) {
        return payload(() -> dispatch.retryFailed(id(in), actor()).id());
    }

    @Mutation("dispatchResendInDoubt")
    @NonNull
    @Description("A new PLANNED job of a PAUSED or ended job's IN_DOUBT recipients: WeChat may have delivered to them already, so "
            + "they may receive the message twice.")
    public DispatchJobPayload dispatchResendInDoubt(@NonNull @Name("input") @Description("The origin job.") DispatchJobIdInput in) {
        return payload(() -> dispatch.resendInDoubt(id(in), actor()).id());
    }

    @Mutation("dispatchTestSend")
    @CallsWeChat
    @NonNull
    @Description("Sends the template message to the account's test fans (or those chosen) now and returns each one's outcome. "
            + "Creates no job; at most 20 fans.")
    public DispatchTestSendPayload dispatchTestSend(@NonNull @Name("input") @Description("The content and the test fans.") DispatchTestSendInput in) {
        return Mutations.attempt(() -> {
            UUID accountId = Ids.require(in.accountId(), "accountId", "account");
            return testSends.send(accountId, content(in.content()), in.openids(), actor());
        }, results -> new DispatchTestSendPayload(results.stream().map(r -> new TestSendResult(r.openid(), r.label(),
                r.sent() ? TestSendStatus.SENT : TestSendStatus.FAILED, r.msgid(), r.errcode(), r.message())).toList(), List.of()),
                e -> new DispatchTestSendPayload(List.of(), e));
    }

    private DispatchJobPayload payload(java.util.function.Supplier<UUID> action) {
        return Mutations.attempt(action, (Function<UUID, DispatchJobPayload>) id -> new DispatchJobPayload(job(id).orElseThrow(), List.of()),
                e -> new DispatchJobPayload(null, e));
    }

    private static UUID id(DispatchJobIdInput in) {
        return Ids.require(in.jobId(), "jobId", "job");
    }

    private static String actor() {
        return CurrentViewer.require().username();
    }

    static NewTemplateJob job(DispatchTemplateInput in) {
        AudienceSelectorInput a = in.audience();
        UUID accountId = Ids.require(a.accountId(), "audience.accountId", "account");
        return new NewTemplateJob(accountId, content(in.content()), selector(a));
    }

    static TemplateContent content(DispatchTemplateContentInput c) {
        UUID templateId = Ids.parse(c.templateId())
                .orElseThrow(() -> new UserErrorsException("TEMPLATE_NOT_FOUND", "content.templateId", "The account has no such template."));
        return new TemplateContent(null, DispatchTypes.fields(c.fields()), c.url(), c.miniProgramAppId(), c.miniProgramPagePath(), templateId, null);
    }

    static AudienceSelector selector(AudienceSelectorInput in) {
        return switch (in.kind()) {
            case ALL -> new AudienceSelector.All();
            case TAGS -> new AudienceSelector.Tags(in.tagIds(),
                    in.tagMatch() == null ? null : AudienceSelector.TagMatch.valueOf(in.tagMatch().name()));
            case UPLOAD -> new AudienceSelector.Upload(Ids.require(in.uploadId(), "audience.uploadId", "upload"));
            case SEGMENT -> new AudienceSelector.Segment(Ids.require(in.segmentId(), "audience.segmentId", "segment"));
        };
    }
}
