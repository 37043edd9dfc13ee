package app.fanmail.history.graphql;

import java.time.Instant;
import java.util.List;

import app.fanmail.kernel.graphql.PageInfo;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/**
 * GraphQL types of history. The nodes (HistoryJob, HistoryRecipient, HistoryCounts and the History* enums) carry the
 * same field names as the contract's DispatchJob, DispatchRecipient, DispatchCounts and Dispatch* enums, so that the
 * one mapping in {@link HistoryNodes} can switch them to the dispatch GraphQL types when both exist in one tree.
 */
public final class HistoryTypes {
    private HistoryTypes() {
    }

    @Enum("HistoryJobKind")
    @Description("What a job sends.")
    public enum HistoryJobKind {
        @Description("Template messages.") TEMPLATE,
        @Description("Customer-service messages, inside open windows.") CUSTOMER_SERVICE,
        @Description("A mass send.") MASS
    }

    @Enum("HistoryJobState")
    @Description("Where a job is.")
    public enum HistoryJobState {
        @Description("Being written.") DRAFT,
        @Description("Recipients fixed, nothing sent.") PLANNED,
        @Description("Confirmed, waiting for a worker.") QUEUED,
        @Description("Sending.") SENDING,
        @Description("Paused by an operator, or until the daily quota resets.") PAUSED,
        @Description("Every recipient is in a final send state.") COMPLETED,
        @Description("Cancelled by an operator.") CANCELLED,
        @Description("The job itself could not go on (e.g. the account lost the permission).") FAILED
    }

    @Enum("HistoryRecipientState")
    @Description("Where one recipient is.")
    public enum HistoryRecipientState {
        @Description("Waiting to be sent.") QUEUED,
        @Description("Being sent now.") SENDING,
        @Description("WeChat accepted it (msgid kept); no delivery report yet, or one with a status Fanmail does not map.") SENT,
        @Description("WeChat reported it delivered.") DELIVERED,
        @Description("WeChat reported that the fan refuses the account's messages.") USER_BLOCKED,
        @Description("WeChat reported a system failure.") SYSTEM_FAILED,
        @Description("WeChat refused it for good (errcode and errmsg kept).") FAILED,
        @Description("Never sent (skipReason says why).") SKIPPED,
        @Description("An attempt's outcome is unknown and WeChat's duplicate window has passed; never resent automatically.") IN_DOUBT
    }

    @Input("HistoryJobFilter")
    @Description("Which jobs; every part is optional and the parts combine with AND.")
    public record HistoryJobFilter(
            @Id @Description("Jobs of this account only.") String accountId,
            @Description("Jobs of these kinds only (null or empty: every kind).") List<HistoryJobKind> kinds,
            @Description("Jobs in these states only (null or empty: every state).") List<HistoryJobState> states,
            @Description("Jobs created at or after this instant.") Instant createdFrom,
            @Description("Jobs created before this instant.") Instant createdTo,
            @Description("Jobs created by this username (exact).") String createdBy,
            @Description("Text contained in the job's title, case-insensitive; at most 128 characters.") String search) {
    }

    @Type("HistoryCounts")
    @Description("A job's recipients by state, from stored rows (same fields as DispatchCounts).")
    public record HistoryCounts(
            @NonNull @Description("Waiting to be sent.") int queued,
            @NonNull @Description("Being sent now.") int sending,
            @NonNull @Description("Accepted by WeChat, no delivery report mapped yet.") int sent,
            @NonNull @Description("Reported delivered.") int delivered,
            @NonNull @Description("Reported refused by the fan.") int userBlocked,
            @NonNull @Description("Reported as a system failure.") int systemFailed,
            @NonNull @Description("Refused by WeChat for good.") int failed,
            @NonNull @Description("Never sent.") int skipped,
            @NonNull @Description("Outcome unknown; never resent automatically.") int inDoubt,
            @NonNull @Description("Recipients in a final send state (all but queued and sending).") int done,
            @NonNull @Description("All recipients.") int total) {
    }

    @Type("HistoryJob")
    @Description("A send job as history lists it: the fields of DispatchJob without content, audience, plan and events "
            + "(dispatchJob(id) has those).")
    public record HistoryJob(
            @NonNull @Id @Description("The job's id.") String id,
            @NonNull @Id @Description("The account it sends from.") String accountId,
            @NonNull @Description("What it sends.") HistoryJobKind kind,
            @NonNull @Description("Where it is.") HistoryJobState state,
            @NonNull @Description("Its title: the template's title, or the template id when the job stored no title.") String title,
            @NonNull @Description("Its recipients (reachable members of its audience snapshot).") int total,
            @Description("Until when it waits for the daily quota's reset; null otherwise.") Instant pausedUntil,
            @Description("Why it is paused: OPERATOR or DAILY_QUOTA; null when not paused.") String pauseReason,
            @Description("Why the job failed; null unless FAILED.") String failure,
            @NonNull @Description("Who created it (username).") String createdBy,
            @NonNull @Description("When it was created.") Instant createdAt,
            @Description("When it started sending; null before.") Instant startedAt,
            @Description("When it ended (completed, cancelled or failed); null before.") Instant finishedAt) {
    }

    @Type("HistoryJobEdge")
    @Description("A job in a page of jobs.")
    public record HistoryJobEdge(
            @NonNull @Description("Pass as `after` to continue after this job.") String cursor,
            @NonNull @Description("The job.") HistoryJob node) {
    }

    @Type("HistoryJobConnection")
    @Description("A page of jobs, newest first.")
    public record HistoryJobConnection(
            @NonNull @Description("The jobs of this page.") List<@NonNull HistoryJobEdge> edges,
            @NonNull @Description("Where this page sits.") PageInfo pageInfo) {
    }

    @Input("HistoryRecipientFilter")
    @Description("Which recipients of a job; the parts combine with AND.")
    public record HistoryRecipientFilter(
            @Description("Recipients in these states only (null or empty: every state).") List<HistoryRecipientState> states,
            @Description("Recipients whose openid starts with this text (case-sensitive); at most 128 characters.") String openid) {
    }

    @Type("HistoryRecipient")
    @Description("One recipient of a job and what happened to it (same fields as DispatchRecipient).")
    public record HistoryRecipient(
            @NonNull @Description("Its position in the job (from 1), in the audience snapshot's order.") int seq,
            @NonNull @Description("The fan's openid.") String openid,
            @NonNull @Description("Where it is.") HistoryRecipientState state,
            @NonNull @Description("Attempts counted so far (throttled attempts are not counted).") int attempts,
            @Description("When WeChat accepted it; null before.") Instant sentAt,
            @Description("WeChat's msgid (a string: it exceeds 2^53); null before it was sent.") String msgid,
            @Description("WeChat's errcode of the last refusal; null when none.") Integer errcode,
            @Description("WeChat's errmsg of the last refusal; null when none.") String errmsg,
            @Description("The delivery report's status verbatim (e.g. success, failed:user block); null before a report.") String reportStatus,
            @Description("When WeChat reported it; null before a report.") Instant reportedAt,
            @Description("Why it was never sent (MISSING_VALUE, CANCELLED, JOB_FAILED); null otherwise.") String skipReason) {
    }

    @Type("HistoryRecipientEdge")
    @Description("A recipient in a page of a job's recipients.")
    public record HistoryRecipientEdge(
            @NonNull @Description("Pass as `after` to continue after this recipient (with the same filter or another).") String cursor,
            @NonNull @Description("The recipient.") HistoryRecipient node) {
    }

    @Type("HistoryRecipientConnection")
    @Description("A page of a job's recipients in seq order.")
    public record HistoryRecipientConnection(
            @NonNull @Description("The recipients of this page.") List<@NonNull HistoryRecipientEdge> edges,
            @NonNull @Description("Where this page sits.") PageInfo pageInfo) {
    }

    @Type("FanSentMessage")
    @Description("A message a job of the account sent a fan (or finally failed or skipped), with what WeChat reported.")
    public record FanSentMessage(
            @NonNull @Id @Description("The job.") String jobId,
            @NonNull @Description("What the job sends.") HistoryJobKind kind,
            @NonNull @Description("The job's title.") String title,
            @NonNull @Description("Where this message is.") HistoryRecipientState state,
            @Description("When WeChat accepted it; null when it was not sent.") Instant sentAt,
            @Description("The delivery report's status verbatim; null before a report.") String reportStatus,
            @Description("When WeChat reported it; null before a report.") Instant reportedAt,
            @Description("WeChat's errcode of the last refusal; null when none.") Integer errcode,
            @Description("WeChat's errmsg of the last refusal; null when none.") String errmsg,
            @NonNull @Description("When the job was created.") Instant createdAt,
            @NonNull @Description("The fan's position in the job.") int seq,
            @Description("WeChat's msgid; null when it was not sent.") String msgid,
            @Description("Why it was never sent; null otherwise.") String skipReason) {
    }

    @Type("FanSentMessageEdge")
    @Description("A message in a page of a fan's messages.")
    public record FanSentMessageEdge(
            @NonNull @Description("Pass as `after` to continue after this message.") String cursor,
            @NonNull @Description("The message.") FanSentMessage node) {
    }

    @Type("FanSentMessageConnection")
    @Description("A page of the messages sent to a fan, newest job first.")
    public record FanSentMessageConnection(
            @NonNull @Description("The messages of this page.") List<@NonNull FanSentMessageEdge> edges,
            @NonNull @Description("Where this page sits.") PageInfo pageInfo) {
    }

    @Type("HistoryOutcomeSlice")
    @Description("One state's part of a job's outcome (for the outcome chart).")
    public record HistoryOutcomeSlice(
            @NonNull @Description("The recipient state.") HistoryRecipientState state,
            @NonNull @Description("Recipients in it.") int count,
            @NonNull @Description("Its share of all recipients, 0 to 1 (0 when the job has none).") double share) {
    }
}
