package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import app.fanmail.testing.FanmailClient;
import app.fanmail.testing.TestServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * Dispatch over GraphQL against the WeChat sandbox: the pre-flight plan's numbers for each exclusion reason, the quota
 * split over the reset at midnight Asia/Shanghai (on the test clock; WeChat's count and Fanmail's own), warnings and
 * samples, the plan stored with the job; operators create, start, pause, resume, cancel, retry failed and resend in-doubt
 * recipients, viewers only read.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DispatchPlanIT {
    private static final String ERRORS = " userErrors { code field message } ";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String PLAN_FIELDS = " audienceSize reachable excluded { reason count } quota { limit usedByWeChat usedByFanmail remaining "
            + "resetsAt } sendToday sendAfterReset warnings { code field count message } sample { openid remark values { key value } } ";
    private static final String JOB_FIELDS = " id accountId kind state title total pausedUntil pauseReason createdBy createdAt startedAt finishedAt "
            + "audience followUpOf followUpKind content { templateId wechatTemplateId title fields { key source text column } url } "
            + "counts { queued sending sent delivered userBlocked systemFailed failed skipped inDoubt done total } "
            + "events { at actor from to reason } plan {" + PLAN_FIELDS + "} ";
    private static final String PLAN = "mutation($i: DispatchTemplateInput!) { dispatchPlan(input: $i) { plan {" + PLAN_FIELDS + "}" + ERRORS + "} }";
    private static final String CREATE = "mutation($i: DispatchTemplateInput!) { dispatchCreate(input: $i) { job {" + JOB_FIELDS + "}" + ERRORS + "} }";
    private static final String JOB = "query($id: ID!) { dispatchJob(id: $id) {" + JOB_FIELDS + "} }";

    @Deployment(name = "sandbox", order = 1, testable = false)
    static WebArchive sandbox() {
        return DispatchFixture.sandboxWar();
    }

    @Deployment(name = "fanmail", order = 2, testable = false)
    static WebArchive fanmail() {
        return TestServer.fanmailWar();
    }

    @ArquillianResource
    @OperateOnDeployment("fanmail")
    URL base;

    private record Acc(String id, String appId, String appSecret) {
    }

    private record Template(String id, String weChatId, List<String> keys) {
    }

    @AfterEach
    void realTimeAgain() {
        HttpResponse<String> reset = clock(FanmailClient.signedInAdmin(base.toString()), "reset=true");
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void thePlanCountsEveryExclusionReasonAndSplitsTheSendOverTheQuotaReset() throws Exception {
        // late evening in Shanghai on the test clock (both Fanmail's and the sandbox's): the reset is two hours away
        Instant evening = LocalDate.now(SHANGHAI).plusDays(1).atTime(22, 0).atZone(SHANGHAI).toInstant();
        assertThat(clock(FanmailClient.signedInAdmin(base.toString()), "set=" + evening).statusCode()).isEqualTo(200);
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString()); // a session of the new day
        Acc acc = account(admin);
        SandboxControlClient control = control();
        control.post("/_sandbox/accounts/" + acc.appId() + "/config", Json.createObjectBuilder()
                .add("limits", Json.createObjectBuilder().add("templateDailyQuota", 10)).build());
        quiet(acc);
        Template template = template(admin, acc);
        List<String> f = sandboxFans(acc, 10);
        // f0..f7 subscribed (f3 without a remark, f6 and f7 tagged 77), f8 and f9 not
        Map<String, Object[]> fans = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            fans.put(f.get(i), new Object[] {i < 8, i == 3 ? "" : "remark " + i, i == 6 || i == 7 ? new Integer[] {77} : new Integer[0]});
        }
        insertFans(acc, fans);

        // Fanmail sends 2 today (a job of the fans tagged 77) and another sender 6 more with the same account: WeChat counts 8
        String sent = create(admin, Map.of("accountId", acc.id(), "kind", "TAGS", "tagIds", List.of(77)), fixedFields(template), template).getString("id");
        start(admin, sent);
        awaitJob(admin, sent, "COMPLETED");
        WeChat other = new WeChat(acc);
        for (int i = 0; i < 6; i++) {
            Map<String, Object> data = new LinkedHashMap<>();
            template.keys().forEach(k -> data.put(k, Map.of("value", "别处")));
            other.call("cgi-bin/message/template/send", Json.createObjectBuilder(Map.of("touser", f.get(0), "template_id", template.weChatId(),
                    "data", data)).build());
        }

        // an uploaded list: four fans with a city, one without, one line twice, a stranger and an unsubscribed fan
        String csv = "openid,city\n" + f.get(0) + ",上海\n" + f.get(1) + ",北京\n" + f.get(2) + ",广州\n" + f.get(3) + ",深圳\n" + f.get(4) + ",\n"
                + f.get(0) + ",重复\n" + AudiencesIT.openid("s", 1) + ",外地\n" + f.get(8) + ",杭州\n";
        HttpResponse<String> uploaded = AudiencesIT.upload(admin, acc.id(), "cities", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        Map<String, Object> audience = Map.of("accountId", acc.id(), "kind", "UPLOAD", "uploadId", FanmailClient.parse(uploaded.body()).getString("id"));
        List<Map<String, Object>> fields = new ArrayList<>();
        for (String key : template.keys()) {
            fields.add(switch (key) {
                case "keyword1" -> Map.of("key", key, "source", "CSV_COLUMN", "column", "city");
                case "keyword2" -> Map.of("key", key, "source", "OPENID");
                case "keyword3" -> Map.of("key", key, "source", "FAN_REMARK");
                default -> Map.of("key", key, "source", "FIXED", "text", "值");
            });
        }
        Map<String, Object> input = input(audience, template, fields);

        JsonObject plan = ok(admin.data(PLAN, Map.of("i", input)).getJsonObject("dispatchPlan")).getJsonObject("plan");
        assertThat(plan.getInt("audienceSize")).isEqualTo(8);
        assertThat(reasons(plan)).containsEntry("DUPLICATE", 1).containsEntry("UNKNOWN_OPENID", 1).containsEntry("UNSUBSCRIBED", 1)
                .containsEntry("MISSING_VALUE", 1).doesNotContainKey("WINDOW_CLOSED");
        assertThat(plan.getInt("reachable")).isEqualTo(4);
        JsonObject quota = plan.getJsonObject("quota");
        assertThat(quota.getInt("limit")).isEqualTo(10);
        assertThat(quota.getInt("usedByWeChat")).isEqualTo(8);
        assertThat(quota.getInt("usedByFanmail")).isEqualTo(2);
        assertThat(quota.getInt("remaining")).isEqualTo(2);
        assertThat(Instant.parse(quota.getString("resetsAt"))).isEqualTo(evening.atZone(SHANGHAI).toLocalDate().plusDays(1).atStartOfDay(SHANGHAI).toInstant());
        assertThat(plan.getInt("sendToday")).isEqualTo(2);
        assertThat(plan.getInt("sendAfterReset")).isEqualTo(2);
        Map<String, Integer> warnings = new HashMap<>();
        plan.getJsonArray("warnings").getValuesAs(JsonObject.class).forEach(w -> warnings.put(w.getString("code") + " " + w.getString("field"), w.getInt("count")));
        assertThat(warnings).containsEntry("VALUE_CUT keyword2", 4)      // openids are 28 characters: phones show 20 of a keywordN value
                .containsEntry("VALUE_EMPTY keyword3", 1);                 // f3 has no remark
        List<JsonObject> sample = plan.getJsonArray("sample").getValuesAs(JsonObject.class);
        assertThat(sample).hasSize(3);
        assertThat(sample.get(0).getString("openid")).isEqualTo(f.get(0));
        assertThat(values(sample.get(0))).containsEntry("keyword1", "上海").containsEntry("keyword2", f.get(0)).containsEntry("keyword3", "remark 0");
        assertThat(jobCount(acc)).as("a plan writes nothing").isEqualTo(1);

        // the job stores the plan with its snapshot's numbers
        JsonObject job = ok(admin.data(CREATE, Map.of("i", input)).getJsonObject("dispatchCreate")).getJsonObject("job");
        assertThat(job.getString("state")).isEqualTo("PLANNED");
        assertThat(job.getString("title")).isEqualTo("订单支付成功");
        assertThat(job.getInt("total")).as("every reachable member, the one missing a value skipped").isEqualTo(5);
        assertThat(job.getJsonObject("counts").getInt("skipped")).isEqualTo(1);
        assertThat(job.getJsonObject("counts").getInt("queued")).isEqualTo(4);
        assertThat(job.getJsonObject("content").getString("templateId")).isEqualTo(template.id());
        assertThat(job.getJsonObject("content").getString("wechatTemplateId")).isEqualTo(template.weChatId());
        assertThat(job.getString("audience")).contains("uploaded list");
        JsonObject stored = job.getJsonObject("plan");
        assertThat(stored.getInt("reachable")).isEqualTo(4);
        assertThat(reasons(stored)).containsEntry("MISSING_VALUE", 1).containsEntry("DUPLICATE", 1);
        assertThat(stored.getInt("sendToday")).isEqualTo(2);
        assertThat(stored.getInt("sendAfterReset")).isEqualTo(2);
        assertThat(stored.getJsonArray("sample")).hasSize(3);
        // counted again over the snapshot when the job was created: the same numbers, warnings and samples as the pre-flight plan
        assertThat(stored).isEqualTo(plan);
        assertThat(admin.data(JOB, Map.of("id", job.getString("id"))).getJsonObject("dispatchJob").getJsonObject("plan")).isEqualTo(stored);

        // refused with a code, nothing written
        assertThat(codes(admin.data(PLAN, Map.of("i", input(Map.of("accountId", acc.id(), "kind", "ALL"), template, fields)))
                .getJsonObject("dispatchPlan"))).containsExactly("CSV_COLUMN_UNKNOWN");
        Map<String, Object> unknownTemplate = input(audience, new Template(UUID.randomUUID().toString(), "x", template.keys()), fields);
        assertThat(codes(admin.data(CREATE, Map.of("i", unknownTemplate)).getJsonObject("dispatchCreate"))).containsExactly("TEMPLATE_NOT_FOUND");
        assertThat(jobCount(acc)).isEqualTo(2);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void operatorsDriveJobsAndRetryFailedOrInDoubtRecipientsWhileViewersOnlyRead() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        FanmailClient operator = Users.signedIn(admin, base.toString(), "OPERATOR");
        FanmailClient viewer = Users.signedIn(admin, base.toString(), "VIEWER");
        Acc acc = account(admin);
        SandboxControlClient control = control();
        quiet(acc);
        Template template = template(admin, acc);
        List<String> f = sandboxFans(acc, 12);
        Map<String, Object[]> fans = new LinkedHashMap<>();
        f.forEach(o -> fans.put(o, new Object[] {true, "r", new Integer[0]}));
        insertFans(acc, fans);
        // one fan unfollowed in WeChat but not yet in Fanmail: WeChat refuses it (43004), a FAILED recipient
        String gone = f.get(5);
        control.post("/_sandbox/accounts/" + acc.appId() + "/fans/" + gone, Json.createObjectBuilder().add("subscribed", false).build());
        // each send takes a second: the job is still sending when it is paused
        control.post("/_sandbox/accounts/" + acc.appId() + "/faults", Json.createObjectBuilder().add("latencyMs", 1000)
                .add("apis", Json.createArrayBuilder().add("cgi-bin/message/template/send")).build());
        Map<String, Object> all = Map.of("accountId", acc.id(), "kind", "ALL");

        JsonObject created = create(operator, all, fixedFields(template), template);
        String id = created.getString("id");
        assertThat(created.getString("createdBy")).startsWith("operator-");
        assertThat(created.getString("audience")).isEqualTo("All fans");
        // a viewer reads but changes nothing
        assertThat(viewer.data(JOB, Map.of("id", id)).getJsonObject("dispatchJob").getString("state")).isEqualTo("PLANNED");
        for (String m : List.of("dispatchStart", "dispatchPause", "dispatchResume", "dispatchCancel", "dispatchRetryFailed", "dispatchResendInDoubt")) {
            assertThat(viewer.graphql("mutation($i: DispatchJobIdInput!) { " + m + "(input: $i) { job { id }" + ERRORS + "} }",
                    Map.of("i", Map.of("jobId", id))).toString()).as(m).contains("FORBIDDEN");
        }
        assertThat(viewer.graphql(PLAN, Map.of("i", input(all, template, fixedFields(template)))).toString()).contains("FORBIDDEN");
        assertThat(state(admin, id)).as("the viewer changed nothing").isEqualTo("PLANNED");
        assertThat(codes(command(operator, "dispatchRetryFailed", id, null))).as("a planned job may still send").containsExactly("FOLLOW_UP_REFUSED");

        // the engine is woken after the commit: by the time the payload is read it may already be sending
        assertThat(command(operator, "dispatchStart", id, null).getJsonObject("job").getString("state")).isIn("QUEUED", "SENDING");
        JsonObject paused = command(operator, "dispatchPause", id, "wrong link").getJsonObject("job");
        assertThat(paused.getString("state")).isEqualTo("PAUSED");
        assertThat(paused.getString("pauseReason")).isEqualTo("OPERATOR");
        assertThat(codes(command(operator, "dispatchStart", id, null))).containsExactly("STATE_CHANGE_REFUSED");
        await("the sends in flight to end", () -> counts(admin, id).getInt("sending") == 0);
        assertThat(command(operator, "dispatchResume", id, null).getJsonObject("job").getString("state")).isEqualTo("SENDING");
        JsonObject done = awaitJob(admin, id, "COMPLETED");
        assertThat(done.getJsonObject("counts").getInt("sent")).isEqualTo(11);
        assertThat(done.getJsonObject("counts").getInt("failed")).isEqualTo(1);
        assertThat(done.getJsonObject("counts").getInt("done")).isEqualTo(12);
        List<JsonObject> events = done.getJsonArray("events").getValuesAs(JsonObject.class);
        assertThat(events).extracting(e -> e.getString("to")).containsSubsequence("DRAFT", "PLANNED", "QUEUED", "PAUSED", "SENDING", "COMPLETED");
        assertThat(events.stream().filter(e -> e.getString("to").equals("PAUSED")).findFirst().orElseThrow().getString("reason")).isEqualTo("wrong link");
        assertThat(codes(command(operator, "dispatchCancel", id, "too late"))).containsExactly("STATE_CHANGE_REFUSED");

        // retry the failed recipient: a new PLANNED job of it; once only while that one lives
        assertThat(codes(command(operator, "dispatchResendInDoubt", id, null))).containsExactly("NOTHING_TO_RETRY");
        JsonObject retry = command(operator, "dispatchRetryFailed", id, null).getJsonObject("job");
        assertThat(retry.getString("state")).isEqualTo("PLANNED");
        assertThat(retry.getString("followUpOf")).isEqualTo(id);
        assertThat(retry.getString("followUpKind")).isEqualTo("RETRY_FAILED");
        assertThat(retry.getInt("total")).isEqualTo(1);
        assertThat(retry.getString("title")).isEqualTo(done.getString("title"));
        assertThat(codes(command(operator, "dispatchRetryFailed", id, null))).containsExactly("FOLLOW_UP_EXISTS");
        // the fan follows again; the retry sends with a key of its own and reaches them
        control.post("/_sandbox/accounts/" + acc.appId() + "/fans/" + gone, Json.createObjectBuilder().add("subscribed", true).build());
        command(operator, "dispatchStart", retry.getString("id"), null);
        JsonObject retried = awaitJob(admin, retry.getString("id"), "COMPLETED");
        assertThat(retried.getJsonObject("counts").getInt("sent")).isEqualTo(1);
        List<JsonObject> ledger = ledger(acc, retry.getString("id"));
        assertThat(ledger).singleElement().satisfies(e -> assertThat(e.getString("openid")).isEqualTo(gone));

        // recipients the engine left IN_DOUBT (played here in the database): resent by a new job, on the operator's word
        try (Connection c = AudiencesIT.db(); PreparedStatement s = c.prepareStatement(
                "update dispatch.recipient set state = 'IN_DOUBT', msgid = null where job_id = ? and seq in (1, 2)")) {
            s.setObject(1, UUID.fromString(id));
            assertThat(s.executeUpdate()).isEqualTo(2);
        }
        JsonObject resend = command(operator, "dispatchResendInDoubt", id, null).getJsonObject("job");
        assertThat(resend.getInt("total")).isEqualTo(2);
        assertThat(resend.getString("followUpKind")).isEqualTo("RESEND_IN_DOUBT");
        assertThat(resend.getString("audience")).contains("IN_DOUBT").contains(id);
        assertThat(resend.getJsonObject("counts").getInt("queued")).isEqualTo(2);

        // a planned job cancelled: every recipient skipped, who and why recorded
        JsonObject cancelled = command(operator, "dispatchCancel", resend.getString("id"), "changed my mind").getJsonObject("job");
        assertThat(cancelled.getString("state")).isEqualTo("CANCELLED");
        assertThat(cancelled.getJsonObject("counts").getInt("skipped")).isEqualTo(2);
        JsonObject last = cancelled.getJsonArray("events").getValuesAs(JsonObject.class).get(cancelled.getJsonArray("events").size() - 1);
        assertThat(last.getString("reason")).isEqualTo("changed my mind");
        assertThat(last.getString("actor")).startsWith("operator-");
        // a cancelled follow-up no longer blocks another
        assertThat(command(operator, "dispatchResendInDoubt", id, null).getJsonObject("job").getInt("total")).isEqualTo(2);
        assertThat(codes(command(operator, "dispatchStart", UUID.randomUUID().toString(), null))).containsExactly("NOT_FOUND");
        assertThat(admin.data(JOB, Map.of("id", UUID.randomUUID().toString())).isNull("dispatchJob")).isTrue();
    }

    // ---- helpers ----

    private static Map<String, Object> input(Map<String, Object> audience, Template template, List<Map<String, Object>> fields) {
        return Map.of("audience", audience, "content", Map.of("templateId", template.id(), "fields", fields, "url", "https://example.com/o"));
    }

    private static List<Map<String, Object>> fixedFields(Template template) {
        return template.keys().stream().map(k -> Map.<String, Object>of("key", k, "source", "FIXED", "text", "值")).toList();
    }

    private static JsonObject create(FanmailClient client, Map<String, Object> audience, List<Map<String, Object>> fields, Template template) {
        return ok(client.data(CREATE, Map.of("i", input(audience, template, fields))).getJsonObject("dispatchCreate")).getJsonObject("job");
    }

    private static JsonObject command(FanmailClient client, String mutation, String jobId, String reason) {
        Map<String, Object> in = reason == null ? Map.of("jobId", jobId) : Map.of("jobId", jobId, "reason", reason);
        return client.data("mutation($i: DispatchJobIdInput!) { " + mutation + "(input: $i) { job {" + JOB_FIELDS + "}" + ERRORS + "} }",
                Map.of("i", in)).getJsonObject(mutation);
    }

    private static void start(FanmailClient client, String jobId) {
        ok(command(client, "dispatchStart", jobId, null));
    }

    private static String state(FanmailClient client, String jobId) {
        return client.data(JOB, Map.of("id", jobId)).getJsonObject("dispatchJob").getString("state");
    }

    private static JsonObject counts(FanmailClient client, String jobId) {
        return client.data(JOB, Map.of("id", jobId)).getJsonObject("dispatchJob").getJsonObject("counts");
    }

    private static JsonObject awaitJob(FanmailClient client, String jobId, String state) throws InterruptedException {
        await("job " + jobId + " " + state, () -> state(client, jobId).equals(state));
        return client.data(JOB, Map.of("id", jobId)).getJsonObject("dispatchJob");
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        DispatchFixture.await(what, Duration.ofSeconds(90), done);
    }

    private static JsonObject ok(JsonObject payload) {
        assertThat(payload.getJsonArray("userErrors")).as(payload.toString()).isEmpty();
        return payload;
    }

    private static List<String> codes(JsonObject payload) {
        return payload.getJsonArray("userErrors").getValuesAs(JsonObject.class).stream().map(e -> e.getString("code")).toList();
    }

    private static Map<String, Integer> reasons(JsonObject plan) {
        Map<String, Integer> out = new LinkedHashMap<>();
        plan.getJsonArray("excluded").getValuesAs(JsonObject.class).forEach(e -> out.put(e.getString("reason"), e.getInt("count")));
        return out;
    }

    private static Map<String, String> values(JsonObject sample) {
        Map<String, String> out = new LinkedHashMap<>();
        sample.getJsonArray("values").getValuesAs(JsonObject.class).forEach(v -> out.put(v.getString("key"), v.getString("value")));
        return out;
    }

    private Acc account(FanmailClient admin) throws InterruptedException {
        Map<String, Object> input = Accounts.validInput();
        input.put("encryptionMode", "PLAIN");
        input.remove("encodingAesKey");
        input.put("type", "SERVICE");
        input.put("verified", true);
        JsonObject created = Accounts.create(admin, input);
        assertThat(created.getJsonArray("userErrors")).as(created.toString()).isEmpty();
        Acc acc = new Acc(created.getJsonObject("account").getString("id"), (String) input.get("appId"), (String) input.get("appSecret"));
        SandboxPushesIT.awaitMirrored(control(), acc.appId());
        return acc;
    }

    /** The sandbox sends no delivery reports for the account (the server's per-account callback budget stays untouched). */
    private void quiet(Acc acc) {
        fixture().suppressReports(acc.appId());
    }

    /** TM00015 (keyword1…keyword4) added to the account through Fanmail. */
    private static Template template(FanmailClient admin, Acc acc) {
        JsonObject t = ok(admin.data("mutation($i: TemplateAddInput!) { templateAdd(input: $i) { template { id templateId fields { key legacy } }"
                + ERRORS + "} }", Map.of("i", Map.of("accountId", acc.id(), "shortId", "TM00015"))).getJsonObject("templateAdd")).getJsonObject("template");
        List<String> keys = t.getJsonArray("fields").getValuesAs(JsonObject.class).stream().filter(x -> !x.getBoolean("legacy"))
                .map(x -> x.getString("key")).toList();
        assertThat(keys).contains("keyword1", "keyword2", "keyword3");
        return new Template(t.getString("id"), t.getString("templateId"), keys);
    }

    private List<String> sandboxFans(Acc acc, int n) {
        return fixture().sandboxFans(acc.appId(), n, 7);
    }

    /** Fans in Fanmail's table: openid → {subscribed, remark, tag ids}. */
    private static void insertFans(Acc acc, Map<String, Object[]> fans) throws Exception {
        try (Connection c = AudiencesIT.db(); PreparedStatement s = c.prepareStatement("insert into audiences.fan (account_id, openid, subscribed, remark, "
                + "tag_ids, created_at, updated_at) values (?, ?, ?, ?, ?, now(), now())")) {
            for (Map.Entry<String, Object[]> e : fans.entrySet()) {
                s.setObject(1, UUID.fromString(acc.id()));
                s.setString(2, e.getKey());
                s.setBoolean(3, (Boolean) e.getValue()[0]);
                s.setString(4, (String) e.getValue()[1]);
                s.setArray(5, c.createArrayOf("integer", (Integer[]) e.getValue()[2]));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static int jobCount(Acc acc) throws Exception {
        try (Connection c = AudiencesIT.db(); PreparedStatement s = c.prepareStatement("select count(*) from dispatch.job where account_id = ?")) {
            s.setObject(1, UUID.fromString(acc.id()));
            try (var r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private List<JsonObject> ledger(Acc acc, String jobId) {
        return fixture().ledger(acc.appId(), jobId).items();
    }

    private static HttpResponse<String> clock(FanmailClient client, String query) {
        return client.send(HttpRequest.newBuilder(client.uri("/api/test/clock?" + query)).header("X-Fanmail-Csrf", "1")
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private DispatchFixture fixture() {
        return DispatchFixture.client(sandboxBase());
    }

    private SandboxControlClient control() {
        return fixture().control;
    }

    private String sandboxBase() {
        return base.toString().replaceAll("/$", "") + "/wechat-sandbox";
    }

    /** Another sender using the account's API directly (its sends count in WeChat's quota, not in Fanmail's). */
    private final class WeChat {
        private final Acc acc;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private String token;

        WeChat(Acc acc) {
            this.acc = acc;
        }

        JsonObject call(String path, JsonObject body) throws Exception {
            if (token == null) {
                token = send("cgi-bin/stable_token?appid=" + acc.appId(), Json.createObjectBuilder().add("grant_type", "client_credential")
                        .add("appid", acc.appId()).add("secret", acc.appSecret()).build()).getString("access_token");
            }
            JsonObject res = send(path + "?access_token=" + token, body);
            assertThat(res.getInt("errcode", 0)).as(res.toString()).isZero();
            return res;
        }

        private JsonObject send(String path, JsonObject body) throws Exception {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(sandboxBase() + "/" + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            try (var r = Json.createReader(new StringReader(res.body()))) {
                return r.readObject();
            }
        }
    }
}
