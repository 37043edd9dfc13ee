package app.fanmail.sandbox.world;

import static app.fanmail.sandbox.world.Sandbox.APP;
import static app.fanmail.sandbox.world.Sandbox.errcode;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class FaultsTest {

    private final Sandbox sb = new Sandbox().serviceAccount().fans(10, null);

    @Test
    void errorRateAnswersMinusOneWithoutExecuting() {
        String token = sb.token();
        sb.control.setFaults(APP, Sandbox.json("{\"errorRate\":1.0,\"apis\":[\"tags/create\"]}"));
        JsonObject r = sb.post("cgi-bin/tags/create", token, "{\"tag\":{\"name\":\"x\"}}");
        assertThat(errcode(r)).isEqualTo(-1);
        assertThat(r.getString("errmsg")).startsWith("system error rid: ");
        assertThat(sb.acc().fans.tagByName("x")).isNull();
        assertThat(errcode(sb.post("cgi-bin/tags/get", token, ""))).isZero(); // other APIs unaffected
        sb.control.clearFaults(APP);
        assertThat(errcode(sb.post("cgi-bin/tags/create", token, "{\"tag\":{\"name\":\"x\"}}"))).isZero();
    }

    @Test
    void http5xxAndLatencyAndHangs() {
        String token = sb.token();
        sb.control.setFaults(APP, Sandbox.json("{\"http5xxRate\":1.0}"));
        ApiResult r = sb.raw(ApiCall.post("cgi-bin/tags/get", Sandbox.map("access_token", token), ""));
        assertThat(r.status()).isEqualTo(503);
        sb.control.setFaults(APP, Sandbox.json("{\"latencyMs\":250,\"latencyJitterMs\":50}"));
        r = sb.raw(ApiCall.post("cgi-bin/tags/get", Sandbox.map("access_token", token), ""));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.delayMs()).isBetween(250L, 300L);
        sb.control.setFaults(APP, Sandbox.json("{\"timeoutRate\":1.0,\"hangMs\":20000}"));
        r = sb.raw(ApiCall.post("cgi-bin/tags/create", Sandbox.map("access_token", token), "{\"tag\":{\"name\":\"late\"}}"));
        assertThat(r.delayMs()).isEqualTo(20000L);
        assertThat(sb.acc().fans.tagByName("late")).as("a hung call still takes effect by default").isNotNull();
        sb.control.setFaults(APP, Sandbox.json("{\"timeoutRate\":1.0,\"timeoutApplies\":false}"));
        r = sb.raw(ApiCall.post("cgi-bin/tags/create", Sandbox.map("access_token", token), "{\"tag\":{\"name\":\"lost\"}}"));
        assertThat(sb.acc().fans.tagByName("lost")).isNull();
        assertThat(r.delayMs()).isEqualTo(30000L);
    }

    @Test
    void exhaustedQuotas() {
        sb.control.setFaults(APP, Sandbox.json("{\"quotaExhausted\":[\"template\",\"mass\",\"custom\"]}"));
        String t = sb.call("cgi-bin/template/api_add_template", Sandbox.addBody("44517")).getString("template_id");
        assertThat(errcode(sb.call("cgi-bin/message/template/send", "{\"touser\":\"" + sb.openid(0)
                + "\",\"template_id\":\"" + t + "\",\"data\":{\"thing1\":{\"value\":\"a\"},\"date2\":{\"value\":\"2024-07-01\"},"
                + "\"thing3\":{\"value\":\"c\"}}}"))).isEqualTo(45009);
        assertThat(errcode(sb.call("cgi-bin/message/mass/sendall",
                "{\"filter\":{\"is_to_all\":true},\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}}"))).isEqualTo(45028);
        sb.control.simulate(APP, Sandbox.json("{\"kind\":\"text\",\"openid\":\"" + sb.openid(0) + "\"}"));
        assertThat(errcode(sb.call("cgi-bin/message/custom/send", "{\"touser\":\"" + sb.openid(0)
                + "\",\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}}"))).isEqualTo(45009);
    }

    @Test
    void templateOutcomesFollowTheConfiguredMix() {
        sb.control.setOutcomes(APP, Sandbox.json("{\"templateUserBlockRate\":1.0}"));
        String t = sb.call("cgi-bin/template/api_add_template", Sandbox.addBody("44517")).getString("template_id");
        sb.call("cgi-bin/message/template/send", "{\"touser\":\"" + sb.openid(0) + "\",\"template_id\":\"" + t
                + "\",\"data\":{\"thing1\":{\"value\":\"a\"},\"date2\":{\"value\":\"2024-07-01\"},\"thing3\":{\"value\":\"c\"}}}");
        assertThat(sb.pushes.get(0).body()).contains("<Status><![CDATA[failed:user block]]></Status>",
                "<Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event>");
        sb.control.setOutcomes(APP, Sandbox.json("{\"templateUserBlockRate\":0,\"templateSystemFailRate\":1.0}"));
        sb.call("cgi-bin/message/template/send", "{\"touser\":\"" + sb.openid(1) + "\",\"template_id\":\"" + t
                + "\",\"data\":{\"thing1\":{\"value\":\"a\"},\"date2\":{\"value\":\"2024-07-01\"},\"thing3\":{\"value\":\"c\"}}}");
        assertThat(sb.pushes.get(1).body()).contains("<Status><![CDATA[failed: system failed]]></Status>");
        JsonObject summary = sb.control.ledgerSummary(APP).getJsonObject("byKind").getJsonObject("template");
        assertThat(summary.getInt("failed:user block")).isEqualTo(1);
        assertThat(summary.getInt("failed: system failed")).isEqualTo(1);
        assertThat(sb.control.pushes(APP, 10, "TEMPLATESENDJOBFINISH", null).getInt("total")).isEqualTo(2);
    }
}
