package app.fanmail.dispatch.infrastructure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.dispatch.application.DeliveryReportSource;
import app.fanmail.dispatch.application.DispatchMetrics;
import app.fanmail.dispatch.application.RecipientRepository;
import app.fanmail.kernel.json.JsonFactories;
import app.fanmail.kernel.queue.Backoff;
import app.fanmail.kernel.queue.QueueTable;
import app.fanmail.kernel.queue.WorkQueue;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * {@link RecipientRepository} over {@code dispatch.recipient} (a kernel {@link WorkQueue}: claim with skip locked and a
 * lease, per job), {@code unmatched_report} and {@code report_cursor}. Result writers take a shared advisory lock and
 * the report reader an exclusive one, so a report and the SENT row it belongs to never miss each other: whichever
 * commits second sees the other.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class RecipientStore implements RecipientRepository {
    /** Serialises report matching against SENT writes (an arbitrary constant: "FMDR"). */
    static final long REPORT_LOCK = 0x464D4452L;

    @PersistenceContext(unitName = "dispatch")
    EntityManager em;
    @Inject
    JobStore jobs;
    @Inject
    DispatchMetrics metrics;
    @Inject
    @ConfigProperty(name = "fanmail.dispatch.lease", defaultValue = "PT2M")
    Duration lease;

    private WorkQueue queue;

    @PostConstruct
    void createQueue() {
        // the queue only claims here; attempts, back-off and final states are written by write() in batches
        queue = new WorkQueue(new QueueTable("dispatch.recipient", "id", "done_at", "attempts", "lease_until", "not_before",
                "dead_lettered_at", "last_error", null, null), new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1), lease);
    }

    @Override
    public List<Claimed> claim(UUID jobId, int limit, Instant now, long cursor, boolean below) {
        // lease, SENDING and the key's first use in one update (one new row version per claim, one round trip)
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("update dispatch.recipient r set lease_until = cast(?2 as timestamptz), state = 'SENDING', "
                        + "first_attempt_at = coalesce(o.first_attempt_at, cast(?1 as timestamptz)), last_attempt_at = cast(?1 as timestamptz) "
                        + "from (" + queue.readySelect("id, first_attempt_at", "job_id", limit,
                        below ? WorkQueue.Cursor.BEFORE_CURSOR : WorkQueue.Cursor.FROM_CURSOR) + ") o where r.id = o.id "
                        + "returning r.id, r.seq, r.openid, r.first_attempt_at, r.attempts, o.first_attempt_at is null")
                .setParameter(1, Rows.text(now)).setParameter(2, Rows.text(queue.leaseEnd(now))).setParameter(3, jobId).setParameter(4, cursor)
                .getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Claimed> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new Claimed(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2], Rows.instant(r[3]),
                    Boolean.TRUE.equals(r[5]), ((Number) r[4]).intValue()));
        }
        out.sort(java.util.Comparator.comparingLong(Claimed::seq));
        return out;
    }

    @Override
    public List<UUID> write(List<Result> results, Instant now) {
        if (results.isEmpty()) {
            return List.of();
        }
        asyncCommit();
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock_shared(?1)) x").setParameter(1, REPORT_LOCK).getSingleResult();
        int n = results.size();
        Long[] ids = new Long[n];
        String[] states = new String[n];
        String[] msgids = new String[n];
        Integer[] errcodes = new Integer[n];
        String[] errmsgs = new String[n];
        Integer[] counted = new Integer[n];
        Integer[] clear = new Integer[n];
        Integer[] done = new Integer[n];
        String[] notBefore = new String[n];
        String[] at = new String[n];
        List<Long> sent = new ArrayList<>();
        List<String> sentMsgids = new ArrayList<>();
        List<UUID> sentJobs = new ArrayList<>();
        Set<UUID> jobIds = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Result r = results.get(i);
            ids[i] = r.id();
            states[i] = r.state().name();
            msgids[i] = r.msgid();
            errcodes[i] = r.errcode();
            errmsgs[i] = r.errmsg();
            counted[i] = r.counted() ? 1 : 0;
            clear[i] = r.clearFirstAttempt() ? 1 : 0;
            done[i] = r.done() ? 1 : 0;
            notBefore[i] = Rows.text(r.notBefore());
            at[i] = Rows.text(r.at());
            if (r.state() == RecipientState.SENT && r.msgid() != null) {
                sent.add(r.id());
                sentMsgids.add(r.msgid());
                sentJobs.add(r.jobId());
            }
            if (r.done()) {
                jobIds.add(r.jobId());
            }
        }
        em.createNativeQuery("update dispatch.recipient r set state = t.state, msgid = coalesce(t.msgid, r.msgid), errcode = t.errcode, errmsg = t.errmsg, "
                        + "attempts = r.attempts + t.counted, first_attempt_at = case when t.clear = 1 then null else r.first_attempt_at end, "
                        + "sent_at = case when t.state = 'SENT' then cast(t.at as timestamptz) else r.sent_at end, "
                        + "done_at = case when t.done = 1 then cast(t.at as timestamptz) end, lease_until = null, "
                        + "not_before = cast(t.not_before as timestamptz), last_error = case when t.errcode is null then null else t.errcode || ' ' || t.errmsg end "
                        + "from unnest(cast(?1 as bigint[]), cast(?2 as text[]), cast(?3 as text[]), cast(?4 as integer[]), cast(?5 as text[]), "
                        + "cast(?6 as integer[]), cast(?7 as integer[]), cast(?8 as integer[]), cast(?9 as text[]), cast(?10 as text[])) "
                        + "as t(id, state, msgid, errcode, errmsg, counted, clear, done, not_before, at) "
                        + "where r.id = t.id and r.done_at is null")
                .setParameter(1, ids).setParameter(2, states).setParameter(3, msgids).setParameter(4, errcodes).setParameter(5, errmsgs)
                .setParameter(6, counted).setParameter(7, clear).setParameter(8, done).setParameter(9, notBefore).setParameter(10, at)
                .executeUpdate();
        if (!sent.isEmpty()) {
            // reports that arrived before their SENT row: matched now, under the shared lock taken above
            // (looked up by the msgids just written, not through the recipient table: its statistics may say no row has one)
            em.createNativeQuery("with m as (delete from dispatch.unmatched_report u using unnest(cast(?1 as bigint[]), cast(?2 as text[]), "
                            + "cast(?3 as uuid[])) as t(id, msgid, job_id), dispatch.job j where j.id = t.job_id and u.account_id = j.account_id "
                            + "and u.msgid = t.msgid returning t.id, u.status, u.state, u.reported_at) "
                            + "update dispatch.recipient r set state = coalesce(m.state, r.state), report_status = m.status, reported_at = m.reported_at "
                            + "from m where r.id = m.id")
                    .setParameter(1, sent.toArray(Long[]::new)).setParameter(2, sentMsgids.toArray(String[]::new))
                    .setParameter(3, sentJobs.stream().map(UUID::toString).toArray(String[]::new)).executeUpdate();
        }
        List<Long> again = results.stream().filter(r -> !r.done()).map(Result::id).toList();
        if (!again.isEmpty()) {
            // a retry written after its job was cancelled or failed is never sent: skipped like the job's other waiting rows
            em.createNativeQuery("update dispatch.recipient r set state = 'SKIPPED', skip_reason = case when j.state = 'CANCELLED' then 'CANCELLED' "
                            + "else 'JOB_FAILED' end, done_at = cast(?2 as timestamptz) from dispatch.job j where r.id = any(?1) and r.done_at is null "
                            + "and r.state = 'QUEUED' and j.id = r.job_id and j.state in ('CANCELLED', 'FAILED')")
                    .setParameter(1, again.toArray(Long[]::new)).setParameter(2, Rows.text(now)).executeUpdate();
        }
        if (jobIds.isEmpty()) {
            return List.of();
        }
        return jobs.complete(jobIds.toArray(UUID[]::new), now);
    }

    /**
     * Result and report writes do not wait for the WAL flush (ADR 0014): if PostgreSQL itself crashes, the last
     * fraction of a second of them may be lost, and that is safe — a lost result leaves its row SENDING with its key's
     * first use stored (claims commit synchronously), so it is sent again with the same key inside WeChat's window or
     * becomes IN_DOUBT after it; a lost report position is read again and applied again (the same values).
     */
    private void asyncCommit() {
        em.createNativeQuery("set local synchronous_commit = off").executeUpdate();
    }

    @Override
    public int consumeReports(DeliveryReportSource source, int limit, Instant now) {
        @SuppressWarnings("unchecked")
        List<Number> cursor = em.createNativeQuery("select position from dispatch.report_cursor where id = 1 for update skip locked").getResultList();
        if (cursor.isEmpty()) {
            return 0; // another node is reading them
        }
        List<DeliveryReportSource.Report> reports = source.after(cursor.get(0).longValue(), limit);
        if (reports.isEmpty()) {
            return 0;
        }
        asyncCommit();
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(?1)) x").setParameter(1, REPORT_LOCK).getSingleResult();
        List<DeliveryReportSource.Report> template = reports.stream().filter(r -> r.msgid() != null && r.accountId() != null).toList();
        if (!template.isEmpty()) {
            int n = template.size();
            String[] accounts = new String[n];
            String[] msgids = new String[n];
            String[] statuses = new String[n];
            String[] states = new String[n];
            String[] at = new String[n];
            Long[] inbox = new Long[n];
            String[] openids = new String[n];
            for (int i = 0; i < n; i++) {
                DeliveryReportSource.Report r = template.get(i);
                accounts[i] = r.accountId().toString();
                msgids[i] = r.msgid();
                statuses[i] = r.status() == null ? "" : r.status();
                states[i] = r.outcome() == null ? null : r.outcome().name();
                at[i] = Rows.text(r.reportedAt() == null ? now : r.reportedAt());
                inbox[i] = r.inboxId();
                openids[i] = r.openid();
            }
            // a report refines its SENT row; an unmatched one (its row not written yet) is kept, matched by write()
            List<?> lags = em.createNativeQuery("with t as (select * from unnest(cast(?1 as text[]), cast(?2 as text[]), cast(?3 as text[]), cast(?4 as text[]), "
                            + "cast(?5 as text[]), cast(?6 as bigint[]), cast(?7 as text[])) as t(account_id, msgid, status, state, at, inbox_id, openid)), "
                            // each report looks its row up by msgid (the lateral's limit keeps the planner from flattening it: with
                            // the statistics of a job analysed before it sent, a join walked every SENT row once per batch)
                            + "matched as (update dispatch.recipient r set state = coalesce(t.state, r.state), report_status = t.status, "
                            + "reported_at = cast(t.at as timestamptz) from t cross join lateral (select x.id from dispatch.recipient x "
                            + "join dispatch.job j on j.id = x.job_id where x.msgid = t.msgid and j.account_id = cast(t.account_id as uuid) "
                            + "and x.state in ('SENT', 'DELIVERED', 'USER_BLOCKED', 'SYSTEM_FAILED') limit 1) m where r.id = m.id "
                            + "returning cast(t.account_id as uuid) as account_id, r.msgid, extract(epoch from r.reported_at - r.sent_at) as lag), "
                            + "kept as (insert into dispatch.unmatched_report (account_id, msgid, inbox_id, openid, status, state, reported_at, received_at) "
                            + "select distinct on (cast(t.account_id as uuid), t.msgid) cast(t.account_id as uuid), t.msgid, t.inbox_id, t.openid, t.status, "
                            + "t.state, cast(t.at as timestamptz), cast(?8 as timestamptz) from t "
                            + "where not exists (select 1 from matched m where m.account_id = cast(t.account_id as uuid) and m.msgid = t.msgid) "
                            + "on conflict (account_id, msgid) do nothing) "
                            + "select lag from matched where lag is not null")
                    .setParameter(1, accounts).setParameter(2, msgids).setParameter(3, statuses).setParameter(4, states).setParameter(5, at)
                    .setParameter(6, inbox).setParameter(7, openids).setParameter(8, Rows.text(now)).getResultList();
            for (Object lag : lags) { // delivery-report lag of the reports matched now (not those matched later by write())
                metrics.reportLag(java.time.Duration.ofMillis(Math.round(((Number) lag).doubleValue() * 1000)));
            }
        }
        em.createNativeQuery("update dispatch.report_cursor set position = ?1 where id = 1")
                .setParameter(1, reports.get(reports.size() - 1).position()).executeUpdate();
        return reports.size();
    }
}
