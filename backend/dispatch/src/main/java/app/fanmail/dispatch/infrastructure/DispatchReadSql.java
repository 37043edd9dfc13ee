package app.fanmail.dispatch.infrastructure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import app.fanmail.dispatch.api.DispatchJob;
import app.fanmail.dispatch.api.DispatchReads.JobKey;
import app.fanmail.dispatch.api.DispatchReads.JobQuery;
import app.fanmail.dispatch.api.DispatchReads.ListedJob;
import app.fanmail.dispatch.api.DispatchReads.Purged;
import app.fanmail.dispatch.api.DispatchReads.RecipientQuery;
import app.fanmail.dispatch.api.DispatchReads.SentKey;
import app.fanmail.dispatch.api.DispatchReads.SentToFan;
import app.fanmail.dispatch.api.DispatchRecipient;
import app.fanmail.dispatch.api.JobKind;
import app.fanmail.dispatch.api.JobState;
import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.dispatch.application.DispatchReadRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;

/**
 * {@link DispatchReadRepository}: history's queries on {@code dispatch.job} and {@code dispatch.recipient}, each one
 * statement on an index (V5__history_indexes.sql): jobs by {@code (created_at desc, id desc)} or by account
 * ({@code job_account_idx}); a job's recipients by {@code (job_id, seq)}; a fan's messages by the partial
 * {@code recipient_openid_idx} (rows whose sending is over) joined to their jobs; the purge by {@code job_ended_idx}.
 */
@ApplicationScoped
public class DispatchReadSql implements DispatchReadRepository {
    /** A job's title: the template title the job stored in its content, else the template id it sends. */
    static final String TITLE = "coalesce(nullif(j.content ->> 'title', ''), j.content ->> 'templateId', '')";
    /** A job's columns ({@code j}), in the order {@link #job(Object[], int)} reads them. */
    static final String JOB_COLUMNS = "j.id, j.account_id, j.kind, j.state, j.snapshot_id, j.total, j.batch_size, j.paused_until, "
            + "j.pause_reason, j.failure, j.created_by, j.created_at, j.updated_at, j.started_at, j.finished_at";
    private static final String RECIPIENT_COLUMNS = "r.seq, r.openid, r.state, r.attempts, r.first_attempt_at, r.sent_at, r.msgid, r.errcode, "
            + "r.errmsg, r.report_status, r.reported_at, r.skip_reason";

    @PersistenceContext(unitName = "dispatch")
    EntityManager em;

    @Override
    public List<ListedJob> jobs(JobQuery q, JobKey after, int limit) {
        Sql sql = new Sql("select " + JOB_COLUMNS + ", " + TITLE + " from dispatch.job j where true");
        if (q.accountId() != null) {
            sql.and("j.account_id = ?", q.accountId());
        }
        if (q.kinds() != null && !q.kinds().isEmpty()) {
            sql.and("j.kind = any(cast(? as text[]))", (Object) names(q.kinds()));
        }
        if (q.states() != null && !q.states().isEmpty()) {
            sql.and("j.state = any(cast(? as text[]))", (Object) names(q.states()));
        }
        if (q.createdFrom() != null) {
            sql.and("j.created_at >= cast(? as timestamptz)", Rows.text(q.createdFrom()));
        }
        if (q.createdTo() != null) {
            sql.and("j.created_at < cast(? as timestamptz)", Rows.text(q.createdTo()));
        }
        if (q.createdBy() != null && !q.createdBy().isBlank()) {
            sql.and("j.created_by = ?", q.createdBy().strip());
        }
        if (q.search() != null && !q.search().isBlank()) {
            sql.and(TITLE + " ilike ? escape '\\'", "%" + likeEscaped(q.search().strip()) + "%");
        }
        if (after != null) {
            sql.and("(j.created_at, j.id) < (cast(? as timestamptz), ?)", Rows.text(after.createdAt()), after.id());
        }
        sql.append(" order by j.created_at desc, j.id desc limit ?", limit);
        List<ListedJob> out = new ArrayList<>();
        for (Object[] r : sql.rows(em)) {
            out.add(new ListedJob(job(r, 0), (String) r[15]));
        }
        return out;
    }

    @Override
    public List<DispatchRecipient> recipients(UUID jobId, RecipientQuery q, long afterSeq, int limit) {
        Sql sql = new Sql("select " + RECIPIENT_COLUMNS + " from dispatch.recipient r where r.job_id = ?", jobId);
        sql.and("r.seq > ?", afterSeq);
        if (q.states() != null && !q.states().isEmpty()) {
            sql.and("r.state = any(cast(? as text[]))", (Object) names(q.states()));
        }
        if (q.openidPrefix() != null && !q.openidPrefix().isBlank()) {
            sql.and("r.openid like ? escape '\\'", likeEscaped(q.openidPrefix().strip()) + "%");
        }
        sql.append(" order by r.seq limit ?", limit);
        List<DispatchRecipient> out = new ArrayList<>();
        for (Object[] r : sql.rows(em)) {
            out.add(recipient(r, 0));
        }
        return out;
    }

    @Override
    public List<SentToFan> sentToFan(UUID accountId, String openid, SentKey after, int limit) {
        // r.done_at is not null: the partial index recipient_openid_idx holds exactly these rows
        Sql sql = new Sql("select " + RECIPIENT_COLUMNS + ", j.id, j.kind, " + TITLE + ", j.created_at from dispatch.recipient r "
                + "join dispatch.job j on j.id = r.job_id where r.openid = ?", openid);
        sql.and("r.done_at is not null and j.account_id = ?", accountId);
        if (after != null) {
            sql.and("(j.created_at, j.id, r.seq) < (cast(? as timestamptz), ?, ?)", Rows.text(after.createdAt()), after.jobId(), after.seq());
        }
        sql.append(" order by j.created_at desc, j.id desc, r.seq desc limit ?", limit);
        List<SentToFan> out = new ArrayList<>();
        for (Object[] r : sql.rows(em)) {
            out.add(new SentToFan(Rows.uuid(r[12]), JobKind.valueOf((String) r[13]), (String) r[14], Rows.instant(r[15]), recipient(r, 0)));
        }
        return out;
    }

    @Override
    public Map<UUID, Map<RecipientState, Long>> counts(Collection<UUID> jobIds) {
        Map<UUID, Map<RecipientState, Long>> out = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select j.id, r.state, count(r.job_id) from dispatch.job j "
                        + "left join dispatch.recipient r on r.job_id = j.id where j.id = any(cast(?1 as uuid[])) group by j.id, r.state")
                .setParameter(1, jobIds.stream().distinct().map(UUID::toString).toArray(String[]::new)).getResultList();
        for (Object[] r : rows) {
            Map<RecipientState, Long> counts = out.computeIfAbsent(Rows.uuid(r[0]), id -> zeroCounts());
            if (r[1] != null) {
                counts.put(RecipientState.valueOf((String) r[1]), ((Number) r[2]).longValue());
            }
        }
        return out;
    }

    private static Map<RecipientState, Long> zeroCounts() {
        Map<RecipientState, Long> counts = new EnumMap<>(RecipientState.class);
        for (RecipientState s : RecipientState.values()) {
            counts.put(s, 0L);
        }
        return counts;
    }

    @Override
    public Purged purgeEndedBefore(Instant cutoff, UUID accountId, int maxJobs, long maxRecipients, List<UUID> orphaned) {
        // oldest ended jobs first (of one account, or of all), those another purge holds skipped; the recipients go with
        // their jobs (trigger job_deleted, one statement), the events by their foreign key
        var query = em.createNativeQuery("with candidates as (select id, total, finished_at from dispatch.job "
                        + "where state in ('COMPLETED', 'CANCELLED', 'FAILED') and finished_at < cast(?1 as timestamptz) "
                        + (accountId == null ? "" : "and account_id = cast(?4 as uuid) ")
                        + "order by finished_at, id limit ?2 for update skip locked), "
                        + "picked as (select id from (select id, sum(total) over (order by finished_at, id) - total as before from candidates) c "
                        + "where before < ?3) "
                        + "delete from dispatch.job j using picked p where j.id = p.id returning j.id, j.total, j.snapshot_id")
                .setParameter(1, Rows.text(cutoff)).setParameter(2, maxJobs).setParameter(3, maxRecipients);
        if (accountId != null) {
            query.setParameter(4, accountId.toString());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        long recipients = 0;
        Set<UUID> snapshots = new java.util.HashSet<>();
        for (Object[] r : rows) {
            recipients += ((Number) r[1]).longValue();
            if (r[2] != null) {
                snapshots.add(Rows.uuid(r[2]));
            }
        }
        if (!snapshots.isEmpty()) {
            // a follow-up job shares its origin's snapshot: keep those some job still sends from or shows
            @SuppressWarnings("unchecked")
            List<Object> kept = em.createNativeQuery("select distinct snapshot_id from dispatch.job where snapshot_id = any(cast(?1 as uuid[]))")
                    .setParameter(1, snapshots.stream().map(UUID::toString).toArray(String[]::new)).getResultList();
            kept.forEach(k -> snapshots.remove(Rows.uuid(k)));
            orphaned.addAll(snapshots);
        }
        return new Purged(rows.size(), recipients);
    }

    /** The job of the {@link #JOB_COLUMNS} starting at {@code r[o]}. */
    static DispatchJob job(Object[] r, int o) {
        return new DispatchJob(Rows.uuid(r[o]), Rows.uuid(r[o + 1]), JobKind.valueOf((String) r[o + 2]), JobState.valueOf((String) r[o + 3]),
                Rows.uuid(r[o + 4]), ((Number) r[o + 5]).intValue(), ((Number) r[o + 6]).intValue(), Rows.instant(r[o + 7]), Rows.string(r[o + 8]),
                Rows.string(r[o + 9]), (String) r[o + 10], Rows.instant(r[o + 11]), Rows.instant(r[o + 12]), Rows.instant(r[o + 13]),
                Rows.instant(r[o + 14]));
    }

    private static DispatchRecipient recipient(Object[] r, int o) {
        return new DispatchRecipient(((Number) r[o]).longValue(), (String) r[o + 1], RecipientState.valueOf((String) r[o + 2]),
                ((Number) r[o + 3]).intValue(), Rows.instant(r[o + 4]), Rows.instant(r[o + 5]), Rows.string(r[o + 6]), Rows.integerOrNull(r[o + 7]),
                Rows.string(r[o + 8]), Rows.string(r[o + 9]), Rows.instant(r[o + 10]), Rows.string(r[o + 11]));
    }

    private static String[] names(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).toArray(String[]::new);
    }

    /** {@code text} as a literal inside a LIKE pattern with escape character backslash. */
    static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** A native statement built from conditions, each "?" numbered in order (pass an array parameter as {@code (Object) array}). */
    private static final class Sql {
        private final StringBuilder text = new StringBuilder();
        private final List<Object> params = new ArrayList<>();

        Sql(String start, Object... values) {
            append(start, values);
        }

        void and(String condition, Object... values) {
            append(" and " + condition, values);
        }

        void append(String part, Object... values) {
            int v = 0;
            for (char c : part.toCharArray()) {
                if (c == '?') {
                    params.add(values[v++]);
                    text.append('?').append(params.size());
                } else {
                    text.append(c);
                }
            }
            if (v != values.length) {
                throw new IllegalArgumentException("parameters do not match: " + part);
            }
        }

        @SuppressWarnings("unchecked")
        List<Object[]> rows(EntityManager em) {
            Query q = em.createNativeQuery(text.toString());
            for (int i = 0; i < params.size(); i++) {
                q.setParameter(i + 1, params.get(i));
            }
            return q.getResultList();
        }
    }
}
