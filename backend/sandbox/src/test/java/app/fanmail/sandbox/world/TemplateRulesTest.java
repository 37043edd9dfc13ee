package app.fanmail.sandbox.world;

import static app.fanmail.sandbox.world.Sandbox.APP;
import static app.fanmail.sandbox.world.Sandbox.SECRET;
import static app.fanmail.sandbox.world.Sandbox.errcode;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TemplateRulesTest {

    private final Sandbox sb = new Sandbox().serviceAccount().fans(50, null);

    private String addTemplate(String shortId) {
        JsonObject r = sb.call("cgi-bin/template/api_add_template", Sandbox.addBody(shortId));
        assertThat(errcode(r)).as(r.toString()).isZero();
        return r.getString("template_id");
    }

    private JsonObject send(String openid, String templateId, String data, String clientMsgId) {
        return sb.call("cgi-bin/message/template/send", "{\"touser\":\"" + openid + "\",\"template_id\":\"" + templateId
                + "\"" + (clientMsgId == null ? "" : ",\"client_msg_id\":\"" + clientMsgId + "\"")
                + ",\"url\":\"https://example.com/o/1\",\"data\":" + data + "}");
    }

    private static final String TM00015_DATA = "{\"first\":{\"value\":\"您好\"},\"keyword1\":{\"value\":\"2024061812345678\"},"
            + "\"keyword2\":{\"value\":\"128.00元\"},\"keyword3\":{\"value\":\"无线蓝牙耳机\"},"
            + "\"keyword4\":{\"value\":\"2024-06-18 14:32\"},\"remark\":{\"value\":\"感谢\"}}";

    @Test
    void industryChangesOncePerCalendarMonthInChinaTime() {
        Sandbox s = new Sandbox(Instant.parse("2026-01-31T15:50:00Z"), null).serviceAccount(); // 23:50 on 31 Jan, Shanghai
        String body = "{\"industry_id1\":\"1\",\"industry_id2\":4}";
        assertThat(errcode(s.call("cgi-bin/template/api_set_industry", body))).isZero();
        JsonObject industry = s.call("cgi-bin/template/get_industry", "");
        assertThat(industry.getJsonObject("primary_industry").getString("first_class")).isEqualTo("IT科技");
        assertThat(industry.getJsonObject("primary_industry").getString("second_class")).isEqualTo("互联网|电子商务");
        assertThat(industry.getJsonObject("secondary_industry").getString("second_class")).isEqualTo("电子技术");
        s.advance(Duration.ofMinutes(5)); // 23:55 Shanghai
        assertThat(errcode(s.call("cgi-bin/template/api_set_industry", body))).isEqualTo(43100);
        s.advance(Duration.ofMinutes(10)); // 00:05 on 1 Feb in Shanghai, still 31 Jan in UTC
        assertThat(s.clock.now().toString()).startsWith("2026-01-31T16:05");
        assertThat(errcode(s.call("cgi-bin/template/api_set_industry", "{\"industry_id1\":2,\"industry_id2\":41}"))).isZero();
        assertThat(errcode(s.call("cgi-bin/template/api_set_industry", body))).isEqualTo(43100);
        assertThat(errcode(s.call("cgi-bin/template/api_set_industry", "{\"industry_id1\":0,\"industry_id2\":42}")))
                .isEqualTo(40102);
    }

    @Test
    void twentyFiveTemplatesAtMost() {
        for (int i = 0; i < 25; i++) {
            addTemplate(i % 2 == 0 ? "TM00015" : "43216");
        }
        assertThat(errcode(sb.call("cgi-bin/template/api_add_template", "{\"template_id_short\":\"TM00015\"}")))
                .isEqualTo(45026);
        JsonObject list = sb.call("cgi-bin/template/get_all_private_template", "");
        assertThat(list.getJsonArray("template_list")).hasSize(25);
        String first = list.getJsonArray("template_list").getJsonObject(0).getString("template_id");
        assertThat(errcode(sb.call("cgi-bin/template/del_private_template", "{\"template_id\":\"" + first + "\"}"))).isZero();
        assertThat(errcode(sb.call("cgi-bin/template/api_add_template", "{\"template_id_short\":\"TM00015\"}"))).isZero();
        assertThat(errcode(sb.call("cgi-bin/template/api_add_template", "{\"template_id_short\":\"TM99999\"}")))
                .isEqualTo(40037);
    }

    @Test
    void templatesAreListedWithTheirPlaceholders() {
        addTemplate("TM00015");
        JsonObject t = sb.call("cgi-bin/template/get_all_private_template", "").getJsonArray("template_list").getJsonObject(0);
        assertThat(t.getString("title")).isEqualTo("订单支付成功");
        assertThat(t.getString("content")).contains("{{first.DATA}}", "{{keyword1.DATA}}", "{{keyword4.DATA}}",
                "{{remark.DATA}}");
        assertThat(t.getString("primary_industry")).isEqualTo("IT科技");
    }

    @Test
    void sendReturnsANineteenDigitMsgidWrittenAsABareNumber() {
        String t = addTemplate("TM00015");
        ApiResult raw = sb.raw(ApiCall.post("cgi-bin/message/template/send", Sandbox.map("access_token", sb.token()),
                "{\"touser\":\"" + sb.openid(1) + "\",\"template_id\":\"" + t + "\",\"data\":" + TM00015_DATA + "}"));
        assertThat(raw.contentType()).isEqualTo("application/json; charset=utf-8");
        Matcher m = Pattern.compile("\"msgid\":(\\d+)[,}]").matcher(raw.text());
        assertThat(m.find()).as(raw.text()).isTrue();
        assertThat(m.group(1)).hasSize(19);
        assertThat(new BigInteger(m.group(1))).isGreaterThan(BigInteger.TWO.pow(53));
        assertThat(raw.text()).contains("\"errcode\":0", "\"errmsg\":\"ok\"");
    }

    @Test
    void dataKeysAreValidatedAgainstTheTemplate() {
        String t = addTemplate("TM00015");
        String fan = sb.openid(1);
        JsonObject missing = send(fan, t, "{\"keyword1\":{\"value\":\"a\"},\"keyword2\":{\"value\":\"b\"},"
                + "\"keyword3\":{\"value\":\"c\"}}", null);
        assertThat(errcode(missing)).isEqualTo(47003);
        assertThat(missing.getString("errmsg")).startsWith("argument invalid! data.keyword4.value invalid");
        JsonObject empty = send(fan, t, "{\"keyword1\":{\"value\":\"a\"},\"keyword2\":{\"value\":\"\"},"
                + "\"keyword3\":{\"value\":\"c\"},\"keyword4\":{\"value\":\"d\"}}", null);
        assertThat(errcode(empty)).isEqualTo(47003);
        assertThat(empty.getString("errmsg")).startsWith("argument invalid! data.keyword2.value is empty");
        JsonObject unknown = send(fan, t, "{\"keyword1\":{\"value\":\"a\"},\"keyword2\":{\"value\":\"b\"},"
                + "\"keyword3\":{\"value\":\"c\"},\"keyword4\":{\"value\":\"d\"},\"thing9\":{\"value\":\"x\"}}", null);
        assertThat(errcode(unknown)).isEqualTo(47003);
        assertThat(unknown.getString("errmsg")).startsWith("argument invalid! data.thing9.value invalid");
        // first/remark are optional since 2023; values over 20 characters are cut in the ledger
        JsonObject ok = send(fan, t, "{\"keyword1\":{\"value\":\"这是一个超过二十个字符的订单号码用来测试截断规则是否生效\"},"
                + "\"keyword2\":{\"value\":\"b\"},\"keyword3\":{\"value\":\"c\"},\"keyword4\":{\"value\":\"d\"}}", null);
        assertThat(errcode(ok)).isZero();
        JsonObject entry = sb.control.ledger(APP, fan, "template", 10, 0).getJsonArray("entries").getJsonObject(0);
        assertThat(entry.getString("summary")).contains("keyword1=这是一个超过二十个字符的订单号码用来测试;")
                .doesNotContain("截断");
        assertThat(entry.getString("status")).isEqualTo("success");
    }

    @Test
    void categoryTemplatesUseTypedKeysAndKeywordSelection() {
        JsonObject r = sb.call("cgi-bin/template/api_add_template",
                "{\"template_id_short\":\"43216\",\"keyword_name_list\":[\"商品名称\",\"快递单号\"]}");
        String t = r.getString("template_id");
        assertThat(errcode(send(sb.openid(2), t, "{\"thing1\":{\"value\":\"耳机\"},\"character_string3\":{\"value\":\"SF1\"}}",
                null))).isZero();
        assertThat(errcode(send(sb.openid(2), t, "{\"thing1\":{\"value\":\"耳机\"},\"character_string3\":{\"value\":\"SF1\"},"
                + "\"thing2\":{\"value\":\"顺丰\"}}", null))).isEqualTo(47003);
        assertThat(errcode(sb.call("cgi-bin/template/api_add_template",
                "{\"template_id_short\":\"43216\",\"keyword_name_list\":[\"不存在\"]}"))).isEqualTo(40246);
    }

    @Test
    void recipientsMustFollowAndTemplatesMustExist() {
        String t = addTemplate("TM00015");
        assertThat(errcode(send(sb.openid(1), "nosuchtemplate", TM00015_DATA, null))).isEqualTo(40037);
        assertThat(errcode(send("oBOGUS", t, TM00015_DATA, null))).isEqualTo(40003);
        sb.acc().fans.unfollow(3);
        assertThat(errcode(send(sb.openid(3), t, TM00015_DATA, null))).isEqualTo(43004);
    }

    @Test
    void clientMsgIdGivesOneMessagePerOpenidForTenMinutes() {
        String t = addTemplate("TM00015");
        JsonObject a = send(sb.openid(1), t, TM00015_DATA, "order-42");
        JsonObject b = send(sb.openid(1), t, TM00015_DATA, "order-42");
        assertThat(b.getJsonNumber("msgid").longValue()).isEqualTo(a.getJsonNumber("msgid").longValue());
        JsonObject other = send(sb.openid(2), t, TM00015_DATA, "order-42");
        assertThat(other.getJsonNumber("msgid").longValue()).isNotEqualTo(a.getJsonNumber("msgid").longValue());
        sb.advance(Duration.ofSeconds(599));
        assertThat(send(sb.openid(1), t, TM00015_DATA, "order-42").getJsonNumber("msgid").longValue())
                .isEqualTo(a.getJsonNumber("msgid").longValue());
        assertThat(sb.control.ledger(APP, sb.openid(1), "template", 10, 0).getInt("count")).isEqualTo(1);
        assertThat(sb.pushes).hasSize(2);
        sb.advance(Duration.ofSeconds(1));
        JsonObject later = send(sb.openid(1), t, TM00015_DATA, "order-42");
        assertThat(later.getJsonNumber("msgid").longValue()).isNotEqualTo(a.getJsonNumber("msgid").longValue());
        JsonObject summary = sb.control.ledgerSummary(APP);
        assertThat(summary.getJsonObject("duplicates").getInt("count")).isEqualTo(1);
    }

    @Test
    void theDailyQuotaGives45009UntilChinaMidnight() {
        Sandbox s = new Sandbox(Instant.parse("2026-03-10T15:30:00Z"), null); // 23:30 Shanghai
        s.account("{\"appId\":\"" + APP + "\",\"appSecret\":\"" + SECRET + "\",\"limits\":{\"templateDailyQuota\":3}}")
                .fans(5, null);
        String t = s.call("cgi-bin/template/api_add_template", "{\"template_id_short\":\"TM00015\"}").getString("template_id");
        String body = "{\"touser\":\"" + s.openid(0) + "\",\"template_id\":\"" + t + "\",\"data\":" + TM00015_DATA + "}";
        for (int i = 0; i < 3; i++) {
            assertThat(errcode(s.call("cgi-bin/message/template/send", body))).isZero();
        }
        JsonObject over = s.call("cgi-bin/message/template/send", body);
        assertThat(errcode(over)).isEqualTo(45009);
        assertThat(over.getString("errmsg")).startsWith("reach max api daily quota limit");
        s.advance(Duration.ofMinutes(29));
        assertThat(errcode(s.call("cgi-bin/message/template/send", body))).isEqualTo(45009);
        s.advance(Duration.ofMinutes(1)); // 00:00 Shanghai
        assertThat(errcode(s.call("cgi-bin/message/template/send", body))).isZero();
        JsonObject quota = s.call("cgi-bin/openapi/quota/get", "{\"cgi_path\":\"/cgi-bin/message/template/send\"}");
        assertThat(quota.getJsonObject("quota").getInt("used")).isEqualTo(1);
        assertThat(quota.getJsonObject("quota").getInt("daily_limit")).isEqualTo(3);
    }

    @Test
    void subscriptionAccountsCannotSendTemplates() {
        Sandbox s = new Sandbox();
        s.account("{\"appId\":\"" + APP + "\",\"appSecret\":\"" + SECRET + "\",\"type\":\"SUBSCRIPTION\"}").fans(5, null);
        // template management is a verified service account's feature too (EndpointRules)
        assertThat(errcode(s.call("cgi-bin/template/api_add_template", "{\"template_id_short\":\"TM00015\"}"))).isEqualTo(48001);
        s.control.patchAccount(APP, Sandbox.json("{\"type\":\"SERVICE\"}"));
        String t = s.call("cgi-bin/template/api_add_template", "{\"template_id_short\":\"TM00015\"}").getString("template_id");
        s.control.patchAccount(APP, Sandbox.json("{\"type\":\"SUBSCRIPTION\"}"));
        assertThat(errcode(s.call("cgi-bin/message/template/send", "{\"touser\":\"" + s.openid(0)
                + "\",\"template_id\":\"" + t + "\",\"data\":" + TM00015_DATA + "}"))).isEqualTo(48001);
    }

    @Test
    void blockedMessagesCanBeQueried() {
        String t = addTemplate("TM00015");
        JsonObject r = sb.call("wxa/sec/queryblocktmplmsg", "{\"tmpl_msg_id\":\"" + t + "\",\"largest_id\":0,\"limit\":100}");
        assertThat(errcode(r)).isZero();
        assertThat(r.getJsonArray("msginfo").size()).isBetween(2, 4);
        JsonObject first = r.getJsonArray("msginfo").getJsonObject(0);
        assertThat(first.getString("tmpl_msg_id")).isEqualTo(t);
        JsonObject after = sb.call("wxa/sec/queryblocktmplmsg", "{\"tmpl_msg_id\":\"" + t + "\",\"largest_id\":1,\"limit\":1}");
        assertThat(after.getJsonArray("msginfo")).hasSize(1);
        assertThat(after.getJsonArray("msginfo").getJsonObject(0).getInt("id")).isEqualTo(2);
    }

    @Test
    void theCategoryModelRestrictsTemplatesAndDropsThemWithTheirCategory() {
        sb.control.setCategories(APP, Sandbox.json("{\"ids\":[307]}"));
        String shipping = addTemplate("43216");   // category 307 电商平台
        addTemplate("TM00015");                  // old model, no category
        assertThat(errcode(sb.call("cgi-bin/template/api_add_template", Sandbox.addBody("45620"))))
                .isEqualTo(45027);                // category 411 not selected
        sb.control.setCategories(APP, Sandbox.json("{\"ids\":[411]}"));
        assertThat(sb.call("cgi-bin/template/get_all_private_template", "").getJsonArray("template_list")).hasSize(1);
        assertThat(errcode(sb.call("cgi-bin/message/template/send", "{\"touser\":\"" + sb.openid(0)
                + "\",\"template_id\":\"" + shipping + "\",\"data\":{}}"))).isEqualTo(40037);
        for (int i = 0; i < 3; i++) {
            sb.control.setCategories(APP, Sandbox.json("{\"ids\":[411,635]}"));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sb.control.setCategories(APP, Sandbox.json("{\"ids\":[]}")))
                .isInstanceOf(ControlException.class).hasMessageContaining("5 times a month");
    }
}
