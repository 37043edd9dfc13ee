package app.fanmail.dispatch.infrastructure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import app.fanmail.dispatch.api.DispatchJob;
import app.fanmail.dispatch.api.DispatchRecipient;
import app.fanmail.dispatch.api.FieldValue;
import app.fanmail.dispatch.api.JobEvent;
import app.fanmail.dispatch.api.JobKind;
import app.fanmail.dispatch.api.JobState;
import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.dispatch.api.TemplateContent;
import app.fanmail.dispatch.application.ActiveJob;
import app.fanmail.dispatch.application.JobRepository;
import app.fanmail.kernel.json.JsonFactories;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * {@link JobRepository} over {@code dispatch.job}, {@code job_event} and {@code recipient}. Every state change writes its
 * event in the same statement or transaction and one log line (never one per recipient).
 */
@ApplicationScoped
@Transactional
public class JobStore implements JobRepository {
    private static final Logger LOG = Logger.getLogger("app.fanmail.dispatch.jobs");
    private static final String COLUMNS = "id, account_id, kind, state, snapshot_id, total, batch_size, paused_until, pause_reason, failure, "
            + "created_by, created_at, updated_at, started_at, finished_at";
    /** Moves many jobs in one statement and writes their events; ?1 = now, the update's where and set come from the caller. */
    private static final String EVENTS_FROM_MOVED = " insert into dispatch.job_event (job_id, account_id, at, actor, from_state, to_state, reason)"
            + " select id, account_id, cast(?1 as timestamptz), 'system', from_state, to_state, reason from moved returning job_id, from_state, to_state, reason, account_id";

    @PersistenceContext(unitName = "dispatch")
    EntityManager em;

    @Override
    public void insertDraft(DispatchJob j, TemplateContent content, String audienceJson, String actor) {
        em.createNativeQuery("insert into dispatch.job (id, account_id, kind, state, content, audience, snapshot_id, batch_size, created_by, "
                        + "created_at, updated_at) values (?1, ?2, ?3, 'DRAFT', cast(?4 as jsonb), cast(?5 as jsonb), ?6, ?7, ?8, cast(?9 as timestamptz), "
                        + "cast(?9 as timestamptz))")
                .setParameter(1, j.id()).setParameter(2, j.accountId()).setParameter(3, j.kind().name()).setParameter(4, contentJson(content))
                .setParameter(5, audienceJson).setParameter(6, j.snapshotId()).setParameter(7, j.batchSize()).setParameter(8, actor)
                .setParameter(9, Rows.text(j.createdAt())).executeUpdate();
        event(j.id(), j.accountId(), j.createdAt(), actor, null, JobState.DRAFT, "created");
    }

    static String contentJson(TemplateContent c) {
        JsonObjectBuilder fields = JsonFactories.object();
        c.fields().forEach((k, v) -> {
            JsonObjectBuilder f = JsonFactories.object().add("source", v.source().name());
            if (v.text() != null) {
                f.add("text", v.text());
            }
            if (v.column() != null) {
                f.add("column", v.column());
            }
            fields.add(k, f);
        });
        JsonObjectBuilder o = JsonFactories.object().add("templateId", c.templateId()).add("fields", fields);
        if (c.sourceTemplateId() != null) {
            o.add("sourceTemplateId", c.sourceTemplateId().toString());
        }
        if (c.title() != null) {
            o.add("title", c.title());
        }
        if (c.url() != null) {
            o.add("url", c.url());
        }
        if (c.miniProgramAppId() != null) {
            JsonObjectBuilder mp = JsonFactories.object().add("appId", c.miniProgramAppId());
            if (c.miniProgramPagePath() != null) {
                mp.add("pagePath", c.miniProgramPagePath());
            }
            o.add("miniProgram", mp);
        }
        return o.build().toString();
    }

    static TemplateContent content(String json) {
        JsonObject o = JsonFactories.readObject(json);
        Map<String, FieldValue> fields = new LinkedHashMap<>();
        o.getJsonObject("fields").forEach((k, v) -> {
            JsonObject f = v.asJsonObject();
            fields.put(k, new FieldValue(FieldValue.Source.valueOf(f.getString("source")), f.getString("text", null), f.getString("column", null)));
        });
        JsonObject mp = o.containsKey("miniProgram") && o.get("miniProgram").getValueType() == JsonValue.ValueType.OBJECT ? o.getJsonObject("miniProgram") : null;
        String source = o.getString("sourceTemplateId", null);
        return new TemplateContent(o.getString("templateId"), fields, o.getString("url", null), mp == null ? null : mp.getString("appId", null),
                mp == null ? null : mp.getString("pagePath", null), source == null ? null : UUID.fromString(source), o.getString("title", null));
    }

    private void event(UUID jobId, UUID accountId, Instant at, String actor, JobState from, JobState to, String reason) {
        em.createNativeQuery("insert into dispatch.job_event (job_id, account_id, at, actor, from_state, to_state, reason) "
                        + "values (?1, ?2, cast(?3 as timestamptz), ?4, cast(?5 as varchar), ?6, cast(?7 as text))")
                .setParameter(1, jobId).setParameter(2, accountId).setParameter(3, Rows.text(at)).setParameter(4, actor)
                .setParameter(5, from == null ? null : from.name()).setParameter(6, to.name()).setParameter(7, reason).executeUpdate();
        log(jobId, accountId, actor, from == null ? null : from.name(), to.name(), reason);
    }

    /** The structured line of one job state change, with the job's counts at that moment (one per change, none per recipient). */
    private void log(UUID jobId, Object accountId, String actor, String from, String to, String reason) {
        if (!LOG.isLoggable(java.util.logging.Level.INFO)) {
            return;
        }
        StringBuilder counts = new StringBuilder();
        ProgressStore.counts(em, jobId).forEach((state, n) -> counts.append(counts.length() == 0 ? "" : ",").append(state.name().toLowerCase()).append(':').append(n));
        LOG.info("dispatch job=" + jobId + " account=" + accountId + " from=" + from + " to=" + to + " actor=" + actor + " reason=\""
                + (reason == null ? "" : reason.replace('"', '\'')) + "\" counts=" + counts);
    }

    @Override
    public int addRecipients(UUID jobId, long[] seqs, String[] openids, String[] skipReasons) {
        Long[] s = new Long[seqs.length];
        for (int i = 0; i < seqs.length; i++) {
            s[i] = seqs[i];
        }
        return em.createNativeQuery("insert into dispatch.recipient (job_id, seq, openid, state, skip_reason, done_at) "
                        + "select ?1, t.seq, t.openid, case when t.skip is null then 'QUEUED' else 'SKIPPED' end, t.skip, "
                        + "case when t.skip is not null then now() end "
                        + "from unnest(cast(?2 as bigint[]), cast(?3 as text[]), cast(?4 as text[])) as t(seq, openid, skip)")
                .setParameter(1, jobId).setParameter(2, s).setParameter(3, openids).setParameter(4, skipReasons)
                .executeUpdate();
    }

    @Override
    public void planned(UUID jobId, int total, String planJson) {
        em.createNativeQuery("update dispatch.job set total = ?2, plan = cast(?3 as jsonb) where id = ?1")
                .setParameter(1, jobId).setParameter(2, total).setParameter(3, planJson).executeUpdate();
    }

    @Override
    public void analyzeRecipients() {
        em.createNativeQuery("analyze dispatch.recipient").executeUpdate();
    }

    @Override
    public Optional<DispatchJob> find(UUID jobId) {
        return one("select " + COLUMNS + " from dispatch.job where id = ?1", jobId);
    }

    @Override
    public Optional<DispatchJob> lock(UUID jobId) {
        return one("select " + COLUMNS + " from dispatch.job where id = ?1 for update", jobId);
    }

    @SuppressWarnings("unchecked")
    private Optional<DispatchJob> one(String sql, UUID jobId) {
        List<Object[]> rows = em.createNativeQuery(sql).setParameter(1, jobId).getResultList();
        return rows.stream().findFirst().map(JobStore::job);
    }

    private static DispatchJob job(Object[] r) {
        return new DispatchJob(Rows.uuid(r[0]), Rows.uuid(r[1]), JobKind.valueOf((String) r[2]), JobState.valueOf((String) r[3]), Rows.uuid(r[4]),
                ((Number) r[5]).intValue(), ((Number) r[6]).intValue(), Rows.instant(r[7]), Rows.string(r[8]), Rows.string(r[9]), (String) r[10],
                Rows.instant(r[11]), Rows.instant(r[12]), Rows.instant(r[13]), Rows.instant(r[14]));
    }

    @Override
    public void move(UUID jobId, JobState from, JobState to, String actor, String reason, Instant now, Instant pausedUntil, String pauseReason,
                     String failure) {
        @SuppressWarnings("unchecked")
        List<Object> accounts = em.createNativeQuery("update dispatch.job set state = ?2, updated_at = cast(?3 as timestamptz), "
                        + "paused_until = cast(?4 as timestamptz), pause_reason = cast(?5 as varchar), failure = coalesce(cast(?6 as text), failure), "
                        + "started_at = case when ?2 = 'SENDING' then coalesce(started_at, cast(?3 as timestamptz)) else started_at end, "
                        + "finished_at = case when ?2 in ('COMPLETED', 'CANCELLED', 'FAILED') then cast(?3 as timestamptz) end "
                        + "where id = ?1 and state = ?7 returning account_id")
                .setParameter(1, jobId).setParameter(2, to.name()).setParameter(3, Rows.text(now)).setParameter(4, Rows.text(pausedUntil))
                .setParameter(5, pauseReason).setParameter(6, failure).setParameter(7, from.name()).getResultList();
        if (accounts.isEmpty()) {
            throw new IllegalStateException("job " + jobId + " is no longer " + from);
        }
        event(jobId, Rows.uuid(accounts.get(0)), now, actor, from, to, reason);
    }

    @Override
    public int skipQueued(UUID jobId, String reason, Instant now) {
        return em.createNativeQuery("update dispatch.recipient set state = 'SKIPPED', skip_reason = ?2, done_at = cast(?3 as timestamptz), lease_until = null "
                        + "where job_id = ?1 and state = 'QUEUED' and done_at is null")
                .setParameter(1, jobId).setParameter(2, reason).setParameter(3, Rows.text(now)).executeUpdate();
    }

    @Override
    public Map<RecipientState, Long> counts(UUID jobId) {
        return ProgressStore.counts(em, jobId); // V3's per-(job, state) counts: a few rows instead of the job's recipients
    }

    @Override
    public List<JobEvent> events(UUID jobId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select at, actor, from_state, to_state, reason from dispatch.job_event where job_id = ?1 order by id")
                .setParameter(1, jobId).getResultList();
        List<JobEvent> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new JobEvent(Rows.instant(r[0]), (String) r[1], r[2] == null ? null : JobState.valueOf((String) r[2]), JobState.valueOf((String) r[3]),
                    Rows.string(r[4])));
        }
        return out;
    }

    @Override
    public List<DispatchRecipient> recipients(UUID jobId, long afterSeq, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select seq, openid, state, attempts, first_attempt_at, sent_at, msgid, errcode, errmsg, "
                        + "report_status, reported_at, skip_reason from dispatch.recipient where job_id = ?1 and seq > ?2 order by seq limit ?3")
                .setParameter(1, jobId).setParameter(2, afterSeq).setParameter(3, limit).getResultList();
        List<DispatchRecipient> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new DispatchRecipient(((Number) r[0]).longValue(), (String) r[1], RecipientState.valueOf((String) r[2]), ((Number) r[3]).intValue(),
                    Rows.instant(r[4]), Rows.instant(r[5]), Rows.string(r[6]), Rows.integerOrNull(r[7]), Rows.string(r[8]), Rows.string(r[9]),
                    Rows.instant(r[10]), Rows.string(r[11])));
        }
        return out;
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<ActiveJob> activate(Instant now) {
        movedBySystem("update dispatch.job j set state = 'SENDING', paused_until = null, pause_reason = null, updated_at = cast(?1 as timestamptz) "
                + "where state = 'PAUSED' and pause_reason = 'DAILY_QUOTA' and paused_until <= cast(?1 as timestamptz) "
                + "returning id, account_id, 'PAUSED' as from_state, 'SENDING' as to_state, 'the daily quota was reset' as reason", now);
        movedBySystem("update dispatch.job j set state = 'SENDING', started_at = coalesce(started_at, cast(?1 as timestamptz)), updated_at = cast(?1 as timestamptz) "
                + "where state = 'QUEUED' returning id, account_id, 'QUEUED' as from_state, 'SENDING' as to_state, 'a worker took it' as reason", now);
        complete(null, now);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, account_id, batch_size, cast(content as text), snapshot_id from dispatch.job where state = 'SENDING' "
                + "and kind = 'TEMPLATE' order by created_at, id").getResultList();
        List<ActiveJob> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new ActiveJob(Rows.uuid(r[0]), Rows.uuid(r[1]), ((Number) r[2]).intValue(), content((String) r[3]), Rows.uuid(r[4])));
        }
        return out;
    }

    /** SENDING jobs (all, or those of {@code jobIds}) with no recipient left to send become COMPLETED; returns them. */
    public List<UUID> complete(UUID[] jobIds, Instant now) {
        String which = jobIds == null ? "" : "j.id = any(cast(?2 as uuid[])) and ";
        var q = em.createNativeQuery("with moved as (update dispatch.job j set state = 'COMPLETED', finished_at = cast(?1 as timestamptz), "
                + "updated_at = cast(?1 as timestamptz) where " + which + "j.state = 'SENDING' and not exists (select 1 from dispatch.recipient r "
                + "where r.job_id = j.id and r.done_at is null and r.dead_lettered_at is null) returning j.id, j.account_id, "
                + "'SENDING' as from_state, 'COMPLETED' as to_state, 'every recipient is in a final send state' as reason)" + EVENTS_FROM_MOVED);
        q.setParameter(1, Rows.text(now));
        if (jobIds != null) {
            q.setParameter(2, java.util.Arrays.stream(jobIds).map(UUID::toString).toArray(String[]::new));
        }
        return logged(q.getResultList());
    }

    private List<UUID> movedBySystem(String update, Instant now) {
        return logged(em.createNativeQuery("with moved as (" + update + ")" + EVENTS_FROM_MOVED).setParameter(1, Rows.text(now)).getResultList());
    }

    private List<UUID> logged(List<?> rows) {
        List<UUID> ids = new ArrayList<>(rows.size());
        for (Object o : rows) {
            Object[] r = (Object[]) o;
            ids.add(Rows.uuid(r[0]));
            log(Rows.uuid(r[0]), Rows.uuid(r[4]), "system", Rows.string(r[1]), Rows.string(r[2]), Rows.string(r[3]));
        }
        return ids;
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean pauseForQuota(UUID jobId, Instant until, String reason, Instant now) {
        Optional<DispatchJob> job = lock(jobId);
        if (job.isEmpty() || job.get().state() != JobState.SENDING) {
            return false;
        }
        move(jobId, JobState.SENDING, JobState.PAUSED, "system", "daily quota used up until " + until + ": " + reason, now, until, "DAILY_QUOTA", null);
        return true;
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean fail(UUID jobId, String reason, Instant now) {
        Optional<DispatchJob> job = lock(jobId);
        if (job.isEmpty() || !job.get().state().canMoveTo(JobState.FAILED)) {
            return false;
        }
        move(jobId, job.get().state(), JobState.FAILED, "system", reason, now, null, null, reason);
        skipQueued(jobId, "JOB_FAILED", now);
        return true;
    }
}
