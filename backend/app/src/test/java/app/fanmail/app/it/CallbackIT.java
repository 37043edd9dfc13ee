package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import app.fanmail.app.it.Callbacks.Account;
import app.fanmail.testing.FanmailClient;
import app.fanmail.testing.TestServer;
import app.fanmail.wechat.domain.CallbackCrypto;
import jakarta.json.JsonObject;

/** WeChat's pushes: verification, the three encryption modes, dedupe, hostile XML, typed events, windows, live console. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CallbackIT {
    private static final String EVENTS = "query($a: ID!, $t: [String], $x: [String]) { callbackEvents(accountId: $a, types: $t, excludeTypes: $x, first: 100) { totalCount "
            + "edges { node { id type msgType event openid summary processedAt rawXml fields { name value } } } } }";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestServer.fanmailWar();
    }

    @ArquillianResource
    URL base;

    private FanmailClient admin;

    @BeforeEach
    void signIn() {
        admin = FanmailClient.signedInAdmin(base.toString());
    }

    @ParameterizedTest(name = "{0} in {1} mode")
    @CsvSource({"template-success.xml,PLAIN", "template-success.xml,COMPATIBLE", "template-success.xml,SAFE",
            "template-user-block.xml,PLAIN", "template-user-block.xml,COMPATIBLE", "template-user-block.xml,SAFE",
            "template-system-failed.xml,PLAIN", "template-system-failed.xml,COMPATIBLE", "template-system-failed.xml,SAFE"})
    void seedDeliveryReportsAreStoredOnceInEveryMode(String sample, String mode) throws Exception {
        Account account = Callbacks.create(admin, mode);
        String xml = resource(sample);
        for (int attempt = 0; attempt < 3; attempt++) { // WeChat retries up to 3 times
            HttpResponse<String> res = Callbacks.push(admin, account, xml);
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body()).isEqualTo("success");
        }
        JsonObject events = awaitEvents(account, 1);
        JsonObject node = events.getJsonArray("edges").getJsonObject(0).getJsonObject("node");
        assertThat(node.getString("type")).isEqualTo("templatesendjobfinish");
        assertThat(node.getString("openid")).isEqualTo("oia2TjuEGTNoeX76QEjQNrcURxG8");
        String status = xml.replaceAll("(?s).*<Status><!\\[CDATA\\[(.*?)]]></Status>.*", "$1");
        assertThat(node.getString("summary")).endsWith(status);
        assertThat(node.getString("rawXml")).contains("TEMPLATESENDJOBFINISH").doesNotContain("<Encrypt>");
        Thread.sleep(300);
        assertThat(events(account, null).getInt("totalCount")).isEqualTo(1);
    }

    @Test
    void everyMessageAndEventTypeIsParsedAndStored() throws Exception {
        Account account = Callbacks.create(admin, "SAFE");
        String fan = "oFan" + Accounts.hex(8);
        long t = Instant.now().getEpochSecond();
        List<String> pushes = new ArrayList<>(List.of(
                Callbacks.message(fan, "text", id(), "<Content><![CDATA[你好 Fanmail]]></Content>"),
                Callbacks.message(fan, "image", id(), "<PicUrl>http://x/p.jpg</PicUrl><MediaId>m1</MediaId>"),
                Callbacks.message(fan, "voice", id(), "<MediaId>m2</MediaId><Format>amr</Format><Recognition>你好</Recognition>"),
                Callbacks.message(fan, "video", id(), "<MediaId>m3</MediaId><ThumbMediaId>t</ThumbMediaId>"),
                Callbacks.message(fan, "shortvideo", id(), "<MediaId>m4</MediaId><ThumbMediaId>t</ThumbMediaId>"),
                Callbacks.message(fan, "location", id(), "<Location_X>23.1</Location_X><Location_Y>113.3</Location_Y><Scale>20</Scale><Label>广州</Label>"),
                Callbacks.message(fan, "link", id(), "<Title>T</Title><Description>D</Description><Url>https://example.com</Url>"),
                Callbacks.event(fan, t, "subscribe", "<EventKey>qrscene_spring</EventKey><Ticket>TK</Ticket>"),
                Callbacks.event(fan, t + 1, "SCAN", "<EventKey>spring</EventKey><Ticket>TK</Ticket>"),
                Callbacks.event(fan, t + 2, "CLICK", "<EventKey>MENU_A</EventKey>"),
                Callbacks.event(fan, t + 3, "VIEW", "<EventKey>https://example.com</EventKey>"),
                Callbacks.event(fan, t + 4, "scancode_push", "<EventKey>S</EventKey><ScanCodeInfo><ScanType>qrcode</ScanType><ScanResult>R</ScanResult></ScanCodeInfo>"),
                Callbacks.event(fan, t + 5, "scancode_waitmsg", "<EventKey>S</EventKey><ScanCodeInfo><ScanType>qrcode</ScanType><ScanResult>R</ScanResult></ScanCodeInfo>"),
                Callbacks.event(fan, t + 6, "LOCATION", "<Latitude>23.13</Latitude><Longitude>113.35</Longitude><Precision>119.3</Precision>"),
                Callbacks.event(fan, t + 7, "MASSSENDJOBFINISH", "<MsgID>1000001625</MsgID><Status>send success</Status><TotalCount>10</TotalCount>"
                        + "<FilterCount>9</FilterCount><SentCount>8</SentCount><ErrorCount>1</ErrorCount>"),
                Callbacks.event(fan, t + 8, "unsubscribe", ""),
                Callbacks.event(fan, t + 9, "some_future_event", "<Foo>bar</Foo>"),
                Callbacks.event(fan, t + 10, "TEMPLATESENDJOBFINISH", "<MsgID>" + id() + "</MsgID><Status>success</Status>")));
        for (String xml : pushes) {
            assertThat(Callbacks.push(admin, account, xml).statusCode()).isEqualTo(200);
        }
        JsonObject events = awaitEvents(account, pushes.size());
        List<String> types = events.getJsonArray("edges").stream().map(e -> e.asJsonObject().getJsonObject("node").getString("type")).toList();
        assertThat(types).containsExactlyInAnyOrder("text", "image", "voice", "video", "shortvideo", "location", "link", "subscribe",
                "scan", "click", "view", "scancode_push", "scancode_waitmsg", "location_report", "masssendjobfinish", "unsubscribe", "some_future_event", "templatesendjobfinish");
        // left out in SQL: the page and its total lack them, types the console does not know stay listed
        JsonObject withoutReports = events(account, null, List.of("TEMPLATESENDJOBFINISH", "masssendjobfinish"));
        assertThat(withoutReports.getInt("totalCount")).isEqualTo(pushes.size() - 2);
        assertThat(withoutReports.getJsonArray("edges").stream().map(e -> e.asJsonObject().getJsonObject("node").getString("type")))
                .hasSize(pushes.size() - 2).doesNotContain("templatesendjobfinish", "masssendjobfinish").contains("some_future_event");
        JsonObject chosenButExcluded = events(account, List.of("text", "templatesendjobfinish"), List.of("templatesendjobfinish"));
        assertThat(chosenButExcluded.getInt("totalCount")).isEqualTo(1);
        assertThat(chosenButExcluded.getJsonArray("edges").getJsonObject(0).getJsonObject("node").getString("type")).isEqualTo("text");
        assertThat(events(account, List.of("text")).getJsonArray("edges").getJsonObject(0).getJsonObject("node").getString("summary"))
                .isEqualTo("你好 Fanmail");
        assertThat(events(account, List.of("masssendjobfinish")).getJsonArray("edges").getJsonObject(0).getJsonObject("node")
                .getString("summary")).contains("sent 8/10", "errors 1");
        // fields come back in document order (as the schema says), nested ones flattened in place
        JsonObject scan = events(account, List.of("scancode_push")).getJsonArray("edges").getJsonObject(0).getJsonObject("node");
        List<String> names = scan.getJsonArray("fields").stream().map(f -> f.asJsonObject().getString("name")).toList();
        assertThat(names).containsExactly("ToUserName", "FromUserName", "CreateTime", "MsgType", "Event", "EventKey",
                "ScanCodeInfo.ScanType", "ScanCodeInfo.ScanResult");

        // the message opened a 5-in-48h window, the menu/scan/follow a 3-in-1-minute window
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "select kind, quota, used, extract(epoch from expires_at - opened_at) from wechat.service_window where account_id = ? and openid = ? order by kind")) {
            s.setObject(1, UUID.fromString(account.id()));
            s.setString(2, fan);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("INTERACTION");
                assertThat(rs.getInt(2)).isEqualTo(3);
                assertThat(rs.getLong(4)).isEqualTo(60);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("MESSAGE");
                assertThat(rs.getInt(2)).isEqualTo(5);
                assertThat(rs.getLong(4)).isEqualTo(48 * 3600);
            }
        }
    }

    @Test
    void badSignaturesAreRefusedAndNothingIsStored() throws Exception {
        Account plain = Callbacks.create(admin, "PLAIN");
        String xml = Callbacks.message("oX", "text", id(), "<Content>x</Content>");
        assertThat(Callbacks.raw(admin, plain, "signature=deadbeef&timestamp=1&nonce=2", xml).statusCode()).isEqualTo(403);
        assertThat(Callbacks.raw(admin, plain, "", xml).statusCode()).isEqualTo(403);

        Account safe = Callbacks.create(admin, "SAFE");
        assertThat(Callbacks.raw(admin, safe, Callbacks.plainQuery(safe), xml).statusCode()).as("plaintext to a SAFE account").isEqualTo(403);
        String encrypt = CallbackCrypto.encrypt(Callbacks.AES_KEY, safe.appId(), xml);
        String envelope = "<xml><Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>";
        assertThat(Callbacks.raw(admin, safe, Callbacks.plainQuery(safe) + "&encrypt_type=aes&msg_signature=0000", envelope).statusCode())
                .isEqualTo(403);
        String foreign = CallbackCrypto.encrypt(Callbacks.AES_KEY, "wx0000000000000000", xml);
        String ts = Long.toString(Callbacks.now());
        String q = "signature=" + CallbackCrypto.signature(safe.token(), ts, "n") + "&timestamp=" + ts + "&nonce=n&encrypt_type=aes&msg_signature="
                + CallbackCrypto.signature(safe.token(), ts, "n", foreign);
        assertThat(Callbacks.raw(admin, safe, q, "<xml><Encrypt><![CDATA[" + foreign + "]]></Encrypt></xml>").statusCode())
                .as("sealed for another AppID").isEqualTo(403);

        assertThat(admin.send(HttpRequest.newBuilder(admin.uri("/api/wechat/callback/wx0000000000000001?" + Callbacks.plainQuery(plain)))
                .POST(HttpRequest.BodyPublishers.ofString(xml))).statusCode()).isEqualTo(403);
        Thread.sleep(300);
        assertThat(events(plain, null).getInt("totalCount")).isZero();
        assertThat(events(safe, null).getInt("totalCount")).isZero();
    }

    @Test
    void hostileXmlIsRefusedAndTheServerStaysHealthy() throws Exception {
        Account account = Callbacks.create(admin, "PLAIN");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<xml><FromUserName>o</FromUserName><MsgType>text</MsgType><Content>&x;</Content><MsgId>1</MsgId></xml>";
        StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\">");
        String prev = "a";
        for (int i = 0; i < 9; i++) {
            String name = "e" + i;
            bomb.append("<!ENTITY ").append(name).append(" \"").append(("&" + prev + ";").repeat(10)).append("\">");
            prev = name;
        }
        bomb.append("]><xml><Content>&").append(prev).append(";</Content></xml>");
        String huge = "<xml><Content>" + "x".repeat(200_000) + "</Content></xml>";
        for (String hostile : List.of(xxe, bomb.toString(), "<xml><unclosed></xml>", "not xml at all")) {
            int status = Callbacks.raw(admin, account, Callbacks.plainQuery(account), hostile).statusCode();
            assertThat(status).as(hostile.substring(0, Math.min(40, hostile.length()))).isEqualTo(400);
        }
        assertThat(Callbacks.raw(admin, account, Callbacks.plainQuery(account), huge).statusCode()).isIn(413, 400);
        assertThat(events(account, null).getInt("totalCount")).isZero();

        assertThat(Callbacks.push(admin, account, Callbacks.message("oAfter", "text", id(), "<Content>still fine</Content>")).statusCode())
                .isEqualTo(200);
        awaitEvents(account, 1);
    }

    @Test
    void urlVerificationEchoesOnlyWhenSigned() {
        Account account = Callbacks.create(admin, "PLAIN");
        HttpResponse<String> ok = admin.send(HttpRequest.newBuilder(admin.uri("/api/wechat/callback/" + account.appId() + "?"
                + Callbacks.plainQuery(account) + "&echostr=hello123")).GET());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("hello123");
        HttpResponse<String> bad = admin.send(HttpRequest.newBuilder(admin.uri("/api/wechat/callback/" + account.appId()
                + "?signature=0&timestamp=1&nonce=2&echostr=hello123")).GET());
        assertThat(bad.statusCode()).isEqualTo(403);
        assertThat(bad.body()).doesNotContain("hello123");
    }

    @Test
    void theConsoleShowsPushesLiveAndHidesRawXmlFromNonAdmins() throws Exception {
        Account account = Callbacks.create(admin, "COMPATIBLE");
        FanmailClient viewer = Users.signedIn(admin, base.toString().replaceAll("/$", ""), "VIEWER");
        FanmailClient.Subscriptions ws = viewer.openSubscriptions(base.toString().replaceAll("/$", ""));
        ws.socket(Duration.ofSeconds(10));
        ws.send("{\"type\":\"connection_init\"}");
        assertThat(ws.next(Duration.ofSeconds(10)).getString("type")).isEqualTo("connection_ack");
        ws.send("{\"id\":\"c\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription($a: ID!) { callbackEventReceived(accountId: $a) "
                + "{ type openid summary rawXml } }\",\"variables\":{\"a\":\"" + account.id() + "\"}}}");
        Thread.sleep(500);
        Callbacks.push(admin, account, Callbacks.message("oLive", "text", id(), "<Content>live!</Content>"));
        JsonObject next = ws.next(Duration.ofSeconds(10));
        assertThat(next).as("a live event").isNotNull();
        JsonObject event = next.getJsonObject("payload").getJsonObject("data").getJsonObject("callbackEventReceived");
        assertThat(event.getString("summary")).isEqualTo("live!");
        assertThat(event.getString("openid")).isEqualTo("oLive");
        assertThat(event.isNull("rawXml")).isTrue();

        JsonObject listed = viewer.data(EVENTS, Map.of("a", account.id())).getJsonObject("callbackEvents");
        assertThat(listed.getJsonArray("edges").getJsonObject(0).getJsonObject("node").isNull("rawXml")).isTrue();
    }

    @Test
    void aViewEventWithALongMenuUrlIsStoredAndAnOverlongOpenidIsRefusedAlone() throws Exception {
        Account account = Callbacks.create(admin, "SAFE");
        String oauth = "https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx520c15f417810387&redirect_uri="
                + "https%3A%2F%2Fexample.com%2Fwechat%2Foauth%2Fcallback%3Fnext%3D" + "%2Fshop%2Fitem".repeat(25)
                + "&response_type=code&scope=snsapi_userinfo&state=STATE#wechat_redirect";
        assertThat(oauth.length()).isGreaterThan(500);
        String view = Callbacks.event("oFan" + Accounts.hex(8), Callbacks.now(), "VIEW", "<EventKey><![CDATA[" + oauth + "]]></EventKey>");
        for (int attempt = 0; attempt < 2; attempt++) { // WeChat's retry (a new nonce) lands once
            HttpResponse<String> res = Callbacks.push(admin, account, view);
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body()).isEqualTo("success");
        }
        HttpResponse<String> longOpenid = Callbacks.push(admin, account, Callbacks.message("o".repeat(65), "text", id(), "<Content>x</Content>"));
        assertThat(longOpenid.statusCode()).isEqualTo(400);
        assertThat(Callbacks.push(admin, account, Callbacks.message("oAfter", "text", id(), "<Content>after</Content>")).statusCode())
                .isEqualTo(200);
        JsonObject events = awaitEvents(account, 2);
        assertThat(events.getInt("totalCount")).isEqualTo(2);
        JsonObject node = events(account, List.of("view")).getJsonArray("edges").getJsonObject(0).getJsonObject("node");
        assertThat(node.getJsonArray("fields").stream().map(f -> f.asJsonObject())
                .filter(f -> f.getString("name").equals("EventKey")).findFirst().orElseThrow().getString("value")).isEqualTo(oauth);
    }

    @Test
    void aStoredPushThatKeepsFailingIsDeadLetteredAndNoLongerBlocksOthers() throws Exception {
        Account account = Callbacks.create(admin, "PLAIN");
        UUID accountId = UUID.fromString(account.id());
        long poisoned;
        long good;
        try (Connection c = db()) { // as an older version (or a crash) could have left them
            poisoned = insertInbox(c, accountId, "o".repeat(100), "poisoned", false, "1 minute");
            good = insertInbox(c, accountId, "oGood", "fine", false, "1 minute");
        }
        String query = "query($a: ID) { callbackDeadLetters(accountId: $a, first: 10) { totalCount edges { node { id accountId type openid "
                + "attempts lastError deadLetteredAt } } } }";
        JsonObject letters = null;
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            letters = admin.data(query, Map.of("a", account.id())).getJsonObject("callbackDeadLetters");
            if (letters.getInt("totalCount") > 0) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(letters.getInt("totalCount")).as("dead letters: " + letters).isEqualTo(1);
        JsonObject node = letters.getJsonArray("edges").getJsonObject(0).getJsonObject("node");
        assertThat(node.getString("id")).isEqualTo(Long.toString(poisoned));
        assertThat(node.getString("type")).isEqualTo("text");
        assertThat(node.getInt("attempts")).isEqualTo(5);
        assertThat(node.getString("lastError")).contains("too long");
        try (Connection c = db()) {
            assertThat(count(c, "select count(*) from wechat.callback_inbox where id = ? and processed_at is not null", good))
                    .as("the good row was published (the sweep dead-lettered the poisoned one only after failing it row by row)")
                    .isEqualTo(1);
            assertThat(count(c, "select count(*) from wechat.callback_inbox where id = ? and processed_at is null", poisoned)).isEqualTo(1);
        }

        FanmailClient viewer = Users.signedIn(admin, base.toString().replaceAll("/$", ""), "OPERATOR");
        assertThat(viewer.graphql(query, Map.of("a", account.id())).toString()).contains("FORBIDDEN");
    }

    @Test
    void staleTimestampsAreRefusedAndAReusedSignatureIsAcknowledgedButNotProcessedAgain() throws Exception {
        Account account = Callbacks.create(admin, "PLAIN");
        String xml = Callbacks.message("oReplay", "text", id(), "<Content>first</Content>");
        for (long ts : new long[] {1_700_000_000L, Callbacks.now() - 360, Callbacks.now() + 360}) {
            HttpResponse<String> stale = Callbacks.raw(admin, account, Callbacks.plainQuery(account, ts), xml);
            assertThat(stale.statusCode()).as("timestamp " + ts).isEqualTo(403);
            assertThat(stale.body()).isEqualTo("refused");
        }
        String logged = Callbacks.plainQuery(account);
        assertThat(Callbacks.raw(admin, account, logged, xml).body()).isEqualTo("success");
        HttpResponse<String> retry = Callbacks.raw(admin, account, logged, xml); // WeChat's own retry: same query, same body
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo("success");
        HttpResponse<String> forged = Callbacks.raw(admin, account, logged,
                Callbacks.message("oReplay", "text", id(), "<Content>forged</Content>")); // a new body under a logged signature
        assertThat(forged.statusCode()).isEqualTo(200);
        assertThat(forged.body()).isEqualTo("success");
        // the inbox writer works in order: once a later push is stored, the forged one was handled
        assertThat(Callbacks.raw(admin, account, Callbacks.plainQuery(account),
                Callbacks.message("oReplay", "text", id(), "<Content>later</Content>")).body()).isEqualTo("success");
        JsonObject events = awaitEvents(account, 2);
        assertThat(events.getInt("totalCount")).isEqualTo(2);
        assertThat(events.getJsonArray("edges").stream().map(e -> e.asJsonObject().getJsonObject("node").getString("summary")))
                .containsExactlyInAnyOrder("first", "later");
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("select count(*) from wechat.callback_nonce where account_id = ?")) {
            s.setObject(1, UUID.fromString(account.id()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("the replay memory is in PostgreSQL, shared by every node").isEqualTo(2);
            }
        }
    }

    @Test
    void unknownDisabledAndBadlySignedPushesGetTheSameAnswer() throws Exception {
        Account account = Callbacks.create(admin, "PLAIN");
        String xml = Callbacks.message("oSame", "text", id(), "<Content>x</Content>");
        HttpResponse<String> unknown = admin.send(HttpRequest.newBuilder(admin.uri("/api/wechat/callback/wx0000000000000001?"
                + Callbacks.plainQuery(account))).POST(HttpRequest.BodyPublishers.ofString(xml)));
        HttpResponse<String> badSignature = Callbacks.raw(admin, account, "signature=deadbeef&timestamp=" + Callbacks.now() + "&nonce=n1", xml);
        assertThat(unknown.statusCode()).isEqualTo(badSignature.statusCode()).isEqualTo(403);
        assertThat(unknown.body()).isEqualTo(badSignature.body());
        HttpResponse<String> unknownGet = admin.send(HttpRequest.newBuilder(admin.uri("/api/wechat/callback/wx0000000000000001?"
                + Callbacks.plainQuery(account) + "&echostr=e")).GET());
        HttpResponse<String> badGet = admin.send(HttpRequest.newBuilder(admin.uri("/api/wechat/callback/" + account.appId()
                + "?signature=0&timestamp=" + Callbacks.now() + "&nonce=2&echostr=e")).GET());
        assertThat(unknownGet.statusCode()).isEqualTo(badGet.statusCode()).isEqualTo(403);
        assertThat(unknownGet.body()).isEqualTo(badGet.body());

        admin.data(Accounts.STATUS, Map.of("i", Map.of("id", account.id(), "status", "DISABLED")));
        HttpResponse<String> disabled = Callbacks.raw(admin, account, Callbacks.plainQuery(account), xml);
        assertThat(disabled.statusCode()).isEqualTo(403);
        assertThat(disabled.body()).isEqualTo(badSignature.body());
        admin.data(Accounts.STATUS, Map.of("i", Map.of("id", account.id(), "status", "ACTIVE")));
        assertThat(Callbacks.raw(admin, account, Callbacks.plainQuery(account), xml).body()).isEqualTo("success");
        assertThat(awaitEvents(account, 1).getInt("totalCount")).isEqualTo(1);
    }

    @Test
    void aFloodOfPushesToOneAccountIsThrottledWithoutStoringTheExcess() throws Exception {
        Account flooded = Callbacks.create(admin, "PLAIN");
        Account other = Callbacks.create(admin, "PLAIN");
        int accepted = 0;
        HttpResponse<String> throttled = null;
        for (int i = 0; i < 400 && throttled == null; i++) { // the ITs' budget: 5/s, bursts of 30
            HttpResponse<String> res = Callbacks.raw(admin, flooded, Callbacks.plainQuery(flooded),
                    Callbacks.message("oFlood", "text", id(), "<Content>" + i + "</Content>"));
            if (res.statusCode() == 200) {
                accepted++;
            } else {
                throttled = res;
            }
        }
        assertThat(throttled).as("a push beyond the account's budget").isNotNull();
        assertThat(throttled.statusCode()).isEqualTo(503);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(accepted).isGreaterThanOrEqualTo(30);
        assertThat(Callbacks.push(admin, other, Callbacks.message("oCalm", "text", id(), "<Content>calm</Content>")).statusCode())
                .as("another account's budget is its own").isEqualTo(200);
        assertThat(awaitEvents(flooded, accepted).getInt("totalCount")).as("only accepted pushes were stored").isEqualTo(accepted);
    }

    @Test
    void retentionClearsOldRawXmlAndDeletesOldRowsLongClosedWindowsAndExpiredNonces() throws Exception {
        Account account = Callbacks.create(admin, "PLAIN");
        UUID accountId = UUID.fromString(account.id());
        long old;
        long middle;
        long recent;
        try (Connection c = db()) {
            old = insertInbox(c, accountId, "oOld", "old", true, "100 days");
            middle = insertInbox(c, accountId, "oMiddle", "middle", true, "40 days");
            recent = insertInbox(c, accountId, "oRecent", "recent", true, "1 day");
            try (PreparedStatement s = c.prepareStatement("insert into wechat.callback_nonce (account_id, nonce, ts) values (?, 'old', ?), (?, 'fresh', ?)")) {
                s.setObject(1, accountId);
                s.setLong(2, Callbacks.now() - 3600);
                s.setObject(3, accountId);
                s.setLong(4, Callbacks.now());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("insert into wechat.service_window (account_id, openid, kind, opened_at, expires_at, quota) "
                    + "values (?, 'oOld', 'MESSAGE', now() - interval '100 days', now() - interval '98 days', 5), "
                    + "(?, 'oOpen', 'MESSAGE', now(), now() + interval '48 hours', 5)")) {
                s.setObject(1, accountId);
                s.setObject(2, accountId);
                s.executeUpdate();
            }
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try (Connection c = db()) {
                boolean oldGone = count(c, "select count(*) from wechat.callback_inbox where id = ?", old) == 0;
                boolean middleCleared = count(c, "select count(*) from wechat.callback_inbox where id = ? and raw_xml is null", middle) == 1;
                boolean windowGone = count(c, "select count(*) from wechat.service_window where account_id = ? and openid = 'oOld'", accountId) == 0;
                boolean nonceGone = count(c, "select count(*) from wechat.callback_nonce where account_id = ? and nonce = 'old'", accountId) == 0;
                if (oldGone && middleCleared && windowGone && nonceGone) {
                    assertThat(count(c, "select count(*) from wechat.callback_nonce where account_id = ? and nonce = 'fresh'", accountId))
                            .as("a nonce inside the replay window is kept").isEqualTo(1);
                    assertThat(count(c, "select count(*) from wechat.callback_inbox where id = ? and raw_xml is not null", recent)).isEqualTo(1);
                    assertThat(count(c, "select count(*) from wechat.callback_inbox where id = ? and fields ->> 'Content' = 'middle'", middle))
                            .as("parsed fields stay").isEqualTo(1);
                    assertThat(count(c, "select count(*) from wechat.service_window where account_id = ? and openid = 'oOpen'", accountId))
                            .isEqualTo(1);
                    break;
                }
            }
            assertThat(System.currentTimeMillis()).as("retention did not run within 30 s").isLessThan(deadline);
            Thread.sleep(200);
        }
        JsonObject listed = events(account, null);
        assertThat(listed.getInt("totalCount")).isEqualTo(2);
        assertThat(listed.getJsonArray("edges").stream().map(e -> e.asJsonObject().getJsonObject("node"))
                .filter(n -> n.getString("id").equals(Long.toString(middle))).findFirst().orElseThrow().isNull("rawXml")).isTrue();
    }

    private static long insertInbox(Connection c, UUID accountId, String openid, String content, boolean processed, String age) throws Exception {
        String fields = "{\"ToUserName\":\"gh_0123456789ab\",\"FromUserName\":\"" + openid + "\",\"CreateTime\":\"1\","
                + "\"MsgType\":\"text\",\"Content\":\"" + content + "\",\"MsgId\":\"" + id() + "\"}";
        try (PreparedStatement s = c.prepareStatement("insert into wechat.callback_inbox (account_id, dedupe_key, msg_type, from_openid, "
                + "received_at, fields, raw_xml, processed_at) values (?, ?, 'text', ?, now() - cast(? as interval), cast(? as jsonb), ?, "
                + "case when ? then now() - cast(? as interval) end) returning id")) {
            s.setObject(1, accountId);
            s.setString(2, Accounts.hex(32));
            s.setString(3, openid.length() > 64 ? null : openid);
            s.setString(4, age);
            s.setString(5, fields);
            s.setString(6, "<xml><Content>" + content + "</Content></xml>");
            s.setBoolean(7, processed);
            s.setString(8, age);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int count(Connection c, String sql, Object param) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, param);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private JsonObject events(Account account, List<String> types) {
        return events(account, types, null);
    }

    private JsonObject events(Account account, List<String> types, List<String> excludeTypes) {
        java.util.HashMap<String, Object> vars = new java.util.HashMap<>();
        vars.put("a", account.id());
        vars.put("t", types);
        vars.put("x", excludeTypes);
        return admin.data(EVENTS, vars).getJsonObject("callbackEvents");
    }

    private JsonObject awaitEvents(Account account, int expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        JsonObject events;
        do {
            events = events(account, null);
            boolean allProcessed = events.getJsonArray("edges").stream()
                    .allMatch(e -> !e.asJsonObject().getJsonObject("node").isNull("processedAt"));
            if (events.getInt("totalCount") >= expected && allProcessed) {
                return events;
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("expected " + expected + " processed events, got " + events);
    }

    private static String id() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L, Long.MAX_VALUE));
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = CallbackIT.class.getResourceAsStream("/callbacks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Connection db() throws Exception {
        return DriverManager.getConnection(System.getProperty("fanmail.test.db.url"),
                System.getProperty("fanmail.test.db.user"), System.getProperty("fanmail.test.db.password"));
    }
}
