package app.fanmail.app.it;

import static app.fanmail.app.it.DispatchFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import app.fanmail.app.it.DispatchFixture.Acc;
import app.fanmail.app.it.DispatchFixture.Ledger;
import app.fanmail.dispatch.api.Dispatch;
import app.fanmail.dispatch.api.DispatchJob;
import app.fanmail.dispatch.api.DispatchRecipient;
import app.fanmail.dispatch.api.JobEvent;
import app.fanmail.dispatch.api.JobState;
import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.dispatch.api.TemplateContent;
import app.fanmail.kernel.time.OffsetClock;
import app.fanmail.wechat.api.WeChatTemplates;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * The send engine's retry classes end to end against the WeChat sandbox (DispatchIT covers the ledger match, delivery
 * reports, transient errors and timeouts, the daily quota, pause/resume/cancel and early reports): WeChat's rate limit
 * (45011) slows a job down without a duplicate; an attempt that may have been sent and keeps failing becomes IN_DOUBT
 * once WeChat's 10-minute duplicate window has passed on the test clock and is never sent again; refused credentials or
 * a missing permission fail the job and skip its waiting recipients (JOB_FAILED); a refused access token is replaced
 * once and the job goes on. Each test uses its own account with TEMPLATESENDJOBFINISH pushes suppressed (the test
 * server's callback budget per account is small).
 */
@ExtendWith(ArquillianExtension.class)
class DispatchEngineIT {
    private static final String SEND_API = "cgi-bin/message/template/send";

    @Deployment(name = "sandbox", order = 1, testable = false)
    static WebArchive sandbox() {
        return DispatchFixture.sandboxWar();
    }

    @Deployment(name = "fanmail", order = 2)
    static WebArchive fanmail() {
        return DispatchFixture.fanmailWar(DispatchEngineIT.class);
    }

    @Inject
    AccountRegistration registration;
    @Inject
    WeChatTemplates templates;
    @Inject
    Dispatch dispatch;
    @Inject
    Clock clock;
    @Resource(lookup = "java:jboss/datasources/FanmailDS")
    DataSource ds;

    private DispatchFixture fx;
    private SandboxControlClient control;

    @BeforeEach
    void fixture() {
        fx = DispatchFixture.inServer(registration, templates, dispatch, ds);
        control = fx.control;
    }

    /** A verified service account in Fanmail and in the sandbox with {@code fans} followers in both, pushes suppressed. */
    private Acc account(int fans) throws Exception {
        Acc acc = fx.account("Engine", false);
        fx.fans(acc, fans, 11);
        return acc;
    }

    /** The account's TM00015 with every keyword filled: the first from the fan's openid, the others fixed. */
    private TemplateContent content(Acc acc) {
        return fx.content(acc, "https://example.com/engine");
    }

    private DispatchJob startedJob(Acc acc, TemplateContent content) {
        return fx.started(acc, content, "it-operator");
    }

    private DispatchJob job(UUID id) {
        return fx.job(id);
    }

    private List<DispatchRecipient> recipients(UUID jobId) {
        return fx.recipients(jobId);
    }

    private Ledger ledger(Acc acc, UUID jobId) {
        return fx.ledger(acc, jobId);
    }

    /** How many calls the sandbox answered with the account's injected errcodes, by errcode. */
    private Map<Integer, Integer> injectionsAnswered(Acc acc) {
        Map<Integer, Integer> answered = new HashMap<>();
        control.get(acc.control() + "/faults:inject").getJsonArray("injections").getValuesAs(JsonObject.class)
                .forEach(i -> answered.merge(i.getInt("errcode"), i.getInt("answered"), Integer::sum));
        return answered;
    }

    private void inject(Acc acc, String api, int errcode, int count) {
        control.post(acc.control() + "/faults:inject", Json.createObjectBuilder().add("api", api).add("errcode", errcode).add("count", count).build());
    }

    /** When the engine claimed each recipient for the attempt that used its key first (claims come in batches), in order. */
    private List<Instant> claimTimes(UUID jobId) throws Exception {
        List<Instant> times = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "select distinct first_attempt_at from dispatch.recipient where job_id = ? order by first_attempt_at")) {
            s.setObject(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    times.add(rs.getTimestamp(1).toInstant());
                }
            }
        }
        return times;
    }

    @Test
    @OperateOnDeployment("fanmail")
    void weChatsRateLimitSlowsTheJobDownAndNothingIsSentTwice() throws Exception {
        Acc acc = account(600);
        TemplateContent content = content(acc);
        // the next five sends are refused with 45011 (WeChat's per-minute limit: not processed)
        inject(acc, SEND_API, 45011, 5);
        try {
            DispatchJob job = startedJob(acc, content);
            await("the job to complete", Duration.ofSeconds(90), () -> job(job.id()).state() == JobState.COMPLETED);

            assertThat(injectionsAnswered(acc)).as("every injected 45011 was answered").isEmpty();
            assertThat(dispatch.counts(job.id())).containsEntry(RecipientState.SENT, 600L).containsEntry(RecipientState.FAILED, 0L)
                    .containsEntry(RecipientState.IN_DOUBT, 0L);
            // a throttled attempt is not counted: every recipient was sent with its first counted attempt
            List<DispatchRecipient> rows = recipients(job.id());
            assertThat(rows).allSatisfy(r -> assertThat(r.attempts()).as("attempts of " + r.openid()).isEqualTo(1));
            // slowed down: the first batch ran into the limit, and the node claimed nothing more of this job for the
            // throttle back-off (10 s, counted from the 45011 answers, which came after that batch was claimed)
            List<Instant> claims = claimTimes(job.id());
            Duration longestPause = Duration.ZERO;
            for (int i = 1; i < claims.size(); i++) {
                Duration gap = Duration.between(claims.get(i - 1), claims.get(i));
                longestPause = gap.compareTo(longestPause) > 0 ? gap : longestPause;
            }
            assertThat(longestPause).as("the longest pause between claims").isGreaterThanOrEqualTo(Duration.ofMillis(9_900));
            DispatchJob done = job(job.id());
            assertThat(Duration.between(done.startedAt(), done.finishedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(10));

            Ledger ledger = ledger(acc, job.id());
            assertThat(ledger.counts().getInt("duplicates")).isZero();
            assertThat(ledger.items()).hasSize(600);
            Map<String, String> msgids = ledger.msgidByOpenid();
            assertThat(rows).allSatisfy(r -> assertThat(r.msgid()).isEqualTo(msgids.get(r.openid())));
        } finally {
            control.delete(acc.control() + "/faults:inject");
        }
    }

    @Test
    @OperateOnDeployment("fanmail")
    void anAttemptThatMayHaveBeenSentBecomesInDoubtAfterWeChatsWindowAndIsNeverSentAgain() throws Exception {
        Acc acc = account(3);
        TemplateContent content = content(acc);
        // every send takes effect in WeChat but answers only after Fanmail's read timeout (10 s): may have been sent
        control.post(acc.control() + "/faults", Json.createObjectBuilder().add("timeoutRate", 1.0).add("hangMs", 11_000).add("timeoutApplies", true)
                .add("apis", Json.createArrayBuilder().add(SEND_API)).build());
        OffsetClock testClock = (OffsetClock) clock;
        try {
            DispatchJob job = startedJob(acc, content);
            await("every first attempt to time out", Duration.ofSeconds(60),
                    () -> recipients(job.id()).stream().allMatch(r -> r.attempts() >= 1 && r.firstAttemptAt() != null));
            assertThat(recipients(job.id())).allSatisfy(r -> assertThat(r.state()).isIn(RecipientState.QUEUED, RecipientState.SENDING));
            Instant firstUse = recipients(job.id()).stream().map(DispatchRecipient::firstAttemptAt).min(Instant::compareTo).orElseThrow();
            Ledger before = ledger(acc, job.id());
            assertThat(before.items()).as("the timed-out sends took effect").hasSize(3);

            // WeChat's 10-minute duplicate window of every key passes while the retries keep timing out
            Instant later = clock.instant().plus(Duration.ofMinutes(11));
            control.post("/_sandbox/clock", Json.createObjectBuilder().add("set", later.toString()).build());
            testClock.set(later);
            await("every recipient to be IN_DOUBT", Duration.ofSeconds(90), () -> job(job.id()).state() == JobState.COMPLETED);

            List<DispatchRecipient> rows = recipients(job.id());
            assertThat(rows).allSatisfy(r -> {
                assertThat(r.state()).as("state of " + r.openid()).isEqualTo(RecipientState.IN_DOUBT);
                assertThat(r.msgid()).isNull();
                assertThat(r.sentAt()).isNull();
                assertThat(r.firstAttemptAt()).as("the key's first use is kept").isNotNull();
            });
            assertThat(rows.stream().map(DispatchRecipient::firstAttemptAt).min(Instant::compareTo).orElseThrow()).isEqualTo(firstUse);
            // never resent past the window: the sandbox, whose duplicate window has passed too, would have delivered again
            Ledger ledger = ledger(acc, job.id());
            assertThat(ledger.items()).hasSize(3);
            assertThat(ledger.counts().getInt("duplicates")).isZero();
            assertThat(dispatch.counts(job.id())).containsEntry(RecipientState.IN_DOUBT, 3L).containsEntry(RecipientState.SENT, 0L)
                    .containsEntry(RecipientState.FAILED, 0L);
        } finally {
            control.delete(acc.control() + "/faults");
            control.resetClock();
            testClock.setOffset(Duration.ZERO);
        }
    }

    @Test
    @OperateOnDeployment("fanmail")
    void aMissingPermissionFailsTheJobAndSkipsItsWaitingRecipients() throws Exception {
        Acc acc = account(800);
        TemplateContent content = content(acc);
        // WeChat answers the first send with 48001 (api unauthorized): no recipient can be sent
        inject(acc, SEND_API, 48001, 1);
        try {
            jobFailsAndSkipsTheRest(acc, content, "48001");
        } finally {
            control.delete(acc.control() + "/faults:inject");
        }
    }

    @Test
    @OperateOnDeployment("fanmail")
    void refusedCredentialsFailTheJobAndSkipItsWaitingRecipients() throws Exception {
        Acc acc = account(800);
        TemplateContent content = content(acc);
        // the token is refused on a send, and the AppSecret when Fanmail asks for a new token
        inject(acc, SEND_API, 40001, 1);
        inject(acc, "cgi-bin/stable_token", 40125, 1);
        inject(acc, "cgi-bin/token", 40125, 1);
        try {
            jobFailsAndSkipsTheRest(acc, content, "40125");
        } finally {
            control.delete(acc.control() + "/faults:inject");
        }
    }

    private void jobFailsAndSkipsTheRest(Acc acc, TemplateContent content, String errcode) throws Exception {
        DispatchJob job = startedJob(acc, content);
        await("the job to fail", Duration.ofSeconds(60), () -> job(job.id()).state() == JobState.FAILED);
        await("the sends in flight to end", Duration.ofSeconds(30), () -> {
            Map<RecipientState, Long> c = dispatch.counts(job.id());
            return c.get(RecipientState.SENDING) == 0 && c.get(RecipientState.QUEUED) == 0;
        });
        DispatchJob failed = job(job.id());
        assertThat(failed.failure()).startsWith(errcode);
        assertThat(failed.finishedAt()).isNotNull();
        List<JobEvent> events = dispatch.events(job.id());
        JobEvent last = events.get(events.size() - 1);
        assertThat(last.to()).isEqualTo(JobState.FAILED);
        assertThat(last.actor()).isEqualTo("system");
        assertThat(last.reason()).startsWith(errcode);

        Map<RecipientState, Long> counts = dispatch.counts(job.id());
        long sent = counts.get(RecipientState.SENT);
        long skipped = counts.get(RecipientState.SKIPPED);
        assertThat(skipped).as("waiting recipients are skipped").isPositive();
        assertThat(sent + skipped).as("only sends already in flight ended SENT").isEqualTo(800);
        assertThat(counts).containsEntry(RecipientState.FAILED, 0L).containsEntry(RecipientState.IN_DOUBT, 0L);
        assertThat(recipients(job.id()).stream().filter(r -> r.state() == RecipientState.SKIPPED))
                .allSatisfy(r -> assertThat(r.skipReason()).isEqualTo("JOB_FAILED"));
        Ledger ledger = ledger(acc, job.id());
        assertThat(ledger.items()).hasSize((int) sent);
        assertThat(ledger.counts().getInt("duplicates")).isZero();
        // nothing more goes out for a failed job
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> dispatch.resume(job.id(), "it-operator")))
                .isInstanceOf(app.fanmail.kernel.graphql.UserErrorsException.class);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void aRefusedAccessTokenIsReplacedOnceAndTheJobGoesOn() throws Exception {
        Acc acc = account(500);
        TemplateContent content = content(acc);
        // Fanmail holds a token before the job starts; WeChat then refuses it once (40001) in the middle of sending
        int forcedBefore = control.get(acc.control()).getJsonObject("state").getJsonObject("tokens").getInt("forceRefreshedToday", 0);
        inject(acc, SEND_API, 40001, 1);
        try {
            DispatchJob job = startedJob(acc, content);
            await("the job to complete", Duration.ofSeconds(90), () -> job(job.id()).state() == JobState.COMPLETED);

            assertThat(injectionsAnswered(acc)).as("the injected 40001 was answered").isEmpty();
            assertThat(dispatch.counts(job.id())).containsEntry(RecipientState.SENT, 500L);
            // replaced inside the same attempt: the facade refreshed the token once and sent again; no recipient retried
            List<DispatchRecipient> rows = recipients(job.id());
            assertThat(rows).allSatisfy(r -> assertThat(r.attempts()).isEqualTo(1));
            int forced = control.get(acc.control()).getJsonObject("state").getJsonObject("tokens").getInt("forceRefreshedToday", 0);
            assertThat(forced - forcedBefore).as("stable_token force refreshes").isEqualTo(1);
            Ledger ledger = ledger(acc, job.id());
            assertThat(ledger.items()).hasSize(500);
            assertThat(ledger.counts().getInt("duplicates")).isZero();
            Map<String, String> msgids = ledger.msgidByOpenid();
            assertThat(rows).allSatisfy(r -> assertThat(r.msgid()).isEqualTo(msgids.get(r.openid())));
        } finally {
            control.delete(acc.control() + "/faults:inject");
        }
    }
}
