package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
 * Test fans and test sends over GraphQL against the WeChat sandbox (issue 14): operators keep at most 20 labelled test
 * fans per account, each a subscribed fan Fanmail knows, viewers only read them; a test send of a template message
 * reaches each test fan through the sandbox (its own client_msg_id "test-…", in the ledger), reports WeChat's refusal of
 * a fan inline, and creates no dispatch job.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TemplateTestSendsIT {
    private static final String ERRORS = " userErrors { code field message } ";
    private static final String LIST = "query($a: ID!) { testFans(accountId: $a) { openid label remark subscribed createdAt createdBy } }";
    private static final String ADD = "mutation($i: TestFanAddInput!) { testFanAdd(input: $i) { testFan { openid label subscribed createdBy }"
            + ERRORS + "} }";
    private static final String REMOVE = "mutation($i: TestFanRemoveInput!) { testFanRemove(input: $i) { removedOpenid" + ERRORS + "} }";
    private static final String SEND = "mutation($i: DispatchTestSendInput!) { dispatchTestSend(input: $i) { results { openid label status msgid "
            + "errcode message }" + ERRORS + "} }";

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

    private record Acc(String id, String appId) {
    }

    private record Template(String id, List<String> keys) {
    }

    @AfterEach
    void realTimeAgain() {
        HttpResponse<String> reset = FanmailClient.signedInAdmin(base.toString()).send(HttpRequest.newBuilder(
                FanmailClient.signedInAdmin(base.toString()).uri("/api/test/clock?reset=true")).header("X-Fanmail-Csrf", "1")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void operatorsKeepAtMostTwentyLabelledFollowersAsTestFansAndViewersOnlyRead() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        FanmailClient operator = Users.signedIn(admin, base.toString(), "OPERATOR");
        FanmailClient viewer = Users.signedIn(admin, base.toString(), "VIEWER");
        Acc acc = account(admin);
        List<String> f = fixture().sandboxFans(acc.appId(), 23, 11);
        Map<String, Boolean> fans = new LinkedHashMap<>();
        f.forEach(o -> fans.put(o, !o.equals(f.get(22)))); // f22 has unfollowed
        insertFans(acc, fans);

        JsonObject added = ok(add(operator, acc, f.get(0), "  Alice's phone ")).getJsonObject("testFan");
        assertThat(added.getString("openid")).isEqualTo(f.get(0));
        assertThat(added.getString("label")).isEqualTo("Alice's phone");
        assertThat(added.getBoolean("subscribed")).isTrue();
        assertThat(added.getString("createdBy")).startsWith("operator-");
        // each refusal, with the field it is about
        assertThat(error(add(operator, acc, f.get(0), "again"))).isEqualTo("ALREADY_A_TEST_FAN@openid");
        assertThat(error(add(operator, acc, "not an openid!", "x"))).isEqualTo("INVALID_OPENID@openid");
        assertThat(error(add(operator, acc, "short", "x"))).isEqualTo("INVALID_OPENID@openid");
        assertThat(error(add(operator, acc, f.get(1), "  "))).isEqualTo("LABEL_REQUIRED@label");
        assertThat(error(add(operator, acc, f.get(1), "x".repeat(31)))).isEqualTo("LABEL_TOO_LONG@label");
        assertThat(error(add(operator, acc, "o" + DispatchFixture.hex(27), "stranger"))).as("a fan Fanmail does not know")
                .isEqualTo("NOT_A_FOLLOWER@openid");
        assertThat(error(add(operator, acc, f.get(22), "gone"))).as("a fan that unfollowed").isEqualTo("NOT_A_FOLLOWER@openid");
        ok(add(operator, acc, f.get(1), "手".repeat(30))); // 30 characters, whatever their bytes
        for (int i = 2; i < 20; i++) {
            ok(add(admin, acc, f.get(i), "phone " + i));
        }
        assertThat(error(add(operator, acc, f.get(20), "one too many"))).isEqualTo("TEST_FAN_LIMIT@openid");

        // everyone signed in reads them, oldest first; viewers change nothing
        List<JsonObject> listed = list(viewer, acc);
        assertThat(listed).hasSize(20);
        assertThat(listed.get(0).getString("openid")).isEqualTo(f.get(0));
        assertThat(listed.get(0).getString("remark")).isEqualTo("remark " + f.get(0));
        assertThat(listed.get(1).getString("label")).isEqualTo("手".repeat(30));
        assertThat(viewer.graphql(ADD, Map.of("i", Map.of("accountId", acc.id(), "openid", f.get(20), "label", "v"))).toString()).contains("FORBIDDEN");
        assertThat(viewer.graphql(REMOVE, Map.of("i", Map.of("accountId", acc.id(), "openid", f.get(0)))).toString()).contains("FORBIDDEN");
        assertThat(list(admin, acc)).hasSize(20);

        // removing one makes room; removing it again is refused
        assertThat(ok(remove(operator, acc, f.get(0))).getString("removedOpenid")).isEqualTo(f.get(0));
        assertThat(error(remove(operator, acc, f.get(0)))).isEqualTo("NOT_FOUND@openid");
        ok(add(operator, acc, f.get(20), "the twentieth again"));
        assertThat(list(operator, acc)).extracting(o -> o.getString("openid")).doesNotContain(f.get(0)).contains(f.get(20)).hasSize(20);
        // test fans are per account
        assertThat(list(operator, new Acc(UUID.randomUUID().toString(), "none"))).isEmpty();
    }

    @Test
    @OperateOnDeployment("fanmail")
    void aTestSendReachesEachTestFanReportsWeChatsRefusalInlineAndCreatesNoJob() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        FanmailClient operator = Users.signedIn(admin, base.toString(), "OPERATOR");
        FanmailClient viewer = Users.signedIn(admin, base.toString(), "VIEWER");
        Acc acc = account(admin);
        fixture().suppressReports(acc.appId());
        Template template = template(admin, acc);
        List<String> f = fixture().sandboxFans(acc.appId(), 3, 12);
        Map<String, Boolean> fans = new LinkedHashMap<>();
        f.forEach(o -> fans.put(o, true));
        insertFans(acc, fans);
        ok(add(operator, acc, f.get(0), "Phone A"));
        ok(add(operator, acc, f.get(1), "Phone B"));
        // f1 unfollowed in WeChat but not yet in Fanmail: WeChat refuses it (43004)
        fixture().control.post("/_sandbox/accounts/" + acc.appId() + "/fans/" + f.get(1), Json.createObjectBuilder().add("subscribed", false).build());

        // keyword1 the fan's remark, the others fixed
        List<Map<String, Object>> fields = new ArrayList<>();
        for (String k : template.keys()) {
            fields.add(k.equals("keyword1") ? Map.of("key", k, "source", "FAN_REMARK") : Map.of("key", k, "source", "FIXED", "text", "值"));
        }
        Map<String, Object> content = Map.of("templateId", template.id(), "fields", fields, "url", "https://example.com/t");
        JsonObject sent = ok(operator.data(SEND, Map.of("i", Map.of("accountId", acc.id(), "content", content))).getJsonObject("dispatchTestSend"));
        Map<String, JsonObject> results = new HashMap<>();
        sent.getJsonArray("results").getValuesAs(JsonObject.class).forEach(r -> results.put(r.getString("openid"), r));
        assertThat(results).hasSize(2).containsKeys(f.get(0), f.get(1));
        JsonObject a = results.get(f.get(0));
        assertThat(a.getString("status")).isEqualTo("SENT");
        assertThat(a.getString("label")).isEqualTo("Phone A");
        assertThat(a.getString("msgid")).isNotBlank();
        JsonObject b = results.get(f.get(1));
        assertThat(b.getString("status")).isEqualTo("FAILED");
        assertThat(b.getInt("errcode")).isEqualTo(43004);
        assertThat(b.getString("message")).isNotBlank();
        assertThat(b.isNull("msgid")).isTrue();

        // the sandbox recorded the one it accepted, under a test key, with the fan's remark rendered
        List<JsonObject> ledger = testLedger(acc);
        assertThat(ledger).hasSize(1);
        assertThat(ledger.get(0).getString("openid")).isEqualTo(f.get(0));
        assertThat(ledger.get(0).getString("msgid")).isEqualTo(a.getString("msgid"));
        assertThat(ledger.get(0).getString("clientMsgId")).startsWith("test-");
        assertThat(ledger.get(0).getString("summary")).contains("keyword1=remark ").contains("keyword2=值");
        assertThat(jobCount(acc)).as("a test send is not a job").isZero();

        // a chosen subset; a CSV column has no list row for a test fan: sent as the column's name in brackets, and the result says so
        List<Map<String, Object>> csv = new ArrayList<>(fields);
        csv.set(template.keys().indexOf("keyword2"), Map.of("key", "keyword2", "source", "CSV_COLUMN", "column", "city"));
        JsonObject one = ok(operator.data(SEND, Map.of("i", Map.of("accountId", acc.id(), "openids", List.of(f.get(0)),
                "content", Map.of("templateId", template.id(), "fields", csv))))
                .getJsonObject("dispatchTestSend"));
        assertThat(one.getJsonArray("results")).hasSize(1);
        assertThat(one.getJsonArray("results").getJsonObject(0).getString("status")).isEqualTo("SENT");
        assertThat(one.getJsonArray("results").getJsonObject(0).getString("message")).contains("keyword2");
        List<JsonObject> two = testLedger(acc);
        assertThat(two).hasSize(2);
        assertThat(two.get(1).getString("summary")).contains("keyword2=[city]");

        // refusals: a fan that is not a test fan, an unknown template; viewers cannot send
        assertThat(error(operator.data(SEND, Map.of("i", Map.of("accountId", acc.id(), "openids", List.of(f.get(2)), "content", content)))
                .getJsonObject("dispatchTestSend"))).isEqualTo("NOT_A_TEST_FAN@openids");
        assertThat(error(operator.data(SEND, Map.of("i", Map.of("accountId", acc.id(), "content", Map.of("templateId", UUID.randomUUID().toString(),
                "fields", fields)))).getJsonObject("dispatchTestSend"))).isEqualTo("TEMPLATE_NOT_FOUND@content.templateId");
        assertThat(viewer.graphql(SEND, Map.of("i", Map.of("accountId", acc.id(), "content", content))).toString()).contains("FORBIDDEN");
        assertThat(testLedger(acc)).as("refused test sends send nothing").hasSize(2);
        assertThat(jobCount(acc)).isZero();
    }

    // ---- helpers ----

    private static JsonObject add(FanmailClient client, Acc acc, String openid, String label) {
        return client.data(ADD, Map.of("i", Map.of("accountId", acc.id(), "openid", openid, "label", label))).getJsonObject("testFanAdd");
    }

    private static JsonObject remove(FanmailClient client, Acc acc, String openid) {
        return client.data(REMOVE, Map.of("i", Map.of("accountId", acc.id(), "openid", openid))).getJsonObject("testFanRemove");
    }

    private static List<JsonObject> list(FanmailClient client, Acc acc) {
        return client.data(LIST, Map.of("a", acc.id())).getJsonArray("testFans").getValuesAs(JsonObject.class);
    }

    private static JsonObject ok(JsonObject payload) {
        assertThat(payload.getJsonArray("userErrors")).as(payload.toString()).isEmpty();
        return payload;
    }

    /** The payload's only user error as code@field. */
    private static String error(JsonObject payload) {
        assertThat(payload.getJsonArray("userErrors")).as(payload.toString()).hasSize(1);
        JsonObject e = payload.getJsonArray("userErrors").getJsonObject(0);
        return e.getString("code") + "@" + e.getString("field");
    }

    private Acc account(FanmailClient admin) throws InterruptedException {
        Map<String, Object> input = Accounts.validInput();
        input.put("encryptionMode", "PLAIN");
        input.remove("encodingAesKey");
        input.put("type", "SERVICE");
        input.put("verified", true);
        JsonObject created = Accounts.create(admin, input);
        assertThat(created.getJsonArray("userErrors")).as(created.toString()).isEmpty();
        Acc acc = new Acc(created.getJsonObject("account").getString("id"), (String) input.get("appId"));
        SandboxPushesIT.awaitMirrored(fixture().control, acc.appId());
        return acc;
    }

    /** TM00015 (keyword1…keyword4) added to the account through Fanmail. */
    private static Template template(FanmailClient admin, Acc acc) {
        JsonObject t = ok(admin.data("mutation($i: TemplateAddInput!) { templateAdd(input: $i) { template { id fields { key legacy } }"
                + ERRORS + "} }", Map.of("i", Map.of("accountId", acc.id(), "shortId", "TM00015"))).getJsonObject("templateAdd")).getJsonObject("template");
        List<String> keys = t.getJsonArray("fields").getValuesAs(JsonObject.class).stream().filter(x -> !x.getBoolean("legacy"))
                .map(x -> x.getString("key")).toList();
        assertThat(keys).contains("keyword1", "keyword2", "keyword3");
        return new Template(t.getString("id"), keys);
    }

    /** Fans in Fanmail's table (remark "remark &lt;openid&gt;"): openid → subscribed. */
    private static void insertFans(Acc acc, Map<String, Boolean> fans) throws Exception {
        try (Connection c = AudiencesIT.db(); PreparedStatement s = c.prepareStatement("insert into audiences.fan (account_id, openid, subscribed, remark, "
                + "tag_ids, created_at, updated_at) values (?, ?, ?, ?, '{}', now(), now())")) {
            for (Map.Entry<String, Boolean> e : fans.entrySet()) {
                s.setObject(1, UUID.fromString(acc.id()));
                s.setString(2, e.getKey());
                s.setBoolean(3, e.getValue());
                s.setString(4, "remark " + e.getKey());
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

    /** The sandbox ledger's entries of the account whose client_msg_id starts with "test-". */
    private List<JsonObject> testLedger(Acc acc) {
        return fixture().control.get("/_sandbox/accounts/" + acc.appId() + "/ledger:page?clientMsgIdPrefix=test-&limit=100")
                .getJsonArray("items").getValuesAs(JsonObject.class);
    }

    private DispatchFixture fixture() {
        return DispatchFixture.client(base.toString().replaceAll("/$", "") + "/wechat-sandbox");
    }
}
