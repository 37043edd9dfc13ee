package app.fanmail.audiences.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import app.fanmail.app.db.JdbcEntityManager;
import app.fanmail.audiences.application.FanSource;
import app.fanmail.audiences.application.FanSyncRun;
import app.fanmail.audiences.application.FanSyncStore;
import app.fanmail.audiences.application.TagGateway.RemoteTag;
import app.fanmail.audiences.application.TagJobView;
import app.fanmail.audiences.application.UploadedOpenids;
import app.fanmail.audiences.domain.FanSyncKind;
import app.fanmail.audiences.domain.TagAction;
import app.fanmail.audiences.domain.TagBatchSplitter.Failure;
import app.fanmail.audiences.domain.TagJobStatus;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManager;

/**
 * The per-tag counts of subscribed fans (V5: statement-level triggers on the fan table) against a real PostgreSQL,
 * after every write path through the classes that write it — a full sync's pages and its silent unfollows, details,
 * follow and unfollow pushes, a bulk tag job's chunks, a tag deleted, an account deleted — each time both as expected
 * and as the grouped scan over the fans finds them.
 */
class TagFanCountsDbTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static EmbeddedPostgres postgres;
    private static Connection connection;
    private static EntityManager em;

    private final UUID account = UUID.randomUUID();
    private final UUID otherAccount = UUID.randomUUID();

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

    private static FanSyncSql sync() {
        FanSyncSql s = new FanSyncSql();
        s.em = em;
        return s;
    }

    private static TagStore tags() {
        TagStore s = new TagStore();
        s.em = em;
        return s;
    }

    private static FanEventSql events() {
        FanEventSql s = new FanEventSql();
        s.em = em;
        return s;
    }

    private static TagJobStore jobs() {
        TagJobStore store = new TagJobStore();
        store.em = em;
        store.maxAttempts = 3;
        store.retryBackoff = Duration.ofSeconds(5);
        store.retryBackoffMax = Duration.ofMinutes(1);
        store.lease = Duration.ofMinutes(2);
        store.createQueue();
        return store;
    }

    private static FanSyncStore.Lease lease(Instant now) {
        return new FanSyncStore.Lease("node-a", now, now.plus(Duration.ofMinutes(2)));
    }

    /** The stored counts, checked against the grouped scan they replace. */
    private Map<Integer, Long> counts(UUID accountId) throws Exception {
        Map<Integer, Long> scanned = new HashMap<>();
        try (var s = connection.prepareStatement("select t.tag_id, count(*) from audiences.fan f cross join lateral unnest(f.tag_ids) as t(tag_id) "
                + "where f.account_id = ? and f.subscribed group by t.tag_id")) {
            s.setObject(1, accountId);
            try (var r = s.executeQuery()) {
                while (r.next()) {
                    scanned.put(r.getInt(1), r.getLong(2));
                }
            }
        }
        Map<Integer, Long> stored = tags().fanCounts(accountId);
        assertThat(stored).as("stored counts = the grouped scan over the fans").isEqualTo(scanned);
        return stored;
    }

    /** A full sync of {@code followers} (in this order) whose tags have these members, at {@code now}. */
    private void fullSync(UUID accountId, List<String> followers, Map<Integer, List<String>> members, Instant now) {
        FanSyncSql sync = sync();
        FanSyncStore.Lease lease = lease(now);
        FanSyncRun run = sync.create(accountId, FanSyncKind.FOLLOWERS, null, null, lease).orElseThrow();
        sync.writeTags(run.id(), lease, members.keySet().stream().sorted().map(id -> new FanSource.Tag(id, "t" + id, members.get(id).size())).toList())
                .orElseThrow();
        List<Integer> ids = members.keySet().stream().sorted().toList();
        for (Integer id : ids) {
            assertThat(sync.insertMembers(run.id(), lease, id, members.get(id))).isTrue();
        }
        sync.advanceMembers(run.id(), lease, app.fanmail.audiences.domain.MemberCursor.firstAfter(ids, null).stored(), null).orElseThrow();
        assertThat(sync.insertFollowers(run.id(), lease, new FanSource.Page(followers.size(), followers, null))).isTrue();
        sync.advanceFollowers(run.id(), lease, "", null, followers.size(), followers.size()).orElseThrow();
        while (sync.applyChunk(run.id(), lease, 2).orElseThrow().status().name().equals("RUNNING")) {
            // one chunk of the silent-unfollow walk at a time
        }
    }

    @Test
    void countsStayExactThroughEveryWritePath() throws Exception {
        // the other account's fans carry the same tag ids and must never move this account's counts
        fullSync(otherAccount, List.of("x1", "x2"), Map.of(100, List.of("x1", "x2")), T0);
        assertThat(counts(otherAccount)).isEqualTo(Map.of(100, 2L));

        fullSync(account, List.of("a", "b", "c", "d"), Map.of(100, List.of("a", "b", "c"), 101, List.of("a")), T0);
        assertThat(counts(account)).as("first sync: pages inserted").isEqualTo(Map.of(100, 3L, 101, 1L));

        // a later sync: b lost tag 100 and got 101, d is no longer listed (a silent unfollow), e is new
        Instant t1 = T0.plus(Duration.ofHours(1));
        fullSync(account, List.of("a", "b", "c", "e"), Map.of(100, List.of("a", "c", "e"), 101, List.of("a", "b", "d")), t1);
        assertThat(counts(account)).as("second sync: pages upserted, d unfollowed").isEqualTo(Map.of(100, 3L, 101, 2L));

        // details: c is gone (unsubscribed), e's tags are now 101 and 102
        FanSyncSql sync = sync();
        Instant t2 = t1.plus(Duration.ofHours(1));
        FanSyncRun details = sync.create(account, FanSyncKind.DETAILS, null, null, lease(t2)).orElseThrow();
        sync.writeDetails(details.id(), lease(t2), List.of(
                new FanSource.Details("c", false, null, null, null, null, null, null, null),
                new FanSource.Details("e", true, t2, null, "", "zh_CN", List.of(101, 102), null, null)), "e", true).orElseThrow();
        assertThat(counts(account)).as("details").isEqualTo(Map.of(100, 1L, 101, 3L, 102, 1L));

        // pushes: a unfollows (its tags stop counting), c follows again (its kept tag 100 counts again), f follows untagged
        Instant t3 = t2.plus(Duration.ofHours(1));
        events().unfollowed(account, "a", t3, t3);
        assertThat(counts(account)).as("unfollow push").isEqualTo(Map.of(101, 2L, 102, 1L));
        events().followed(account, "c", t3.plusSeconds(1), null, t3.plusSeconds(1));
        events().followed(account, "f", t3.plusSeconds(1), null, t3.plusSeconds(1));
        events().interacted(account, "f", t3.plusSeconds(2), t3.plusSeconds(2));
        assertThat(counts(account)).as("follow pushes").isEqualTo(Map.of(100, 1L, 101, 2L, 102, 1L));

        // a bulk tag job tags b, c and f with 102 (c's chunk result: refused by WeChat), then an untag job takes 101 off b
        TagJobStore jobs = jobs();
        TagJobView tagging = job(jobs, 102, TagAction.TAG, List.of("b", "c", "f"));
        long chunk = jobs.claim(1, t3).get(0);
        Map<String, Failure> results = new HashMap<>();
        results.put("b", null);
        results.put("f", null);
        results.put("c", new Failure(app.fanmail.audiences.domain.TagBatchSplitter.FailureKind.PER_FAN, 40003, "invalid openid"));
        jobs.complete(chunk, results, t3);
        assertThat(jobs.find(tagging.id()).orElseThrow().status()).isEqualTo(TagJobStatus.SUCCEEDED);
        assertThat(counts(account)).as("tag job").isEqualTo(Map.of(100, 1L, 101, 2L, 102, 3L));
        job(jobs, 101, TagAction.UNTAG, List.of("b"));
        long untag = jobs.claim(1, t3).get(0);
        Map<String, Failure> ok = new HashMap<>();
        ok.put("b", null);
        jobs.complete(untag, ok, t3);
        assertThat(counts(account)).as("untag job").isEqualTo(Map.of(100, 1L, 101, 1L, 102, 3L));

        // deleting tag 100 takes it off every fan; a tag list without 102 (deleted in WeChat) takes that off too
        tags().remove(account, 100);
        assertThat(counts(account)).as("tag deleted").isEqualTo(Map.of(101, 1L, 102, 3L));
        tags().save(account, new RemoteTag(102, "t102", 3), t3);
        tags().replaceAll(account, List.of(new RemoteTag(101, "t101", 1)), t3);
        assertThat(counts(account)).as("tags replaced").isEqualTo(Map.of(101, 1L));
        assertThat(counts(otherAccount)).isEqualTo(Map.of(100, 2L));

        // an account deleted: the cleanup deletes every account table of the schema, in whatever order
        try (var s = connection.prepareStatement("delete from audiences.tag_fan_count where account_id = ?")) {
            s.setObject(1, account);
            s.executeUpdate();
        }
        try (var s = connection.prepareStatement("delete from audiences.fan where account_id = ?")) {
            s.setObject(1, account);
            s.executeUpdate();
        }
        assertThat(counts(account)).as("account deleted, counts first").isEmpty();
        try (var s = connection.prepareStatement("delete from audiences.fan where account_id = ?")) {
            s.setObject(1, otherAccount);
            s.executeUpdate();
        }
        assertThat(counts(otherAccount)).as("account deleted, fans first").isEmpty();
        try (var s = connection.createStatement(); var r = s.executeQuery("select count(*) from audiences.tag_fan_count")) {
            r.next();
            assertThat(r.getLong(1)).as("no row left at zero or below").isZero();
        }
    }

    private TagJobView job(TagJobStore store, int tagId, TagAction action, List<String> openids) {
        UUID id = UUID.randomUUID();
        store.create(new TagJobView(id, account, tagId, "t", action, "OPENIDS", TagJobStatus.PREPARING, 0, 0, 0, 0, null, null, T0, null), "op");
        store.addOpenids(id, 1, java.util.stream.IntStream.range(0, openids.size()).mapToObj(i -> new UploadedOpenids.Row(i + 1, openids.get(i))).toList());
        return store.seal(id, 50, T0).orElseThrow();
    }
}
