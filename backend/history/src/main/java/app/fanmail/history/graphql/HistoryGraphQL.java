package app.fanmail.history.graphql;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import app.fanmail.dispatch.api.Dispatch;
import app.fanmail.dispatch.api.DispatchReads;
import app.fanmail.dispatch.api.DispatchReads.JobKey;
import app.fanmail.dispatch.api.DispatchReads.JobQuery;
import app.fanmail.dispatch.api.DispatchReads.ListedJob;
import app.fanmail.dispatch.api.DispatchReads.RecipientQuery;
import app.fanmail.dispatch.api.DispatchReads.SentKey;
import app.fanmail.dispatch.api.DispatchReads.SentToFan;
import app.fanmail.dispatch.api.DispatchRecipient;
import app.fanmail.dispatch.api.JobKind;
import app.fanmail.dispatch.api.JobState;
import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.dispatch.graphql.DispatchTypes;
import app.fanmail.history.domain.HistoryCursors;
import app.fanmail.history.graphql.HistoryTypes.FanSentMessageConnection;
import app.fanmail.history.graphql.HistoryTypes.FanSentMessageEdge;
import app.fanmail.history.graphql.HistoryTypes.HistoryJobConnection;
import app.fanmail.history.graphql.HistoryTypes.HistoryJobEdge;
import app.fanmail.history.graphql.HistoryTypes.HistoryJobFilter;
import app.fanmail.history.graphql.HistoryTypes.HistoryOutcomeSlice;
import app.fanmail.history.graphql.HistoryTypes.HistoryRecipientConnection;
import app.fanmail.history.graphql.HistoryTypes.HistoryRecipientEdge;
import app.fanmail.history.graphql.HistoryTypes.HistoryRecipientFilter;
import app.fanmail.kernel.graphql.Cursor;
import app.fanmail.kernel.graphql.Ids;
import app.fanmail.kernel.graphql.PageInfo;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.security.RequiresRole;
import app.fanmail.kernel.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/**
 * History's reads: every job by filter, a job's recipients by state and openid prefix, what a fan was sent, and a job's
 * outcome for its chart. Everyone signed in reads (VIEWER). Lists are keyset connections: deep pages cost what the
 * first does. The CSV export is REST ({@code GET /api/history/jobs/{jobId}/recipients.csv}).
 */
@GraphQLApi
@ApplicationScoped
@RequiresRole(Role.VIEWER)
public class HistoryGraphQL {
    static final int MAX_PAGE = 200;

    @Inject
    DispatchReads reads;
    @Inject
    Dispatch dispatch;

    @Query("historyJobs")
    @NonNull
    @Description("Every send job matching the filter, newest first (created, then id).")
    public HistoryJobConnection historyJobs(
            @Name("filter") @Description("Which jobs; all when null.") HistoryJobFilter filter,
            @Name("first") @DefaultValue("20") @Description("Page size, 1–200.") Integer first,
            @Name("after") @Description("Cursor of the last job of the previous page.") String after) {
        int size = Cursor.pageSize(first, 20, MAX_PAGE);
        JobKey key = HistoryCursors.job(after);
        List<ListedJob> rows = reads.jobs(query(filter), key, size + 1);
        List<HistoryJobEdge> edges = new ArrayList<>();
        for (ListedJob j : rows.subList(0, Math.min(size, rows.size()))) {
            edges.add(new HistoryJobEdge(HistoryCursors.job(new JobKey(j.job().createdAt(), j.job().id())), DispatchTypes.DispatchJob.of(j)));
        }
        return new HistoryJobConnection(edges, new PageInfo(rows.size() > size, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
    }

    @Query("historyRecipients")
    @NonNull
    @Description("A job's recipients matching the filter, in seq order; an unknown job has none.")
    public HistoryRecipientConnection historyRecipients(
            @NonNull @Id @Name("jobId") @Description("The job.") String jobId,
            @Name("filter") @Description("Which recipients; all when null.") HistoryRecipientFilter filter,
            @Name("first") @DefaultValue("50") @Description("Page size, 1–200.") Integer first,
            @Name("after") @Description("Cursor of the last recipient of the previous page.") String after) {
        int size = Cursor.pageSize(first, 50, MAX_PAGE);
        long afterSeq = HistoryCursors.recipient(after);
        UUID id = Ids.parse(jobId).orElse(null);
        if (id == null) {
            return new HistoryRecipientConnection(List.of(), new PageInfo(false, null));
        }
        RecipientQuery query = filter == null ? RecipientQuery.all()
                : new RecipientQuery(recipientStates(filter.states()), filter.openid());
        List<DispatchRecipient> rows = reads.recipients(id, query, afterSeq, size + 1);
        List<HistoryRecipientEdge> edges = new ArrayList<>();
        for (DispatchRecipient r : rows.subList(0, Math.min(size, rows.size()))) {
            edges.add(new HistoryRecipientEdge(HistoryCursors.recipient(r.seq()), DispatchTypes.DispatchRecipient.of(r)));
        }
        return new HistoryRecipientConnection(edges, new PageInfo(rows.size() > size,
                edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
    }

    @Query("fanSentMessages")
    @NonNull
    @Description("What the account's jobs sent the fan and what WeChat reported, newest job first. Lists messages whose sending "
            + "is over (sent, failed, skipped, in doubt); those still queued or being sent appear when they are.")
    public FanSentMessageConnection fanSentMessages(
            @NonNull @Id @Name("accountId") @Description("The account.") String accountId,
            @NonNull @Name("openid") @Description("The fan's openid for this account.") String openid,
            @Name("first") @DefaultValue("20") @Description("Page size, 1–200.") Integer first,
            @Name("after") @Description("Cursor of the last message of the previous page.") String after) {
        int size = Cursor.pageSize(first, 20, MAX_PAGE);
        SentKey key = HistoryCursors.sent(after);
        UUID account = Ids.require(accountId, "accountId", "account");
        List<SentToFan> rows = reads.sentToFan(account, openid.strip(), key, size + 1);
        List<FanSentMessageEdge> edges = new ArrayList<>();
        for (SentToFan s : rows.subList(0, Math.min(size, rows.size()))) {
            edges.add(new FanSentMessageEdge(HistoryCursors.sent(new SentKey(s.jobCreatedAt(), s.jobId(), s.recipient().seq())), HistoryNodes.sent(s)));
        }
        return new FanSentMessageConnection(edges, new PageInfo(rows.size() > size,
                edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
    }

    @Query("historyJobOutcome")
    @NonNull
    @Description("A job's outcome for its chart: every recipient state in order with its count and share; empty when there is no such job.")
    public List<@NonNull HistoryOutcomeSlice> historyJobOutcome(@NonNull @Id @Name("jobId") @Description("The job.") String jobId) {
        UUID id = Ids.parse(jobId).orElse(null);
        if (id == null || dispatch.job(id).isEmpty()) {
            return List.of();
        }
        Map<RecipientState, Long> counts = dispatch.counts(id);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        List<HistoryOutcomeSlice> slices = new ArrayList<>();
        for (RecipientState s : RecipientState.values()) {
            long n = counts.getOrDefault(s, 0L);
            slices.add(new HistoryOutcomeSlice(HistoryNodes.state(s), Math.toIntExact(n), total == 0 ? 0 : (double) n / total));
        }
        return slices;
    }

    private static JobQuery query(HistoryJobFilter f) {
        if (f == null) {
            return JobQuery.all();
        }
        if (f.createdFrom() != null && f.createdTo() != null && !f.createdFrom().isBefore(f.createdTo())) {
            throw new UserErrorsException("DATE_RANGE_INVALID", "filter.createdTo", "createdTo must be after createdFrom.");
        }
        UUID account = f.accountId() == null ? null : Ids.require(f.accountId(), "filter.accountId", "account");
        Set<JobKind> kinds = f.kinds() == null ? null : EnumSet.noneOf(JobKind.class);
        if (kinds != null) {
            f.kinds().stream().filter(java.util.Objects::nonNull).forEach(k -> kinds.add(JobKind.valueOf(k.name())));
        }
        Set<JobState> states = f.states() == null ? null : EnumSet.noneOf(JobState.class);
        if (states != null) {
            f.states().stream().filter(java.util.Objects::nonNull).forEach(s -> states.add(JobState.valueOf(s.name())));
        }
        return new JobQuery(account, kinds, states, f.createdFrom(), f.createdTo(), f.createdBy(), f.search());
    }

    private static Set<RecipientState> recipientStates(List<DispatchTypes.DispatchRecipientState> states) {
        if (states == null) {
            return null;
        }
        Set<RecipientState> out = EnumSet.noneOf(RecipientState.class);
        states.stream().filter(java.util.Objects::nonNull).forEach(s -> out.add(RecipientState.valueOf(s.name())));
        return out;
    }
}
