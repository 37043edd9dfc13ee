package app.fanmail.sandbox.world;

import static app.fanmail.sandbox.world.Sandbox.APP;
import static app.fanmail.sandbox.world.Sandbox.SECRET;
import static app.fanmail.sandbox.world.Sandbox.errcode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CategoryRulesTest {

    /** An account whose category writes are answered (WeChat refuses them for official accounts: see below). */
    private final Sandbox sb = new Sandbox().serviceAccount().fans(10, null);

    {
        sb.control.patchAccount(APP, Sandbox.json("{\"limits\":{\"categoryWrites\":true}}"));
    }

    @Test
    void categoryWritesAreRefusedAsWeChatRefusesThemForAnOfficialAccountUnlessASettingSaysSo() {
        Sandbox plain = new Sandbox().serviceAccount();
        assertThat(errcode(add(plain, cat(1, 307)))).isEqualTo(48001);
        assertThat(errcode(delete(plain, 1, 307))).isEqualTo(48001);
        assertThat(plain.call("cgi-bin/wxopen/addcategory", "{\"categories\":[" + cat(1, 307) + "]}").getString("errmsg"))
                .startsWith("api unauthorized");
        assertThat(selected(plain)).isEmpty();
        assertThat(changesThisMonth(plain)).isZero();
        // reading stays open, and the control API (the MP admin) still changes categories
        assertThat(errcode(plain.get("cgi-bin/wxopen/getallcategories", "access_token", plain.token()))).isZero();

        // the sandbox-wide setting turns them on for accounts that do not say otherwise
        Sandbox open = new Sandbox(java.time.Instant.parse("2026-03-10T02:00:00Z"), null, true).serviceAccount();
        assertThat(errcode(add(open, cat(1, 307)))).isZero();
        open.control.patchAccount(APP, Sandbox.json("{\"limits\":{\"categoryWrites\":false}}"));
        assertThat(errcode(delete(open, 1, 307))).isEqualTo(48001);
        assertThat(open.control.getAccount(APP).getJsonObject("limits").getBoolean("categoryWrites")).isFalse();
    }

    private static String cat(int first, int second) {
        return "{\"first\":" + first + ",\"second\":" + second + ",\"certicates\":[]}";
    }

    private static JsonObject add(Sandbox s, String... categories) {
        return s.call("cgi-bin/wxopen/addcategory", "{\"categories\":[" + String.join(",", categories) + "]}");
    }

    private static JsonObject delete(Sandbox s, int first, int second) {
        return s.call("cgi-bin/wxopen/deletecategory", "{\"first\":" + first + ",\"second\":" + second + "}");
    }

    private static List<Integer> selected(Sandbox s) {
        JsonObject r = s.call("wxaapi/newtmpl/getcategory", "");
        assertThat(errcode(r)).as(r.toString()).isZero();
        return r.getJsonArray("data").getValuesAs(JsonObject.class).stream().map(o -> o.getInt("id")).toList();
    }

    private static int changesThisMonth(Sandbox s) {
        return s.control.getCategories(APP).getInt("changesThisMonth");
    }

    private String addTemplate(String shortId) {
        JsonObject r = sb.call("cgi-bin/template/api_add_template", Sandbox.addBody(shortId));
        assertThat(errcode(r)).as(r.toString()).isZero();
        return r.getString("template_id");
    }

    private List<String> templateIds() {
        return sb.call("cgi-bin/template/get_all_private_template", "").getJsonArray("template_list")
                .getValuesAs(JsonObject.class).stream().map(t -> t.getString("template_id")).toList();
    }

    @Test
    void theCatalogueIsATwoLevelTree() {
        JsonObject r = sb.get("cgi-bin/wxopen/getallcategories", "access_token", sb.token());
        assertThat(errcode(r)).as(r.toString()).isZero();
        assertThat(r.getString("errmsg")).isEqualTo("ok");
        List<JsonObject> nodes = r.getJsonObject("categories_list").getJsonArray("categories")
                .getValuesAs(JsonObject.class);
        assertThat(nodes).hasSize(1 + 5 + 8);
        assertThat(nodes.get(0).toString())
                .isEqualTo("{\"id\":0,\"name\":\"\",\"level\":0,\"father\":0,\"children\":[1,2,3,4,5]}");
        assertThat(nodes.get(1).toString())
                .isEqualTo("{\"id\":1,\"name\":\"商业服务\",\"level\":1,\"father\":0,\"children\":[307,411,845]}");
        assertThat(nodes.get(2).toString())
                .isEqualTo("{\"id\":307,\"name\":\"电商平台\",\"level\":2,\"father\":1,\"children\":[]}");
        Map<Integer, JsonObject> byId = nodes.stream().collect(Collectors.toMap(n -> n.getInt("id"), n -> n));
        assertThat(byId.keySet()).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 307, 411, 635, 702, 845, 912, 958, 1024);
        Map<Integer, String> names = Map.of(1, "商业服务", 2, "生活服务", 3, "教育", 4, "金融业", 5, "政务民生");
        names.forEach((id, name) -> assertThat(byId.get(id).getString("name")).isEqualTo(name));
        Map<Integer, Integer> fathers = Map.of(307, 1, 411, 1, 845, 1, 635, 2, 958, 2, 702, 3, 912, 4, 1024, 5);
        fathers.forEach((id, father) -> {
            JsonObject n = byId.get(id);
            assertThat(n.getInt("father")).as("father of " + id).isEqualTo(father);
            assertThat(n.getInt("level")).isEqualTo(2);
            assertThat(n.getJsonArray("children")).isEmpty();
            assertThat(byId.get(father).getJsonArray("children").getValuesAs(jakarta.json.JsonNumber.class).stream()
                    .map(jakarta.json.JsonNumber::intValue).toList()).contains(id);
        });
        assertThat(byId.get(2).getJsonArray("children").toString()).isEqualTo("[635,958]");
        assertThat(byId.get(958).getString("name")).isEqualTo("医疗服务");
        assertThat(byId.get(1024).getString("name")).isEqualTo("政务服务");
        // the same over POST; the control API lists the leaves with their parents
        assertThat(sb.call("cgi-bin/wxopen/getallcategories", "")).isEqualTo(r);
        JsonObject available = sb.control.getCategories(APP).getJsonArray("available").getJsonObject(0);
        assertThat(available.getInt("id")).isEqualTo(307);
        assertThat(available.getInt("father")).isEqualTo(1);
        assertThat(available.getString("fatherName")).isEqualTo("商业服务");
    }

    @Test
    void addedCategoriesAreListedInSelectionOrder() {
        assertThat(selected(sb)).isEmpty();
        JsonObject ok = add(sb, cat(1, 845), cat(5, 1024));
        assertThat(ok.toString()).isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\"}");
        assertThat(errcode(add(sb, cat(1, 307)))).isZero();
        assertThat(selected(sb)).containsExactly(845, 1024, 307);
        JsonObject r = sb.get("wxaapi/newtmpl/getcategory", "access_token", sb.token());
        assertThat(r.toString()).isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\",\"data\":[{\"id\":845,\"name\":\"会员服务\"},"
                + "{\"id\":1024,\"name\":\"政务服务\"},{\"id\":307,\"name\":\"电商平台\"}]}");
        // ids may come as strings, and certicates may be left out
        assertThat(errcode(add(sb, "{\"first\":\"2\",\"second\":\"958\"}"))).isZero();
        assertThat(selected(sb)).containsExactly(845, 1024, 307, 958);
        assertThat(sb.control.getCategories(APP).getJsonArray("selected").toString()).isEqualTo("[845,1024,307,958]");
        assertThat(changesThisMonth(sb)).isEqualTo(3);   // one change per successful call
    }

    @Test
    void everyAddErrorChangesNothing() {
        assertThat(errcode(add(sb, cat(1, 307)))).isZero();
        JsonObject invalid = add(sb);
        assertThat(errcode(invalid)).isEqualTo(53303);
        assertThat(invalid.getString("errmsg")).startsWith("提交的参数不合法 rid: ");
        assertThat(errcode(sb.call("cgi-bin/wxopen/addcategory", "{}"))).isEqualTo(53303);
        assertThat(errcode(sb.call("cgi-bin/wxopen/addcategory", "{\"categories\":[307]}"))).isEqualTo(53303);
        assertThat(errcode(add(sb, cat(1, 999)))).isEqualTo(53303);                // unknown second
        assertThat(errcode(add(sb, cat(2, 411)))).isEqualTo(53303);                // 411's parent is 1
        assertThat(errcode(add(sb, "{\"second\":411}"))).isEqualTo(53303);         // no first
        assertThat(errcode(add(sb, cat(0, 1)))).isEqualTo(53303);                  // level 1 is not selectable
        assertThat(errcode(add(sb, "{\"first\":\"x\",\"second\":411}"))).isEqualTo(53303);
        assertThat(errcode(add(sb, cat(1, 411), cat(1, 999)))).isEqualTo(53303);  // all or nothing
        JsonObject duplicate = add(sb, cat(1, 307));
        assertThat(errcode(duplicate)).isEqualTo(53304);                         // already selected
        assertThat(duplicate.getString("errmsg")).startsWith("与已有类目重复");
        assertThat(errcode(add(sb, cat(1, 411), cat(1, 411)))).isEqualTo(53304);  // repeated in the request
        assertThat(errcode(add(sb, cat(1, 411), cat(1, 307)))).isEqualTo(53304);
        JsonObject tooMany = add(sb, cat(1, 411), cat(1, 845), cat(2, 635), cat(2, 958), cat(3, 702));
        assertThat(errcode(tooMany)).isEqualTo(53301);                           // 6 in all
        assertThat(tooMany.getString("errmsg")).startsWith("超出可配置类目总数限制");
        assertThat(errcode(sb.call("cgi-bin/wxopen/addcategory", ""))).isEqualTo(44002);
        assertThat(selected(sb)).containsExactly(307);
        assertThat(changesThisMonth(sb)).isEqualTo(1);
        // exactly five is fine
        assertThat(errcode(add(sb, cat(1, 411), cat(1, 845), cat(2, 635), cat(2, 958)))).isZero();
        assertThat(selected(sb)).containsExactly(307, 411, 845, 635, 958);
        assertThat(errcode(add(sb, cat(3, 702)))).isEqualTo(53301);
        assertThat(changesThisMonth(sb)).isEqualTo(2);
    }

    @Test
    void deleteErrorsChangeNothing() {
        assertThat(errcode(add(sb, cat(1, 307), cat(2, 635)))).isZero();
        assertThat(errcode(delete(sb, 1, 411))).isEqualTo(53303);    // not selected
        assertThat(errcode(delete(sb, 1, 999))).isEqualTo(53303);    // unknown
        assertThat(errcode(delete(sb, 2, 307))).isEqualTo(53303);    // 307's parent is 1
        assertThat(errcode(delete(sb, 0, 1))).isEqualTo(53303);      // level 1
        assertThat(errcode(sb.call("cgi-bin/wxopen/deletecategory", "{\"second\":307}"))).isEqualTo(53303);
        assertThat(errcode(sb.call("cgi-bin/wxopen/deletecategory", ""))).isEqualTo(44002);
        assertThat(selected(sb)).containsExactly(307, 635);
        assertThat(changesThisMonth(sb)).isEqualTo(1);
        JsonObject ok = delete(sb, 1, 307);
        assertThat(ok.toString()).isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\"}");
        assertThat(selected(sb)).containsExactly(635);
        assertThat(errcode(delete(sb, 1, 307))).isEqualTo(53303);    // already gone
        assertThat(changesThisMonth(sb)).isEqualTo(2);
    }

    @Test
    void theMonthlyCounterIsSharedWithTheControlApiAndRestartsInChinaTime() {
        Sandbox s = new Sandbox(Instant.parse("2026-01-31T15:00:00Z"), null, true).serviceAccount(); // 23:00 on 31 Jan, Shanghai
        s.control.setCategories(APP, Sandbox.json("{\"ids\":[307]}"));                        // 1
        assertThat(errcode(add(s, cat(1, 411)))).isZero();                                   // 2
        assertThat(errcode(delete(s, 1, 411))).isZero();                                     // 3
        s.control.setCategories(APP, Sandbox.json("{\"ids\":[307,635]}"));                    // 4
        assertThat(errcode(add(s, cat(1, 411), cat(1, 845)))).isZero();                      // 5: two categories, one change
        assertThat(changesThisMonth(s)).isEqualTo(5);
        JsonObject refused = add(s, cat(2, 958));
        assertThat(errcode(refused)).isEqualTo(53300);
        assertThat(refused.getString("errmsg")).startsWith("超出每月次数限制");
        assertThat(errcode(delete(s, 1, 307))).isEqualTo(53300);
        assertThatThrownBy(() -> s.control.setCategories(APP, Sandbox.json("{\"ids\":[]}")))
                .isInstanceOf(ControlException.class).hasMessageContaining("5 times a month");
        assertThat(selected(s)).containsExactly(307, 635, 411, 845);
        assertThat(changesThisMonth(s)).isEqualTo(5);
        s.advance(Duration.ofMinutes(59)); // 23:59 Shanghai
        assertThat(errcode(add(s, cat(2, 958)))).isEqualTo(53300);
        s.advance(Duration.ofMinutes(1));  // 00:00 on 1 Feb in Shanghai, still 31 Jan in UTC
        assertThat(s.clock.now().toString()).startsWith("2026-01-31T16:00");
        assertThat(errcode(add(s, cat(2, 958)))).isZero();
        assertThat(changesThisMonth(s)).isEqualTo(1);
        assertThat(errcode(delete(s, 1, 307))).isZero();
        s.control.setCategories(APP, Sandbox.json("{\"ids\":[307]}"));
        assertThat(changesThisMonth(s)).isEqualTo(3);
        assertThat(selected(s)).containsExactly(307);
    }

    @Test
    void theMonthlyLimitIsAConfigurableLimit() {
        Sandbox s = new Sandbox().account("{\"appId\":\"" + APP + "\",\"appSecret\":\"" + SECRET + "\",\"type\":\"SERVICE\","
                + "\"verified\":true,\"limits\":{\"categoryChangesMonthly\":2,\"categoryWrites\":true}}");
        assertThat(s.control.getAccount(APP).getJsonObject("limits").getInt("categoryChangesMonthly")).isEqualTo(2);
        assertThat(s.control.getCategories(APP).getInt("changesPerMonth")).isEqualTo(2);
        assertThat(errcode(add(s, cat(1, 307)))).isZero();
        s.control.setCategories(APP, Sandbox.json("{\"ids\":[307,411]}"));
        assertThat(errcode(add(s, cat(1, 845)))).isEqualTo(53300);
        assertThatThrownBy(() -> s.control.setCategories(APP, Sandbox.json("{\"ids\":[]}")))
                .isInstanceOf(ControlException.class).hasMessageContaining("2 times a month");
        assertThat(new Sandbox().serviceAccount().control.getAccount(APP).getJsonObject("limits")
                .getInt("categoryChangesMonthly")).isEqualTo(5);
    }

    @Test
    void deletingACategoryDeletesExactlyItsTemplates() {
        assertThat(errcode(add(sb, cat(1, 307), cat(2, 635), cat(2, 958)))).isZero();
        addTemplate("43216");                        // 307 订单发货通知
        String old = addTemplate("TM00015");         // old model, no category
        String booking = addTemplate("49212");       // 635 预约成功通知
        addTemplate("42984");                        // 307 支付成功通知
        String clinic = addTemplate("53108");        // 958 挂号成功通知
        String event = addTemplate("52333");         // 635 活动报名成功通知
        assertThat(templateIds()).hasSize(6);
        assertThat(errcode(delete(sb, 1, 307))).isZero();
        assertThat(templateIds()).containsExactly(old, booking, clinic, event);
        assertThat(errcode(delete(sb, 2, 958))).isZero();
        assertThat(templateIds()).containsExactly(old, booking, event);
        assertThat(selected(sb)).containsExactly(635);
    }

    @Test
    void categoryTemplatesNameTheirCategoryAndItsParentAndNeedASelectedCategory() {
        assertThat(errcode(add(sb, cat(1, 307), cat(2, 958)))).isZero();
        JsonObject outside = sb.call("cgi-bin/template/api_add_template", Sandbox.addBody("45620"));
        assertThat(errcode(outside)).isEqualTo(45027);                 // 411 快递服务 is not selected
        addTemplate("43216");
        addTemplate("53108");
        addTemplate("TM00015");
        List<JsonObject> list = new ArrayList<>(sb.call("cgi-bin/template/get_all_private_template", "")
                .getJsonArray("template_list").getValuesAs(JsonObject.class));
        assertThat(list).hasSize(3);
        assertThat(list.get(0).getString("primary_industry")).isEqualTo("电商平台");
        assertThat(list.get(0).getString("deputy_industry")).isEqualTo("商业服务");
        assertThat(list.get(1).getString("primary_industry")).isEqualTo("医疗服务");
        assertThat(list.get(1).getString("deputy_industry")).isEqualTo("生活服务");
        assertThat(list.get(2).getString("primary_industry")).isEqualTo("IT科技");   // old model: the industry
        assertThat(list.get(2).getString("deputy_industry")).isEqualTo("互联网|电子商务");
        assertThat(list.get(0).keySet()).containsExactlyInAnyOrder("template_id", "title", "primary_industry",
                "deputy_industry", "content", "example");
        assertThat(errcode(add(sb, cat(1, 411)))).isZero();
        assertThat(errcode(sb.call("cgi-bin/template/api_add_template", Sandbox.addBody("45620")))).isZero();
        JsonArray library = sb.control.library().getJsonArray("templates");
        JsonObject shipping = library.getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("template_id_short").equals("45620")).findFirst().orElseThrow();
        assertThat(shipping.getString("deputy_industry")).isEqualTo("商业服务");
    }

    @Test
    void onlyVerifiedServiceAccountsHaveCategories() {
        for (String type : List.of("\"type\":\"SUBSCRIPTION\",\"verified\":true", "\"type\":\"SERVICE\",\"verified\":false")) {
            Sandbox s = new Sandbox().account("{\"appId\":\"" + APP + "\",\"appSecret\":\"" + SECRET + "\"," + type + "}");
            assertThat(errcode(s.call("cgi-bin/wxopen/getallcategories", ""))).isEqualTo(48001);
            assertThat(errcode(s.call("wxaapi/newtmpl/getcategory", ""))).isEqualTo(48001);
            assertThat(errcode(add(s, cat(1, 307)))).isEqualTo(48001);
            s.control.setCategories(APP, Sandbox.json("{\"ids\":[307]}"));
            assertThat(errcode(delete(s, 1, 307))).isEqualTo(48001);
            assertThat(s.control.getCategories(APP).getJsonArray("selected").toString()).isEqualTo("[307]");
            assertThat(changesThisMonth(s)).isEqualTo(1);
        }
        assertThat(errcode(sb.post("cgi-bin/wxopen/getallcategories", null, ""))).isEqualTo(41001);
        assertThat(sb.api.paths()).contains("cgi-bin/wxopen/getallcategories", "wxaapi/newtmpl/getcategory",
                "cgi-bin/wxopen/addcategory", "cgi-bin/wxopen/deletecategory");
    }
}
