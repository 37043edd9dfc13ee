package app.fanmail.dispatch.infrastructure;

import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.dispatch.api.DispatchReads.ListedJob;
import app.fanmail.dispatch.api.JobState;
import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.dispatch.application.ProgressReading;
import app.fanmail.dispatch.application.ProgressSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Progress from {@code dispatch.job} and the per-(job, state) counts of {@code dispatch.recipient_count} (V3: appended
 * by triggers, summed here; a job with more than {@value #FOLD_FROM} count rows has them folded into one per state).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class ProgressStore implements ProgressSource {
    /** Count rows of one job above which a read folds them (a 100,000-recipient job appends a few thousand while it sends). */
    static final int FOLD_FROM = 64;
    private static final String JOBS_WITH_COUNTS = "select j.id, j.account_id, j.state, j.total, c.state, c.n, c.rows, "
            + DispatchReadSql.JOB_COLUMNS + ", " + DispatchReadSql.TITLE + " from dispatch.job j "
            + "left join lateral (select state, sum(n) as n, count(*) as rows from dispatch.recipient_count where job_id = j.id group by state) c on true ";

    @PersistenceContext(unitName = "dispatch")
    EntityManager em;

    @Override
    public Optional<ProgressReading> read(UUID jobId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(JOBS_WITH_COUNTS + "where j.id = ?1").setParameter(1, jobId).getResultList();
        List<ProgressReading> out = readings(rows);
        if (!out.isEmpty() && countRows(rows) > FOLD_FROM) {
            fold(em, jobId);
        }
        return out.stream().findFirst();
    }

    @Override
    public List<ProgressReading> unfinished(Collection<UUID> accountIds) {
        if (accountIds != null && accountIds.isEmpty()) {
            return List.of();
        }
        String sql = JOBS_WITH_COUNTS + "where j.state in ('QUEUED', 'SENDING', 'PAUSED') "
                + (accountIds == null ? "" : "and j.account_id = any(cast(?1 as uuid[])) ") + "order by j.created_at, j.id";
        var q = em.createNativeQuery(sql);
        if (accountIds != null) {
            q.setParameter(1, accountIds.stream().map(UUID::toString).toArray(String[]::new));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return readings(rows);
    }

    @Override
    public long queued() {
        Number n = (Number) em.createNativeQuery("select coalesce(sum(c.n), 0) from dispatch.job j join dispatch.recipient_count c "
                + "on c.job_id = j.id and c.state = 'QUEUED' where j.state in ('QUEUED', 'SENDING', 'PAUSED')").getSingleResult();
        return n.longValue();
    }

    private static long countRows(List<Object[]> rows) {
        long n = 0;
        for (Object[] r : rows) {
            n += r[6] == null ? 0 : ((Number) r[6]).longValue();
        }
        return n;
    }

    private static List<ProgressReading> readings(List<Object[]> rows) {
        Map<UUID, Object[]> jobs = new LinkedHashMap<>();
        Map<UUID, Map<RecipientState, Long>> counts = new LinkedHashMap<>();
        for (Object[] r : rows) {
            UUID id = Rows.uuid(r[0]);
            jobs.putIfAbsent(id, r);
            Map<RecipientState, Long> c = counts.computeIfAbsent(id, k -> new EnumMap<>(RecipientState.class));
            if (r[4] != null) {
                c.put(RecipientState.valueOf((String) r[4]), ((Number) r[5]).longValue());
            }
        }
        return jobs.entrySet().stream().map(e -> new ProgressReading(e.getKey(), Rows.uuid(e.getValue()[1]), JobState.valueOf((String) e.getValue()[2]),
                ((Number) e.getValue()[3]).intValue(), counts.get(e.getKey()),
                new ListedJob(DispatchReadSql.job(e.getValue(), 7), (String) e.getValue()[22]))).toList();
    }

    /** The job's recipients by state (every state present, 0 when none), exact: the sum of its count rows. */
    static Map<RecipientState, Long> counts(EntityManager em, UUID jobId) {
        Map<RecipientState, Long> counts = new EnumMap<>(RecipientState.class);
        for (RecipientState s : RecipientState.values()) {
            counts.put(s, 0L);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select state, sum(n), count(*) from dispatch.recipient_count where job_id = ?1 group by state")
                .setParameter(1, jobId).getResultList();
        long countRows = 0;
        for (Object[] r : rows) {
            counts.put(RecipientState.valueOf((String) r[0]), ((Number) r[1]).longValue());
            countRows += ((Number) r[2]).longValue();
        }
        if (countRows > FOLD_FROM) {
            fold(em, jobId);
        }
        return counts;
    }

    /**
     * Replaces the job's count rows by one per state (their sums). Exact while triggers append: rows appended after this
     * statement's snapshot are neither deleted nor summed; a concurrent fold deletes only rows this one did not.
     */
    static void fold(EntityManager em, UUID jobId) {
        em.createNativeQuery("with gone as (delete from dispatch.recipient_count where job_id = ?1 returning state, n) "
                        + "insert into dispatch.recipient_count (job_id, state, n) select ?1, state, sum(n) from gone group by state having sum(n) <> 0")
                .setParameter(1, jobId).executeUpdate();
    }
}
