package app.fanmail.wechat.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.fanmail.app.db.JdbcEntityManager;
import app.fanmail.app.db.WeChatDatabase;
import app.fanmail.kernel.queue.Backoff;
import app.fanmail.kernel.queue.QueueTable;
import app.fanmail.kernel.queue.WorkQueue;
import app.fanmail.kernel.time.OffsetClock;
import app.fanmail.wechat.api.DeliveryReports.DeliveryReport;
import app.fanmail.wechat.api.InboundEvent;
import app.fanmail.wechat.api.ServiceWindows;
import app.fanmail.wechat.domain.WindowRules;
import jakarta.persistence.EntityManager;

/**
 * The wechat module's SQL against a real PostgreSQL with its migrations, on a movable clock: customer-service
 * windows (bulk listing, bulk consumption, triggers, CreateTime, expiry), delivery report positions (lossless
 * cursor reads) and the inbox as a kernel work queue (grace, lease, back-off, dead letter).
 */
class WeChatQueuesDbTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static WeChatDatabase db;
    private static Connection connection;
    private static EntityManager em;

    private final OffsetClock clock = new OffsetClock(Clock.fixed(T0, ZoneOffset.UTC), true);
    private final UUID account = UUID.randomUUID();
    private final WindowRules rules = new WindowRules(5, Duration.ofHours(48), 3, Duration.ofMinutes(1));

    @BeforeAll
    static void start() throws Exception {
        db = new WeChatDatabase();
        connection = db.connection();
        em = JdbcEntityManager.over(connection);
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        db.close();
    }

    @BeforeEach
    void cleanReports() throws Exception {
        try (var s = connection.createStatement()) { // report positions are global: each test starts from none
            s.execute("update wechat.callback_inbox set report_position = null");
        }
    }

    private ServiceWindowService windows() {
        ServiceWindowService service = new ServiceWindowService();
        service.em = em;
        service.clock = clock;
        return service;
    }

    private void opened(String openid, InboundEvent event, long inboxId) {
        WindowRules.Opening opening = rules.openedBy(event, clock.instant()).orElseThrow();
        ServiceWindowService.open(em, List.of(new InboxProcessor.Opened(account, openid, inboxId, opening)));
    }

    private InboundEvent message(String openid, Instant at) {
        return new InboundEvent.UserMessage(account, 1, openid, at, "text", "m" + at.toEpochMilli(), Map.of("Content", "hi"));
    }

    private InboundEvent click(String openid, Instant at) {
        return new InboundEvent.MenuClicked(account, 2, openid, at, "MENU");
    }

    @Test
    void windowsOpenAtCreateTimeRecordTheirTriggerAndExpireOnTheClock() {
        opened("oA", message("oA", T0.minus(Duration.ofHours(47))), 11); // processed long after the fan wrote
        opened("oB", click("oB", T0.minusSeconds(10)), 12);
        ServiceWindows.WindowPage page = windows().openWindows(account, Optional.empty(), 10);
        assertThat(page.windows()).extracting(ServiceWindows.OpenWindow::openid, ServiceWindows.OpenWindow::kind,
                        ServiceWindows.OpenWindow::openedBy, ServiceWindows.OpenWindow::openedByInboxId, ServiceWindows.OpenWindow::openedAt,
                        ServiceWindows.OpenWindow::remaining)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("oA", "MESSAGE", "MESSAGE", 11L, T0.minus(Duration.ofHours(47)), 5),
                        org.assertj.core.groups.Tuple.tuple("oB", "INTERACTION", "CLICK", 12L, T0.minusSeconds(10), 3));
        assertThat(page.next()).isEmpty();

        clock.set(T0.plusSeconds(51)); // the click's minute is over (opened at CreateTime, not when processed)
        assertThat(windows().openWindows(account, Optional.empty(), 10).windows()).extracting(ServiceWindows.OpenWindow::openid)
                .containsExactly("oA");
        clock.set(T0.plus(Duration.ofHours(1)).plusSeconds(1)); // 48 h after the message
        assertThat(windows().openWindows(account, Optional.empty(), 10).windows()).isEmpty();
        assertThat(windows().consumeEach(account, List.of("oA", "oB"))).isEmpty();
    }

    @Test
    void aLatePushNeverReplacesANewerOpeningOfTheSameKind() {
        opened("oC", click("oC", T0.minusSeconds(5)), 21);
        opened("oC", new InboundEvent.Followed(account, 22, "oC", T0.minusSeconds(30), null, null), 22);
        ServiceWindows.OpenWindow w = windows().openWindows(account, Optional.empty(), 10).windows().get(0);
        assertThat(w.openedBy()).isEqualTo("CLICK");
        assertThat(w.openedByInboxId()).isEqualTo(21L);
        opened("oC", new InboundEvent.QrScanned(account, 23, "oC", T0.minusSeconds(1), "s", "t"), 23);
        assertThat(windows().openWindows(account, Optional.empty(), 10).windows().get(0).openedBy()).isEqualTo("QR_SCAN");
    }

    @Test
    void allOpenWindowsOfAnAccountArePagedAndManyAreConsumedInOneStatement() {
        for (int i = 0; i < 5; i++) {
            opened("oF" + i, click("oF" + i, T0), 30 + i);
        }
        opened("oF0", message("oF0", T0.minusSeconds(60)), 40);
        ServiceWindows.WindowPage first = windows().openWindows(account, Optional.empty(), 4);
        assertThat(first.windows()).extracting(w -> w.openid() + "/" + w.kind())
                .containsExactly("oF0/INTERACTION", "oF0/MESSAGE", "oF1/INTERACTION", "oF2/INTERACTION");
        ServiceWindows.WindowPage second = windows().openWindows(account, first.next(), 4);
        assertThat(second.windows()).extracting(w -> w.openid() + "/" + w.kind()).containsExactly("oF3/INTERACTION", "oF4/INTERACTION");
        assertThat(second.next()).isEmpty();
        // the same fans as openids only, each once, a slice after a fan at a time
        assertThat(windows().openFans(account, null, 3)).containsExactly("oF0", "oF1", "oF2");
        assertThat(windows().openFans(account, "oF2", 3)).containsExactly("oF3", "oF4");

        // one slot each, duplicates once, unknown fans left out; the soonest-expiring window pays
        assertThat(windows().consumeEach(account, List.of("oF0", "oF1", "oF1", "oNobody"))).containsExactlyInAnyOrder("oF0", "oF1");
        assertThat(windows().open(account, "oF0")).extracting(ServiceWindows.Window::kind, ServiceWindows.Window::remaining)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("INTERACTION", 2), org.assertj.core.groups.Tuple.tuple("MESSAGE", 5));
        windows().consumeEach(account, List.of("oF1"));
        windows().consumeEach(account, List.of("oF1"));
        assertThat(windows().consumeEach(account, List.of("oF1", "oF2"))).as("oF1's three interaction slots are used")
                .containsExactly("oF2");
        assertThat(windows().openWindows(account, Optional.empty(), 100).windows()).extracting(ServiceWindows.OpenWindow::openid)
                .doesNotContain("oF1");
        assertThat(windows().openFans(account, null, 100)).containsExactly("oF0", "oF2", "oF3", "oF4");
    }

    private long inbox(String event, String openid, String status, Instant receivedAt) throws Exception {
        String fields = "{\"ToUserName\":\"gh_1\",\"FromUserName\":\"" + openid + "\",\"CreateTime\":\"" + receivedAt.getEpochSecond()
                + "\",\"MsgType\":\"event\",\"Event\":\"" + event + "\",\"MsgID\":\"" + System.nanoTime() + "\",\"Status\":\"" + status + "\"}";
        try (PreparedStatement ps = connection.prepareStatement("insert into wechat.callback_inbox (account_id, dedupe_key, msg_type, event, "
                + "from_openid, create_time, received_at, fields, raw_xml) values (?, ?, 'event', ?, ?, ?, ?, cast(? as json), null) returning id")) {
            ps.setObject(1, account);
            ps.setString(2, UUID.randomUUID().toString().replace("-", ""));
            ps.setString(3, event);
            ps.setString(4, openid);
            ps.setLong(5, receivedAt.getEpochSecond());
            ps.setObject(6, receivedAt.atOffset(ZoneOffset.UTC));
            ps.setString(7, fields);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void reportsAreReadLosslesslyAfterACursorEvenWhenALowerInboxIdCommitsLater() throws Exception {
        DeliveryReportService reports = new DeliveryReportService();
        reports.em = em;
        long first = inbox("TEMPLATESENDJOBFINISH", "oR1", "success", T0);
        long late = inbox("TEMPLATESENDJOBFINISH", "oR2", "failed:user block", T0); // stored, its publishing is slow
        long mass = inbox("MASSSENDJOBFINISH", "gh_1", "send success", T0);
        DeliveryReportService.position(em, List.of(first));
        DeliveryReportService.position(em, List.of(mass));

        List<DeliveryReport> read = reports.after(0, 10);
        assertThat(read).extracting(DeliveryReport::inboxId).containsExactly(first, mass);
        assertThat(read.get(0).event()).isInstanceOfSatisfying(InboundEvent.TemplateDeliveryReported.class, r -> {
            assertThat(r.openid()).isEqualTo("oR1");
            assertThat(r.status()).isEqualTo("success");
        });
        assertThat(read.get(1).event()).isInstanceOf(InboundEvent.MassSendFinished.class);

        // the consumer crashed after its commit but before storing the cursor: the next read is the same
        assertThat(reports.after(0, 10)).isEqualTo(read);
        long cursor = read.get(1).position(); // now stored with what it did

        DeliveryReportService.position(em, List.of(late)); // the lower inbox id is published after the cursor passed it
        List<DeliveryReport> next = reports.after(cursor, 10);
        assertThat(next).extracting(DeliveryReport::inboxId).as("an inbox-id cursor would have skipped it").containsExactly(late);
        assertThat(((InboundEvent.TemplateDeliveryReported) next.get(0).event()).outcome())
                .isEqualTo(InboundEvent.DeliveryOutcome.USER_BLOCKED);
        assertThat(reports.after(next.get(0).position(), 10)).isEmpty();
    }

    @Test
    void aReportPublishedWhileAnEarlierPositionIsUncommittedWaitsForIt() throws Exception {
        DeliveryReportService reports = new DeliveryReportService();
        reports.em = em;
        long early = inbox("TEMPLATESENDJOBFINISH", "oP1", "success", T0);
        long later = inbox("TEMPLATESENDJOBFINISH", "oP2", "success", T0);
        try (Connection a = db.connection(); Connection b = db.connection()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            DeliveryReportService.position(JdbcEntityManager.over(a), List.of(early)); // publishing A, not committed yet
            int bPid;
            try (var s = b.createStatement(); var rs = s.executeQuery("select pg_backend_pid()")) {
                rs.next();
                bPid = rs.getInt(1);
            }
            java.util.concurrent.CompletableFuture<Void> publishingB = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    DeliveryReportService.position(JdbcEntityManager.over(b), List.of(later));
                    b.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitWaitingForLock(bPid);
            assertThat(reports.after(0, 10)).as("B may not become visible ahead of A's lower position").isEmpty();
            a.commit();
            publishingB.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        List<DeliveryReport> read = reports.after(0, 10);
        assertThat(read).extracting(DeliveryReport::inboxId).containsExactly(early, later);
        assertThat(read.get(0).position()).isLessThan(read.get(1).position());
    }

    private static void awaitWaitingForLock(int pid) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (PreparedStatement ps = connection.prepareStatement("select count(*) from pg_locks where pid = ? and not granted")) {
                ps.setInt(1, pid);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the second publisher never waited for the positions lock");
    }

    @Test
    void theInboxQueueLeavesFreshRowsToTheFastPathLeasesBacksOffAndDeadLetters() throws Exception {
        QueueTable table = new QueueTable("wechat.callback_inbox", "id", "processed_at", "attempts", "lease_until", "not_before",
                "dead_lettered_at", "last_error", "received_at", Duration.ofSeconds(10));
        WorkQueue queue = new WorkQueue(table, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4), 3), Duration.ofMinutes(1));
        Instant base = Instant.parse("2031-01-01T00:00:00Z"); // later than any other test's rows
        long row = inbox("CLICK", "oQ", "", base);
        assertThat(mine(queue.claim(em, 100, base.plusSeconds(5)), row)).as("inside the fast path's grace").isEmpty();
        assertThat(mine(queue.claim(em, 100, base.plusSeconds(11)), row)).containsExactly(row);
        assertThat(mine(queue.claim(em, 100, base.plusSeconds(12)), row)).as("leased").isEmpty();

        assertThat(queue.fail(em, row, "boom 1", base.plusSeconds(12))).isFalse();
        assertThat(mine(queue.claim(em, 100, base.plusSeconds(12)), row)).as("backing off 1 s").isEmpty();
        assertThat(mine(queue.claim(em, 100, base.plusSeconds(13)), row)).containsExactly(row);
        assertThat(queue.fail(em, row, "boom 2", base.plusSeconds(13))).isFalse();
        assertThat(mine(queue.claim(em, 100, base.plusSeconds(14)), row)).as("backing off 2 s").isEmpty();
        assertThat(mine(queue.claim(em, 100, base.plusSeconds(15)), row)).containsExactly(row);
        // the node died holding it: after the lease another node takes it
        assertThat(mine(queue.claim(em, 100, base.plusSeconds(15 + 61)), row)).containsExactly(row);
        assertThat(queue.fail(em, row, "boom 3", base.plusSeconds(80))).as("the third failure is the last").isTrue();
        assertThat(mine(queue.claim(em, 100, base.plus(Duration.ofDays(1))), row)).isEmpty();
        try (PreparedStatement ps = connection.prepareStatement("select attempts, last_error, dead_lettered_at from wechat.callback_inbox where id = ?")) {
            ps.setLong(1, row);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3);
                assertThat(rs.getString(2)).isEqualTo("boom 3");
                assertThat(rs.getObject(3)).isNotNull();
            }
        }

        long done = inbox("CLICK", "oQ2", "", base);
        assertThat(mine(queue.claim(em, 100, base.plusSeconds(11)), done)).containsExactly(done);
        assertThat(queue.complete(em, List.of(done), base.plusSeconds(11))).isEqualTo(1);
        assertThat(mine(queue.claim(em, 100, base.plus(Duration.ofDays(2))), done)).isEmpty();
        assertThat(queue.fail(em, done, "late", base.plusSeconds(12))).as("a done row is not failed afterwards").isFalse();
    }

    private static List<Long> mine(List<Long> claimed, long id) {
        List<Long> out = new ArrayList<>(claimed);
        out.retainAll(List.of(id));
        return out;
    }
}
