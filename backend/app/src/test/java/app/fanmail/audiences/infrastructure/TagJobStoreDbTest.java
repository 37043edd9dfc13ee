package app.fanmail.audiences.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.fanmail.app.db.JdbcEntityManager;
import app.fanmail.audiences.application.TagJobRepository;
import app.fanmail.audiences.application.TagJobView;
import app.fanmail.audiences.application.UploadedOpenids;
import app.fanmail.audiences.domain.FanFilter;
import app.fanmail.audiences.domain.TagAction;
import app.fanmail.audiences.domain.TagBatchSplitter.Failure;
import app.fanmail.audiences.domain.TagBatchSplitter.FailureKind;
import app.fanmail.audiences.domain.TagJobStatus;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManager;

/**
 * Bulk tag jobs' SQL against a real PostgreSQL with the audiences migrations: items in bulk, chunks of 50 as a work
 * queue that a restarted node resumes when the lease of a crashed one runs out, results and fans' tag ids written per
 * chunk, the job's end, dead letters and job failures.
 */
class TagJobStoreDbTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static EmbeddedPostgres postgres;
    private static Connection connection;
    private static EntityManager em;

    private final UUID account = UUID.randomUUID();

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(postgres.getPostgresDatabase()).schemas("audiences").defaultSchema("audiences")
                .locations("classpath:db/audiences").table("flyway_schema_history").load().migrate();
        connection = postgres.getPostgresDatabase().getConnection();
        em = JdbcEntityManager.over(connection);
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        postgres.close();
    }

    @BeforeEach
    void noOtherJobs() throws Exception {
        try (var s = connection.createStatement()) { // the chunk queue is global: each test sees only its own jobs
            s.execute("delete from audiences.tag_job");
        }
    }

    private static TagJobStore store() {
        TagJobStore store = new TagJobStore();
        store.em = em;
        store.maxAttempts = 3;
        store.retryBackoff = Duration.ofSeconds(5);
        store.retryBackoffMax = Duration.ofMinutes(1);
        store.lease = Duration.ofMinutes(2);
        store.createQueue();
        return store;
    }

    private static List<String> openids(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + String.format("%04d", i)).toList();
    }

    private void fans(List<String> openids, Map<String, Integer[]> tags) throws Exception {
        try (var s = connection.prepareStatement("insert into audiences.fan (account_id, openid, tag_ids, created_at, updated_at) values (?, ?, ?, now(), now())")) {
            for (String o : openids) {
                s.setObject(1, account);
                s.setString(2, o);
                s.setArray(3, connection.createArrayOf("integer", tags.getOrDefault(o, new Integer[0])));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private TagJobView job(TagJobStore store, int tagId, TagAction action, List<String> openids) {
        UUID id = UUID.randomUUID();
        store.create(new TagJobView(id, account, tagId, "t", action, "OPENIDS", TagJobStatus.PREPARING, 0, 0, 0, 0, null, null, T0, null), "op");
        List<UploadedOpenids.Row> rows = new ArrayList<>();
        for (int i = 0; i < openids.size(); i++) {
            rows.add(new UploadedOpenids.Row(i + 1, openids.get(i)));
        }
        store.addOpenids(id, 1, rows);
        if (action == TagAction.TAG) {
            store.refuseFansAtTagLimit(id, account, tagId);
        }
        return store.seal(id, 50, T0).orElseThrow();
    }

    private List<String> tagged(int tagId) throws Exception {
        List<String> out = new ArrayList<>();
        try (var s = connection.prepareStatement("select openid from audiences.fan where account_id = ? and ? = any(tag_ids) order by openid")) {
            s.setObject(1, account);
            s.setInt(2, tagId);
            try (var r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    private static Map<String, Failure> allOk(TagJobRepository.ChunkWork w) {
        Map<String, Failure> results = new HashMap<>();
        w.items().forEach(i -> results.put(i.openid(), null));
        return results;
    }

    @Test
    void chunksOfFiftyAreResumedWhenACrashedWorkersLeaseRunsOut() throws Exception {
        TagJobStore store = store();
        List<String> fans = openids("a" + account.toString().substring(0, 6), 120);
        fans(fans, Map.of());
        TagJobView job = job(store, 100, TagAction.TAG, fans);
        assertThat(List.of(job.total(), job.done(), job.status().name())).containsExactly(120, 0, "RUNNING");

        List<Long> first = store.claim(1, T0);
        List<Long> rest = store.claim(10, T0.plusSeconds(60));
        assertThat(first).hasSize(1);
        assertThat(rest).hasSize(2).doesNotContainAnyElementsOf(first);
        assertThat(store.chunk(first.get(0)).orElseThrow().items()).hasSize(50);
        assertThat(store.chunk(rest.get(1)).orElseThrow().items()).hasSize(20);

        // the node holding the first chunk dies: nobody takes it within its lease, a restarted node takes it after
        assertThat(store.claim(10, T0.plusSeconds(100))).isEmpty();
        assertThat(store.claim(10, T0.plusSeconds(121))).containsExactlyElementsOf(first);

        TagJobRepository.ChunkWork a = store.chunk(first.get(0)).orElseThrow();
        Map<String, Failure> results = allOk(a);
        results.put(a.items().get(3).openid(), new Failure(FailureKind.PER_FAN, 40003, "invalid openid"));
        results.put(a.items().get(9).openid(), new Failure(FailureKind.PER_FAN, 45059, "user tag count reach limit"));
        TagJobView after = store.complete(a.chunkId(), results, T0.plusSeconds(122)).orElseThrow();
        assertThat(List.of(after.done(), after.succeeded(), after.failed(), after.status().name())).containsExactly(50, 48, 2, "RUNNING");
        assertThat(store.complete(a.chunkId(), results, T0.plusSeconds(122))).as("a chunk is written once").isEmpty();
        assertThat(store.claim(10, T0.plusSeconds(500))).as("a done chunk is never claimed again").doesNotContain(a.chunkId());

        for (Long id : rest) {
            store.complete(id, allOk(store.chunk(id).orElseThrow()), T0.plusSeconds(123));
        }
        TagJobView done = store.find(job.id()).orElseThrow();
        assertThat(List.of(done.done(), done.succeeded(), done.failed(), done.status().name())).containsExactly(120, 118, 2, "SUCCEEDED");
        assertThat(done.finishedAt()).isEqualTo(T0.plusSeconds(123));
        assertThat(tagged(100)).hasSize(118).doesNotContain(a.items().get(3).openid(), a.items().get(9).openid());
        assertThat(store.failures(job.id(), 0, 10)).extracting(f -> f.line() + " " + f.code())
                .containsExactly((a.items().get(3).seq()) + " INVALID_OPENID", (a.items().get(9).seq()) + " FAN_TAG_LIMIT");
    }

    @Test
    void fansFanmailKnowsAtTwentyTagsFailWithoutACallAndFiltersSelectFans() throws Exception {
        TagJobStore store = store();
        List<String> fans = openids("b" + account.toString().substring(0, 6), 10);
        Integer[] twenty = IntStream.range(200, 220).boxed().toArray(Integer[]::new);
        Integer[] twentyWithTarget = IntStream.range(299, 319).boxed().toArray(Integer[]::new);
        fans(fans, Map.of(fans.get(0), twenty, fans.get(1), twentyWithTarget, fans.get(2), new Integer[] {200}));
        TagJobView job = job(store, 300, TagAction.TAG, fans);
        assertThat(List.of(job.total(), job.done(), job.failed())).as("fan 1 already has tag 300").containsExactly(10, 1, 1);
        assertThat(store.failures(job.id(), 0, 10)).extracting(f -> f.openid() + " " + f.errcode()).containsExactly(fans.get(0) + " 45059");

        UUID byFilter = UUID.randomUUID();
        store.create(new TagJobView(byFilter, account, 301, "t", TagAction.TAG, "FILTER", TagJobStatus.PREPARING, 0, 0, 0, 0, null, null, T0, null), "op");
        assertThat(store.addFromFilter(byFilter, account, new FanFilter(null, List.of(200), FanFilter.TagMatch.ANY, null, null, null, null), Set.of()))
                .isEqualTo(2);
        assertThat(store.seal(byFilter, 50, T0).orElseThrow().total()).isEqualTo(2);
    }

    @Test
    void untaggingRemovesTheTagFromFansAndAnEmptyJobEndsAtOnce() throws Exception {
        TagJobStore store = store();
        List<String> fans = openids("c" + account.toString().substring(0, 6), 5);
        Map<String, Integer[]> tags = new HashMap<>();
        fans.forEach(f -> tags.put(f, new Integer[] {7, 400}));
        fans(fans, tags);
        TagJobView job = job(store, 400, TagAction.UNTAG, fans.subList(0, 3));
        long chunk = store.claim(10, T0).get(0);
        store.complete(chunk, allOk(store.chunk(chunk).orElseThrow()), T0);
        assertThat(tagged(400)).containsExactlyElementsOf(fans.subList(3, 5));
        assertThat(tagged(7)).hasSize(5);
        assertThat(store.find(job.id()).orElseThrow().status()).isEqualTo(TagJobStatus.SUCCEEDED);

        UUID empty = UUID.randomUUID();
        store.create(new TagJobView(empty, account, 401, "t", TagAction.TAG, "FILTER", TagJobStatus.PREPARING, 0, 0, 0, 0, null, null, T0, null), "op");
        assertThat(store.seal(empty, 50, T0).orElseThrow().status()).isEqualTo(TagJobStatus.SUCCEEDED);
    }

    @Test
    void aChunkThatKeepsFailingIsDeadLetteredAndAJobFailureClosesTheRest() throws Exception {
        TagJobStore store = store();
        List<String> fans = openids("d" + account.toString().substring(0, 6), 60);
        TagJobView job = job(store, 500, TagAction.TAG, fans);
        Failure busy = new Failure(FailureKind.RETRY, 45011, "api minute-quota reach limit");
        List<Long> ids = store.claim(1, T0);
        long chunk = ids.get(0);
        Instant now = T0;
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(store.claim(10, now).contains(chunk) || attempt == 1).isTrue();
            store.retryLater(chunk, busy, now);
            assertThat(store.claim(10, now)).as("backing off").doesNotContain(chunk);
            now = now.plus(Duration.ofMinutes(2));
        }
        TagJobView dead = store.find(job.id()).orElseThrow();
        assertThat(List.of(dead.done(), dead.failed(), dead.status().name())).containsExactly(50, 50, "RUNNING");

        Failure gone = new Failure(FailureKind.JOB, 45159, "invalid tag id");
        TagJobView failed = store.failJob(job.id(), gone, now).orElseThrow();
        assertThat(List.of(failed.done(), failed.failed(), failed.status().name(), failed.errorCode())).containsExactly(60, 60, "FAILED", 45159);
        assertThat(store.claim(10, now.plus(Duration.ofHours(1)))).isEmpty();
        assertThat(store.failures(job.id(), 50, 100)).allSatisfy(f -> assertThat(f.code()).isEqualTo("TAG_UNKNOWN")).hasSize(10);
    }

    @Test
    void aPreparingJobIsLeasedToItsNodeTakenOverOnceTheLeaseRunsOutAndCancelledWithoutItems() throws Exception {
        TagJobStore store = store();
        List<String> fans = openids("g" + account.toString().substring(0, 6), 4);
        fans(fans, Map.of(fans.get(1), new Integer[] {700}, fans.get(2), new Integer[] {7, 700}));
        FanFilter filter = new FanFilter(null, List.of(700), FanFilter.TagMatch.ANY, null, null, null, null);
        UUID id = UUID.randomUUID();
        store.createPreparing(new TagJobView(id, account, 700, "t", TagAction.TAG, "FILTER", TagJobStatus.PREPARING, 0, 0, 0, 0, null, null, T0, null),
                "op", filter, null, T0.plus(Duration.ofMinutes(2)));
        TagJobView preparing = store.find(id).orElseThrow();
        assertThat(List.of(preparing.status().name(), preparing.total(), preparing.status().finished())).containsExactly("PREPARING", 0, false);
        assertThat(store.preparation(id).orElseThrow().filter()).isEqualTo(filter);
        assertThat(store.abandonedPreparations(T0.plusSeconds(60), 10)).as("its node holds the lease").doesNotContain(id);
        assertThat(store.claimPreparation(id, T0.plusSeconds(60))).isEmpty();

        Instant later = T0.plus(Duration.ofMinutes(2)); // the node died: its lease runs out
        assertThat(store.abandonedPreparations(later, 10)).containsExactly(id);
        assertThat(store.claimPreparation(id, later).map(p -> p.tagId() + " " + p.action() + " " + p.filter())).contains("700 TAG " + filter);
        assertThat(store.claimPreparation(id, later)).as("one node takes it over").isEmpty();
        store.addFromFilter(id, account, filter, Set.of());
        TagJobView running = store.seal(id, 50, later).orElseThrow();
        assertThat(List.of(running.status().name(), running.total())).containsExactly("RUNNING", 2);
        assertThat(store.claim(10, later)).hasSize(1);
        assertThat(store.abandonedPreparations(later.plus(Duration.ofHours(1)), 10)).isEmpty();

        UUID upload = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        store.createPreparing(new TagJobView(other, account, 700, "t", TagAction.UNTAG, "UPLOAD", TagJobStatus.PREPARING, 0, 0, 0, 0, null, null, T0,
                null), "op", null, upload, T0.plus(Duration.ofMinutes(2)));
        assertThat(store.preparation(other).map(TagJobRepository.Preparation::uploadId)).contains(upload);
        TagJobView cancelled = store.cancel(other, T0.plusSeconds(1)).orElseThrow();
        assertThat(List.of(cancelled.status().name(), cancelled.total())).containsExactly("CANCELLED", 0);
        assertThat(store.preparation(other)).as("its preparation finds nothing to do").isEmpty();
        assertThat(store.seal(other, 50, T0.plusSeconds(2))).as("a cancelled job is not moved to RUNNING").isEmpty();
        assertThat(store.find(other).orElseThrow().status()).isEqualTo(TagJobStatus.CANCELLED);
        assertThat(store.abandonedPreparations(later.plus(Duration.ofHours(1)), 10)).isEmpty();
    }

    @Test
    void aCancelledJobLeavesItsRestPendingAndIsNeverClaimedAgain() throws Exception {
        TagJobStore store = store();
        TagJobView job = job(store, 600, TagAction.TAG, openids("e" + account.toString().substring(0, 6), 120));
        long first = store.claim(1, T0).get(0);
        store.complete(first, allOk(store.chunk(first).orElseThrow()), T0);
        TagJobView cancelled = store.cancel(job.id(), T0.plusSeconds(1)).orElseThrow();
        assertThat(List.of(cancelled.status().name(), cancelled.done(), cancelled.total())).containsExactly("CANCELLED", 50, 120);
        assertThat(cancelled.finishedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(store.claim(10, T0.plus(Duration.ofHours(1)))).isEmpty();
        assertThat(store.failJob(job.id(), new Failure(FailureKind.JOB, 45159, "x"), T0).orElseThrow().status()).as("ended jobs stay as they are")
                .isEqualTo(TagJobStatus.CANCELLED);

        // a deleted job (its account was deleted) takes its items and chunks along
        try (var s = connection.createStatement()) {
            s.execute("delete from audiences.tag_job where account_id = '" + account + "'");
            try (var r = s.executeQuery("select (select count(*) from audiences.tag_job_item where job_id = '" + job.id() + "') "
                    + "+ (select count(*) from audiences.tag_job_chunk where job_id = '" + job.id() + "')")) {
                r.next();
                assertThat(r.getLong(1)).isZero();
            }
        }
    }
}
