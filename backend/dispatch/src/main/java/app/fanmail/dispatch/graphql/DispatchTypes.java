package app.fanmail.dispatch.graphql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import app.fanmail.audiences.graphql.AudienceTypes.AudienceSelectorInput;
import app.fanmail.dispatch.api.DispatchReads.ListedJob;
import app.fanmail.dispatch.api.FieldValue;
import app.fanmail.dispatch.api.JobDetails;
import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.dispatch.api.TemplateContent;
import app.fanmail.kernel.graphql.UserError;

/** Dispatch's GraphQL types, inputs and payloads (the shared contract: docs in /work/contract, SDL in backend/app/schema.graphql). */
public final class DispatchTypes {
    private DispatchTypes() {
    }

    @Description("What a job sends.")
    public enum DispatchJobKind {
        @Description("Template messages.") TEMPLATE,
        @Description("Customer-service messages, inside open windows.") CUSTOMER_SERVICE,
        @Description("A mass send.") MASS
    }

    @Description("Where a job is.")
    public enum DispatchJobState {
        @Description("Being written.") DRAFT,
        @Description("Recipients fixed, nothing sent: dispatchStart confirms it.") PLANNED,
        @Description("Confirmed, waiting for a worker.") QUEUED,
        @Description("Being sent.") SENDING,
        @Description("Paused by an operator, or until the daily quota resets (pausedUntil).") PAUSED,
        @Description("Every recipient is in a final send state.") COMPLETED,
        @Description("Cancelled by an operator: recipients not yet sent were skipped.") CANCELLED,
        @Description("The job itself cannot go on, e.g. the account lost the permission (failure says why).") FAILED
    }

    @Description("Where one recipient is.")
    public enum DispatchRecipientState {
        @Description("Waiting to be sent.") QUEUED,
        @Description("Being sent now.") SENDING,
        @Description("WeChat accepted it (msgid kept); no delivery report yet, or one with a status Fanmail does not map.") SENT,
        @Description("WeChat reported it delivered.") DELIVERED,
        @Description("WeChat reported that the fan refuses the account's messages.") USER_BLOCKED,
        @Description("WeChat reported a system failure (reportStatus verbatim).") SYSTEM_FAILED,
        @Description("WeChat refused it for good (errcode and errmsg kept).") FAILED,
        @Description("Never sent (skipReason says why).") SKIPPED,
        @Description("An attempt's outcome is unknown and WeChat's duplicate window has passed: never resent automatically.") IN_DOUBT
    }

    @Description("Where a template field's value comes from for each recipient.")
    public enum DispatchFieldSource {
        @Description("The text given.") FIXED,
        @Description("The fan's remark.") FAN_REMARK,
        @Description("The fan's tag names, joined with 、.") TAG_NAMES,
        @Description("The fan's openid.") OPENID,
        @Description("A column of the uploaded list the audience is.") CSV_COLUMN
    }

    @Input("DispatchFieldInput")
    @Description("One template field's value source.")
    public record DispatchFieldInput(
            @NonNull @Description("The field's key, e.g. thing1 or keyword2.") String key,
            @NonNull @Description("Where the value comes from.") DispatchFieldSource source,
            @Description("FIXED: the text.") String text,
            @Description("CSV_COLUMN: the column's name.") String column) {
    }

    @Input("DispatchTemplateContentInput")
    @Description("A template message: the template, each field's value source, an optional link or mini program.")
    public record DispatchTemplateContentInput(
            @NonNull @Id @Description("Fanmail's template id (as templatePreview takes it).") String templateId,
            @NonNull @Description("A value source for each of the template's fields.") List<@NonNull DispatchFieldInput> fields,
            @Description("The page tapping the message opens.") String url,
            @Description("The mini program tapping the message opens (WeChat prefers it to url).") String miniProgramAppId,
            @Description("The mini program's page.") String miniProgramPagePath) {
    }

    @Input("DispatchTemplateInput")
    @Description("A template send: who and what.")
    public record DispatchTemplateInput(
            @NonNull @Description("Who receives it (the account is the audience's).") AudienceSelectorInput audience,
            @NonNull @Description("What is sent.") DispatchTemplateContentInput content) {
    }

    @Input("DispatchJobIdInput")
    @Description("A job to act on.")
    public record DispatchJobIdInput(
            @NonNull @Id @Description("The job.") String jobId,
            @Description("Why (recorded with the state change).") String reason) {
    }

    @Type("DispatchPlanExclusion")
    @Description("Selected openids a send leaves out for one reason.")
    public record DispatchPlanExclusion(
            @NonNull @Description("The reason: the audience's exclusion reasons (DUPLICATE, UNKNOWN_OPENID, UNSUBSCRIBED, WINDOW_CLOSED) or "
                    + "MISSING_VALUE (no value in a mapped CSV column).") String reason,
            @NonNull @Description("How many.") int count) {
    }

    @Type("DispatchQuota")
    @Description("WeChat's daily quota of template messages today.")
    public record DispatchQuota(
            @NonNull @Description("WeChat's daily limit (openapi/quota/get).") int limit,
            @NonNull @Description("WeChat's count today.") int usedByWeChat,
            @NonNull @Description("Template messages WeChat accepted from Fanmail today (Fanmail's own count; may be ahead of WeChat's).")
            int usedByFanmail,
            @NonNull @Description("limit − the larger of both counts, at least 0.") int remaining,
            @NonNull @Description("When the quota resets: the next midnight Asia/Shanghai.") Instant resetsAt) {
    }

    @Type("DispatchPlanWarning")
    @Description("A warning about values.")
    public record DispatchPlanWarning(
            @NonNull @Description("VALUE_CUT (phones show long keywordN values cut), VALUE_TOO_LONG (WeChat refuses a typed value such as "
                    + "thingN beyond its length), VALUE_REFUSED (a fixed value WeChat refuses for its type), VALUE_EMPTY.") String code,
            @Description("The template field's key.") String field,
            @NonNull @Description("Recipients concerned.") int count,
            @NonNull @Description("English explanation.") String message) {
    }

    @Type("DispatchValue")
    @Description("A template field's value.")
    public record DispatchValue(
            @NonNull @Description("The field's key.") String key,
            @NonNull @Description("The value.") String value) {
    }

    @Type("DispatchPlanSample")
    @Description("A recipient of the plan with the values it would receive.")
    public record DispatchPlanSample(
            @NonNull @Description("The fan's openid.") String openid,
            @Description("The fan's remark.") String remark,
            @NonNull @Description("The values by field, in the content's order.") List<@NonNull DispatchValue> values) {
    }

    @Type("DispatchPlan")
    @Description("A template send's pre-flight plan; nothing was written or sent.")
    public record DispatchPlan(
            @NonNull @Description("Openids the audience selects.") int audienceSize,
            @NonNull @Description("Recipients the job would send to.") int reachable,
            @NonNull @Description("The others by every reason that can apply to the audience, 0 included (audienceSize = reachable + their sum).") List<@NonNull DispatchPlanExclusion> excluded,
            @NonNull @Description("Today's quota.") DispatchQuota quota,
            @NonNull @Description("Recipients sent today: min(reachable, quota.remaining).") int sendToday,
            @NonNull @Description("Recipients that continue by themselves after the reset (reachable − sendToday).") int sendAfterReset,
            @NonNull @Description("Warnings about values.") List<@NonNull DispatchPlanWarning> warnings,
            @NonNull @Description("Up to 3 recipients with their values (for the preview).") List<@NonNull DispatchPlanSample> sample) {
        public static DispatchPlan of(app.fanmail.dispatch.api.DispatchPlan p) {
            if (p == null) {
                return null;
            }
            List<DispatchPlanExclusion> excluded = new ArrayList<>();
            p.excluded().forEach((r, n) -> excluded.add(new DispatchPlanExclusion(r, Math.toIntExact(n))));
            var q = p.quota();
            return new DispatchPlan(Math.toIntExact(p.audienceSize()), Math.toIntExact(p.reachable()), excluded,
                    new DispatchQuota(clamp(q.limit()), clamp(q.usedByWeChat()), clamp(q.usedByFanmail()), clamp(q.remaining()), q.resetsAt()),
                    Math.toIntExact(p.sendToday()), Math.toIntExact(p.sendAfterReset()),
                    p.warnings().stream().map(w -> new DispatchPlanWarning(w.code(), w.field(), Math.toIntExact(w.count()), w.message())).toList(),
                    p.sample().stream().map(s -> new DispatchPlanSample(s.openid(), s.remark(),
                            s.values().entrySet().stream().map(e -> new DispatchValue(e.getKey(), e.getValue())).toList())).toList());
        }

        private static int clamp(long n) {
            return (int) Math.min(Integer.MAX_VALUE, n);
        }
    }

    @Type("DispatchPlanPayload")
    @Description("Result of dispatchPlan.")
    public record DispatchPlanPayload(
            @Description("The plan; null when refused.") DispatchPlan plan,
            @NonNull @Description("Why it was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Type("DispatchFieldInfo")
    @Description("One template field's value source, as stored with a job.")
    public record DispatchFieldInfo(
            @NonNull @Description("The field's key.") String key,
            @NonNull @Description("Where the value comes from.") DispatchFieldSource source,
            @Description("FIXED: the text.") String text,
            @Description("CSV_COLUMN: the column's name.") String column) {
    }

    @Type("DispatchTemplateContent")
    @Description("What a template job sends.")
    public record DispatchTemplateContent(
            @Id @Description("Fanmail's template id (null for jobs created with a WeChat template id only).") String templateId,
            @NonNull @Description("WeChat's template_id.") String wechatTemplateId,
            @Description("The template's title.") String title,
            @NonNull @Description("Each field's value source.") List<@NonNull DispatchFieldInfo> fields,
            @Description("The page tapping the message opens.") String url,
            @Description("The mini program tapping the message opens.") String miniProgramAppId,
            @Description("The mini program's page.") String miniProgramPagePath) {
        public static DispatchTemplateContent of(TemplateContent c) {
            if (c == null) {
                return null;
            }
            return new DispatchTemplateContent(c.sourceTemplateId() == null ? null : c.sourceTemplateId().toString(), c.templateId(), c.title(),
                    c.fields().entrySet().stream().map(e -> new DispatchFieldInfo(e.getKey(), DispatchFieldSource.valueOf(e.getValue().source().name()),
                            e.getValue().text(), e.getValue().column())).toList(), c.url(), c.miniProgramAppId(), c.miniProgramPagePath());
        }
    }

    @Type("DispatchCounts")
    @Description("A job's recipients by state, from stored state.")
    public record DispatchCounts(
            @NonNull @Description("QUEUED: waiting to be sent.") int queued,
            @NonNull @Description("SENDING: being sent now.") int sending,
            @NonNull @Description("SENT: accepted by WeChat, no delivery report mapped yet.") int sent,
            @NonNull @Description("DELIVERED: reported delivered.") int delivered,
            @NonNull @Description("USER_BLOCKED: reported refused by the fan.") int userBlocked,
            @NonNull @Description("SYSTEM_FAILED: reported as a system failure.") int systemFailed,
            @NonNull @Description("FAILED: refused by WeChat for good.") int failed,
            @NonNull @Description("SKIPPED: never sent.") int skipped,
            @NonNull @Description("IN_DOUBT: outcome unknown; never resent automatically.") int inDoubt,
            @NonNull @Description("Recipients in a final send state (all but QUEUED and SENDING).") int done,
            @NonNull @Description("All recipients.") int total) {
        public static DispatchCounts of(Map<RecipientState, Long> c) {
            long total = c.values().stream().mapToLong(Long::longValue).sum();
            return new DispatchCounts(n(c, RecipientState.QUEUED), n(c, RecipientState.SENDING), n(c, RecipientState.SENT),
                    n(c, RecipientState.DELIVERED), n(c, RecipientState.USER_BLOCKED), n(c, RecipientState.SYSTEM_FAILED), n(c, RecipientState.FAILED),
                    n(c, RecipientState.SKIPPED), n(c, RecipientState.IN_DOUBT),
                    Math.toIntExact(total - c.getOrDefault(RecipientState.QUEUED, 0L) - c.getOrDefault(RecipientState.SENDING, 0L)),
                    Math.toIntExact(total));
        }

        private static int n(Map<RecipientState, Long> c, RecipientState s) {
            return Math.toIntExact(c.getOrDefault(s, 0L));
        }
    }

    @Type("DispatchJobEvent")
    @Description("One state change of a job.")
    public record DispatchJobEvent(
            @NonNull @Description("When.") Instant at,
            @NonNull @Description("Who: a username, or system for the engine.") String actor,
            @Description("The state before (null for the creation).") DispatchJobState from,
            @NonNull @Description("The state after.") DispatchJobState to,
            @Description("Why.") String reason) {
    }

    @Type("DispatchRecipient")
    @Description("One recipient of a job and what happened to it.")
    public record DispatchRecipient(
            @NonNull @Description("Its position in the job (from 1), in the audience snapshot's order.") int seq,
            @NonNull @Description("The fan's openid.") String openid,
            @NonNull @Description("Where it is.") DispatchRecipientState state,
            @NonNull @Description("Attempts counted so far (throttled attempts are not counted).") int attempts,
            @Description("When WeChat accepted it; null before.") Instant sentAt,
            @Description("WeChat's msgid (a string: it exceeds 2^53); null before it was sent.") String msgid,
            @Description("WeChat's errcode of the last refusal; null when none.") Integer errcode,
            @Description("WeChat's errmsg of the last refusal; null when none.") String errmsg,
            @Description("The delivery report's status verbatim (e.g. success, failed:user block); null before a report.") String reportStatus,
            @Description("When the delivery report says it happened; null before a report.") Instant reportedAt,
            @Description("Why it was never sent (MISSING_VALUE, CANCELLED, JOB_FAILED); null otherwise.") String skipReason) {
        public static DispatchRecipient of(app.fanmail.dispatch.api.DispatchRecipient r) {
            return new DispatchRecipient(Math.toIntExact(r.seq()), r.openid(), DispatchRecipientState.valueOf(r.state().name()), r.attempts(),
                    r.sentAt(), r.msgid(), r.errcode(), r.errmsg(), r.reportStatus(), r.reportedAt(), r.skipReason());
        }
    }

    @Type("DispatchJob")
    @Description("A send job: what it sends, from which account, where it is. Its counts, events, content, audience and plan are "
            + "read from stored state when asked for (every query, mutation and subscription returning a job returns this type).")
    public record DispatchJob(
            @NonNull @Id @Description("The job's id.") String id,
            @NonNull @Id @Description("The account it sends from.") String accountId,
            @NonNull @Description("What it sends.") DispatchJobKind kind,
            @NonNull @Description("Where it is.") DispatchJobState state,
            @NonNull @Description("Its title: the template's title, or the WeChat template id when the job stored no title.") String title,
            @NonNull @Description("Its recipients (reachable members of its audience snapshot).") int total,
            @Description("Until when it waits for the daily quota's reset (pauseReason DAILY_QUOTA); null otherwise.") Instant pausedUntil,
            @Description("Why it is paused: OPERATOR or DAILY_QUOTA; null when not paused.") String pauseReason,
            @Description("Why the job failed; null unless FAILED.") String failure,
            @NonNull @Description("Who created it (username).") String createdBy,
            @NonNull @Description("When it was created.") Instant createdAt,
            @Description("When it started sending; null before.") Instant startedAt,
            @Description("When it ended (completed, cancelled or failed); null before.") Instant finishedAt,
            /* what was read with the job already (null: read when asked for) */
            @Ignore JobDetails details,
            @Ignore Map<RecipientState, Long> storedCounts) {
        /** A job with its details read (its title from them) and its counts read when asked for. */
        public static DispatchJob of(app.fanmail.dispatch.api.DispatchJob j, JobDetails d) {
            TemplateContent c = d == null ? null : d.content();
            return of(j, c == null ? "" : c.title() != null ? c.title() : c.templateId(), d, null);
        }

        /** A listed job (history's lists): details and counts read when asked for. */
        public static DispatchJob of(ListedJob listed) {
            return of(listed.job(), listed.title(), null, null);
        }

        /** A job with what was read with it: its details and its counts (null: read when asked for). */
        public static DispatchJob of(app.fanmail.dispatch.api.DispatchJob j, String title, JobDetails d, Map<RecipientState, Long> counts) {
            return new DispatchJob(j.id().toString(), j.accountId().toString(), DispatchJobKind.valueOf(j.kind().name()),
                    DispatchJobState.valueOf(j.state().name()), title, j.total(), j.pausedUntil(), j.pauseReason(), j.failure(), j.createdBy(),
                    j.createdAt(), j.startedAt(), j.finishedAt(), d, counts);
        }
    }

    @Type("DispatchJobPayload")
    @Description("Result of a dispatch mutation on a job.")
    public record DispatchJobPayload(
            @Description("The job as it is now (for dispatchCreate, dispatchRetryFailed and dispatchResendInDoubt: the new job); null when refused.")
            DispatchJob job,
            @NonNull @Description("Why it was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    /** The api's field sources from the input, in the input's order; a key given twice is refused (FIELD_KEY_REPEATED). */
    static Map<String, FieldValue> fields(List<DispatchFieldInput> in) {
        Map<String, FieldValue> out = new LinkedHashMap<>();
        List<UserError> errors = new ArrayList<>();
        if (in != null) {
            for (DispatchFieldInput f : in) {
                FieldValue v = new FieldValue(f.source() == null ? null : FieldValue.Source.valueOf(f.source().name()), f.text(), f.column());
                if (out.putIfAbsent(f.key(), v) != null) {
                    errors.add(UserError.of("FIELD_KEY_REPEATED", "content.fields." + f.key(), "Give " + f.key() + " one value source."));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new app.fanmail.kernel.graphql.UserErrorsException(errors);
        }
        return out;
    }

    @Input("DispatchTestSendInput")
    @Description("A test of a template send to the account's saved test fans, before the real send.")
    public record DispatchTestSendInput(
            @NonNull @Id @Description("The account sending it.") String accountId,
            @NonNull @Description("What is sent, as dispatchPlan and dispatchCreate take it. A CSV_COLUMN field has no list row for a "
                    + "test fan: it is sent as the column's name in brackets, e.g. [city], and the result's message says so.")
            DispatchTemplateContentInput content,
            @Description("Which test fans (their openids); all of the account's test fans when null.") List<String> openids) {
    }

    @Description("What WeChat answered to one test send.")
    public enum TestSendStatus {
        @Description("WeChat accepted it (msgid).") SENT,
        @Description("WeChat refused it or could not be reached (errcode and message).") FAILED
    }

    @Type("TestSendResult")
    @Description("The outcome of a test send to one test fan.")
    public record TestSendResult(
            @NonNull @Description("The test fan's openid.") String openid,
            @NonNull @Description("The test fan's label.") String label,
            @NonNull @Description("SENT or FAILED.") TestSendStatus status,
            @Description("WeChat's msgid when SENT.") String msgid,
            @Description("WeChat's errcode when FAILED (-1 when WeChat gave none, e.g. it could not be reached).") Integer errcode,
            @Description("WeChat's errmsg when FAILED; when SENT, a note about the values (CSV columns sent as their name in brackets) or null.")
            String message) {
    }

    @Type("DispatchTestSendPayload")
    @Description("Result of dispatchTestSend.")
    public record DispatchTestSendPayload(
            @NonNull @Description("One result per test fan sent to, in the order they were added; empty when refused.")
            List<@NonNull TestSendResult> results,
            @NonNull @Description("Why nothing was sent (the content's codes as dispatchPlan gives them, NO_TEST_FANS, OPENIDS_EMPTY, "
                    + "NOT_A_TEST_FAN); empty otherwise.") List<@NonNull UserError> userErrors) {
    }
}
