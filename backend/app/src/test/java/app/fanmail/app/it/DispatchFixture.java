package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.jboss.shrinkwrap.api.spec.WebArchive;

import app.fanmail.accounts.api.AccountRegistration;
import app.fanmail.accounts.api.AccountRegistration.NewAccount;
import app.fanmail.accounts.api.AccountType;
import app.fanmail.accounts.api.ApiTarget;
import app.fanmail.accounts.api.EncryptionMode;
import app.fanmail.audiences.api.AudienceSelector;
import app.fanmail.dispatch.api.Dispatch;
import app.fanmail.dispatch.api.DispatchJob;
import app.fanmail.dispatch.api.DispatchRecipient;
import app.fanmail.dispatch.api.FieldValue;
import app.fanmail.dispatch.api.JobState;
import app.fanmail.dispatch.api.NewTemplateJob;
import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.dispatch.api.TemplateContent;
import app.fanmail.testing.TestServer;
import app.fanmail.wechat.api.WeChatTemplates;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * What the dispatch ITs (DispatchIT, DispatchEngineIT, DispatchPlanIT, HistoryIT) set up and read the same way: accounts
 * in Fanmail and in the WeChat sandbox, fans seeded in the sandbox and mirrored into Fanmail's fan table, TM00015 with a
 * value for every key, template jobs created, started and awaited, their recipients, and the sandbox ledger of a job.
 * Sandbox-only parts work from either side ({@link #client(String)} for {@code @RunAsClient} tests); the rest needs the
 * server's beans ({@link #inServer}). Waiting is always for a condition, polled, with a deadline.
 */
final class DispatchFixture {
    static final int HTTP_PORT = 8080 + Integer.getInteger("jboss.socket.binding.port-offset",
            Integer.getInteger("fanmail.test.port-offset", 100));
    static final String BASE = "http://127.0.0.1:" + HTTP_PORT;
    static final String SANDBOX = BASE + "/wechat-sandbox";
    private static final Duration POLL = Duration.ofMillis(50);

    /** An account: Fanmail's id and the AppID the sandbox knows it by. */
    record Acc(UUID id, String appId) {
        /** The account's path in the sandbox's control API. */
        String control() {
            return "/_sandbox/accounts/" + appId;
        }
    }

    /** The sandbox ledger's entries of a job (by its client_msg_id prefix) and the last page's counts (total, duplicates). */
    record Ledger(List<JsonObject> items, JsonObject counts) {
        Map<String, String> msgidByOpenid() {
            Map<String, String> m = new HashMap<>();
            items.forEach(e -> m.put(e.getString("openid"), e.getString("msgid")));
            return m;
        }
    }

    final SandboxControlClient control;
    private final AccountRegistration registration;
    private final WeChatTemplates templates;
    private final Dispatch dispatch;
    private final DataSource ds;

    private DispatchFixture(String sandboxBase, AccountRegistration registration, WeChatTemplates templates, Dispatch dispatch, DataSource ds) {
        this.control = new SandboxControlClient(sandboxBase);
        this.registration = registration;
        this.templates = templates;
        this.dispatch = dispatch;
        this.ds = ds;
    }

    /** Sandbox-side helpers only, for tests outside the server. */
    static DispatchFixture client(String sandboxBase) {
        return new DispatchFixture(sandboxBase, null, null, null, null);
    }

    /** Every helper, for tests inside the server (their injected beans). */
    static DispatchFixture inServer(AccountRegistration registration, WeChatTemplates templates, Dispatch dispatch, DataSource ds) {
        return new DispatchFixture(SANDBOX, registration, templates, dispatch, ds);
    }

    /** The sandbox WAR (deployed first). */
    static WebArchive sandboxWar() {
        return TestServer.war("fanmail.sandbox.war", "wechat-sandbox.war");
    }

    /** Fanmail's WAR with the test class, this fixture, the sandbox control client, AssertJ and {@code more}, to run in the server. */
    static WebArchive fanmailWar(Class<?> test, Class<?>... more) {
        WebArchive war = TestServer.fanmailWar().addClasses(test, DispatchFixture.class, SandboxControlClient.class).addClasses(more);
        war.addAsLibrary(new File(org.assertj.core.api.Assertions.class.getProtectionDomain().getCodeSource().getLocation().getPath()));
        return war;
    }

    static String hex(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("0123456789abcdef".charAt(ThreadLocalRandom.current().nextInt(16)));
        }
        return b.toString();
    }

    /** Polls {@code done} until it holds; fails naming {@code what} once {@code timeout} has passed. */
    static void await(String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(POLL.toMillis());
        }
    }

    // ---- the sandbox (either side)

    /** A verified PLAIN-mode service account in the sandbox, pushing to Fanmail's callback URL of the AppID. */
    void sandboxAccount(String appId, String secret, String token) {
        control.post("/_sandbox/accounts", Json.createObjectBuilder().add("appId", appId).add("appSecret", secret).add("token", token)
                .add("encryptionMode", "PLAIN").add("callbackUrl", BASE + "/api/wechat/callback/" + appId)
                .add("type", "SERVICE").add("verified", true).add("originalId", "gh_" + hex(12)).build());
    }

    /** The sandbox sends no delivery reports (TEMPLATESENDJOBFINISH) for the account: the server's per-account callback budget stays untouched. */
    void suppressReports(String appId) {
        control.post("/_sandbox/accounts/" + appId + "/outcomes", Json.createObjectBuilder()
                .add("suppressedPushes", Json.createArrayBuilder().add("TEMPLATESENDJOBFINISH")).build());
    }

    /** Every template send of the account takes {@code ms} in the sandbox (a job is still sending when the test acts on it). */
    void slowSends(String appId, int ms) {
        control.post("/_sandbox/accounts/" + appId + "/faults", Json.createObjectBuilder().add("latencyMs", ms)
                .add("apis", Json.createArrayBuilder().add("cgi-bin/message/template/send")).build());
    }

    /** Seeds {@code n} fans in the sandbox (deterministically from {@code seed}) and returns their openids in the sandbox's order. */
    List<String> sandboxFans(String appId, int n, int seed) {
        control.post("/_sandbox/accounts/" + appId + "/fans:seed", Json.createObjectBuilder().add("count", n).add("seed", seed).build());
        List<String> openids = new ArrayList<>();
        for (int offset = 0; offset < n; offset += 10_000) {
            control.get("/_sandbox/accounts/" + appId + "/fans?offset=" + offset + "&limit=10000").getJsonArray("fans")
                    .getValuesAs(JsonObject.class).forEach(f -> openids.add(f.getString("openid")));
        }
        assertThat(openids).as("fans seeded in the sandbox").hasSize(n);
        return openids;
    }

    /** Every ledger entry of the job (its client_msg_id prefix), page after page. */
    Ledger ledger(String appId, String jobId) {
        String prefix = "fm" + jobId.replace("-", "") + ":";
        List<JsonObject> items = new ArrayList<>();
        String after = null;
        JsonObject counts;
        do {
            JsonObject page = control.get("/_sandbox/accounts/" + appId + "/ledger:page?clientMsgIdPrefix=" + prefix + "&limit=10000"
                    + (after == null ? "" : "&after=" + after));
            items.addAll(page.getJsonArray("items").getValuesAs(JsonObject.class));
            counts = page.getJsonObject("counts");
            after = page.containsKey("next") ? page.getString("next") : null;
        } while (after != null);
        return new Ledger(items, counts);
    }

    Ledger ledger(Acc acc, UUID jobId) {
        return ledger(acc.appId(), jobId.toString());
    }

    // ---- Fanmail (in the server)

    /**
     * A verified PLAIN-mode service account registered in Fanmail (WeChat API at the sandbox) and in the sandbox, the
     * sandbox pushing to Fanmail's callback; delivery reports suppressed unless {@code reports}.
     */
    Acc account(String name, boolean reports) {
        String appId = "wx" + hex(16);
        String secret = hex(32);
        String token = "Tok" + hex(6);
        UUID id = registration.register(new NewAccount(name + " " + hex(4), "gh_" + hex(12), appId, secret, token,
                null, AccountType.SERVICE, true, EncryptionMode.PLAIN, ApiTarget.WECHAT, SANDBOX)).id();
        sandboxAccount(appId, secret, token);
        if (!reports) {
            suppressReports(appId);
        }
        return new Acc(id, appId);
    }

    /** Seeds {@code n} fans in the sandbox and the same fans (subscribed, remark "remark &lt;openid&gt;") in Fanmail's fan table. */
    List<String> fans(Acc acc, int n, int seed) throws Exception {
        List<String> openids = sandboxFans(acc.appId(), n, seed);
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("insert into audiences.fan (account_id, openid, subscribed, "
                + "remark, tag_ids, created_at, updated_at) select ?, o, true, 'remark ' || o, '{}', now(), now() from unnest(?) o")) {
            s.setObject(1, acc.id());
            s.setArray(2, c.createArrayOf("text", openids.toArray()));
            s.executeUpdate();
        }
        return openids;
    }

    /** The account's TM00015 with a value for every key: keyword1 the fan's openid, the others fixed; {@code url} may be null. */
    TemplateContent content(Acc acc, String url) {
        templates.setIndustries(acc.id(), 1, 4);
        String templateId = templates.add(acc.id(), "TM00015", List.of());
        String text = templates.list(acc.id()).stream().filter(t -> t.templateId().equals(templateId)).findFirst().orElseThrow().content();
        Map<String, FieldValue> fields = new LinkedHashMap<>();
        var m = java.util.regex.Pattern.compile("\\{\\{(\\w+)\\.DATA}}").matcher(text);
        while (m.find()) {
            String key = m.group(1);
            fields.put(key, key.equals("keyword1") ? FieldValue.of(FieldValue.Source.OPENID) : FieldValue.fixed("值 " + key));
        }
        return new TemplateContent(templateId, fields, url, null, null);
    }

    /** A PLANNED template job of all the account's fans. */
    DispatchJob create(Acc acc, TemplateContent content, String actor) {
        return dispatch.createTemplateJob(new NewTemplateJob(acc.id(), content, new AudienceSelector.All()), actor);
    }

    /** A template job of all the account's fans, created and started. */
    DispatchJob started(Acc acc, TemplateContent content, String actor) {
        DispatchJob job = create(acc, content, actor);
        dispatch.start(job.id(), actor);
        return job;
    }

    DispatchJob job(UUID id) {
        return dispatch.job(id).orElseThrow();
    }

    /** Waits for the job to reach {@code state}; returns it as it is then. */
    DispatchJob awaitState(UUID jobId, JobState state, Duration timeout) throws InterruptedException {
        await("job " + jobId + " to be " + state, timeout, () -> job(jobId).state() == state);
        return job(jobId);
    }

    /** Every recipient of the job in seq order, read 10,000 at a time. */
    List<DispatchRecipient> recipients(UUID jobId) {
        List<DispatchRecipient> all = new ArrayList<>();
        long after = 0;
        while (true) {
            List<DispatchRecipient> page = dispatch.recipients(jobId, after, 10_000);
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page);
            after = page.get(page.size() - 1).seq();
        }
    }

    /** The job's recipients the engine sent (not FAILED) that have no delivery report yet. */
    List<DispatchRecipient> unreported(UUID jobId) {
        return recipients(jobId).stream().filter(r -> r.state() != RecipientState.FAILED && r.reportStatus() == null).toList();
    }

    /**
     * Waits for the job to complete and, with {@code reports}, for a delivery report on every recipient that was not
     * FAILED. When the reports do not come, the failure says where each one got to: the sandbox's push log, Fanmail's
     * inbox row (stored, published, its report position), the unmatched reports kept and the report cursor.
     */
    DispatchJob awaitCompleted(Acc acc, UUID jobId, Duration timeout, boolean reports) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        awaitState(jobId, JobState.COMPLETED, timeout);
        if (reports) {
            while (!unreported(jobId).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("waiting for the delivery reports of job " + jobId + ": " + reportTrail(acc, jobId));
                }
                Thread.sleep(POLL.toMillis());
            }
        }
        return job(jobId);
    }

    /** Where the missing delivery reports of a job got to, for a failure message. */
    String reportTrail(Acc acc, UUID jobId) throws Exception {
        StringBuilder out = new StringBuilder();
        List<DispatchRecipient> missing = unreported(jobId);
        out.append(missing.size()).append(" without a report: ");
        missing.forEach(r -> out.append(r.openid()).append('/').append(r.state()).append('/').append(r.msgid()).append(' '));
        out.append("\nsandbox pushes: ").append(control.getAny(acc.control() + "/pushes?limit=200&label=TEMPLATESENDJOBFINISH"));
        try (Connection c = ds.getConnection()) {
            out.append("\ninbox (id, msgid, processed, position, dead, error): ");
            try (PreparedStatement s = c.prepareStatement("select id, fields->>'MsgID', processed_at is not null, report_position, "
                    + "dead_lettered_at is not null, last_error from wechat.callback_inbox where account_id = ? and event = 'TEMPLATESENDJOBFINISH' order by id")) {
                s.setObject(1, acc.id());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.append('[').append(rs.getLong(1)).append(' ').append(rs.getString(2)).append(' ').append(rs.getBoolean(3)).append(' ')
                                .append(rs.getObject(4)).append(' ').append(rs.getBoolean(5)).append(' ').append(rs.getString(6)).append("] ");
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("select (select count(*) from dispatch.unmatched_report where account_id = ?), "
                    + "(select position from dispatch.report_cursor where id = 1)")) {
                s.setObject(1, acc.id());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    out.append("\nunmatched kept: ").append(rs.getLong(1)).append(", report cursor: ").append(rs.getLong(2));
                }
            }
        }
        return out.toString();
    }
}
