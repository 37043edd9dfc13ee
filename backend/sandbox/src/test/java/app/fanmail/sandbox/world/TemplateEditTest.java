package app.fanmail.sandbox.world;

import static app.fanmail.sandbox.world.Sandbox.APP;
import static app.fanmail.sandbox.world.Sandbox.errcode;
import static app.fanmail.sandbox.world.Sandbox.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The control API's in-place template edit (WeChat revising a private template) and template listing. */
class TemplateEditTest {

    private final Sandbox sb = new Sandbox().serviceAccount().fans(10, null);

    private static final String TM00015_DATA = "{\"first\":{\"value\":\"您好\"},\"keyword1\":{\"value\":\"2024061812345678\"},"
            + "\"keyword2\":{\"value\":\"128.00元\"},\"keyword3\":{\"value\":\"无线蓝牙耳机\"},"
            + "\"keyword4\":{\"value\":\"2024-06-18 14:32\"},\"remark\":{\"value\":\"感谢\"}}";

    private static final String REVISED_CONTENT = "{{first.DATA}}\n订单号：{{character_string1.DATA}}\n"
            + "支付金额：{{amount2.DATA}}\n{{remark.DATA}}";

    private String addTemplate(String shortId) {
        JsonObject r = sb.call("cgi-bin/template/api_add_template", Sandbox.addBody(shortId));
        assertThat(errcode(r)).as(r.toString()).isZero();
        return r.getString("template_id");
    }

    private JsonArray privateTemplates() {
        return sb.call("cgi-bin/template/get_all_private_template", "").getJsonArray("template_list");
    }

    private static List<String> ids(JsonArray list) {
        return list.stream().map(v -> v.asJsonObject().getString("template_id")).toList();
    }

    private JsonObject send(String templateId, String data) {
        return sb.call("cgi-bin/message/template/send", "{\"touser\":\"" + sb.openid(1) + "\",\"template_id\":\""
                + templateId + "\",\"data\":" + data + "}");
    }

    @Test
    void anEditChangesTheTemplateInPlaceKeepingItsIdAndPosition() {
        String a = addTemplate("TM00015");
        String b = addTemplate("43216");
        String c = addTemplate("TM00015");
        JsonObject before = privateTemplates().getJsonObject(1);

        JsonObject edited = sb.control.editTemplate(APP, b, json("{\"title\":\"订单发货提醒\",\"content\":\"商品：{{thing1.DATA}}\\n"
                + "单号：{{character_string3.DATA}}\",\"example\":\"商品：耳机\\n单号：SF1\"}"));
        assertThat(edited.getString("template_id")).isEqualTo(b);
        assertThat(edited.getString("title")).isEqualTo("订单发货提醒");
        assertThat(edited.getString("content")).isEqualTo("商品：{{thing1.DATA}}\n单号：{{character_string3.DATA}}");
        assertThat(edited.getString("example")).isEqualTo("商品：耳机\n单号：SF1");
        assertThat(edited.getString("primary_industry")).isEqualTo(before.getString("primary_industry"));
        assertThat(edited.getString("deputy_industry")).isEqualTo(before.getString("deputy_industry"));

        JsonArray after = privateTemplates();
        assertThat(ids(after)).containsExactly(a, b, c);
        assertThat(after.getJsonObject(1)).isEqualTo(edited);
        assertThat(after.getJsonObject(0).getString("title")).isEqualTo("订单支付成功");
        assertThat(sb.acc().templates.templates.get(b).keys()).containsExactly("thing1", "character_string3");

        JsonArray listed = sb.control.listTemplates(APP).getJsonArray("templates");
        assertThat(ids(listed)).containsExactly(a, b, c);
        assertThat(listed.getJsonObject(1).getString("title")).isEqualTo("订单发货提醒");
        assertThat(listed.getJsonObject(1).getString("template_id_short")).isEqualTo("43216");
        assertThat(listed.getJsonObject(1).getInt("categoryId")).isEqualTo(307);
        assertThat(listed.getJsonObject(0).getString("template_id_short")).isEqualTo("TM00015");
        assertThat(listed.getJsonObject(0).containsKey("categoryId")).isFalse();
    }

    @Test
    void fieldsLeftOutStayAsTheyWere() {
        String t = addTemplate("TM00015");
        JsonObject before = privateTemplates().getJsonObject(0);
        JsonObject edited = sb.control.editTemplate(APP, t, json("{\"title\":\"支付成功通知\"}"));
        assertThat(edited.getString("title")).isEqualTo("支付成功通知");
        assertThat(edited.getString("content")).isEqualTo(before.getString("content"));
        assertThat(edited.getString("example")).isEqualTo(before.getString("example"));
        JsonObject cleared = sb.control.editTemplate(APP, t, json("{\"example\":\"\"}"));
        assertThat(cleared.getString("example")).isEmpty();
        assertThat(cleared.getString("title")).isEqualTo("支付成功通知");
        assertThat(errcode(send(t, TM00015_DATA))).isZero();
    }

    @Test
    void templateSendValidatesAgainstTheRevisedKeys() {
        String t = addTemplate("TM00015");
        assertThat(errcode(send(t, TM00015_DATA))).isZero();
        sb.control.editTemplate(APP, t, json("{\"content\":" + Sandbox.text(REVISED_CONTENT) + "}"));

        JsonObject old = send(t, TM00015_DATA);
        assertThat(errcode(old)).isEqualTo(47003);
        assertThat(old.getString("errmsg")).startsWith("argument invalid! data.character_string1.value invalid");
        JsonObject extra = send(t, "{\"character_string1\":{\"value\":\"2024061812345678\"},\"amount2\":{\"value\":\"128.00元\"},"
                + "\"keyword3\":{\"value\":\"耳机\"}}");
        assertThat(errcode(extra)).isEqualTo(47003);
        assertThat(extra.getString("errmsg")).startsWith("argument invalid! data.keyword3.value invalid");
        JsonObject ok = send(t, "{\"character_string1\":{\"value\":\"2024061812345678\"},\"amount2\":{\"value\":\"128.00元\"}}");
        assertThat(errcode(ok)).as(ok.toString()).isZero();
        JsonObject entry = sb.control.ledger(APP, sb.openid(1), "template", 1, 0).getJsonArray("entries").getJsonObject(0);
        assertThat(entry.getString("summary")).contains("character_string1=2024061812345678", "amount2=128.00元");
    }

    @Test
    void badEditsAreRefusedAndChangeNothing() {
        String t = addTemplate("TM00015");
        JsonObject before = privateTemplates().getJsonObject(0);
        assertControl(404, () -> sb.control.editTemplate("wxnosuchaccount00", t, json("{\"title\":\"x\"}")));
        assertControl(404, () -> sb.control.editTemplate(APP, "nosuchtemplate", json("{\"title\":\"x\"}")));
        assertControl(400, () -> sb.control.editTemplate(APP, t, json("")));
        assertControl(400, () -> sb.control.editTemplate(APP, t, json("{\"keywords\":[\"a\"]}")));
        assertControl(400, () -> sb.control.editTemplate(APP, t, json("{\"title\":42}")));
        assertControl(400, () -> sb.control.editTemplate(APP, t, json("{\"title\":\"ok\",\"content\":null}")));
        assertControl(400, () -> sb.control.editTemplate(APP, t, json("{\"example\":{\"text\":\"x\"}}")));
        assertControl(400, () -> sb.control.editTemplate(APP, t, json("{\"title\":\"  \"}")));
        assertControl(400, () -> sb.control.editTemplate(APP, t, json("{\"title\":\"ok\",\"content\":\"\"}")));
        assertControl(404, () -> sb.control.listTemplates("wxnosuchaccount00"));
        assertThat(privateTemplates().getJsonObject(0)).isEqualTo(before);
        assertThat(errcode(send(t, TM00015_DATA))).isZero();
    }

    @Test
    void anEditedTemplateIsStillDeletedWithItsCategory() {
        sb.control.setCategories(APP, json("{\"ids\":[307]}"));
        String t = addTemplate("43216");
        sb.control.editTemplate(APP, t, json("{\"title\":\"发货通知\"}"));
        sb.control.setCategories(APP, json("{\"ids\":[411]}"));
        assertThat(privateTemplates()).isEmpty();
        assertControl(404, () -> sb.control.editTemplate(APP, t, json("{\"title\":\"x\"}")));
    }

    private static void assertControl(int status, Runnable action) {
        assertThatThrownBy(action::run).isInstanceOf(ControlException.class)
                .satisfies(e -> assertThat(((ControlException) e).status()).as(e.getMessage()).isEqualTo(status));
    }
}
