package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

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
 * The fans list and fan page (issue 11): every filter and order over 5,000 fans inserted in SQL, paged by keyset with
 * neither duplicates nor gaps and compared with plain SQL; counts; customer-service windows per trigger from pushes the
 * sandbox simulates, on the list and the fan page, used up and expired on the test clock; a fan's timeline; remark
 * editing through WeChat (the sandbox) with WeChat's byte limit.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FansIT {
    private static final String FANS = "query($a: ID!, $f: FanFilterInput, $o: FanOrder, $n: Int, $c: String) { fans(accountId: $a, "
            + "filter: $f, orderBy: $o, first: $n, after: $c) { edges { cursor node { openid subscribed window { open kind openedBy remaining } } } "
            + "pageInfo { hasNextPage endCursor } } }";
    private static final String COUNT = "query($a: ID!, $f: FanFilterInput) { fanCount(accountId: $a, filter: $f) }";
    private static final String FAN = "query($a: ID!, $o: String!) { fan(accountId: $a, openid: $o) { openid remark subscribed subscribedAt "
            + "unsubscribedAt language tags { id name } lastInteractionAt detailsSyncedAt window { open kind openedBy openedAt expiresAt remaining } } }";
    private static final String REMARK = "mutation($i: FanRemarkUpdateInput!) { fanRemarkUpdate(input: $i) { fan { openid remark } "
            + "userErrors { code field message } } }";
    private static final String TIMELINE = "query($a: ID!, $o: String) { callbackEvents(accountId: $a, openid: $o) { totalCount "
            + "edges { node { type openid } } } }";
    private static final Instant BASE = Instant.parse("2026-06-01T00:00:00Z");
    private static final int FAN_COUNT = 5000;

    @Deployment(name = "sandbox", order = 1, testable = false)
    static WebArchive sandbox() {
        return TestServer.war("fanmail.sandbox.war", "wechat-sandbox.war");
    }

    @Deployment(name = "fanmail", order = 2, testable = false)
    static WebArchive fanmail() {
        return TestServer.fanmailWar();
    }

    @ArquillianResource
    @OperateOnDeployment("fanmail")
    URL base;

    @AfterEach
    void realTimeAgain() {
        HttpResponse<String> reset = clock(FanmailClient.signedInAdmin(base.toString()), "reset=true");
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ list: filters, orders, keyset pages, counts

    @Test
    @OperateOnDeployment("fanmail")
    void everyFilterAndOrderPagesByKeysetWithoutDuplicatesOrGapsAndCounts() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Callbacks.Account account = Callbacks.create(admin, "PLAIN");
        UUID id = UUID.fromString(account.id());
        Instant now = Instant.now();
        try (Connection c = db()) {
            insertFans(c, id);
            exec(c, "insert into audiences.tag (account_id, tag_id, name, wechat_count, synced_at) values (?, 100, 'A', 0, now()), "
                    + "(?, 101, 'B', 0, now())", id, id);
            // fan 5: a message window; 10: an exhausted interaction window; 15: an expired one; 20: both kinds open
            insertWindow(c, id, 5, "MESSAGE", "MESSAGE", now, now.plus(Duration.ofHours(48)), 5, 1);
            insertWindow(c, id, 10, "INTERACTION", "CLICK", now, now.plusSeconds(60), 3, 3);
            insertWindow(c, id, 15, "MESSAGE", "MESSAGE", now.minus(Duration.ofHours(49)), now.minusSeconds(3600), 5, 0);
            insertWindow(c, id, 20, "MESSAGE", "MESSAGE", now, now.plus(Duration.ofHours(48)), 5, 0);
            insertWindow(c, id, 20, "INTERACTION", "FOLLOW", now, now.plusSeconds(600), 3, 1);
        }

        Map<String, Map<String, Object>> filters = new LinkedHashMap<>();
        Map<String, String> plain = new LinkedHashMap<>();
        filters.put("none", null);
        plain.put("none", "true");
        filters.put("openid prefix", Map.of("search", "oF0001"));
        plain.put("openid prefix", "openid like 'oF0001%'");
        filters.put("remark text, any case", Map.of("search", "vip客户"));
        plain.put("remark text, any case", "remark like 'VIP客户%'");
        filters.put("wildcards are literal", Map.of("search", "0%_"));
        plain.put("wildcards are literal", "remark = '50%_off'");
        filters.put("tags any", Map.of("tagIds", List.of(100, 101)));
        plain.put("tags any", "(n % 2 = 0 or n % 5 = 0)");
        filters.put("tags all", Map.of("tagIds", List.of(100, 101), "tagMatch", "ALL"));
        plain.put("tags all", "n % 10 = 0");
        filters.put("tags none", Map.of("tagIds", List.of(100), "tagMatch", "NONE"));
        plain.put("tags none", "n % 2 = 1");
        filters.put("unsubscribed", Map.of("subscribed", false));
        plain.put("unsubscribed", "not subscribed");
        filters.put("interacted after", Map.of("interactedAfter", BASE.minus(Duration.ofMinutes(1000)).toString()));
        plain.put("interacted after", "last_interaction_at >= '" + BASE.minus(Duration.ofMinutes(1000)) + "'");
        filters.put("interacted before (or never)", Map.of("interactedBefore", BASE.minus(Duration.ofMinutes(3000)).toString()));
        plain.put("interacted before (or never)", "(last_interaction_at is null or last_interaction_at < '" + BASE.minus(Duration.ofMinutes(3000)) + "')");
        filters.put("interacted within", Map.of("interactedAfter", BASE.minus(Duration.ofMinutes(2000)).toString(),
                "interactedBefore", BASE.minus(Duration.ofMinutes(1000)).toString()));
        plain.put("interacted within", "last_interaction_at >= '" + BASE.minus(Duration.ofMinutes(2000)) + "' and last_interaction_at < '"
                + BASE.minus(Duration.ofMinutes(1000)) + "'");
        filters.put("window open", Map.of("window", "OPEN"));
        plain.put("window open", "n in (5, 20)");
        filters.put("window closed", Map.of("window", "CLOSED"));
        plain.put("window closed", "n not in (5, 20)");
        filters.put("combined", Map.of("tagIds", List.of(100), "subscribed", true, "interactedAfter", BASE.minus(Duration.ofMinutes(2500)).toString(),
                "window", "CLOSED"));
        plain.put("combined", "n % 2 = 0 and subscribed and last_interaction_at >= '" + BASE.minus(Duration.ofMinutes(2500)) + "' and n not in (5, 20)");

        Map<String, String> orders = Map.of("OPENID", "openid", "SUBSCRIBED_AT_DESC", "subscribed_at desc nulls last, openid",
                "LAST_INTERACTION_DESC", "last_interaction_at desc nulls last, openid");
        try (Connection c = db()) {
            for (var f : filters.entrySet()) {
                List<String> byOpenid = expected(c, id, plain.get(f.getKey()), "openid");
                assertThat(byOpenid).as(f.getKey() + " matches someone and not everyone (except 'none')").isNotEmpty();
                assertThat(admin.data(COUNT, vars(account.id(), f.getValue())).getInt("fanCount")).as("fanCount " + f.getKey())
                        .isEqualTo(byOpenid.size());
                for (var o : orders.entrySet()) {
                    int size = byOpenid.size() > 1000 ? 200 : 37; // odd sizes for the smaller lists, several pages for every one
                    List<String> got = pages(admin, account.id(), f.getValue(), o.getKey(), size);
                    assertThat(new HashSet<>(got)).as("no duplicates: " + f.getKey() + " / " + o.getKey()).hasSize(got.size());
                    assertThat(got).as(f.getKey() + " / " + o.getKey()).containsExactlyElementsOf(expected(c, id, plain.get(f.getKey()), o.getValue()));
                }
            }
        }
        assertThat(pages(admin, account.id(), null, "OPENID", 200)).hasSize(FAN_COUNT);

        // the window on the list: the window messages are taken from next (soonest expiry)
        JsonObject open = admin.data(FANS, vars(account.id(), Map.of("window", "OPEN"))).getJsonObject("fans");
        Map<String, JsonObject> windows = new HashMap<>();
        open.getJsonArray("edges").forEach(e -> windows.put(e.asJsonObject().getJsonObject("node").getString("openid"),
                e.asJsonObject().getJsonObject("node").getJsonObject("window")));
        assertThat(windows.get(openid(5)).getString("kind")).isEqualTo("MESSAGE");
        assertThat(windows.get(openid(5)).getInt("remaining")).isEqualTo(4);
        assertThat(windows.get(openid(20)).getString("kind")).isEqualTo("INTERACTION");
        assertThat(windows.get(openid(20)).getString("openedBy")).isEqualTo("FOLLOW");
        assertThat(windows.get(openid(20)).getInt("remaining")).isEqualTo(2);

        // the fan page: tag names (unknown tags have none), the stored fields
        JsonObject ten = admin.data(FAN, Map.of("a", account.id(), "o", openid(10))).getJsonObject("fan");
        assertThat(ten.getJsonArray("tags").stream().map(t -> t.asJsonObject().getString("id") + "=" + t.asJsonObject().getString("name")))
                .containsExactly("100=A", "101=B");
        assertThat(ten.getJsonObject("window").getBoolean("open")).as("exhausted").isFalse();
        assertThat(ten.getJsonObject("window").getInt("remaining")).isZero();
        assertThat(ten.getString("remark")).isEmpty();
        assertThat(Instant.parse(ten.getString("subscribedAt"))).isEqualTo(BASE.minus(Duration.ofHours(10 / 4)));
        assertThat(ten.isNull("detailsSyncedAt")).isTrue();
        JsonObject odd = admin.data(FAN, Map.of("a", account.id(), "o", openid(4242))).getJsonObject("fan");
        assertThat(odd.getJsonArray("tags").getJsonObject(1).getString("id")).isEqualTo("999");
        assertThat(odd.getJsonArray("tags").getJsonObject(1).isNull("name")).isTrue();
        assertThat(admin.data(FAN, Map.of("a", account.id(), "o", "oNobody")).isNull("fan")).isTrue();

        // a cursor belongs to its order; a page size outside 1..200 is refused
        String cursor = admin.data(FANS, vars(account.id(), null)).getJsonObject("fans").getJsonObject("pageInfo").getString("endCursor");
        Map<String, Object> wrongOrder = vars(account.id(), null);
        wrongOrder.put("o", "SUBSCRIBED_AT_DESC");
        wrongOrder.put("c", cursor);
        assertThat(admin.graphql(FANS, wrongOrder).toString()).contains("CURSOR_INVALID");
        Map<String, Object> tooMany = vars(account.id(), null);
        tooMany.put("n", 201);
        assertThat(admin.graphql(FANS, tooMany).toString()).contains("PAGE_SIZE_INVALID");
        assertThat(admin.graphql(COUNT, vars(account.id(), Map.of("search", "x".repeat(65)))).toString()).contains("INVALID_FILTER");

        // a viewer reads the list
        FanmailClient viewer = Users.signedIn(admin, base.toString().replaceAll("/$", ""), "VIEWER");
        assertThat(viewer.data(COUNT, vars(account.id(), null)).getInt("fanCount")).isEqualTo(FAN_COUNT);
    }

    // ------------------------------------------------------------------ windows per trigger, timeline

    @Test
    @OperateOnDeployment("fanmail")
    void windowsPerTriggerOnListAndFanPageUsedUpAndExpiredOnTheTestClockAndTheTimelineByFan() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Callbacks.Account account = Callbacks.create(admin, "PLAIN");
        SandboxControlClient control = control();
        SandboxPushesIT.awaitMirrored(control, account.appId());
        List<String> fans = seeded(control, account.appId(), 3);
        String writer = fans.get(0);
        String clicker = fans.get(1);
        String quiet = fans.get(2);
        UUID id = UUID.fromString(account.id());
        try (Connection c = db()) {
            for (String f : fans) {
                exec(c, "insert into audiences.fan (account_id, openid, subscribed, created_at, updated_at) values (?, ?, true, now(), now())", id, f);
            }
        }

        JsonObject rules = admin.data("{ serviceWindowRules { messageLimit messageSeconds interactionLimit interactionSeconds } }", Map.of())
                .getJsonObject("serviceWindowRules");
        assertThat(List.of(rules.getInt("messageLimit"), rules.getInt("messageSeconds"), rules.getInt("interactionLimit"),
                rules.getInt("interactionSeconds"))).containsExactly(5, 48 * 3600, 3, 60);

        control.simulate(account.appId(), "text", writer, "你好");
        control.simulate(account.appId(), "click", clicker, null);
        JsonObject message = await(admin, account.id(), writer, w -> w.getBoolean("open"));
        assertThat(message.getString("kind")).isEqualTo("MESSAGE");
        assertThat(message.getString("openedBy")).isEqualTo("MESSAGE");
        assertThat(message.getInt("remaining")).isEqualTo(5);
        assertThat(Duration.between(Instant.parse(message.getString("openedAt")), Instant.parse(message.getString("expiresAt"))))
                .isEqualTo(Duration.ofHours(48));
        JsonObject click = await(admin, account.id(), clicker, w -> w.getBoolean("open"));
        assertThat(click.getString("kind")).isEqualTo("INTERACTION");
        assertThat(click.getString("openedBy")).isEqualTo("CLICK");
        assertThat(click.getInt("remaining")).isEqualTo(3);
        assertThat(Duration.between(Instant.parse(click.getString("openedAt")), Instant.parse(click.getString("expiresAt"))))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(window(admin, account.id(), quiet).getBoolean("open")).isFalse();
        assertThat(listed(admin, account.id(), "OPEN")).containsOnlyKeys(writer, clicker);
        assertThat(listed(admin, account.id(), "OPEN").get(writer).getInt("remaining")).isEqualTo(5);
        assertThat(listed(admin, account.id(), "CLOSED")).containsOnlyKeys(quiet);
        assertThat(admin.data(COUNT, vars(account.id(), Map.of("window", "OPEN"))).getInt("fanCount")).isEqualTo(2);

        // the timeline of one fan: only its pushes
        JsonObject writerTimeline = admin.data(TIMELINE, Map.of("a", account.id(), "o", writer)).getJsonObject("callbackEvents");
        assertThat(writerTimeline.getInt("totalCount")).isEqualTo(1);
        assertThat(writerTimeline.getJsonArray("edges").getJsonObject(0).getJsonObject("node").getString("type")).isEqualTo("text");
        JsonObject clickerTimeline = admin.data(TIMELINE, Map.of("a", account.id(), "o", clicker)).getJsonObject("callbackEvents");
        assertThat(clickerTimeline.getJsonArray("edges").stream().map(e -> e.asJsonObject().getJsonObject("node").getString("openid")))
                .containsExactly(clicker);
        assertThat(clickerTimeline.getJsonArray("edges").getJsonObject(0).getJsonObject("node").getString("type")).isEqualTo("click");
        assertThat(admin.data(TIMELINE, Map.of("a", account.id(), "o", quiet)).getJsonObject("callbackEvents").getInt("totalCount")).isZero();
        String typed = "query($a: ID!, $o: String, $t: [String]) { callbackEvents(accountId: $a, openid: $o, types: $t) { totalCount } }";
        assertThat(admin.data(typed, Map.of("a", account.id(), "o", clicker, "t", List.of("text"))).getJsonObject("callbackEvents")
                .getInt("totalCount")).as("type and fan together").isZero();
        assertThat(admin.data(typed, Map.of("a", account.id(), "o", clicker, "t", List.of("click"))).getJsonObject("callbackEvents")
                .getInt("totalCount")).isEqualTo(1);
        assertThat(admin.data("query($a: ID!) { callbackEvents(accountId: $a) { totalCount } }", Map.of("a", account.id()))
                .getJsonObject("callbackEvents").getInt("totalCount")).isEqualTo(2);

        // messages used: the count goes down, the last one closes the window
        try (Connection c = db()) {
            exec(c, "update wechat.service_window set used = 4 where account_id = ? and openid = ?", id, writer);
            assertThat(window(admin, account.id(), writer).getInt("remaining")).isEqualTo(1);
            exec(c, "update wechat.service_window set used = 5 where account_id = ? and openid = ?", id, writer);
            assertThat(window(admin, account.id(), writer).getBoolean("open")).isFalse();
            assertThat(listed(admin, account.id(), "OPEN")).containsOnlyKeys(clicker);
            exec(c, "update wechat.service_window set used = 0 where account_id = ? and openid = ?", id, writer);
        }

        // a minute later the click's window is closed, the message's is not; after 48 h neither is open
        Instant opened = Instant.parse(click.getString("openedAt"));
        moveTo(admin, opened.plusSeconds(61));
        admin = FanmailClient.signedInAdmin(base.toString());
        assertThat(window(admin, account.id(), clicker).getBoolean("open")).isFalse();
        assertThat(window(admin, account.id(), writer).getBoolean("open")).isTrue();
        assertThat(listed(admin, account.id(), "OPEN")).containsOnlyKeys(writer);
        moveTo(admin, Instant.parse(message.getString("expiresAt")).plusSeconds(1));
        admin = FanmailClient.signedInAdmin(base.toString());
        assertThat(window(admin, account.id(), writer).getBoolean("open")).isFalse();
        assertThat(listed(admin, account.id(), "OPEN")).isEmpty();
        assertThat(listed(admin, account.id(), "CLOSED")).containsOnlyKeys(writer, clicker, quiet);
    }

    // ------------------------------------------------------------------ remark

    @Test
    @OperateOnDeployment("fanmail")
    void theRemarkGoesToWeChatThenFanmailAndWeChatsByteLimitIsCheckedFirst() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Map<String, Object> input = Accounts.validInput();
        input.put("encryptionMode", "PLAIN");
        input.remove("encodingAesKey");
        JsonObject created = Accounts.create(admin, input);
        String accountId = created.getJsonObject("account").getString("id");
        String appId = (String) input.get("appId");
        SandboxControlClient control = control();
        SandboxPushesIT.awaitMirrored(control, appId);
        String fan = seeded(control, appId, 1).get(0);
        try (Connection c = db()) {
            exec(c, "insert into audiences.fan (account_id, openid, subscribed, created_at, updated_at) values (?, ?, true, now(), now())",
                    UUID.fromString(accountId), fan);
        }

        JsonObject done = admin.data(REMARK, Map.of("i", Map.of("accountId", accountId, "openid", fan, "remark", " 老客户VIP "))).getJsonObject("fanRemarkUpdate");
        assertThat(done.getJsonArray("userErrors")).as(done.toString()).isEmpty();
        assertThat(done.getJsonObject("fan").getString("remark")).isEqualTo("老客户VIP");
        assertThat(admin.data(FAN, Map.of("a", accountId, "o", fan)).getJsonObject("fan").getString("remark")).isEqualTo("老客户VIP");
        assertThat(userInfo(appId, (String) input.get("appSecret"), fan).getString("remark")).as("WeChat has it").isEqualTo("老客户VIP");

        String tenChinese = "一二三四五六七八九十";
        JsonObject ten = admin.data(REMARK, Map.of("i", Map.of("accountId", accountId, "openid", fan, "remark", tenChinese))).getJsonObject("fanRemarkUpdate");
        assertThat(ten.getJsonArray("userErrors")).as("30 bytes pass").isEmpty();
        JsonObject eleven = admin.data(REMARK, Map.of("i", Map.of("accountId", accountId, "openid", fan, "remark", tenChinese + "一")))
                .getJsonObject("fanRemarkUpdate");
        assertThat(eleven.isNull("fan")).isTrue();
        assertThat(eleven.getJsonArray("userErrors").getJsonObject(0).getString("code")).isEqualTo("REMARK_TOO_LONG");
        assertThat(eleven.getJsonArray("userErrors").getJsonObject(0).getString("field")).isEqualTo("remark");
        assertThat(userInfo(appId, (String) input.get("appSecret"), fan).getString("remark")).isEqualTo(tenChinese);
        assertThat(admin.data(FAN, Map.of("a", accountId, "o", fan)).getJsonObject("fan").getString("remark")).isEqualTo(tenChinese);

        JsonObject unknown = admin.data(REMARK, Map.of("i", Map.of("accountId", accountId, "openid", "oNobody", "remark", "x")))
                .getJsonObject("fanRemarkUpdate");
        assertThat(unknown.getJsonArray("userErrors").getJsonObject(0).getString("code")).isEqualTo("FAN_NOT_FOUND");

        FanmailClient viewer = Users.signedIn(admin, base.toString().replaceAll("/$", ""), "VIEWER");
        JsonObject refused = viewer.graphql(REMARK, Map.of("i", Map.of("accountId", accountId, "openid", fan, "remark", "x")));
        assertThat(refused.containsKey("errors")).as("viewers read, operators change").isTrue();
        assertThat(admin.data(FAN, Map.of("a", accountId, "o", fan)).getJsonObject("fan").getString("remark")).isEqualTo(tenChinese);
    }

    // ------------------------------------------------------------------ helpers

    private static String openid(int n) {
        return String.format("oF%06d", n);
    }

    /**
     * Fans 1..5000: every 10th (n % 10 = 3) unfollowed; subscribed in groups of four per hour (none for n % 7 = 0); last
     * interaction spread over 4,000 minutes with ties (none for n % 3 = 0); tag 100 for even n, 101 for n % 5 = 0; remarks
     * on every 100th and one with LIKE wildcards (which also carries an unknown tag 999).
     */
    private static void insertFans(Connection c, UUID id) throws Exception {
        try (PreparedStatement s = c.prepareStatement("insert into audiences.fan (account_id, openid, subscribed, subscribed_at, remark, tag_ids, "
                + "last_interaction_at, created_at, updated_at) select ?, 'oF' || lpad(n::text, 6, '0'), n % 10 <> 3, "
                + "case when n % 7 = 0 then null else cast(? as timestamptz) - make_interval(hours => n / 4) end, "
                + "case when n = 4242 then '50%_off' when n % 100 = 0 then 'VIP客户 ' || n else '' end, "
                + "(case when n % 2 = 0 then '{100}' else '{}' end)::int[] || (case when n % 5 = 0 then '{101}' else '{}' end)::int[] "
                + "|| (case when n = 4242 then '{999}' else '{}' end)::int[], "
                + "case when n % 3 = 0 then null else cast(? as timestamptz) - make_interval(mins => (n * 7919) % 4000) end, now(), now() "
                + "from generate_series(1, ?) n")) {
            s.setObject(1, id);
            s.setTimestamp(2, Timestamp.from(BASE));
            s.setTimestamp(3, Timestamp.from(BASE));
            s.setInt(4, FAN_COUNT);
            assertThat(s.executeUpdate()).isEqualTo(FAN_COUNT);
        }
    }

    private static void insertWindow(Connection c, UUID id, int n, String kind, String by, Instant opened, Instant expires, int quota, int used)
            throws Exception {
        exec(c, "insert into wechat.service_window (account_id, openid, kind, opened_at, expires_at, quota, used, opened_by) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?)", id, openid(n), kind, Timestamp.from(opened), Timestamp.from(expires), quota, used, by);
    }

    /** The expected openids in plain SQL over the generated fans ({@code n} is the fan's number). */
    private static List<String> expected(Connection c, UUID id, String condition, String order) throws Exception {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select openid from (select *, substr(openid, 3)::int as n from audiences.fan "
                + "where account_id = ?) f where " + condition + " order by " + order)) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Every page of the list, following endCursor until hasNextPage is false. */
    private static List<String> pages(FanmailClient client, String accountId, Map<String, Object> filter, String order, int size) {
        List<String> all = new ArrayList<>();
        String after = null;
        for (int page = 0; page < FAN_COUNT; page++) {
            Map<String, Object> v = vars(accountId, filter);
            v.put("o", order);
            v.put("n", size);
            v.put("c", after);
            JsonObject fans = client.data(FANS, v).getJsonObject("fans");
            fans.getJsonArray("edges").forEach(e -> all.add(e.asJsonObject().getJsonObject("node").getString("openid")));
            JsonObject info = fans.getJsonObject("pageInfo");
            if (!info.getBoolean("hasNextPage")) {
                return all;
            }
            assertThat(fans.getJsonArray("edges")).as("a page before the last is full").hasSize(size);
            after = info.getString("endCursor");
        }
        throw new AssertionError("the pages never ended");
    }

    private static Map<String, Object> vars(String accountId, Map<String, Object> filter) {
        Map<String, Object> v = new HashMap<>();
        v.put("a", accountId);
        v.put("f", filter);
        return v;
    }

    private static Map<String, JsonObject> listed(FanmailClient client, String accountId, String window) {
        Map<String, JsonObject> out = new HashMap<>();
        client.data(FANS, vars(accountId, Map.of("window", window))).getJsonObject("fans").getJsonArray("edges")
                .forEach(e -> out.put(e.asJsonObject().getJsonObject("node").getString("openid"), e.asJsonObject().getJsonObject("node")
                        .getJsonObject("window")));
        return out;
    }

    private static JsonObject window(FanmailClient client, String accountId, String openid) {
        return client.data(FAN, Map.of("a", accountId, "o", openid)).getJsonObject("fan").getJsonObject("window");
    }

    private static JsonObject await(FanmailClient client, String accountId, String openid, Predicate<JsonObject> until) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        JsonObject w;
        do {
            w = window(client, accountId, openid);
            if (until.test(w)) {
                return w;
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("the window of " + openid + " stayed " + w);
    }

    private static List<String> seeded(SandboxControlClient control, String appId, int count) {
        control.seedFans(appId, count);
        return control.get("/_sandbox/accounts/" + appId + "/fans?limit=" + count).getJsonArray("fans").stream()
                .map(f -> f.asJsonObject().getString("openid")).toList();
    }

    private SandboxControlClient control() {
        return new SandboxControlClient(sandboxBase());
    }

    private String sandboxBase() {
        return base.toString().replaceAll("/$", "") + "/wechat-sandbox";
    }

    /** WeChat's user/info for the fan, read from the sandbox directly with a stable token. */
    private JsonObject userInfo(String appId, String secret, String openid) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(sandboxBase() + "/cgi-bin/stable_token?appid=" + appId))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder()
                        .add("grant_type", "client_credential").add("appid", appId).add("secret", secret).build().toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        String accessToken = FanmailClient.parse(token.body()).getString("access_token");
        HttpResponse<String> info = http.send(HttpRequest.newBuilder(URI.create(sandboxBase() + "/cgi-bin/user/info?access_token="
                + accessToken + "&openid=" + openid + "&lang=zh_CN")).GET().build(), HttpResponse.BodyHandlers.ofString());
        try (var r = Json.createReader(new StringReader(info.body()))) {
            JsonObject o = r.readObject();
            assertThat(o.getInt("errcode", 0)).as(o.toString()).isZero();
            return o;
        }
    }

    private static HttpResponse<String> clock(FanmailClient client, String query) {
        return client.send(HttpRequest.newBuilder(client.uri("/api/test/clock?" + query)).header("X-Fanmail-Csrf", "1")
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static void moveTo(FanmailClient admin, Instant instant) {
        HttpResponse<String> res = clock(admin, "set=" + instant);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    }

    private static void exec(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        }
    }

    private static Connection db() throws Exception {
        return DriverManager.getConnection(System.getProperty("fanmail.test.db.url"),
                System.getProperty("fanmail.test.db.user"), System.getProperty("fanmail.test.db.password"));
    }
}
