package app.fanmail.app.it;

import static app.fanmail.app.it.DispatchFixture.await;
import static app.fanmail.app.it.DispatchFixture.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import app.fanmail.accounts.api.AccountRegistration;
import app.fanmail.accounts.api.AccountRegistration.NewAccount;
import app.fanmail.accounts.api.AccountType;
import app.fanmail.accounts.api.ApiTarget;
import app.fanmail.accounts.api.EncryptionMode;
import app.fanmail.app.it.DispatchFixture.Acc;
import app.fanmail.app.it.DispatchFixture.Ledger;
import app.fanmail.audiences.api.AudienceSelector;
import app.fanmail.dispatch.api.Dispatch;
import app.fanmail.dispatch.api.DispatchJob;
import app.fanmail.dispatch.api.DispatchPlan;
import app.fanmail.dispatch.api.DispatchRecipient;
import app.fanmail.dispatch.api.FieldValue;
import app.fanmail.dispatch.api.JobEvent;
import app.fanmail.dispatch.api.JobState;
import app.fanmail.dispatch.api.NewTemplateJob;
import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.dispatch.api.TemplateContent;
import app.fanmail.dispatch.application.DeliveryReportSource;
import app.fanmail.dispatch.application.RecipientRepository;
import app.fanmail.kernel.time.OffsetClock;
import app.fanmail.wechat.api.WeChatTemplates;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;

/**
 * The dispatch engine inside the server against the WeChat sandbox: template jobs created from audience snapshots end
 * with every recipient in the state the sandbox's ledger and delivery reports say, retries never deliver twice, and a
 * used-up daily quota pauses a job until the reset on the test clock. (Tests use their own accounts: the test server's
 * per-account callback budget is small, so jobs that check delivery reports stay within it.)
 */
@ExtendWith(ArquillianExtension.class)
class DispatchIT {
    @Deployment(name = "sandbox", order = 1, testable = false)
    static WebArchive sandbox() {
        return DispatchFixture.sandboxWar();
    }

    @Deployment(name = "fanmail", order = 2)
    static WebArchive fanmail() {
        return DispatchFixture.fanmailWar(DispatchIT.class);
    }

    @Inject
    AccountRegistration registration;
    @Inject
    WeChatTemplates templates;
    @Inject
    Dispatch dispatch;
    @Inject
    Clock clock;
    @Inject
    RecipientRepository queue;
    @Inject
    app.fanmail.audiences.api.Audiences audiences;
    @Resource(lookup = "java:jboss/datasources/FanmailDS")
    DataSource ds;

    private DispatchFixture fx;
    private SandboxControlClient control;

    @BeforeEach
    void fixture() {
        fx = DispatchFixture.inServer(registration, templates, dispatch, ds);
        control = fx.control;
    }

    /** A verified service account in Fanmail and in the sandbox, the sandbox pushing to Fanmail's callback. */
    private Acc account() {
        return fx.account("Dispatch", true);
    }

    /** Seeds n fans in the sandbox and the same fans (subscribed) in Fanmail's fan table; returns their openids. */
    private List<String> fans(Acc acc, int n) throws Exception {
        return fx.fans(acc, n, 5);
    }

    /** The account's TM00015 with a value source for every key: the first keyword is the fan's openid, the others fixed. */
    private TemplateContent content(Acc acc) {
        return fx.content(acc, "https://example.com/order");
    }

    private List<DispatchRecipient> recipients(UUID jobId) {
        return fx.recipients(jobId);
    }

    private Ledger ledger(Acc acc, UUID jobId) {
        return fx.ledger(acc, jobId);
    }

    private DispatchJob job(UUID id) {
        return fx.job(id);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void twoThousandFansEndInTheStateTheLedgerRecords() throws Exception {
        Acc acc = account();
        List<String> openids = fans(acc, 2000);
        // one fan unfollowed in WeChat but not yet in Fanmail: WeChat refuses it (43004), final for that recipient
        String gone = openids.get(7);
        control.post("/_sandbox/accounts/" + acc.appId() + "/fans/" + gone, Json.createObjectBuilder().add("subscribed", false).build());
        // this test checks sends against the ledger; the delivery-report test keeps within the server's callback budget
        fx.suppressReports(acc.appId());
        TemplateContent content = content(acc);

        long t0 = System.nanoTime();
        DispatchJob planned = fx.create(acc, content, "it-operator");
        System.out.printf("dispatch: created a job of %d recipients in %d ms%n", planned.total(), (System.nanoTime() - t0) / 1_000_000);
        assertThat(planned.state()).isEqualTo(JobState.PLANNED);
        assertThat(planned.total()).isEqualTo(2000);
        assertThat(dispatch.counts(planned.id())).containsEntry(RecipientState.QUEUED, 2000L);
        assertThat(ledger(acc, planned.id()).items()).as("nothing is sent before the job is started").isEmpty();

        dispatch.start(planned.id(), "it-operator");
        await("the job to complete", Duration.ofSeconds(120), () -> job(planned.id()).state() == JobState.COMPLETED);

        Map<RecipientState, Long> counts = dispatch.counts(planned.id());
        assertThat(counts).containsEntry(RecipientState.SENT, 1999L).containsEntry(RecipientState.FAILED, 1L).containsEntry(RecipientState.QUEUED, 0L)
                .containsEntry(RecipientState.SENDING, 0L).containsEntry(RecipientState.IN_DOUBT, 0L);
        List<DispatchRecipient> rows = recipients(planned.id());
        DispatchRecipient refused = rows.stream().filter(r -> r.openid().equals(gone)).findFirst().orElseThrow();
        assertThat(refused.state()).isEqualTo(RecipientState.FAILED);
        assertThat(refused.errcode()).isEqualTo(43004);
        assertThat(refused.errmsg()).isNotBlank();

        Ledger ledger = ledger(acc, planned.id());
        assertThat(ledger.counts().getInt("duplicates")).isZero();
        assertThat(ledger.items()).hasSize(1999);
        Map<String, String> msgidByOpenid = new HashMap<>();
        ledger.items().forEach(e -> msgidByOpenid.put(e.getString("openid"), e.getString("msgid")));
        for (DispatchRecipient r : rows) {
            if (r.state() == RecipientState.SENT) {
                assertThat(r.msgid()).as("msgid of " + r.openid()).isEqualTo(msgidByOpenid.get(r.openid()));
                assertThat(r.attempts()).isEqualTo(1);
            }
        }
        List<JobEvent> events = dispatch.events(planned.id());
        assertThat(events).extracting(JobEvent::to).containsExactly(JobState.DRAFT, JobState.PLANNED, JobState.QUEUED, JobState.SENDING,
                JobState.COMPLETED);
        assertThat(events.get(2).actor()).isEqualTo("it-operator");
        assertThat(events.get(4).actor()).isEqualTo("system");
    }

    @Test
    @OperateOnDeployment("fanmail")
    void deliveryReportsRefineEverySentRecipientAsWeChatReportedIt() throws Exception {
        Acc acc = account();
        List<String> openids = fans(acc, 24);
        String blocking = openids.get(3);
        control.post("/_sandbox/accounts/" + acc.appId() + "/fans/" + blocking, Json.createObjectBuilder().add("refusing", true).build());
        control.post("/_sandbox/accounts/" + acc.appId() + "/outcomes", Json.createObjectBuilder().add("templateSystemFailRate", 0.25)
                .add("templateStatuses", Json.createObjectBuilder().add("failed:freq limit", 0.2)).build());
        DispatchJob job = fx.create(acc, content(acc), "it-operator");
        dispatch.start(job.id(), "it-operator");
        await("every report", Duration.ofSeconds(60), () -> job(job.id()).state() == JobState.COMPLETED
                && recipients(job.id()).stream().allMatch(r -> r.reportStatus() != null));

        Map<String, String> statusByMsgid = new HashMap<>();
        ledger(acc, job.id()).items().forEach(e -> statusByMsgid.put(e.getString("msgid"), e.getString("status")));
        assertThat(statusByMsgid).hasSize(24);
        for (DispatchRecipient r : recipients(job.id())) {
            String status = statusByMsgid.get(r.msgid());
            assertThat(r.reportStatus()).as("report of " + r.openid()).isEqualTo(status);
            RecipientState expected = switch (status) {
                case "success" -> RecipientState.DELIVERED;
                case "failed:user block" -> RecipientState.USER_BLOCKED;
                case "failed: system failed" -> RecipientState.SYSTEM_FAILED;
                default -> RecipientState.SENT; // another status text: kept verbatim, the recipient stays SENT
            };
            assertThat(r.state()).as("state of " + r.openid() + " reported " + status).isEqualTo(expected);
        }
        assertThat(recipients(job.id()).stream().filter(r -> r.openid().equals(blocking)).findFirst().orElseThrow().state())
                .isEqualTo(RecipientState.USER_BLOCKED);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void injectedFailuresAndTimeoutsAfterSendingAreRetriedWithoutADuplicate() throws Exception {
        Acc acc = account();
        fans(acc, 400);
        fx.suppressReports(acc.appId());
        TemplateContent content = content(acc);
        // -1 busy and HTTP 503 (not executed), and hangs past Fanmail's read timeout that still take effect
        control.post("/_sandbox/accounts/" + acc.appId() + "/faults", Json.createObjectBuilder().add("errorRate", 0.15).add("http5xxRate", 0.05)
                .add("timeoutRate", 0.01).add("hangMs", 11_000).add("timeoutApplies", true)
                .add("apis", Json.createArrayBuilder().add("message/template/send")).build());
        try {
            DispatchJob job = fx.create(acc, content, "it-operator");
            dispatch.start(job.id(), "it-operator");
            await("the job to complete", Duration.ofSeconds(150), () -> job(job.id()).state() == JobState.COMPLETED);
            List<DispatchRecipient> rows = recipients(job.id());
            assertThat(rows).allSatisfy(r -> assertThat(r.state()).isEqualTo(RecipientState.SENT));
            assertThat(rows.stream().filter(r -> r.attempts() > 1).count()).as("some were retried").isPositive();
            Ledger ledger = ledger(acc, job.id());
            assertThat(ledger.counts().getInt("duplicates")).isZero();
            assertThat(ledger.items()).hasSize(400);
            Map<String, String> msgidByOpenid = new HashMap<>();
            ledger.items().forEach(e -> msgidByOpenid.put(e.getString("openid"), e.getString("msgid")));
            assertThat(rows).allSatisfy(r -> assertThat(r.msgid()).isEqualTo(msgidByOpenid.get(r.openid())));
        } finally {
            control.delete("/_sandbox/accounts/" + acc.appId() + "/faults");
        }
    }

    @Test
    @OperateOnDeployment("fanmail")
    void aUsedUpDailyQuotaPausesTheJobUntilMidnightInShanghaiThenItContinues() throws Exception {
        Acc acc = account();
        fans(acc, 150);
        fx.suppressReports(acc.appId());
        control.post("/_sandbox/accounts/" + acc.appId() + "/config", Json.createObjectBuilder()
                .add("limits", Json.createObjectBuilder().add("templateDailyQuota", 100)).build());
        TemplateContent content = content(acc);
        OffsetClock testClock = (OffsetClock) clock;
        try {
            DispatchJob job = fx.create(acc, content, "it-operator");
            dispatch.start(job.id(), "it-operator");
            await("the quota pause", Duration.ofSeconds(60), () -> job(job.id()).state() == JobState.PAUSED);
            DispatchJob paused = job(job.id());
            Instant now = clock.instant();
            Instant midnight = now.atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate().plusDays(1)
                    .atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant();
            assertThat(paused.pausedUntil()).isEqualTo(midnight);
            assertThat(paused.pauseReason()).isEqualTo("DAILY_QUOTA");
            await("the sends in flight to end", Duration.ofSeconds(30), () -> dispatch.counts(job.id()).get(RecipientState.SENDING) == 0);
            assertThat(dispatch.counts(job.id())).containsEntry(RecipientState.SENT, 100L).containsEntry(RecipientState.QUEUED, 50L);
            assertThat(job(job.id()).state()).as("it waits for the reset").isEqualTo(JobState.PAUSED);

            Instant after = midnight.plusSeconds(1);
            control.post("/_sandbox/clock", Json.createObjectBuilder().add("set", after.toString()).build());
            testClock.set(after);
            await("the job to resume and complete", Duration.ofSeconds(60), () -> job(job.id()).state() == JobState.COMPLETED);
            assertThat(dispatch.counts(job.id())).containsEntry(RecipientState.SENT, 150L);
            Ledger ledger = ledger(acc, job.id());
            assertThat(ledger.items()).hasSize(150);
            assertThat(ledger.counts().getInt("duplicates")).isZero();
            assertThat(dispatch.events(job.id())).extracting(JobEvent::to).containsExactly(JobState.DRAFT, JobState.PLANNED, JobState.QUEUED,
                    JobState.SENDING, JobState.PAUSED, JobState.SENDING, JobState.COMPLETED);
        } finally {
            control.resetClock();
            testClock.setOffset(Duration.ZERO);
        }
    }

    @Test
    @OperateOnDeployment("fanmail")
    void anOperatorPausesResumesAndCancelsAndEachChangeRecordsWhoAndWhen() throws Exception {
        Acc acc = account();
        fans(acc, 300);
        fx.suppressReports(acc.appId());
        fx.slowSends(acc.appId(), 1000); // the first batch is still in flight when the pause arrives: the rest waits
        TemplateContent content = content(acc);
        DispatchJob job = fx.create(acc, content, "alice");
        dispatch.start(job.id(), "alice");
        assertThat(dispatch.pause(job.id(), "bob", "wrong link").state()).isEqualTo(JobState.PAUSED);
        await("the sends in flight to end", Duration.ofSeconds(30), () -> dispatch.counts(job.id()).get(RecipientState.SENDING) == 0);
        long sent = dispatch.counts(job.id()).get(RecipientState.SENT);
        assertThat(sent).isLessThan(300);
        assertThat(dispatch.resume(job.id(), "bob").state()).isEqualTo(JobState.SENDING);
        DispatchJob cancelled = dispatch.cancel(job.id(), "carol", "changed my mind");
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        await("the sends in flight to end", Duration.ofSeconds(30), () -> dispatch.counts(job.id()).get(RecipientState.SENDING) == 0);
        Map<RecipientState, Long> counts = dispatch.counts(job.id());
        assertThat(counts.get(RecipientState.SENT) + counts.get(RecipientState.SKIPPED)).isEqualTo(300);
        assertThat(ledger(acc, job.id()).items()).hasSize(counts.get(RecipientState.SENT).intValue());
        List<JobEvent> events = dispatch.events(job.id());
        assertThat(events).extracting(JobEvent::actor).contains("alice", "bob", "carol");
        assertThat(events.get(events.size() - 1).reason()).isEqualTo("changed my mind");
        assertThat(events).allSatisfy(e -> assertThat(e.at()).isNotNull());
        // an ended job changes no more
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> dispatch.resume(job.id(), "bob")))
                .isInstanceOfSatisfying(app.fanmail.kernel.graphql.UserErrorsException.class,
                        e -> assertThat(e.errors().get(0).code()).isEqualTo("STATE_CHANGE_REFUSED"));
    }

    @Test
    @OperateOnDeployment("fanmail")
    void aReportThatArrivesBeforeItsSentRowIsKeptAndMatchedWhenTheRowIsWritten() throws Exception {
        Acc acc = account();
        fans(acc, 1);
        DispatchJob job = fx.create(acc, content(acc), "it-operator");
        // the job is not started: this test plays the engine's part — claim, then the report, then the result write
        RecipientRepository.Claimed claimed = queue.claim(job.id(), 10, clock.instant(), 0, false).get(0);
        String msgid = "9" + (System.nanoTime() % 1_000_000_000_000_000L + 1_000_000_000_000_000L);
        Instant reportedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        DeliveryReportSource early = (cursor, limit) -> List.of(new DeliveryReportSource.Report(cursor, 1L, acc.id(), claimed.openid(), msgid,
                "failed:user block", RecipientState.USER_BLOCKED, reportedAt));
        // the engine's own reader may hold the cursor for a moment: this one then reads nothing and tries again
        await("the early report to be read", Duration.ofSeconds(10), () -> queue.consumeReports(early, 10, clock.instant()) == 1);
        assertThat(unmatched(acc.id(), msgid)).isEqualTo(1);
        assertThat(dispatch.recipients(job.id(), 0, 10).get(0).state()).isEqualTo(RecipientState.SENDING);

        queue.write(List.of(new RecipientRepository.Result(claimed.id(), job.id(), RecipientState.SENT, msgid, null, null, true, false, null,
                true, clock.instant())), clock.instant());
        DispatchRecipient r = dispatch.recipients(job.id(), 0, 10).get(0);
        assertThat(r.state()).isEqualTo(RecipientState.USER_BLOCKED);
        assertThat(r.msgid()).isEqualTo(msgid);
        assertThat(r.reportStatus()).isEqualTo("failed:user block");
        assertThat(r.reportedAt()).isEqualTo(reportedAt);
        assertThat(unmatched(acc.id(), msgid)).isZero();

        // the same report again (at least once): nothing changes, nothing is kept
        await("the report to be read again", Duration.ofSeconds(10), () -> queue.consumeReports(early, 10, clock.instant()) == 1);
        assertThat(dispatch.recipients(job.id(), 0, 10).get(0).state()).isEqualTo(RecipientState.USER_BLOCKED);
        assertThat(unmatched(acc.id(), msgid)).isZero();
        dispatch.cancel(job.id(), "it-operator", "played by hand");
    }

    private int unmatched(UUID accountId, String msgid) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*) from dispatch.unmatched_report where account_id = ? and msgid = ?")) {
            s.setObject(1, accountId);
            s.setString(2, msgid);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    @OperateOnDeployment("fanmail")
    void aHundredThousandRecipientsAreCreatedInBulk() throws Exception {
        UUID accountId = registration.register(new NewAccount("Dispatch bulk " + hex(4), "gh_" + hex(12), "wx" + hex(16), hex(32), "Tok" + hex(6),
                null, AccountType.SERVICE, true, EncryptionMode.PLAIN, ApiTarget.SANDBOX, null)).id();
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("insert into audiences.fan (account_id, openid, subscribed, "
                + "remark, tag_ids, created_at, updated_at) select ?, 'oBulk' || lpad(g::text, 8, '0'), true, 'r' || g, '{}', now(), now() "
                + "from generate_series(1, 100000) g")) {
            s.setObject(1, accountId);
            s.executeUpdate();
            c.createStatement().execute("analyze audiences.fan");
        }
        Map<String, FieldValue> fields = Map.of("keyword1", FieldValue.of(FieldValue.Source.OPENID), "keyword2", FieldValue.of(FieldValue.Source.FAN_REMARK));
        // the audiences part alone (snapshot, then its members in one read), to tell where the time goes
        long a0 = System.nanoTime();
        var snapshot = audiences.snapshot(accountId, new AudienceSelector.All(), app.fanmail.audiences.api.Purpose.TEMPLATE);
        long snapMs = (System.nanoTime() - a0) / 1_000_000;
        assertThat(audiences.members(snapshot.id(), java.util.List.of()).size()).isEqualTo(100_000);
        long readMs = (System.nanoTime() - a0) / 1_000_000 - snapMs;
        audiences.deleteSnapshot(snapshot.id());
        NewTemplateJob bulk = new NewTemplateJob(accountId, new TemplateContent("tpl", fields, null, null, null), new AudienceSelector.All());
        // the pre-flight plan counts without materialising anybody (one aggregate query, WeChat's quota, Fanmail's count today)
        long p0 = System.nanoTime();
        DispatchPlan plan = dispatch.plan(bulk);
        long planMs = (System.nanoTime() - p0) / 1_000_000;
        assertThat(plan.audienceSize()).isEqualTo(100_000);
        assertThat(plan.reachable()).isEqualTo(100_000);
        assertThat(plan.excluded()).containsEntry("UNSUBSCRIBED", 0L).containsEntry("MISSING_VALUE", 0L);
        assertThat(plan.sendToday() + plan.sendAfterReset()).isEqualTo(100_000);
        assertThat(plan.sample()).hasSize(3);
        long t0 = System.nanoTime();
        DispatchJob job = dispatch.createTemplateJob(bulk, "it-operator");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("dispatch: snapshot, 100,000 recipient rows (one insert) and the snapshot measured in %d ms, its plan included;"
                + " audiences alone: snapshot %d ms, its members %d ms; the pre-flight plan alone %d ms%n", ms, snapMs, readMs, planMs);
        assertThat(job.total()).isEqualTo(100_000);
        assertThat(dispatch.details(job.id()).orElseThrow().plan().reachable()).as("the plan is stored with the job").isEqualTo(100_000);
        assertThat(dispatch.counts(job.id())).containsEntry(RecipientState.QUEUED, 100_000L);
        DispatchRecipient last = dispatch.recipients(job.id(), 99_999, 10).get(0);
        assertThat(last.seq()).isEqualTo(100_000);
        assertThat(last.state()).isEqualTo(RecipientState.QUEUED);
        dispatch.cancel(job.id(), "it-operator", "only measured");
    }
}
