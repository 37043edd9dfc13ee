package app.fanmail.app.it;

import static app.fanmail.app.it.DispatchFixture.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import app.fanmail.dispatch.api.Dispatch;
import app.fanmail.dispatch.api.DispatchJob;
import app.fanmail.dispatch.api.DispatchRecipient;
import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.dispatch.api.TemplateContent;
import app.fanmail.history.application.Retention;
import app.fanmail.testing.FanmailClient;
import app.fanmail.wechat.api.WeChatTemplates;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * History (issue 12) inside the server against the WeChat sandbox: small template jobs run by the dispatch engine, then
 * read back through GraphQL and the CSV download as a signed-in viewer would — every job filter with keyset paging, a
 * job's recipients by state and openid prefix, what one fan was sent across two jobs with WeChat's reports, the outcome
 * chart, the CSV export (and 401 without a session) — and the retention purge on the test clock. Each test uses its own
 * accounts and filters by them, so other jobs in the database do not disturb it.
 */
@ExtendWith(ArquillianExtension.class)
class HistoryIT {
    private static final String BASE = DispatchFixture.BASE;
    private static final String JOBS = "query($f: HistoryJobFilter, $n: Int, $c: String) { historyJobs(filter: $f, first: $n, after: $c) { "
            + "edges { cursor node { id accountId kind state title total createdBy createdAt startedAt finishedAt "
            + "counts { queued sending sent delivered userBlocked systemFailed failed skipped inDoubt done total } } } "
            + "pageInfo { hasNextPage endCursor } } }";
    private static final String RECIPIENTS = "query($j: ID!, $f: HistoryRecipientFilter, $n: Int, $c: String) { historyRecipients(jobId: $j, "
            + "filter: $f, first: $n, after: $c) { edges { cursor node { seq openid state attempts sentAt msgid errcode errmsg reportStatus "
            + "reportedAt skipReason } } pageInfo { hasNextPage endCursor } } }";
    private static final String FAN = "query($a: ID!, $o: String!, $n: Int, $c: String) { fanSentMessages(accountId: $a, openid: $o, "
            + "first: $n, after: $c) { edges { cursor node { jobId kind title state sentAt reportStatus reportedAt errcode errmsg createdAt "
            + "seq msgid skipReason } } pageInfo { hasNextPage endCursor } } }";
    private static final String OUTCOME = "query($j: ID!) { historyJobOutcome(jobId: $j) { state count share } }";

    @Deployment(name = "sandbox", order = 1, testable = false)
    static WebArchive sandbox() {
        return DispatchFixture.sandboxWar();
    }

    @Deployment(name = "fanmail", order = 2)
    static WebArchive fanmail() {
        return DispatchFixture.fanmailWar(HistoryIT.class, FanmailClient.class, Users.class, Accounts.class);
    }

    @Inject
    AccountRegistration registration;
    @Inject
    WeChatTemplates templates;
    @Inject
    Dispatch dispatch;
    @Inject
    Retention retention;
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

    /** A verified service account in Fanmail and in the sandbox; the sandbox pushes delivery reports unless {@code reports} is false. */
    private Acc account(boolean reports) {
        return fx.account("History", reports);
    }

    /** Seeds n fans in the sandbox and the same fans (subscribed) in Fanmail; returns their openids. */
    private List<String> fans(Acc acc, int n) throws Exception {
        return fx.fans(acc, n, 7);
    }

    /** The account's TM00015, the first keyword the fan's openid, the others fixed. */
    private TemplateContent content(Acc acc) {
        return fx.content(acc, null);
    }

    private DispatchJob create(Acc acc, TemplateContent content, String actor) {
        return fx.create(acc, content, actor);
    }

    /** Creates, starts and waits for the job to complete (and, when asked, for every delivery report). */
    private DispatchJob sent(Acc acc, TemplateContent content, String actor, boolean reports) throws Exception {
        return fx.awaitCompleted(acc, fx.started(acc, content, actor).id(), Duration.ofSeconds(90), reports);
    }

    private List<DispatchRecipient> all(UUID jobId) {
        return fx.recipients(jobId);
    }

    private FanmailClient admin() {
        FanmailClient admin = new FanmailClient(BASE);
        HttpResponse<String> res = admin.signIn("admin", System.getProperty("fanmail.admin.password"));
        assertThat(res.statusCode()).as("admin sign-in: " + res.body()).isEqualTo(200);
        return admin;
    }

    /** A new VIEWER, signed in. */
    private FanmailClient viewer() {
        return Users.signedIn(admin(), BASE, "VIEWER");
    }

    /** Every page of historyJobs with the filter, {@code size} at a time: the job ids in order. */
    private static List<String> jobIds(FanmailClient c, Map<String, Object> filter, int size) {
        List<String> ids = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 100; page++) {
            Map<String, Object> vars = new HashMap<>();
            vars.put("f", filter);
            vars.put("n", size);
            vars.put("c", after);
            JsonObject conn = c.data(JOBS, vars).getJsonObject("historyJobs");
            var edges = conn.getJsonArray("edges").getValuesAs(JsonObject.class);
            assertThat(edges.size()).isLessThanOrEqualTo(size);
            edges.forEach(e -> ids.add(e.getJsonObject("node").getString("id")));
            if (!conn.getJsonObject("pageInfo").getBoolean("hasNextPage")) {
                return ids;
            }
            after = conn.getJsonObject("pageInfo").getString("endCursor");
            assertThat(after).isEqualTo(edges.get(edges.size() - 1).getString("cursor"));
        }
        throw new AssertionError("more than 100 pages");
    }

    private static Map<String, Object> filter(Object... kv) {
        Map<String, Object> f = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            f.put((String) kv[i], kv[i + 1]);
        }
        return f;
    }

    @Test
    @OperateOnDeployment("fanmail")
    void jobsArePagedNewestFirstWithEveryFilter() throws Exception {
        Acc a = account(false);
        List<String> openids = fans(a, 30);
        control.post("/_sandbox/accounts/" + a.appId() + "/fans/" + openids.get(4), Json.createObjectBuilder().add("subscribed", false).build());
        TemplateContent content = content(a);
        String alice = "alice-" + hex(4);
        String bob = "bob-" + hex(4);
        DispatchJob completed = sent(a, content, alice, false);
        DispatchJob planned = create(a, content, bob);
        DispatchJob cancelled = create(a, content, alice);
        dispatch.cancel(cancelled.id(), alice, "not today");
        Acc b = account(false);
        fans(b, 3);
        TemplateContent otherContent = content(b);
        DispatchJob other = create(b, otherContent, alice);
        String ca = completed.id().toString();
        String pa = planned.id().toString();
        String xa = cancelled.id().toString();
        FanmailClient viewer = viewer();

        // one account's jobs, newest first, one per page and all at once
        assertThat(jobIds(viewer, filter("accountId", a.id().toString()), 1)).containsExactly(xa, pa, ca);
        assertThat(jobIds(viewer, filter("accountId", a.id().toString()), 200)).containsExactly(xa, pa, ca);
        assertThat(jobIds(viewer, filter("accountId", a.id().toString(), "states", List.of("COMPLETED")), 2)).containsExactly(ca);
        assertThat(jobIds(viewer, filter("accountId", a.id().toString(), "states", List.of("PLANNED", "CANCELLED")), 1)).containsExactly(xa, pa);
        assertThat(jobIds(viewer, filter("accountId", a.id().toString(), "kinds", List.of("TEMPLATE")), 2)).containsExactly(xa, pa, ca);
        assertThat(jobIds(viewer, filter("accountId", a.id().toString(), "kinds", List.of("MASS")), 2)).isEmpty();
        assertThat(jobIds(viewer, filter("createdBy", bob), 5)).containsExactly(pa);
        assertThat(jobIds(viewer, filter("createdBy", alice), 1)).containsExactly(other.id().toString(), xa, ca);
        assertThat(jobIds(viewer, filter("accountId", a.id().toString(), "createdFrom", planned.createdAt().toString()), 1)).containsExactly(xa, pa);
        assertThat(jobIds(viewer, filter("accountId", a.id().toString(), "createdTo", planned.createdAt().toString()), 1)).containsExactly(ca);
        // the title is the template id here (the job stored no title): search is case-insensitive, by a part of it
        String part = otherContent.templateId().substring(3, 15);
        assertThat(jobIds(viewer, filter("search", part.toUpperCase()), 3)).containsExactly(other.id().toString());
        assertThat(jobIds(viewer, filter("search", content.templateId().substring(2, 12), "createdBy", bob), 3)).containsExactly(pa);
        assertThat(jobIds(viewer, filter("search", "%"), 3)).as("LIKE wildcards are plain text").isEmpty();

        JsonObject node = viewer.data(JOBS, Map.of("f", filter("accountId", a.id().toString(), "states", List.of("COMPLETED")), "n", 1))
                .getJsonObject("historyJobs").getJsonArray("edges").getJsonObject(0).getJsonObject("node");
        assertThat(node.getString("kind")).isEqualTo("TEMPLATE");
        assertThat(node.getString("title")).isEqualTo(content.templateId());
        assertThat(node.getInt("total")).isEqualTo(30);
        assertThat(node.getString("createdBy")).isEqualTo(alice);
        assertThat(Instant.parse(node.getString("finishedAt"))).isEqualTo(completed.finishedAt());
        JsonObject counts = node.getJsonObject("counts");
        assertThat(counts.getInt("sent")).isEqualTo(29);
        assertThat(counts.getInt("failed")).isEqualTo(1);
        assertThat(counts.getInt("done")).isEqualTo(30);
        assertThat(counts.getInt("total")).isEqualTo(30);
        assertThat(counts.getInt("queued")).isZero();

        var slices = viewer.data(OUTCOME, Map.of("j", ca)).getJsonArray("historyJobOutcome").getValuesAs(JsonObject.class);
        assertThat(slices).extracting(s -> s.getString("state")).containsExactly("QUEUED", "SENDING", "SENT", "DELIVERED", "USER_BLOCKED",
                "SYSTEM_FAILED", "FAILED", "SKIPPED", "IN_DOUBT");
        assertThat(slices.get(2).getInt("count")).isEqualTo(29);
        assertThat(slices.get(2).getJsonNumber("share").doubleValue()).isCloseTo(29 / 30.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(slices.get(6).getInt("count")).isEqualTo(1);
        assertThat(viewer.data(OUTCOME, Map.of("j", UUID.randomUUID().toString())).getJsonArray("historyJobOutcome")).isEmpty();

        // bad input: specific codes
        JsonObject bad = viewer.graphql(JOBS, Map.of("n", 5, "c", "bm90IGEgY3Vyc29y"));
        assertThat(bad.getJsonArray("errors").toString()).contains("CURSOR_INVALID");
        bad = viewer.graphql(JOBS, Map.of("n", 0));
        assertThat(bad.getJsonArray("errors").toString()).contains("PAGE_SIZE_INVALID");
        bad = viewer.graphql(JOBS, Map.of("f", filter("createdFrom", planned.createdAt().toString(), "createdTo", completed.createdAt().toString())));
        assertThat(bad.getJsonArray("errors").toString()).contains("DATE_RANGE_INVALID");
        dispatch.cancel(planned.id(), bob, "done testing");
        dispatch.cancel(other.id(), alice, "done testing");
    }

    @Test
    @OperateOnDeployment("fanmail")
    void recipientsByStateAndOpenidPrefixAndWhatOneFanWasSentAcrossTwoJobs() throws Exception {
        // 2 jobs × 12 reports stay within the test server's per-account callback burst (30)
        Acc a = account(true);
        List<String> openids = fans(a, 12);
        String blocking = openids.get(3);
        control.post("/_sandbox/accounts/" + a.appId() + "/fans/" + blocking, Json.createObjectBuilder().add("refusing", true).build());
        TemplateContent content = content(a);
        DispatchJob first = sent(a, content, "op", true);
        DispatchJob second = sent(a, content, "op", true);
        FanmailClient viewer = viewer();
        List<DispatchRecipient> rows = all(first.id());
        assertThat(rows).hasSize(12);

        // by state, paged 3 at a time: exactly the rows in those states, in seq order, no duplicate, no gap
        List<Long> expected = rows.stream().filter(r -> r.state() == RecipientState.DELIVERED || r.state() == RecipientState.USER_BLOCKED)
                .map(DispatchRecipient::seq).toList();
        assertThat(expected).hasSize(12);
        assertThat(recipientSeqs(viewer, first.id(), Map.of("states", List.of("DELIVERED", "USER_BLOCKED")), 3)).isEqualTo(expected);
        List<JsonObject> blocked = recipients(viewer, first.id(), Map.of("states", List.of("USER_BLOCKED")), 50);
        assertThat(blocked).hasSize(1);
        assertThat(blocked.get(0).getString("openid")).isEqualTo(blocking);
        assertThat(blocked.get(0).getString("reportStatus")).isEqualTo("failed:user block");
        assertThat(recipients(viewer, first.id(), Map.of("states", List.of("FAILED", "SKIPPED")), 50)).isEmpty();

        // by openid prefix, alone and with a state
        String prefix = blocking.substring(0, 8);
        List<Long> withPrefix = rows.stream().filter(r -> r.openid().startsWith(prefix)).map(DispatchRecipient::seq).toList();
        assertThat(recipientSeqs(viewer, first.id(), Map.of("openid", prefix), 1)).isEqualTo(withPrefix).isNotEmpty();
        assertThat(recipientSeqs(viewer, first.id(), Map.of("openid", blocking, "states", List.of("DELIVERED")), 5)).isEmpty();
        assertThat(recipientSeqs(viewer, first.id(), Map.of("openid", "%"), 5)).isEmpty();
        assertThat(recipientSeqs(viewer, first.id(), null, 7)).hasSize(12);
        assertThat(recipientSeqs(viewer, UUID.randomUUID(), null, 7)).isEmpty();

        // one fan across both jobs, newest job first, with what WeChat reported; another account's view of the openid is empty
        List<JsonObject> messages = fanMessages(viewer, a.id(), blocking, 1);
        assertThat(messages).extracting(m -> m.getString("jobId")).containsExactly(second.id().toString(), first.id().toString());
        assertThat(messages).allSatisfy(m -> {
            assertThat(m.getString("state")).isEqualTo("USER_BLOCKED");
            assertThat(m.getString("reportStatus")).isEqualTo("failed:user block");
            assertThat(m.getString("kind")).isEqualTo("TEMPLATE");
            assertThat(m.getString("title")).isEqualTo(content.templateId());
            assertThat(m.getString("msgid")).isNotBlank();
            assertThat(m.isNull("sentAt")).isFalse();
            assertThat(m.isNull("reportedAt")).isFalse();
        });
        assertThat(Instant.parse(messages.get(1).getString("createdAt"))).isEqualTo(first.createdAt());
        List<JsonObject> delivered = fanMessages(viewer, a.id(), openids.get(0), 20);
        assertThat(delivered).hasSize(2).allSatisfy(m -> assertThat(m.getString("state")).isEqualTo("DELIVERED"));
        assertThat(fanMessages(viewer, account(false).id(), blocking, 20)).isEmpty();
        assertThat(fanMessages(viewer, a.id(), "oNobody" + hex(8), 20)).isEmpty();
    }

    private static List<JsonObject> recipients(FanmailClient c, UUID jobId, Map<String, Object> filter, int size) {
        List<JsonObject> out = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 100; page++) {
            Map<String, Object> vars = new HashMap<>();
            vars.put("j", jobId.toString());
            vars.put("f", filter);
            vars.put("n", size);
            vars.put("c", after);
            JsonObject conn = c.data(RECIPIENTS, vars).getJsonObject("historyRecipients");
            conn.getJsonArray("edges").getValuesAs(JsonObject.class).forEach(e -> out.add(e.getJsonObject("node")));
            if (!conn.getJsonObject("pageInfo").getBoolean("hasNextPage")) {
                return out;
            }
            after = conn.getJsonObject("pageInfo").getString("endCursor");
        }
        throw new AssertionError("more than 100 pages");
    }

    private static List<Long> recipientSeqs(FanmailClient c, UUID jobId, Map<String, Object> filter, int size) {
        return recipients(c, jobId, filter, size).stream().map(n -> (long) n.getInt("seq")).toList();
    }

    private static List<JsonObject> fanMessages(FanmailClient c, UUID accountId, String openid, int size) {
        List<JsonObject> out = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 100; page++) {
            Map<String, Object> vars = new HashMap<>();
            vars.put("a", accountId.toString());
            vars.put("o", openid);
            vars.put("n", size);
            vars.put("c", after);
            JsonObject conn = c.data(FAN, vars).getJsonObject("fanSentMessages");
            conn.getJsonArray("edges").getValuesAs(JsonObject.class).forEach(e -> out.add(e.getJsonObject("node")));
            if (!conn.getJsonObject("pageInfo").getBoolean("hasNextPage")) {
                return out;
            }
            after = conn.getJsonObject("pageInfo").getString("endCursor");
        }
        throw new AssertionError("more than 100 pages");
    }

    @Test
    @OperateOnDeployment("fanmail")
    void theCsvExportStreamsAJobsRecipientsToViewersAndRefusesAnonymousCallers() throws Exception {
        Acc a = account(false);
        List<String> openids = fans(a, 25);
        String gone = openids.get(6);
        control.post("/_sandbox/accounts/" + a.appId() + "/fans/" + gone, Json.createObjectBuilder().add("subscribed", false).build());
        DispatchJob job = sent(a, content(a), "op", false);
        List<DispatchRecipient> rows = all(job.id());
        String path = "/api/history/jobs/" + job.id() + "/recipients.csv";

        FanmailClient viewer = viewer();
        HttpResponse<byte[]> res = download(viewer, path);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(res.headers().firstValue("Content-Disposition").orElse("")).contains("attachment").contains(job.id().toString());
        byte[] body = res.body();
        assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
        String[] lines = new String(body, StandardCharsets.UTF_8).substring(1).split("\r\n");
        assertThat(lines[0]).isEqualTo("seq,openid,state,attempts,sentAt,msgid,errcode,errmsg,reportStatus,reportedAt,skipReason");
        assertThat(lines).hasSize(1 + 25);
        for (int i = 0; i < rows.size(); i++) {
            DispatchRecipient r = rows.get(i);
            String[] cells = lines[i + 1].split(",", -1);
            assertThat(cells[0]).isEqualTo(Long.toString(r.seq()));
            assertThat(cells[1]).isEqualTo(r.openid());
            assertThat(cells[2]).isEqualTo(r.state().name());
            assertThat(cells[5]).isEqualTo(r.msgid() == null ? "" : r.msgid());
        }

        HttpResponse<byte[]> failed = download(viewer, path + "?states=FAILED,SKIPPED");
        assertThat(failed.statusCode()).isEqualTo(200);
        String[] failedLines = new String(failed.body(), StandardCharsets.UTF_8).split("\r\n");
        assertThat(failedLines).hasSize(2);
        assertThat(failedLines[1]).startsWith(rows.stream().filter(r -> r.openid().equals(gone)).findFirst().orElseThrow().seq() + "," + gone
                + ",FAILED,").contains(",43004,");

        assertThat(download(new FanmailClient(BASE), path).statusCode()).as("anonymous").isEqualTo(401);
        assertThat(download(viewer, "/api/history/jobs/" + UUID.randomUUID() + "/recipients.csv").statusCode()).isEqualTo(404);
        HttpResponse<byte[]> badState = download(viewer, path + "?states=LOST");
        assertThat(badState.statusCode()).isEqualTo(400);
        assertThat(new String(badState.body(), StandardCharsets.UTF_8)).contains("STATE_UNKNOWN");
    }

    private static HttpResponse<byte[]> download(FanmailClient c, String path) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(c.uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (!c.cookieHeader().isEmpty()) {
            req.header("Cookie", c.cookieHeader());
        }
        return java.net.http.HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    @OperateOnDeployment("fanmail")
    void jobsThatEndedMoreThanTheRetentionPeriodAgoArePurgedWithTheirRecipients() throws Exception {
        Acc a = account(false);
        fans(a, 5);
        TemplateContent content = content(a);
        DispatchJob completed = sent(a, content, "op", false);
        DispatchJob cancelled = create(a, content, "op");
        dispatch.cancel(cancelled.id(), "op", "old news");
        DispatchJob planned = create(a, content, "op");
        Acc b = account(false);
        fans(b, 2);
        DispatchJob othersEnded = create(b, content(b), "op");
        dispatch.cancel(othersEnded.id(), "op", "another account's");
        assertThat(rowsOf(completed.id())).isEqualTo(new long[] {5, 5});

        // the purge as it would run 399 and 401 days from now, of this account only: neither the server's clock nor
        // any other account's jobs are touched (other tests share the database and the server)
        Instant now = clock.instant();
        assertThat(retention.purge(a.id(), now.plus(Duration.ofDays(399))).jobs()).isZero();
        assertThat(dispatch.job(completed.id())).as("ended 399 days ago: kept").isPresent();
        assertThat(dispatch.job(cancelled.id())).isPresent();

        assertThat(retention.purge(a.id(), now.plus(Duration.ofDays(401))).jobs()).isEqualTo(2);
        assertThat(dispatch.job(completed.id())).as("ended 401 days ago: purged").isEmpty();
        assertThat(dispatch.job(cancelled.id())).isEmpty();
        assertThat(rowsOf(completed.id())).as("recipients and events go with the job").isEqualTo(new long[] {0, 0});
        assertThat(rowsOf(cancelled.id())).isEqualTo(new long[] {0, 0});
        assertThat(dispatch.job(planned.id())).as("a job that has not ended is kept however old").isPresent();
        assertThat(rowsOf(planned.id())[0]).isEqualTo(5);
        assertThat(dispatch.job(othersEnded.id())).as("another account's ended job is not this purge's").isPresent();
        assertThat(rowsOf(othersEnded.id())[0]).isEqualTo(2);
        dispatch.cancel(planned.id(), "op", "done testing");
    }

    /** The job's recipient rows and event rows in the database. */
    private long[] rowsOf(UUID jobId) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "select (select count(*) from dispatch.recipient where job_id = ?), (select count(*) from dispatch.job_event where job_id = ?)")) {
            s.setObject(1, jobId);
            s.setObject(2, jobId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }
}
