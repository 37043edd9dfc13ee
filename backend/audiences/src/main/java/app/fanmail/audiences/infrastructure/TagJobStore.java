package app.fanmail.audiences.infrastructure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.fanmail.audiences.application.TagJobFailure;
import app.fanmail.audiences.application.TagJobRepository;
import app.fanmail.audiences.application.TagJobView;
import app.fanmail.audiences.application.UploadedOpenids;
import app.fanmail.audiences.domain.FanFilter;
import app.fanmail.audiences.domain.TagAction;
import app.fanmail.audiences.domain.TagBatchSplitter;
import app.fanmail.audiences.domain.TagJobStatus;
import app.fanmail.audiences.domain.TagRules;
import app.fanmail.audiences.application.TagJobProgressRelay;
import app.fanmail.kernel.cluster.ClusterChannel;
import app.fanmail.kernel.json.JsonFactories;
import app.fanmail.kernel.queue.Backoff;
import app.fanmail.kernel.queue.QueueTable;
import app.fanmail.kernel.queue.WorkQueue;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * {@link TagJobRepository} over {@code tag_job}, {@code tag_job_item} and {@code tag_job_chunk} (the chunk work queue,
 * kernel {@link WorkQueue}). Locks are taken job row first, then chunk rows, so chunk completions of one job are
 * serialized (the last one sees every other and ends the job) and never deadlock with a cancel or a job failure.
 */
@ApplicationScoped
@Transactional
public class TagJobStore implements TagJobRepository {
    private static final String PREPARATION_COLUMNS = "id, account_id, tag_id, action, cast(source_filter as text), source_upload_id";
    private static final String JOB_COLUMNS = "id, account_id, tag_id, tag_name, action, source, status, total, done, succeeded, failed, "
            + "error_code, error_message, started_at, finished_at";

    @PersistenceContext(unitName = "audiences")
    EntityManager em;
    @Inject
    @ConfigProperty(name = "fanmail.audiences.tagging-max-attempts", defaultValue = "8")
    int maxAttempts;
    @Inject
    @ConfigProperty(name = "fanmail.audiences.tagging-retry-backoff", defaultValue = "PT5S")
    Duration retryBackoff;
    @Inject
    @ConfigProperty(name = "fanmail.audiences.tagging-retry-backoff-max", defaultValue = "PT5M")
    Duration retryBackoffMax;
    @Inject
    @ConfigProperty(name = "fanmail.audiences.tagging-lease", defaultValue = "PT2M")
    Duration lease;

    private WorkQueue queue;

    @PostConstruct
    void createQueue() {
        queue = new WorkQueue(new QueueTable("audiences.tag_job_chunk", "id", "done_at", "attempts", "lease_until", "not_before",
                "dead_lettered_at", "last_error", null, null),
                new Backoff(retryBackoff, retryBackoffMax.compareTo(retryBackoff) < 0 ? retryBackoff : retryBackoffMax, Math.max(1, maxAttempts)),
                lease);
    }

    @Override
    public void create(TagJobView j, String startedBy) {
        em.createNativeQuery("insert into audiences.tag_job (id, account_id, tag_id, tag_name, action, source, status, started_by, started_at) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, cast(?9 as timestamptz))")
                .setParameter(1, j.id()).setParameter(2, j.accountId()).setParameter(3, j.tagId()).setParameter(4, j.tagName())
                .setParameter(5, j.action().name()).setParameter(6, j.source()).setParameter(7, j.status().name()).setParameter(8, startedBy)
                .setParameter(9, j.startedAt()).executeUpdate();
    }

    @Override
    public void createPreparing(TagJobView j, String startedBy, FanFilter filter, UUID uploadId, Instant leaseUntil) {
        em.createNativeQuery("insert into audiences.tag_job (id, account_id, tag_id, tag_name, action, source, status, started_by, started_at, "
                        + "source_filter, source_upload_id, prepare_lease_until) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6, 'PREPARING', ?7, cast(?8 as timestamptz), cast(?9 as jsonb), ?10, cast(?11 as timestamptz))")
                .setParameter(1, j.id()).setParameter(2, j.accountId()).setParameter(3, j.tagId()).setParameter(4, j.tagName())
                .setParameter(5, j.action().name()).setParameter(6, j.source()).setParameter(7, startedBy).setParameter(8, j.startedAt())
                .setParameter(9, filter == null ? null : FanFilterJson.toJson(filter).toString()).setParameter(10, uploadId)
                .setParameter(11, leaseUntil).executeUpdate();
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Preparation> claimPreparation(UUID jobId, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("update audiences.tag_job set prepare_lease_until = cast(?2 as timestamptz) "
                        + "where id = ?1 and status = 'PREPARING' and (prepare_lease_until is null or prepare_lease_until <= cast(?3 as timestamptz)) "
                        + "returning " + PREPARATION_COLUMNS)
                .setParameter(1, jobId).setParameter(2, now.plus(lease)).setParameter(3, now).getResultList();
        return rows.stream().map(TagJobStore::preparation).findFirst();
    }

    @Override
    public Optional<Preparation> preparation(UUID jobId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + PREPARATION_COLUMNS + " from audiences.tag_job where id = ?1 and status = 'PREPARING'")
                .setParameter(1, jobId).getResultList();
        return rows.stream().map(TagJobStore::preparation).findFirst();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<UUID> abandonedPreparations(Instant now, int limit) {
        List<Object> ids = em.createNativeQuery("select id from audiences.tag_job where status = 'PREPARING' "
                        + "and (prepare_lease_until is null or prepare_lease_until <= cast(?1 as timestamptz)) order by prepare_lease_until nulls first limit ?2")
                .setParameter(1, now).setParameter(2, limit).getResultList();
        return ids.stream().map(Rows::uuid).toList();
    }

    @Override
    public int addOpenids(UUID jobId, int firstSeq, List<UploadedOpenids.Row> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        return em.createNativeQuery("insert into audiences.tag_job_item (job_id, seq, line, openid) "
                        + "select ?1, ?2 + t.ord - 1, t.line, t.openid from unnest(cast(?3 as integer[]), cast(?4 as text[])) with ordinality as t(line, openid, ord) "
                        + "on conflict do nothing")
                .setParameter(1, jobId).setParameter(2, firstSeq)
                .setParameter(3, rows.stream().map(UploadedOpenids.Row::line).toArray(Integer[]::new))
                .setParameter(4, rows.stream().map(UploadedOpenids.Row::openid).toArray(String[]::new))
                .executeUpdate();
    }

    @Override
    public int addFromFilter(UUID jobId, UUID accountId, FanFilter filter, Set<String> openWindows) {
        FanFilterSql where = FanFilterSql.of(accountId, filter, openWindows, 2);
        where.planForValues(em);
        var q = em.createNativeQuery("insert into audiences.tag_job_item (job_id, seq, line, openid) "
                + "select ?1, row_number() over (order by f.openid), null, f.openid from audiences.fan f where " + where.where());
        q.setParameter(1, jobId);
        return where.bind(q, 2).executeUpdate();
    }

    @Override
    public int refuseFansAtTagLimit(UUID jobId, UUID accountId, int tagId) {
        return em.createNativeQuery("update audiences.tag_job_item i set status = 'FAILED', errcode = ?4, code = ?5, message = ?6 "
                        + "from audiences.fan f where i.job_id = ?1 and i.status = 'PENDING' and f.account_id = ?2 and f.openid = i.openid "
                        + "and cardinality(f.tag_ids) >= ?7 and not (?3 = any(f.tag_ids))")
                .setParameter(1, jobId).setParameter(2, accountId).setParameter(3, tagId)
                .setParameter(4, TagRules.ERR_FAN_TAG_LIMIT).setParameter(5, TagRules.failureCode(TagRules.ERR_FAN_TAG_LIMIT))
                .setParameter(6, "The fan already has " + TagRules.TAGS_PER_FAN + " tags, WeChat's limit (45059); WeChat was not asked.")
                .setParameter(7, TagRules.TAGS_PER_FAN)
                .executeUpdate();
    }

    /**
     * Chunks and counts are written before the job row is locked (chunks only take a key-share lock through their
     * foreign key), so a cancel waits for no more than the job row's own update; a job cancelled meanwhile is not moved.
     */
    @Override
    public Optional<TagJobView> seal(UUID jobId, int chunkSize, Instant now) {
        em.createNativeQuery("insert into audiences.tag_job_chunk (job_id, account_id, first_seq, last_seq) "
                        + "select ?1, (select account_id from audiences.tag_job where id = ?1), min(seq), max(seq) "
                        + "from (select seq, (row_number() over (order by seq) - 1) / ?2 as c from audiences.tag_job_item where job_id = ?1 and status = 'PENDING') x "
                        + "group by c")
                .setParameter(1, jobId).setParameter(2, chunkSize).executeUpdate();
        Object[] c = (Object[]) em.createNativeQuery("select count(*), count(*) filter (where status = 'FAILED'), count(*) filter (where status = 'PENDING') "
                        + "from audiences.tag_job_item where job_id = ?1")
                .setParameter(1, jobId).getSingleResult();
        if (!lockJob(jobId, "'PREPARING'")) {
            return Optional.empty();
        }
        long pending = ((Number) c[2]).longValue();
        em.createNativeQuery("update audiences.tag_job set total = ?2, failed = ?3, done = ?3, status = ?4, finished_at = cast(?5 as timestamptz), "
                        + "prepare_lease_until = null where id = ?1")
                .setParameter(1, jobId).setParameter(2, ((Number) c[0]).intValue()).setParameter(3, ((Number) c[1]).intValue())
                .setParameter(4, pending == 0 ? TagJobStatus.SUCCEEDED.name() : TagJobStatus.RUNNING.name()).setParameter(5, pending == 0 ? now : null)
                .executeUpdate();
        return find(jobId);
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Long> claim(int limit, Instant now) {
        return queue.claim(em, limit, now);
    }

    @Override
    public Optional<ChunkWork> chunk(long chunkId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select c.job_id, j.account_id, j.tag_id, j.action, j.status, c.first_seq, c.last_seq "
                        + "from audiences.tag_job_chunk c join audiences.tag_job j on j.id = c.job_id "
                        + "where c.id = ?1 and c.done_at is null and c.dead_lettered_at is null")
                .setParameter(1, chunkId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        UUID jobId = (UUID) r[0];
        @SuppressWarnings("unchecked")
        List<Object[]> items = em.createNativeQuery("select seq, openid from audiences.tag_job_item where job_id = ?1 and seq between ?2 and ?3 "
                        + "and status = 'PENDING' order by seq")
                .setParameter(1, jobId).setParameter(2, r[5]).setParameter(3, r[6]).getResultList();
        return Optional.of(new ChunkWork(chunkId, jobId, (UUID) r[1], ((Number) r[2]).intValue(), TagAction.valueOf((String) r[3]),
                TagJobStatus.valueOf((String) r[4]) == TagJobStatus.RUNNING,
                items.stream().map(i -> new Item(((Number) i[0]).intValue(), (String) i[1])).toList()));
    }

    @Override
    public Optional<TagJobView> complete(long chunkId, Map<String, TagBatchSplitter.Failure> results, Instant now) {
        Optional<Object[]> chunk = lockChunk(chunkId);
        if (chunk.isEmpty()) {
            return Optional.empty();
        }
        UUID jobId = (UUID) chunk.get()[0];
        @SuppressWarnings("unchecked")
        List<Object[]> pending = em.createNativeQuery("select seq, openid from audiences.tag_job_item where job_id = ?1 and seq between ?2 and ?3 "
                        + "and status = 'PENDING' order by seq")
                .setParameter(1, jobId).setParameter(2, chunk.get()[1]).setParameter(3, chunk.get()[2]).getResultList();
        List<String> ok = new ArrayList<>();
        List<Integer> seqs = new ArrayList<>();
        List<Integer> errcodes = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (Object[] item : pending) {
            String openid = (String) item[1];
            if (!results.containsKey(openid)) {
                continue; // not tried (the job no longer runs): stays pending
            }
            TagBatchSplitter.Failure f = results.get(openid);
            seqs.add(((Number) item[0]).intValue());
            errcodes.add(f == null ? null : f.errcode());
            codes.add(f == null ? null : TagRules.failureCode(f.errcode()));
            messages.add(f == null ? null : f.message());
            if (f == null) {
                ok.add(openid);
            }
        }
        if (!seqs.isEmpty()) {
            em.createNativeQuery("update audiences.tag_job_item i set status = case when r.errcode is null then 'SUCCEEDED' else 'FAILED' end, "
                            + "errcode = r.errcode, code = r.code, message = r.message "
                            + "from unnest(cast(?2 as integer[]), cast(?3 as integer[]), cast(?4 as text[]), cast(?5 as text[])) as r(seq, errcode, code, message) "
                            + "where i.job_id = ?1 and i.seq = r.seq")
                    .setParameter(1, jobId).setParameter(2, seqs.toArray(Integer[]::new)).setParameter(3, errcodes.toArray(Integer[]::new))
                    .setParameter(4, codes.toArray(String[]::new)).setParameter(5, messages.toArray(String[]::new)).executeUpdate();
        }
        Object[] job = (Object[]) em.createNativeQuery("select account_id, tag_id, action from audiences.tag_job where id = ?1").setParameter(1, jobId)
                .getSingleResult();
        if (!ok.isEmpty()) {
            boolean tag = TagAction.valueOf((String) job[2]) == TagAction.TAG;
            em.createNativeQuery(tag
                            ? "update audiences.fan set tag_ids = array_append(tag_ids, cast(?3 as integer)), updated_at = cast(?4 as timestamptz) "
                                    + "where account_id = ?1 and openid = any(cast(?2 as text[])) and not (cast(?3 as integer) = any(tag_ids))"
                            : "update audiences.fan set tag_ids = array_remove(tag_ids, cast(?3 as integer)), updated_at = cast(?4 as timestamptz) "
                                    + "where account_id = ?1 and openid = any(cast(?2 as text[])) and cast(?3 as integer) = any(tag_ids)")
                    .setParameter(1, job[0]).setParameter(2, ok.toArray(String[]::new)).setParameter(3, ((Number) job[1]).intValue())
                    .setParameter(4, now).executeUpdate();
        }
        count(jobId, ok.size(), seqs.size() - ok.size());
        queue.complete(em, List.of(chunkId), now);
        finishIfDone(jobId, now);
        return find(jobId);
    }

    @Override
    public Optional<TagJobView> retryLater(long chunkId, TagBatchSplitter.Failure failure, Instant now) {
        Optional<Object[]> chunk = lockChunk(chunkId);
        if (chunk.isEmpty()) {
            return Optional.empty();
        }
        UUID jobId = (UUID) chunk.get()[0];
        String error = failure.errcode() + ": " + failure.message();
        boolean dead = queue.fail(em, chunkId, error.length() > 1000 ? error.substring(0, 1000) : error, now);
        if (dead) {
            int failed = em.createNativeQuery("update audiences.tag_job_item set status = 'FAILED', errcode = ?4, code = ?5, message = ?6 "
                            + "where job_id = ?1 and seq between ?2 and ?3 and status = 'PENDING'")
                    .setParameter(1, jobId).setParameter(2, chunk.get()[1]).setParameter(3, chunk.get()[2]).setParameter(4, failure.errcode())
                    .setParameter(5, TagRules.failureCode(failure.errcode()))
                    .setParameter(6, "WeChat kept failing (" + failure.message() + "); gave up after " + maxAttempts + " attempts.").executeUpdate();
            count(jobId, 0, failed);
            finishIfDone(jobId, now);
        }
        return find(jobId);
    }

    @Override
    public Optional<TagJobView> failJob(UUID jobId, TagBatchSplitter.Failure failure, Instant now) {
        if (!lockJob(jobId, "'RUNNING'")) {
            return find(jobId);
        }
        int failed = em.createNativeQuery("update audiences.tag_job_item set status = 'FAILED', errcode = ?2, code = ?3, message = ?4 "
                        + "where job_id = ?1 and status = 'PENDING'")
                .setParameter(1, jobId).setParameter(2, failure.errcode()).setParameter(3, TagRules.failureCode(failure.errcode()))
                .setParameter(4, "The job stopped: " + failure.message()).executeUpdate();
        closeChunks(jobId, now);
        em.createNativeQuery("update audiences.tag_job set status = 'FAILED', error_code = ?2, error_message = ?3, failed = failed + ?4, "
                        + "done = done + ?4, finished_at = cast(?5 as timestamptz) where id = ?1")
                .setParameter(1, jobId).setParameter(2, failure.errcode()).setParameter(3, failure.message()).setParameter(4, failed)
                .setParameter(5, now).executeUpdate();
        return find(jobId);
    }

    @Override
    public Optional<TagJobView> cancel(UUID jobId, Instant now) {
        if (!lockJob(jobId, "'PREPARING', 'RUNNING'")) {
            return find(jobId);
        }
        closeChunks(jobId, now);
        em.createNativeQuery("update audiences.tag_job set status = 'CANCELLED', finished_at = cast(?2 as timestamptz), prepare_lease_until = null where id = ?1")
                .setParameter(1, jobId).setParameter(2, now).executeUpdate();
        return find(jobId);
    }

    @Override
    public Optional<TagJobView> find(UUID jobId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + JOB_COLUMNS + " from audiences.tag_job where id = ?1").setParameter(1, jobId).getResultList();
        return rows.stream().map(TagJobStore::job).findFirst();
    }

    @Override
    public void announce(UUID jobId) {
        ClusterChannel.announce(em, TagJobProgressRelay.TOPIC, jobId.toString());
    }

    @Override
    public List<TagJobView> page(UUID accountId, Instant afterStartedAt, UUID afterId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = afterStartedAt == null
                ? em.createNativeQuery("select " + JOB_COLUMNS + " from audiences.tag_job where account_id = ?1 order by started_at desc, id desc limit ?2")
                        .setParameter(1, accountId).setParameter(2, limit).getResultList()
                : em.createNativeQuery("select " + JOB_COLUMNS + " from audiences.tag_job where account_id = ?1 "
                                + "and (started_at, id) < (cast(?2 as timestamptz), ?3) order by started_at desc, id desc limit ?4")
                        .setParameter(1, accountId).setParameter(2, afterStartedAt).setParameter(3, afterId).setParameter(4, limit).getResultList();
        return rows.stream().map(TagJobStore::job).toList();
    }

    @Override
    public List<TagJobFailure> failures(UUID jobId, int afterSeq, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select seq, line, openid, code, errcode, message from audiences.tag_job_item "
                        + "where job_id = ?1 and status = 'FAILED' and seq > ?2 order by seq limit ?3")
                .setParameter(1, jobId).setParameter(2, afterSeq).setParameter(3, limit).getResultList();
        return rows.stream().map(r -> new TagJobFailure(((Number) r[0]).intValue(), r[1] == null ? null : ((Number) r[1]).intValue(), (String) r[2],
                (String) r[3], r[4] == null ? null : ((Number) r[4]).intValue(), (String) r[5])).toList();
    }

    /** Locks the chunk's job row, then the chunk if it is still to do: (job id, first seq, last seq), or empty. */
    private Optional<Object[]> lockChunk(long chunkId) {
        @SuppressWarnings("unchecked")
        List<Object> jobIds = em.createNativeQuery("select job_id from audiences.tag_job_chunk where id = ?1").setParameter(1, chunkId).getResultList();
        if (jobIds.isEmpty()) {
            return Optional.empty();
        }
        em.createNativeQuery("select id from audiences.tag_job where id = ?1 for update").setParameter(1, jobIds.get(0)).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select job_id, first_seq, last_seq from audiences.tag_job_chunk where id = ?1" + queue.lockClause())
                .setParameter(1, chunkId).getResultList();
        return rows.stream().findFirst();
    }

    /**
     * Locks the job row if its status is one of {@code statuses} (SQL literals). "No key update" does not wait for the
     * key-share locks the chunks of a preparing job take through their foreign key.
     */
    private boolean lockJob(UUID jobId, String statuses) {
        return !em.createNativeQuery("select id from audiences.tag_job where id = ?1 and status in (" + statuses + ") for no key update")
                .setParameter(1, jobId).getResultList().isEmpty();
    }

    private void closeChunks(UUID jobId, Instant now) {
        em.createNativeQuery("update audiences.tag_job_chunk set done_at = cast(?2 as timestamptz), lease_until = null "
                        + "where job_id = ?1 and done_at is null and dead_lettered_at is null")
                .setParameter(1, jobId).setParameter(2, now).executeUpdate();
    }

    private void count(UUID jobId, int succeeded, int failed) {
        em.createNativeQuery("update audiences.tag_job set done = done + ?2 + ?3, succeeded = succeeded + ?2, failed = failed + ?3 where id = ?1")
                .setParameter(1, jobId).setParameter(2, succeeded).setParameter(3, failed).executeUpdate();
    }

    private void finishIfDone(UUID jobId, Instant now) {
        em.createNativeQuery("update audiences.tag_job set status = 'SUCCEEDED', finished_at = cast(?2 as timestamptz) where id = ?1 and status = 'RUNNING' "
                        + "and not exists (select 1 from audiences.tag_job_chunk c where c.job_id = ?1 and c.done_at is null and c.dead_lettered_at is null)")
                .setParameter(1, jobId).setParameter(2, now).executeUpdate();
    }

    private static Preparation preparation(Object[] r) {
        return new Preparation(Rows.uuid(r[0]), Rows.uuid(r[1]), ((Number) r[2]).intValue(), TagAction.valueOf((String) r[3]),
                r[4] == null ? null : FanFilterJson.fromJson(JsonFactories.readObject((String) r[4])), r[5] == null ? null : Rows.uuid(r[5]));
    }

    private static TagJobView job(Object[] r) {
        return new TagJobView((UUID) r[0], (UUID) r[1], ((Number) r[2]).intValue(), (String) r[3], TagAction.valueOf((String) r[4]), (String) r[5],
                TagJobStatus.valueOf((String) r[6]), ((Number) r[7]).intValue(), ((Number) r[8]).intValue(), ((Number) r[9]).intValue(),
                ((Number) r[10]).intValue(), r[11] == null ? null : ((Number) r[11]).intValue(), (String) r[12], TagStore.instant(r[13]),
                TagStore.instant(r[14]));
    }
}
