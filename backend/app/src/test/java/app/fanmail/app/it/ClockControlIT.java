package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
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
import jakarta.json.JsonObject;

/**
 * The test clock: one admin call moves Fanmail's clock and the sandbox's together, so a rule that changes at midnight
 * Asia/Shanghai is tested in seconds; windows open at the push's CreateTime with their trigger; delivery reports get
 * positions. Every test puts the clocks back.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClockControlIT {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String INDUSTRIES = "mutation($i: TemplateIndustriesSetInput!) { templateIndustriesSet(input: $i) { setup { "
            + "primaryIndustry { id } } userErrors { code field message } } }";

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

    private static HttpResponse<String> clock(FanmailClient client, String query) {
        return client.send(HttpRequest.newBuilder(client.uri("/api/test/clock?" + query)).header("X-Fanmail-Csrf", "1")
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static JsonObject moveTo(FanmailClient admin, Instant instant) {
        HttpResponse<String> res = clock(admin, "set=" + instant);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return FanmailClient.parse(res.body());
    }

    @Test
    @OperateOnDeployment("fanmail")
    void onlyAnAdminMovesTheClockAndOnlyToAnInstant() {
        String root = base.toString().replaceAll("/$", "");
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        assertThat(clock(new FanmailClient(root), "reset=true").statusCode()).isEqualTo(401);
        FanmailClient operator = Users.signedIn(admin, root, "OPERATOR");
        HttpResponse<String> forbidden = clock(operator, "set=2030-01-01T00:00:00Z");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        for (String bad : List.of("set=tomorrow", "set=2030-01-01T00:00:00Z&reset=true", "")) {
            HttpResponse<String> res = clock(admin, bad);
            assertThat(res.statusCode()).as(bad).isEqualTo(400);
            assertThat(res.body()).contains("CLOCK_INPUT_INVALID");
        }
        HttpResponse<String> now = admin.send(HttpRequest.newBuilder(admin.uri("/api/test/clock")).GET());
        assertThat(FanmailClient.parse(now.body()).getJsonNumber("offsetMillis").longValue()).as("the operator did not move it").isZero();
    }

    @Test
    @OperateOnDeployment("fanmail")
    void theMonthlyIndustryChangeReopensAtMidnightInShanghaiOnBothClocks() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Map<String, Object> input = Accounts.validInput();
        input.put("encryptionMode", "PLAIN");
        input.remove("encodingAesKey");
        input.put("type", "SERVICE");
        input.put("verified", true);
        JsonObject created = Accounts.create(admin, input);
        assertThat(created.getJsonArray("userErrors")).as(created.toString()).isEmpty();
        String accountId = created.getJsonObject("account").getString("id");
        SandboxPushesIT.awaitMirrored(new SandboxControlClient(base.toString().replaceAll("/$", "") + "/wechat-sandbox"), (String) input.get("appId"));

        assertThat(codes(setIndustries(admin, accountId, 1, 2))).isEmpty();
        assertThat(codes(setIndustries(admin, accountId, 3, 4))).containsExactly("INDUSTRY_CHANGE_TOO_SOON");

        Instant midnight = YearMonth.now(CHINA).plusMonths(1).atDay(1).atStartOfDay(CHINA).toInstant();
        moveTo(admin, midnight.minusSeconds(60));
        admin = FanmailClient.signedInAdmin(base.toString()); // sessions age on the same clock: the old one may have expired
        assertThat(codes(setIndustries(admin, accountId, 3, 4))).as("a minute before midnight in Shanghai").containsExactly("INDUSTRY_CHANGE_TOO_SOON");

        JsonObject moved = moveTo(admin, midnight.plusSeconds(1));
        assertThat(Instant.parse(moved.getString("now"))).isBetween(midnight, midnight.plusSeconds(60));
        assertThat(moved.getJsonObject("sandbox").getString("china")).as("the sandbox's clock moved with Fanmail's")
                .startsWith(YearMonth.now(CHINA).plusMonths(1).atDay(1).toString());
        admin = FanmailClient.signedInAdmin(base.toString());
        JsonObject allowed = setIndustries(admin, accountId, 3, 4);
        assertThat(codes(allowed)).as("Fanmail's month and WeChat's (the sandbox's) both turned").isEmpty();
        assertThat(allowed.getJsonObject("setup").getJsonObject("primaryIndustry").getInt("id")).isEqualTo(3);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void aWindowOpensAtThePushsCreateTimeWithItsTriggerAndReportsGetPositions() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Callbacks.Account account = Callbacks.create(admin, "PLAIN");
        String fan = "oWin" + Accounts.hex(8);
        long wrote = Callbacks.now() - 3600; // the fan wrote an hour ago; the push arrives (is retried) only now
        String message = Callbacks.message(fan, "text", Long.toString(System.nanoTime()), "<Content>hi</Content>")
                .replaceFirst("<CreateTime>\\d+</CreateTime>", "<CreateTime>" + wrote + "</CreateTime>");
        assertThat(Callbacks.push(admin, account, message).statusCode()).isEqualTo(200);
        assertThat(Callbacks.push(admin, account, Callbacks.event(fan, Callbacks.now(), "CLICK", "<EventKey>MENU</EventKey>")).statusCode())
                .isEqualTo(200);
        assertThat(Callbacks.push(admin, account, Callbacks.event(fan, Callbacks.now(), "TEMPLATESENDJOBFINISH",
                "<MsgID>" + System.nanoTime() + "</MsgID><Status><![CDATA[success]]></Status>")).statusCode()).isEqualTo(200);

        UUID id = UUID.fromString(account.id());
        Map<String, Object[]> windows = new HashMap<>();
        long deadline = System.currentTimeMillis() + 15_000;
        try (Connection c = db()) {
            while (windows.size() < 2 && System.currentTimeMillis() < deadline) {
                windows.clear();
                try (PreparedStatement s = c.prepareStatement("select w.kind, w.opened_by, w.opened_at, w.expires_at, i.msg_type "
                        + "from wechat.service_window w join wechat.callback_inbox i on i.id = w.opened_by_inbox_id "
                        + "where w.account_id = ? and w.openid = ?")) {
                    s.setObject(1, id);
                    s.setString(2, fan);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            windows.put(rs.getString(1), new Object[] {rs.getString(2), rs.getTimestamp(3).toInstant(),
                                    rs.getTimestamp(4).toInstant(), rs.getString(5)});
                        }
                    }
                }
                Thread.sleep(100);
            }
            assertThat(windows).containsOnlyKeys("MESSAGE", "INTERACTION");
            assertThat(windows.get("MESSAGE")).containsExactly("MESSAGE", Instant.ofEpochSecond(wrote),
                    Instant.ofEpochSecond(wrote).plus(Duration.ofHours(48)), "text");
            assertThat(windows.get("INTERACTION")[0]).isEqualTo("CLICK");
            assertThat(windows.get("INTERACTION")[3]).isEqualTo("event");

            try (PreparedStatement s = c.prepareStatement("select report_position from wechat.callback_inbox where account_id = ? "
                    + "and event = 'TEMPLATESENDJOBFINISH' and processed_at is not null")) {
                s.setObject(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getObject(1)).as("the published report has its position").isNotNull();
                }
            }
        }
    }

    @Test
    @OperateOnDeployment("fanmail")
    void aPushIsStampedWithFanmailsClockNotTheDatabases() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Callbacks.Account account = Callbacks.create(admin, "PLAIN");
        Instant set = Instant.now().minus(Duration.ofMinutes(4)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS); // inside the replay window
        moveTo(admin, set);
        String fan = "oClk" + Accounts.hex(8);
        assertThat(Callbacks.push(admin, account, Callbacks.message(fan, "text", Long.toString(System.nanoTime()), "<Content>hi</Content>"))
                .statusCode()).isEqualTo(200); // acknowledged only once stored
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "select received_at, now() from wechat.callback_inbox where account_id = ? and from_openid = ?")) {
            s.setObject(1, UUID.fromString(account.id()));
            s.setString(2, fan);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                Instant received = rs.getTimestamp(1).toInstant();
                assertThat(received).isBetween(set, set.plus(Duration.ofMinutes(1)));
                assertThat(received).isBefore(rs.getTimestamp(2).toInstant().minus(Duration.ofMinutes(2)));
            }
        }
    }

    private static JsonObject setIndustries(FanmailClient admin, String accountId, int primary, int secondary) {
        Map<String, Object> in = new HashMap<>();
        in.put("accountId", accountId);
        in.put("primaryIndustryId", primary);
        in.put("secondaryIndustryId", secondary);
        return admin.data(INDUSTRIES, Map.of("i", in)).getJsonObject("templateIndustriesSet");
    }

    private static List<String> codes(JsonObject payload) {
        return payload.getJsonArray("userErrors").stream().map(e -> e.asJsonObject().getString("code")).toList();
    }

    private static Connection db() throws Exception {
        return DriverManager.getConnection(System.getProperty("fanmail.test.db.url"),
                System.getProperty("fanmail.test.db.user"), System.getProperty("fanmail.test.db.password"));
    }
}
