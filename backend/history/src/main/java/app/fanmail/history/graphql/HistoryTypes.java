package app.fanmail.history.graphql;

import java.time.Instant;
import java.util.List;

import app.fanmail.dispatch.graphql.DispatchTypes.DispatchJob;
import app.fanmail.dispatch.graphql.DispatchTypes.DispatchJobKind;
import app.fanmail.dispatch.graphql.DispatchTypes.DispatchJobState;
import app.fanmail.dispatch.graphql.DispatchTypes.DispatchRecipient;
import app.fanmail.dispatch.graphql.DispatchTypes.DispatchRecipientState;
import app.fanmail.kernel.graphql.PageInfo;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/**
 * GraphQL types of history: its filters, connections, a fan's messages and the outcome chart. A job, a recipient, their
 * counts and states are dispatch's GraphQL types (one concept, one type in the schema): DispatchJob, DispatchRecipient,
 * DispatchCounts and the Dispatch* enums (a graphql layer may use another module's graphql types).
 */
public final class HistoryTypes {
    private HistoryTypes() {
    }

    @Input("HistoryJobFilter")
    @Description("Which jobs; every part is optional and the parts combine with AND.")
    public record HistoryJobFilter(
            @Id @Description("Jobs of this account only.") String accountId,
            @Description("Jobs of these kinds only (null or empty: every kind).") List<DispatchJobKind> kinds,
            @Description("Jobs in these states only (null or empty: every state).") List<DispatchJobState> states,
            @Description("Jobs created at or after this instant.") Instant createdFrom,
            @Description("Jobs created before this instant.") Instant createdTo,
            @Description("Jobs created by this username (exact).") String createdBy,
            @Description("Text contained in the job's title, case-insensitive; at most 128 characters.") String search) {
    }

    @Type("HistoryJobEdge")
    @Description("A job in a page of jobs.")
    public record HistoryJobEdge(
            @NonNull @Description("Pass as `after` to continue after this job.") String cursor,
            @NonNull @Description("The job.") DispatchJob node) {
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
            @Description("Recipients in these states only (null or empty: every state).") List<DispatchRecipientState> states,
            @Description("Recipients whose openid starts with this text (case-sensitive); at most 128 characters.") String openid) {
    }

    @Type("HistoryRecipientEdge")
    @Description("A recipient in a page of a job's recipients.")
    public record HistoryRecipientEdge(
            @NonNull @Description("Pass as `after` to continue after this recipient (with the same filter or another).") String cursor,
            @NonNull @Description("The recipient.") DispatchRecipient node) {
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
            @NonNull @Description("What the job sends.") DispatchJobKind kind,
            @NonNull @Description("The job's title.") String title,
            @NonNull @Description("Where this message is.") DispatchRecipientState state,
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
            @NonNull @Description("The recipient state.") DispatchRecipientState state,
            @NonNull @Description("Recipients in it.") int count,
            @NonNull @Description("Its share of all recipients, 0 to 1 (0 when the job has none).") double share) {
    }
}
