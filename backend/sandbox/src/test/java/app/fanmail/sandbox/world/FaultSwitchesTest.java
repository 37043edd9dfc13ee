package app.fanmail.sandbox.world;

import static app.fanmail.sandbox.world.Sandbox.APP;
import static app.fanmail.sandbox.world.Sandbox.SECRET;
import static app.fanmail.sandbox.world.Sandbox.errcode;
import static app.fanmail.sandbox.world.Sandbox.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The fault switches of the README's "Fault switches" section, one rule per test. */
class FaultSwitchesTest {

    private final Sandbox sb = new Sandbox().serviceAccount().fans(10, null);

    // ------------------------------------------------------------------ errcode injection

    @Test
    void everyCatalogueErrcodeCanBeInjectedWithWeChatsMessage() {
        String token = sb.token();
        assertThat(ErrCatalog.all()).hasSizeGreaterThan(60);
        for (Map.Entry<Integer, String> e : ErrCatalog.all().entrySet()) {
            sb.control.inject(APP, json("{\"api\":\"cgi-bin/tags/get\",\"errcode\":" + e.getKey() + "}"));
            ApiCall call = ApiCall.post("cgi-bin/tags/get", Sandbox.map("access_token", token), "").withClientIp("10.1.2.3");
            JsonObject r = sb.raw(call).json();
            assertThat(errcode(r)).as("injected %s", e.getKey()).isEqualTo(e.getKey());
            String expected = e.getKey() == 40164 ? "invalid ip 10.1.2.3 ipv6 ::ffff:10.1.2.3, not in whitelist"
                    : e.getValue();
            assertThat(r.getString("errmsg")).startsWith(expected + " rid: ");
            assertThat(errcode(sb.post("cgi-bin/tags/get", token, ""))).as("only the next call").isZero();
        }
        assertThat(sb.control.errcodes().getInt("count")).isEqualTo(ErrCatalog.all().size());
    }

    @Test
    void injectionsCountRateScopeAndDoNotExecute() {
        String token = sb.token();
        sb.control.inject(APP, json("{\"api\":\"tags/create\",\"errcode\":45009,\"count\":2}"));
        for (int i = 0; i < 2; i++) {
            assertThat(errcode(sb.post("cgi-bin/tags/create", token, "{\"tag\":{\"name\":\"x" + i + "\"}}"))).isEqualTo(45009);
        }
        assertThat(sb.acc().fans.tagByName("x0")).as("an injected call is not executed").isNull();
        assertThat(errcode(sb.post("cgi-bin/tags/get", token, ""))).as("other endpoints unaffected").isZero();
        assertThat(errcode(sb.post("cgi-bin/tags/create", token, "{\"tag\":{\"name\":\"x2\"}}"))).isZero();
        assertThat(sb.control.injections(APP).getJsonArray("injections")).isEmpty();

        sb.control.inject(APP, json("{\"errcode\":-1,\"rate\":1.0}"));
        assertThat(errcode(sb.post("cgi-bin/tags/get", token, ""))).isEqualTo(-1);
        assertThat(errcode(sb.post("cgi-bin/user/get", token, ""))).isEqualTo(-1);
        assertThat(sb.control.injections(APP).getJsonArray("injections").getJsonObject(0).getInt("answered")).isEqualTo(2);
        sb.control.clearInjections(APP);
        assertThat(errcode(sb.post("cgi-bin/tags/get", token, ""))).isZero();

        assertThatThrownBy(() -> sb.control.inject(APP, json("{\"errcode\":99999}")))
                .isInstanceOf(ControlException.class).hasMessageContaining("errmsg");
        sb.control.inject(APP, json("{\"errcode\":99999,\"errmsg\":\"brand new\"}"));
        assertThat(sb.post("cgi-bin/tags/get", token, "").getString("errmsg")).startsWith("brand new rid: ");
    }

    // ------------------------------------------------------------------ caller IP

    private JsonObject tokenFrom(String ip) {
        return sb.raw(ApiCall.get("cgi-bin/token", Sandbox.map("grant_type", "client_credential", "appid", APP,
                "secret", SECRET)).withClientIp(ip)).json();
    }

    private JsonObject stableTokenFrom(String ip) {
        return sb.raw(ApiCall.post("cgi-bin/stable_token", Map.of(), "{\"grant_type\":\"client_credential\",\"appid\":\""
                + APP + "\",\"secret\":\"" + SECRET + "\"}").withClientIp(ip)).json();
    }

    @Test
    void theIpWhitelistRefusesTokensToOtherCallersNamingTheirAddress() {
        String token = sb.token();
        sb.control.setSwitches(APP, json("{\"ipWhitelist\":[\"10.0.0.1\"]}"));
        JsonObject refused = tokenFrom("10.0.0.2");
        assertThat(errcode(refused)).isEqualTo(40164);
        assertThat(refused.getString("errmsg")).startsWith("invalid ip 10.0.0.2 ipv6 ::ffff:10.0.0.2, not in whitelist rid: ");
        assertThat(errcode(stableTokenFrom("10.0.0.2"))).isEqualTo(40164);
        assertThat(errcode(tokenFrom("10.0.0.1"))).isZero();
        assertThat(errcode(sb.raw(ApiCall.post("cgi-bin/tags/get", Sandbox.map("access_token", token), "")
                .withClientIp("10.0.0.2")).json())).as("the whitelist guards the token endpoints").isZero();
        sb.control.setSwitches(APP, json("{\"ipWhitelist\":null}"));
        assertThat(errcode(tokenFrom("10.0.0.2"))).isZero();
    }

    @Test
    void aNewCallerIpWaitsForTheAdminWhoMayRefuseItForAnHourThenADay() {
        sb.control.setSwitches(APP, json("{\"ipConfirmation\":true}"));
        assertThat(errcode(tokenFrom("10.0.0.5"))).isEqualTo(89503);
        assertThat(errcode(tokenFrom("10.0.0.5"))).isEqualTo(89501);
        sb.control.decideIp(APP, "10.0.0.5", json("{\"approve\":true}"));
        assertThat(errcode(tokenFrom("10.0.0.5"))).isZero();

        assertThat(errcode(stableTokenFrom("10.0.0.6"))).isEqualTo(89503);
        sb.control.decideIp(APP, "10.0.0.6", json("{\"approve\":false}"));
        assertThat(errcode(tokenFrom("10.0.0.6"))).isEqualTo(89507);
        sb.advance(Duration.ofHours(1));
        assertThat(errcode(tokenFrom("10.0.0.6"))).as("asks again after an hour").isEqualTo(89503);
        sb.control.decideIp(APP, "10.0.0.6", json("{\"approve\":false}"));
        assertThat(errcode(tokenFrom("10.0.0.6"))).isEqualTo(89506);
        sb.advance(Duration.ofHours(23));
        assertThat(errcode(tokenFrom("10.0.0.6"))).isEqualTo(89506);
        sb.advance(Duration.ofHours(1));
        assertThat(errcode(tokenFrom("10.0.0.6"))).isEqualTo(89503);
        assertThat(sb.control.ips(APP).getJsonObject("10.0.0.5").getBoolean("approved")).isTrue();
    }

    // ------------------------------------------------------------------ account type and verification

    private JsonObject callAny(String path, String token) {
        if (path.equals("cgi-bin/token")) {
            return sb.get(path, "grant_type", "client_credential", "appid", APP, "secret", SECRET);
        }
        if (path.equals("cgi-bin/stable_token")) {
            return sb.post(path, null, "{\"grant_type\":\"client_credential\",\"appid\":\"" + APP + "\",\"secret\":\""
                    + SECRET + "\"}");
        }
        return sb.post(path, token, "{}");
    }

    @Test
    void everyEndpointHasAnAccessRowAndAnswers48001ToAccountsItDoesNotServe() {
        assertThat(EndpointRules.all().keySet()).containsAll(sb.api.paths());
        for (String type : new String[] {"SUBSCRIPTION", "SERVICE"}) {
            for (boolean verified : new boolean[] {false, true}) {
                // category writes on: this test is about the access table, not about the category-write setting
                sb.control.patchAccount(APP, json("{\"type\":\"" + type + "\",\"verified\":" + verified
                        + ",\"limits\":{\"categoryWrites\":true}}"));
                AccountConfig cfg = sb.acc().config();
                String token = sb.token();
                for (String path : sb.api.paths()) {
                    boolean allowed = EndpointRules.all().get(path).access().allows(cfg);
                    int code = errcode(callAny(path, token));
                    if (allowed) {
                        assertThat(code).as("%s for %s verified=%s", path, type, verified).isNotEqualTo(48001);
                    } else {
                        assertThat(code).as("%s for %s verified=%s", path, type, verified).isEqualTo(48001);
                    }
                }
            }
        }
        assertThat(EndpointRules.all().get("cgi-bin/message/mass/send").access())
                .isEqualTo(EndpointRules.Access.VERIFIED_SERVICE);
        assertThat(EndpointRules.all().get("cgi-bin/message/mass/sendall").access()).isEqualTo(EndpointRules.Access.VERIFIED);
    }

    // ------------------------------------------------------------------ daily and per-minute limits

    @Test
    void everyDailyLimitedEndpointAnswers45009PastItsLimitUntilMidnightInShanghai() {
        String token = sb.token();
        StringBuilder limits = new StringBuilder();
        for (Map.Entry<String, EndpointRules.Rule> e : EndpointRules.all().entrySet()) {
            if (e.getValue().daily() > 0 && sb.api.paths().contains(e.getKey())) {
                limits.append(limits.length() == 0 ? "" : ",").append('"').append(e.getKey()).append("\":2");
            }
        }
        sb.control.setSwitches(APP, json("{\"dailyLimits\":{" + limits + "}}"));
        int limited = 0;
        for (Map.Entry<String, EndpointRules.Rule> e : EndpointRules.all().entrySet()) {
            if (e.getValue().daily() == 0 || !sb.api.paths().contains(e.getKey())) {
                continue;
            }
            limited++;
            assertThat(errcode(callAny(e.getKey(), token))).as(e.getKey()).isNotEqualTo(45009);
            assertThat(errcode(callAny(e.getKey(), token))).as(e.getKey()).isNotEqualTo(45009);
            assertThat(errcode(callAny(e.getKey(), token))).as(e.getKey()).isEqualTo(45009);
        }
        assertThat(limited).isGreaterThanOrEqualTo(10);
        sb.advance(Duration.ofDays(1));
        token = sb.token();
        assertThat(errcode(callAny("cgi-bin/user/get", token))).isZero();
    }

    @Test
    void userGetHasWeChatsDefaultOf500CallsADay() {
        String token = sb.token();
        for (int i = 0; i < 500; i++) {
            assertThat(errcode(sb.post("cgi-bin/user/get", token, ""))).isZero();
        }
        JsonObject r = sb.post("cgi-bin/user/get", token, "");
        assertThat(errcode(r)).isEqualTo(45009);
        assertThat(r.getString("errmsg")).startsWith("reach max api daily quota limit");
        assertThat(sb.control.getAccount(APP).getJsonObject("endpointUsage").getJsonObject("today")
                .getInt("cgi-bin/user/get")).isEqualTo(500);
    }

    @Test
    void perMinuteLimitsAnswer45011UntilTheNextMinute() {
        String token = sb.token();
        sb.control.setSwitches(APP, json("{\"minuteLimits\":{\"cgi-bin/tags/get\":3}}"));
        sb.clock.set(java.time.Instant.parse("2026-03-10T02:00:00Z"));
        for (int i = 0; i < 3; i++) {
            assertThat(errcode(sb.post("cgi-bin/tags/get", token, ""))).isZero();
        }
        assertThat(errcode(sb.post("cgi-bin/tags/get", token, ""))).isEqualTo(45011);
        sb.advance(Duration.ofSeconds(60));
        assertThat(errcode(sb.post("cgi-bin/tags/get", token, ""))).isZero();
        assertThat(EndpointRules.all().get("cgi-bin/stable_token").minute()).isEqualTo(10_000);
    }

    // ------------------------------------------------------------------ recipients, templates, mass, lengths

    private String template() {
        return sb.call("cgi-bin/template/api_add_template", Sandbox.addBody("44517")).getString("template_id");
    }

    private JsonObject sendTemplate(String t, int fan, String extra) {
        return sb.call("cgi-bin/message/template/send", "{\"touser\":\"" + sb.openid(fan) + "\",\"template_id\":\"" + t
                + "\"," + extra + "\"data\":{\"thing1\":{\"value\":\"a\"},\"date2\":{\"value\":\"2026-03-10\"},"
                + "\"thing3\":{\"value\":\"c\"}}}");
    }

    @Test
    void blacklistedRecipientsBannedTemplatesAndUnboundMiniPrograms() {
        String t = template();
        assertThat(errcode(sendTemplate(t, 0, ""))).isZero();
        sb.control.setSwitches(APP, json("{\"blacklisted\":[\"" + sb.openid(0) + "\"]}"));
        JsonObject r = sendTemplate(t, 0, "");
        assertThat(errcode(r)).isEqualTo(43019);
        assertThat(r.getString("errmsg")).startsWith("require remove blacklist");
        assertThat(errcode(sb.call("cgi-bin/message/custom/send", "{\"touser\":\"" + sb.openid(0)
                + "\",\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}}"))).isEqualTo(43019);
        assertThat(errcode(sendTemplate(t, 1, ""))).isZero();

        sb.control.setSwitches(APP, json("{\"blacklisted\":null,\"bannedTemplates\":[\"" + t + "\"]}"));
        r = sendTemplate(t, 1, "");
        assertThat(errcode(r)).isEqualTo(43116);
        assertThat(r.getString("errmsg")).startsWith("This template_id is banned");

        sb.control.setSwitches(APP, json("{\"bannedTemplates\":[],\"boundMiniPrograms\":{\"wxmini0000000001\":"
                + "[\"pages/index/index\"]}}"));
        r = sendTemplate(t, 1, "\"miniprogram\":{\"appid\":\"wxother000000001\",\"pagepath\":\"pages/index/index\"},");
        assertThat(errcode(r)).as("a mini program not associated with the account").isEqualTo(40013);
        assertThat(r.getString("errmsg")).startsWith("invalid appid");
        r = sendTemplate(t, 1, "\"miniprogram\":{\"appid\":\"wxmini0000000001\",\"pagepath\":\"index?foo=bar\"},");
        assertThat(errcode(r)).isEqualTo(40165);
        assertThat(r.getString("errmsg")).startsWith("invalid weapp pagepath");
        assertThat(errcode(sendTemplate(t, 1, "\"miniprogram\":{\"appid\":\"wxmini0000000001\","
                + "\"pagepath\":\"pages/index/index?id=7\"},"))).isZero();
    }

    @Test
    void sendsToOneOpenidTooOftenAnswer43117() {
        String t = template();
        sb.control.setSwitches(APP, json("{\"openidFrequency\":{\"count\":2,\"seconds\":60}}"));
        assertThat(errcode(sendTemplate(t, 0, ""))).isZero();
        assertThat(errcode(sendTemplate(t, 0, ""))).isZero();
        JsonObject r = sendTemplate(t, 0, "");
        assertThat(errcode(r)).isEqualTo(43117);
        assertThat(r.getString("errmsg")).startsWith("Sending messages to this openid too frequently,please try later");
        assertThat(errcode(sendTemplate(t, 1, ""))).as("per openid").isZero();
        sb.advance(Duration.ofSeconds(60));
        assertThat(errcode(sendTemplate(t, 0, ""))).isZero();
    }

    @Test
    void massAgreementNotAcceptedAnswers48003() {
        sb.control.setSwitches(APP, json("{\"massAgreement\":false}"));
        String text = "\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}";
        JsonObject r = sb.call("cgi-bin/message/mass/sendall", "{\"filter\":{\"is_to_all\":true}," + text + "}");
        assertThat(errcode(r)).isEqualTo(48003);
        assertThat(r.getString("errmsg")).startsWith("user not agree mass-send protocol");
        assertThat(errcode(sb.call("cgi-bin/message/mass/send", "{\"touser\":[\"" + sb.openid(0) + "\",\"" + sb.openid(1)
                + "\"]," + text + "}"))).isEqualTo(48003);
        sb.control.setSwitches(APP, json("{\"massAgreement\":true}"));
        assertThat(errcode(sb.call("cgi-bin/message/mass/sendall", "{\"filter\":{\"is_to_all\":true}," + text + "}"))).isZero();
    }

    @Test
    void contentAndTitleTooLongAnswer45002And45003() {
        sb.control.simulate(APP, json("{\"kind\":\"text\",\"openid\":\"" + sb.openid(0) + "\"}"));
        sb.control.setSwitches(APP, json("{\"contentMaxBytes\":6,\"titleMaxBytes\":6}"));
        String to = "{\"touser\":\"" + sb.openid(0) + "\",";
        assertThat(errcode(sb.call("cgi-bin/message/custom/send", to + "\"msgtype\":\"text\",\"text\":{\"content\":\"你好\"}}")))
                .as("6 bytes").isZero();
        JsonObject r = sb.call("cgi-bin/message/custom/send", to + "\"msgtype\":\"text\",\"text\":{\"content\":\"你好!\"}}");
        assertThat(errcode(r)).isEqualTo(45002);
        assertThat(r.getString("errmsg")).startsWith("content size out of limit");
        r = sb.call("cgi-bin/message/custom/send", to + "\"msgtype\":\"news\",\"news\":{\"articles\":[{\"title\":\"标题太长\","
                + "\"url\":\"http://x\"}]}}");
        assertThat(errcode(r)).isEqualTo(45003);
        assertThat(r.getString("errmsg")).startsWith("title size out of limit");
    }

    // ------------------------------------------------------------------ mass jobs: late, failed audit, approximate counts

    private static String field(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">(?:<!\\[CDATA\\[)?(.*?)(?:]]>)?</" + name + ">").matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    private long massText(String content) {
        JsonObject r = sb.call("cgi-bin/message/mass/sendall", "{\"filter\":{\"is_to_all\":true},\"msgtype\":\"text\","
                + "\"text\":{\"content\":\"" + content + "\"},\"clientmsgid\":\"" + content + "\"}");
        assertThat(errcode(r)).as(r.toString()).isZero();
        return r.getJsonNumber("msg_id").longValue();
    }

    private String massStatus(long msgId) {
        return sb.call("cgi-bin/message/mass/get", "{\"msg_id\":" + msgId + "}").getString("msg_status");
    }

    @Test
    void massSendJobFinishCanArriveLateOnTheSandboxClock() {
        sb.control.setOutcomes(APP, json("{\"massFinishDelaySeconds\":600}"));
        int before = sb.pushes.size();
        long msgId = massText("late");
        assertThat(massStatus(msgId)).isEqualTo("SENDING");
        assertThat(sb.pushes).hasSize(before);
        sb.control.clock(json("{\"advanceSeconds\":599}"));
        assertThat(massStatus(msgId)).isEqualTo("SENDING");
        sb.control.clock(json("{\"advanceSeconds\":1}"));
        assertThat(massStatus(msgId)).isEqualTo("SEND_SUCCESS");
        assertThat(sb.pushes).hasSize(before + 1);
        assertThat(field(sb.pushes.get(before).body(), "Event")).isEqualTo("MASSSENDJOBFINISH");
    }

    @Test
    void massAuditFailuresEndErrWithTheAuditCodeAndApproximateCounts() {
        sb.control.setOutcomes(APP, json("{\"massAuditError\":20001}"));
        long msgId = massText("audited");
        String xml = sb.pushes.get(sb.pushes.size() - 1).body();
        assertThat(field(xml, "Status")).isEqualTo("err(20001)");
        assertThat(field(xml, "SentCount")).isEqualTo("0");
        assertThat(massStatus(msgId)).isEqualTo("SEND_FAIL");

        Sandbox big = new Sandbox().serviceAccount().fans(200, null);
        big.control.setOutcomes(APP, json("{\"massCountSkew\":0.05}"));
        JsonObject r = big.call("cgi-bin/message/mass/sendall", "{\"filter\":{\"is_to_all\":true},\"msgtype\":\"text\","
                + "\"text\":{\"content\":\"skew\"}}");
        assertThat(errcode(r)).isZero();
        xml = big.pushes.get(big.pushes.size() - 1).body();
        assertThat(field(xml, "FilterCount")).isEqualTo("200");
        assertThat(field(xml, "SentCount")).isEqualTo("190");
        assertThat(field(xml, "ErrorCount")).isEqualTo("0");
        assertThatThrownBy(() -> big.control.setOutcomes(APP, json("{\"massCountSkew\":0.5}")))
                .isInstanceOf(ControlException.class);
    }
}
