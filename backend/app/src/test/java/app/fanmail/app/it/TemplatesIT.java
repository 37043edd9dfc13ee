package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.StringReader;
import java.time.Duration;
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
import org.junit.jupiter.api.Test;

import app.fanmail.testing.FanmailClient;
import app.fanmail.testing.TestServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Templates against the WeChat sandbox: the synced library matches WeChat exactly, the 25-template
 * limit and the monthly industry change are refused by Fanmail before WeChat, only verified service
 * accounts may use templates, previews and presets report on the right field, viewers only read.
 */
@org.junit.jupiter.api.extension.ExtendWith(ArquillianExtension.class)
@RunAsClient
class TemplatesIT {
    private static final String ERRORS = " userErrors { code field message } ";
    private static final String SYNC = "mutation($i: TemplateSyncInput!) { templateSync(input: $i) { added updated removed total" + ERRORS + "} }";
    private static final String ADD = "mutation($i: TemplateAddInput!) { templateAdd(input: $i) { template { id templateId title content "
            + "fields { key label type legacy } }" + ERRORS + "} }";
    private static final String DELETE = "mutation($i: TemplateDeleteInput!) { templateDelete(input: $i) { deletedTemplateId" + ERRORS + "} }";
    private static final String INDUSTRIES = "mutation($i: TemplateIndustriesSetInput!) { templateIndustriesSet(input: $i) { setup { eligible "
            + "primaryIndustry { id firstClass secondClassEn } secondaryIndustry { id } nextIndustryChangeAt }" + ERRORS + "} }";
    private static final String PRESET = "mutation($i: TemplatePresetSaveInput!) { templatePresetSave(input: $i) { preset { version "
            + "mappings { key source fixedValue } url }" + ERRORS + "} }";
    private static final String LIST = "query($a: ID!) { templates(accountId: $a, first: 100) { totalCount edges { node { id templateId title "
            + "fields { key type legacy } } } } }";
    private static final String SETUP_FIELDS = " model categories { id name parentName } categoryChanges { limit used remaining resetsAt } ";
    private static final String MODEL = "mutation($i: TemplateSetupModelSetInput!) { templateSetupModelSet(input: $i) { setup {"
            + SETUP_FIELDS + "}" + ERRORS + "} }";
    private static final String CATEGORIES = "mutation($i: TemplateCategoriesSetInput!) { templateCategoriesSet(input: $i) { setup {"
            + SETUP_FIELDS + "}" + ERRORS + "} }";
    private static final String PLAN = "query($a: ID!, $c: [String!]!) { templateCategoryPlan(accountId: $a, categoryIds: $c) { problems { code field message } "
            + "added { id } removed { id } deletedTemplates { id title } changesNeeded allowance { remaining } } }";
    private static final String SETUP = "query($a: ID!) { templateSetup(accountId: $a) { eligible reason templateCount "
            + "primaryIndustry { id } nextIndustryChangeAt } }";

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

    record Acc(String id, String appId, String appSecret) {
    }

    @Test
    @OperateOnDeployment("fanmail")
    void syncMatchesWeChatExactlyAndAddDeleteWork() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin, "SERVICE", true);
        WeChat wechat = new WeChat(acc);

        assertThat(ok(sync(admin, acc)).getInt("total")).isZero();
        JsonObject first = ok(add(admin, acc, "TM00015")).getJsonObject("template");
        assertThat(first.getString("title")).isEqualTo("订单支付成功");
        assertThat(first.getJsonArray("fields")).isNotEmpty();
        JsonObject second = ok(add(admin, acc, "OPENTM200565259")).getJsonObject("template");
        assertThat(wechat.templateIds()).containsExactlyInAnyOrder(first.getString("templateId"), second.getString("templateId"));
        assertThat(list(admin, acc).getInt("totalCount")).isEqualTo(2);

        // changed in WeChat behind Fanmail's back: one removed, one added
        wechat.call("cgi-bin/template/del_private_template", Json.createObjectBuilder().add("template_id", first.getString("templateId")).build());
        String external = wechat.call("cgi-bin/template/api_add_template",
                Json.createObjectBuilder().add("template_id_short", "TM00820").build()).getString("template_id");
        JsonObject synced = ok(sync(admin, acc));
        assertThat(synced.getInt("added")).isEqualTo(1);
        assertThat(synced.getInt("removed")).isEqualTo(1);
        assertThat(synced.getInt("updated")).isZero();
        assertThat(synced.getInt("total")).isEqualTo(2);
        JsonObject page = list(admin, acc);
        assertThat(page.getJsonArray("edges").stream().map(e -> e.asJsonObject().getJsonObject("node").getString("templateId")).toList())
                .containsExactlyInAnyOrderElementsOf(wechat.templateIds())
                .containsExactlyInAnyOrder(second.getString("templateId"), external);
        JsonObject again = ok(sync(admin, acc));
        assertThat(List.of(again.getInt("added"), again.getInt("updated"), again.getInt("removed"), again.getInt("total")))
                .containsExactly(0, 0, 0, 2);

        // delete through Fanmail removes it in WeChat too
        JsonObject deleted = ok(admin.data(DELETE, Map.of("i", Map.of("id", second.getString("id")))).getJsonObject("templateDelete"));
        assertThat(deleted.getString("deletedTemplateId")).isEqualTo(second.getString("id"));
        assertThat(wechat.templateIds()).containsExactly(external);
        assertThat(admin.data("query($id: ID!) { template(id: $id) { id } }", Map.of("id", second.getString("id"))).isNull("template")).isTrue();

        assertThat(codes(add(admin, acc, "TM99999"))).containsExactly("TEMPLATE_SHORT_ID_UNKNOWN");
    }

    @Test
    @OperateOnDeployment("fanmail")
    void twentyFifthTemplateIsTheLastAndFanmailRefusesBeforeWeChat() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin, "SERVICE", true);
        WeChat wechat = new WeChat(acc);
        // the sandbox would accept 30: a refusal at 26 can only come from Fanmail
        wechat.control.post("/_sandbox/accounts/" + acc.appId() + "/config",
                Json.createObjectBuilder().add("limits", Json.createObjectBuilder().add("templatesMax", 30)).build());
        for (int i = 0; i < 25; i++) {
            ok(add(admin, acc, "TM00015"));
        }
        JsonObject refused = add(admin, acc, "TM00015");
        assertThat(codes(refused)).containsExactly("TEMPLATE_LIMIT_REACHED");
        assertThat(refused.getJsonArray("userErrors").getJsonObject(0).getString("field")).isEqualTo("shortId");
        assertThat(wechat.templateIds()).hasSize(25);
        assertThat(list(admin, acc).getInt("totalCount")).isEqualTo(25);

        // WeChat's own 45026 gives the same code: WeChat full (25), Fanmail thinks 24
        wechat.control.post("/_sandbox/accounts/" + acc.appId() + "/config",
                Json.createObjectBuilder().add("limits", Json.createObjectBuilder().add("templatesMax", 25)).build());
        String one = list(admin, acc).getJsonArray("edges").getJsonObject(0).getJsonObject("node").getString("id");
        ok(admin.data(DELETE, Map.of("i", Map.of("id", one))).getJsonObject("templateDelete"));
        wechat.call("cgi-bin/template/api_add_template", Json.createObjectBuilder().add("template_id_short", "TM00015").build());
        assertThat(codes(add(admin, acc, "TM00015"))).containsExactly("TEMPLATE_LIMIT_REACHED");
    }

    @Test
    @OperateOnDeployment("fanmail")
    void industriesChangeOncePerMonth() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin, "SERVICE", true);
        assertThat(codes(setIndustries(admin, acc, 0, 99))).containsExactly("INDUSTRY_INVALID", "INDUSTRY_INVALID");

        JsonObject set = ok(setIndustries(admin, acc, 1, 2)).getJsonObject("setup");
        assertThat(set.getJsonObject("primaryIndustry").getInt("id")).isEqualTo(1);
        assertThat(set.getJsonObject("primaryIndustry").getString("firstClass")).isEqualTo("IT科技");
        assertThat(set.getJsonObject("secondaryIndustry").getInt("id")).isEqualTo(2);
        String nextMonth = YearMonth.now(ZoneId.of("Asia/Shanghai")).plusMonths(1).atDay(1).toString();
        assertThat(set.getString("nextIndustryChangeAt")).isNotBlank();

        JsonObject refused = setIndustries(admin, acc, 3, 4);
        assertThat(codes(refused)).containsExactly("INDUSTRY_CHANGE_TOO_SOON");
        String message = refused.getJsonArray("userErrors").getJsonObject(0).getString("message");
        assertThat(message).contains(nextMonth).contains("Asia/Shanghai").contains("Fanmail already changed");
        JsonObject setup = admin.data(SETUP, Map.of("a", acc.id())).getJsonObject("templateSetup");
        assertThat(setup.getJsonObject("primaryIndustry").getInt("id")).isEqualTo(1);
        JsonArray history = changes(admin, acc);
        assertThat(history).as("the refused change is not recorded").hasSize(1);
        assertThat(history.getJsonObject(0).getString("model")).isEqualTo("INDUSTRY");
        assertThat(history.getJsonObject(0).getString("changedBy")).isEqualTo("admin");
        assertThat(history.getJsonObject(0).getJsonObject("primaryIndustry").getInt("id")).isEqualTo(1);
        assertThat(history.getJsonObject(0).getJsonObject("secondaryIndustry").getInt("id")).isEqualTo(2);

        // changed in WeChat outside Fanmail: WeChat's 43100 gives the same code
        Acc other = account(admin, "SERVICE", true);
        new WeChat(other).call("cgi-bin/template/api_set_industry",
                Json.createObjectBuilder().add("industry_id1", "5").add("industry_id2", "6").build());
        JsonObject byWeChat = setIndustries(admin, other, 1, 2);
        assertThat(codes(byWeChat)).containsExactly("INDUSTRY_CHANGE_TOO_SOON");
        assertThat(byWeChat.getJsonArray("userErrors").getJsonObject(0).getString("message")).contains("WeChat refused").contains(nextMonth);

        JsonArray catalog = admin.data("{ industryCatalog { id firstClass secondClass firstClassEn secondClassEn } }", null)
                .getJsonArray("industryCatalog");
        assertThat(catalog).hasSize(41);
        assertThat(catalog.getJsonObject(0).getString("firstClassEn")).isNotBlank();
    }

    @Test
    @OperateOnDeployment("fanmail")
    void onlyVerifiedServiceAccountsMayUseTemplates() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc subscription = account(admin, "SUBSCRIPTION", true);
        Acc unverified = account(admin, "SERVICE", false);
        JsonObject refused = sync(admin, subscription);
        assertThat(codes(refused)).containsExactly("TEMPLATES_NOT_AVAILABLE");
        assertThat(refused.getJsonArray("userErrors").getJsonObject(0).getString("message")).contains("subscription");
        assertThat(codes(add(admin, subscription, "TM00015"))).containsExactly("TEMPLATES_NOT_AVAILABLE");
        assertThat(codes(setIndustries(admin, subscription, 1, 2))).containsExactly("TEMPLATES_NOT_AVAILABLE");
        JsonObject notVerified = add(admin, unverified, "TM00015");
        assertThat(codes(notVerified)).containsExactly("TEMPLATES_NOT_AVAILABLE");
        assertThat(notVerified.getJsonArray("userErrors").getJsonObject(0).getString("message")).contains("not verified");
        JsonObject setup = admin.data(SETUP, Map.of("a", unverified.id())).getJsonObject("templateSetup");
        assertThat(setup.getBoolean("eligible")).isFalse();
        assertThat(setup.getString("reason")).contains("not verified");
    }

    @Test
    @OperateOnDeployment("fanmail")
    void previewPresetAndBlockedMessages() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin, "SERVICE", true);
        JsonObject template = ok(add(admin, acc, "TM00015")).getJsonObject("template");
        String id = template.getString("id");
        String key = template.getJsonArray("fields").stream().map(f -> f.asJsonObject())
                .filter(f -> !f.getBoolean("legacy")).findFirst().orElseThrow().getString("key");

        String longValue = "一二三四五六七八九十一二三四五六七八九十一二三四五";
        assertThat(longValue.codePointCount(0, longValue.length())).isEqualTo(25);
        JsonObject preview = admin.data("query($t: ID!, $v: [TemplateValueInput!]!) { templatePreview(templateId: $t, values: $v) "
                + "{ title lines { key value truncated } warnings { code field message } } }",
                Map.of("t", id, "v", List.of(Map.of("key", key, "value", longValue)))).getJsonObject("templatePreview");
        assertThat(preview.getString("title")).isEqualTo("订单支付成功");
        assertThat(preview.getJsonArray("warnings").stream().map(w -> w.asJsonObject())
                .filter(w -> w.getString("code").equals("VALUE_TRUNCATED")).map(w -> w.getString("field")).toList()).containsExactly(key);
        JsonObject line = preview.getJsonArray("lines").stream().map(l -> l.asJsonObject()).filter(l -> l.getString("key").equals(key))
                .findFirst().orElseThrow();
        assertThat(line.getBoolean("truncated")).isTrue();

        Map<String, Object> good = Map.of("key", key, "source", "FIXED", "fixedValue", "固定值");
        Map<String, Object> unknown = Map.of("key", "nosuch9", "source", "OPENID");
        JsonObject bad = admin.data(PRESET, Map.of("i", Map.of("templateId", id, "mappings", List.of(good, unknown),
                "link", Map.of("url", "ftp://example.com/x")))).getJsonObject("templatePresetSave");
        assertThat(bad.isNull("preset")).isTrue();
        assertThat(codesAt(bad)).containsExactlyInAnyOrder("PRESET_FIELD_UNKNOWN@mappings.1.key", "URL_INVALID@link.url");
        JsonObject saved = ok(admin.data(PRESET, Map.of("i", Map.of("templateId", id, "mappings", List.of(good),
                "link", Map.of("url", "https://example.com/order?id=1")))).getJsonObject("templatePresetSave"));
        assertThat(saved.getJsonObject("preset").getInt("version")).isEqualTo(1);
        JsonObject resaved = ok(admin.data(PRESET, Map.of("i", Map.of("templateId", id, "mappings", List.of(good))))
                .getJsonObject("templatePresetSave"));
        assertThat(resaved.getJsonObject("preset").getInt("version")).isEqualTo(2);
        // two operators edit version 2: the first save wins, the second is refused instead of overwriting it
        Map<String, Object> other = Map.of("key", key, "source", "FIXED", "fixedValue", "另一个值");
        assertThat(ok(admin.data(PRESET, Map.of("i", Map.of("templateId", id, "mappings", List.of(good), "expectedVersion", 2)))
                .getJsonObject("templatePresetSave")).getJsonObject("preset").getInt("version")).isEqualTo(3);
        JsonObject overtaken = admin.data(PRESET, Map.of("i", Map.of("templateId", id, "mappings", List.of(other), "expectedVersion", 2)))
                .getJsonObject("templatePresetSave");
        assertThat(codesAt(overtaken)).containsExactly("PRESET_CHANGED@expectedVersion");
        assertThat(overtaken.getJsonArray("userErrors").getJsonObject(0).getString("message")).contains("version 3");
        assertThat(admin.data("query($id: ID!) { template(id: $id) { preset { version mappings { key fixedValue } } } }", Map.of("id", id))
                .getJsonObject("template").getJsonObject("preset").getJsonArray("mappings").getJsonObject(0).getString("fixedValue"))
                .isEqualTo("固定值");

        JsonArray blocked = admin.data("query($t: ID!) { templateBlockedMessages(templateId: $t, first: 10) { id title content openid } }",
                Map.of("t", id)).getJsonArray("templateBlockedMessages");
        assertThat(blocked).isNotEmpty();
        assertThat(blocked.getJsonObject(0).getString("id")).isNotBlank();
    }

    @Test
    @OperateOnDeployment("fanmail")
    void viewersReadOnlyAndUnknownIdsAreNotFound() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin, "SERVICE", true);
        String templateId = ok(add(admin, acc, "TM00015")).getJsonObject("template").getString("id");
        FanmailClient viewer = Users.signedIn(admin, base.toString(), "VIEWER");
        assertThat(viewer.data(LIST, Map.of("a", acc.id())).getJsonObject("templates").getInt("totalCount")).isEqualTo(1);
        assertThat(errorCode(viewer.graphql(SYNC, Map.of("i", Map.of("accountId", acc.id()))))).isEqualTo("FORBIDDEN");
        assertThat(errorCode(viewer.graphql(DELETE, Map.of("i", Map.of("id", templateId))))).isEqualTo("FORBIDDEN");
        assertThat(errorCode(viewer.graphql(ADD, Map.of("i", Map.of("accountId", acc.id(), "shortId", "TM00015"))))).isEqualTo("FORBIDDEN");
        assertThat(list(admin, acc).getInt("totalCount")).isEqualTo(1);

        String nobody = UUID.randomUUID().toString();
        assertThat(codes(admin.data(SYNC, Map.of("i", Map.of("accountId", nobody))).getJsonObject("templateSync"))).containsExactly("NOT_FOUND");
        assertThat(codes(admin.data(DELETE, Map.of("i", Map.of("id", nobody))).getJsonObject("templateDelete"))).containsExactly("NOT_FOUND");
        assertThat(codes(admin.data(DELETE, Map.of("i", Map.of("id", "not-a-uuid"))).getJsonObject("templateDelete"))).containsExactly("NOT_FOUND");
        assertThat(codes(admin.data(PRESET, Map.of("i", Map.of("templateId", nobody, "mappings", List.of())))
                .getJsonObject("templatePresetSave"))).containsExactly("NOT_FOUND");
        JsonObject preview = admin.graphql("query($t: ID!) { templatePreview(templateId: $t, values: []) { title } }", Map.of("t", nobody));
        assertThat(preview.getJsonArray("errors").toString()).contains("NOT_FOUND");
        assertThat(admin.data("query($id: ID!) { template(id: $id) { id } }", Map.of("id", nobody)).isNull("template")).isTrue();
    }

    @Test
    @OperateOnDeployment("fanmail")
    void categoryChangesDeleteTheirTemplatesOnlyOnceConfirmedAndCountAgainstTheMonth() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin, "SERVICE", true);
        WeChat wechat = new WeChat(acc);
        assertThat(codes(setCategories(admin, acc, List.of("307"), List.of()))).containsExactly("SETUP_MODEL_MISMATCH");

        JsonObject setup = ok(admin.data(MODEL, Map.of("i", Map.of("accountId", acc.id(), "model", "CATEGORY")))
                .getJsonObject("templateSetupModelSet")).getJsonObject("setup");
        assertThat(setup.getString("model")).isEqualTo("CATEGORY");
        assertThat(setup.getJsonArray("categories")).isEmpty();
        assertThat(setup.getJsonObject("categoryChanges").getInt("remaining")).isEqualTo(5);
        // an official account has no category write API (WeChat answers 48001): the operator is sent to the platform
        JsonObject refused = setCategories(admin, acc, List.of("307"), List.of());
        assertThat(codes(refused)).containsExactly("CATEGORY_CHANGE_IN_PLATFORM");
        assertThat(refused.getJsonArray("userErrors").getJsonObject(0).getString("message")).contains("mp.weixin.qq.com");
        // from here on, an account WeChat lets change its categories (the sandbox's category-writes setting)
        wechat.control.post("/_sandbox/accounts/" + acc.appId() + "/config",
                Json.createObjectBuilder().add("limits", Json.createObjectBuilder().add("categoryWrites", true)).build());
        JsonArray catalog = admin.data("query($a: ID!) { templateCategoryCatalog(accountId: $a) { id name parentId parentName } }",
                Map.of("a", acc.id())).getJsonArray("templateCategoryCatalog");
        assertThat(catalog).hasSize(8);
        assertThat(catalog.getJsonObject(0).getString("id")).isEqualTo("307");
        assertThat(catalog.getJsonObject(0).getString("parentName")).isEqualTo("商业服务");

        JsonObject chosen = ok(setCategories(admin, acc, List.of("307", "635"), List.of())).getJsonObject("setup");
        assertThat(ids(chosen.getJsonArray("categories"))).containsExactly("307", "635");
        assertThat(chosen.getJsonObject("categoryChanges").getInt("remaining")).isEqualTo(4);

        // keywords pick the fields of a category template; other categories' templates and unknown keywords are refused
        JsonObject shipped = ok(admin.data(ADD, Map.of("i", Map.of("accountId", acc.id(), "shortId", "43216",
                "keywordNames", List.of("商品名称", "快递公司")))).getJsonObject("templateAdd")).getJsonObject("template");
        assertThat(shipped.getJsonArray("fields").stream().map(f -> f.asJsonObject().getString("key")).toList())
                .containsExactly("thing1", "thing2");
        assertThat(codes(add(admin, acc, "49212"))).as("a category template without keywords").containsExactly("TEMPLATE_KEYWORDS_REQUIRED");
        JsonObject booked = ok(admin.data(ADD, Map.of("i", Map.of("accountId", acc.id(), "shortId", "49212",
                "keywordNames", List.of("预约项目", "预约时间")))).getJsonObject("templateAdd")).getJsonObject("template");
        assertThat(codes(admin.data(ADD, Map.of("i", Map.of("accountId", acc.id(), "shortId", "45620",
                "keywordNames", List.of("快递单号")))).getJsonObject("templateAdd"))).containsExactly("TEMPLATE_OUTSIDE_SETUP");
        assertThat(codes(admin.data(ADD, Map.of("i", Map.of("accountId", acc.id(), "shortId", "43216", "keywordNames", List.of("不存在"))))
                .getJsonObject("templateAdd"))).containsExactly("TEMPLATE_KEYWORD_UNKNOWN");

        // replacing 307 by 411: the plan names the template WeChat will delete and the two changes it takes
        JsonObject plan = admin.data(PLAN, Map.of("a", acc.id(), "c", List.of("635", "411"))).getJsonObject("templateCategoryPlan");
        assertThat(plan.getJsonArray("problems")).isEmpty();
        assertThat(ids(plan.getJsonArray("added"))).containsExactly("411");
        assertThat(ids(plan.getJsonArray("removed"))).containsExactly("307");
        assertThat(ids(plan.getJsonArray("deletedTemplates"))).containsExactly(shipped.getString("id"));
        assertThat(plan.getInt("changesNeeded")).isEqualTo(2);

        JsonObject unconfirmed = setCategories(admin, acc, List.of("635", "411"), List.of());
        assertThat(codes(unconfirmed)).containsExactly("CATEGORY_CHANGE_UNCONFIRMED");
        assertThat(unconfirmed.getJsonArray("userErrors").getJsonObject(0).getString("message")).contains("订单发货通知");
        assertThat(wechatCategories(wechat)).as("nothing changed").containsExactly("307", "635");
        assertThat(wechat.templateIds()).contains(shipped.getString("templateId"));

        JsonObject changed = ok(setCategories(admin, acc, List.of("635", "411"), List.of(shipped.getString("id")))).getJsonObject("setup");
        assertThat(ids(changed.getJsonArray("categories"))).containsExactly("635", "411");
        assertThat(changed.getJsonObject("categoryChanges").getInt("remaining")).isEqualTo(2);
        assertThat(wechatCategories(wechat)).containsExactly("635", "411");
        assertThat(wechat.templateIds()).containsExactly(booked.getString("templateId"));
        JsonArray history = changes(admin, acc);
        assertThat(history.stream().map(c -> c.asJsonObject()).map(c -> "+" + ids(c.getJsonArray("added")) + "-" + ids(c.getJsonArray("removed")))
                .toList()).containsExactly("+[411]-[]", "+[]-[307]", "+[307, 635]-[]");
        assertThat(history.getJsonObject(1).getJsonArray("removed").getJsonObject(0).getString("name")).isEqualTo("电商平台");
        assertThat(history.getJsonObject(1).getJsonArray("removed").getJsonObject(0).getString("parentName")).isEqualTo("商业服务");
        assertThat(list(admin, acc).getJsonArray("edges").stream().map(e -> e.asJsonObject().getJsonObject("node").getString("id")).toList())
                .containsExactly(booked.getString("id"));

        // bad selections name the entry; three changes do not fit in the two left; nothing reaches WeChat
        JsonObject bad = setCategories(admin, acc, List.of("999", "635", "635"), List.of());
        assertThat(codesAt(bad))
                .containsExactly("CATEGORY_UNKNOWN@categoryIds.0", "CATEGORY_DUPLICATE@categoryIds.2");
        assertThat(codes(setCategories(admin, acc, List.of("307", "411", "635", "702", "845", "912"), List.of())))
                .containsExactly("CATEGORY_LIMIT_EXCEEDED");
        JsonObject tooMany = admin.data(PLAN, Map.of("a", acc.id(), "c", List.of("307"))).getJsonObject("templateCategoryPlan");
        assertThat(tooMany.getInt("changesNeeded")).isEqualTo(3);
        assertThat(tooMany.getJsonArray("deletedTemplates")).hasSize(1);
        assertThat(tooMany.getJsonObject("allowance").getInt("remaining")).isEqualTo(2);
        assertThat(tooMany.getJsonArray("problems").stream().map(e -> e.asJsonObject().getString("code")).toList())
                .containsExactly("CATEGORY_CHANGE_LIMIT_REACHED");
        assertThat(codes(setCategories(admin, acc, List.of("307"), List.of(booked.getString("id"))))).containsExactly("CATEGORY_CHANGE_LIMIT_REACHED");
        assertThat(wechatCategories(wechat)).containsExactly("635", "411");

        // changes made in WeChat's back office use up the month too: WeChat's 53300 gives the same code
        JsonObject mpAdmin = Json.createObjectBuilder().add("ids", Json.createArrayBuilder().add(635).add(411)).build();
        control().put("/_sandbox/accounts/" + acc.appId() + "/categories", mpAdmin);
        control().put("/_sandbox/accounts/" + acc.appId() + "/categories", mpAdmin);
        JsonObject byWeChat = setCategories(admin, acc, List.of("635", "411", "702"), List.of());
        assertThat(codes(byWeChat)).containsExactly("CATEGORY_CHANGE_LIMIT_REACHED");
        assertThat(byWeChat.getJsonArray("userErrors").getJsonObject(0).getString("message")).contains("WeChat refused");
        assertThat(wechatCategories(wechat)).containsExactly("635", "411");

        FanmailClient viewer = Users.signedIn(admin, base.toString(), "VIEWER");
        assertThat(viewer.data(PLAN, Map.of("a", acc.id(), "c", List.of("635"))).getJsonObject("templateCategoryPlan").getInt("changesNeeded"))
                .isEqualTo(1);
        assertThat(errorCode(viewer.graphql(CATEGORIES, Map.of("i", Map.of("accountId", acc.id(), "categoryIds", List.of("635"))))))
                .isEqualTo("FORBIDDEN");
        assertThat(errorCode(viewer.graphql(MODEL, Map.of("i", Map.of("accountId", acc.id(), "model", "INDUSTRY"))))).isEqualTo("FORBIDDEN");
    }

    @Test
    @OperateOnDeployment("fanmail")
    void theSandboxLibraryCanBePickedFromWithTheSetupsTemplatesFirst() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin, "SERVICE", true);
        ok(setIndustries(admin, acc, 1, 2));
        String query = "query($a: ID!) { templateLibrary(accountId: $a) { browsable entries { shortId title categoryId keywordNames "
                + "fields { key } inSetup } } }";
        JsonObject library = admin.data(query, Map.of("a", acc.id())).getJsonObject("templateLibrary");
        assertThat(library.getBoolean("browsable")).isTrue();
        List<JsonObject> entries = library.getJsonArray("entries").stream().map(JsonValue::asJsonObject).toList();
        JsonObject paid = entries.stream().filter(e -> e.getString("shortId").equals("TM00015")).findFirst().orElseThrow();
        assertThat(paid.getBoolean("inSetup")).as("TM00015 is an IT科技/互联网 template").isTrue();
        assertThat(paid.getJsonArray("fields").stream().map(f -> f.asJsonObject().getString("key")).toList()).contains("keyword1");
        JsonObject shipped = entries.stream().filter(e -> e.getString("shortId").equals("43216")).findFirst().orElseThrow();
        assertThat(shipped.getBoolean("inSetup")).as("a category template in the industry model").isFalse();
        assertThat(shipped.getString("categoryId")).isEqualTo("307");
        assertThat(shipped.getJsonArray("keywordNames").getString(0)).isEqualTo("商品名称");
        int firstOutside = entries.indexOf(entries.stream().filter(e -> !e.getBoolean("inSetup")).findFirst().orElseThrow());
        assertThat(entries.subList(0, firstOutside)).allMatch(e -> e.getBoolean("inSetup"));
        assertThat(entries.subList(firstOutside, entries.size())).noneMatch(e -> e.getBoolean("inSetup"));

        // an account of real WeChat cannot browse: WeChat has no such API
        Map<String, Object> input = Accounts.validInput();
        input.put("encryptionMode", "PLAIN");
        input.remove("encodingAesKey");
        input.put("apiTarget", "WECHAT");
        input.remove("apiBaseUrl"); // WeChat's default host, never called: browsing is the sandbox's
        String realId = Accounts.create(admin, input).getJsonObject("account").getString("id");
        JsonObject real = admin.data(query, Map.of("a", realId)).getJsonObject("templateLibrary");
        assertThat(real.getBoolean("browsable")).isFalse();
        assertThat(real.getJsonArray("entries")).isEmpty();
    }

    @Test
    @OperateOnDeployment("fanmail")
    void previewAndPresetsRefuseTypedValuesWeChatRefusesNamingTheField() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin, "SERVICE", true);
        ok(admin.data(MODEL, Map.of("i", Map.of("accountId", acc.id(), "model", "CATEGORY"))).getJsonObject("templateSetupModelSet"));
        new WeChat(acc).control.post("/_sandbox/accounts/" + acc.appId() + "/config",
                Json.createObjectBuilder().add("limits", Json.createObjectBuilder().add("categoryWrites", true)).build());
        ok(setCategories(admin, acc, List.of("411"), List.of()));
        JsonObject template = ok(admin.data(ADD, Map.of("i", Map.of("accountId", acc.id(), "shortId", "45620",
                "keywordNames", List.of("快递单号", "签收时间")))).getJsonObject("templateAdd")).getJsonObject("template");
        assertThat(template.getJsonArray("fields").stream().map(f -> f.asJsonObject().getString("key")).toList())
                .containsExactly("character_string1", "time2");
        String id = template.getString("id");
        String query = "query($t: ID!, $v: [TemplateValueInput!]!) { templatePreview(templateId: $t, values: $v) { lines { key value "
                + "truncated refused } refusals { field type reason limit message } userErrors { code field message } } }";

        String tooLong = "YT" + "9".repeat(31); // 33 characters: character_string takes 32, and is refused, not cut
        JsonObject refused = admin.data(query, Map.of("t", id, "v", List.of(Map.of("key", "character_string1", "value", tooLong),
                Map.of("key", "time2", "value", "明天下午")))).getJsonObject("templatePreview");
        assertThat(refused.getJsonArray("userErrors").stream().map(e -> e.asJsonObject().getString("code") + "@" + e.asJsonObject().getString("field")))
                .containsExactly("TEMPLATE_VALUE_REFUSED@character_string1", "TEMPLATE_VALUE_REFUSED@time2");
        assertThat(refused.getJsonArray("userErrors").getJsonObject(0).getString("message")).contains("character_string1").contains("32");
        assertThat(refused.getJsonArray("refusals").stream().map(r -> r.asJsonObject().getString("type") + ":" + r.asJsonObject().getString("reason")))
                .containsExactly("CHARACTER_STRING:TOO_LONG", "TIME:TIME_FORMAT");
        assertThat(refused.getJsonArray("refusals").getJsonObject(0).getInt("limit")).isEqualTo(32);
        JsonObject line = refused.getJsonArray("lines").getJsonObject(0);
        assertThat(line.getBoolean("refused")).isTrue();
        assertThat(line.getBoolean("truncated")).isFalse();
        assertThat(line.getString("value")).isEqualTo(tooLong);
        JsonObject chinese = admin.data(query, Map.of("t", id, "v", List.of(Map.of("key", "character_string1", "value", "单号123"),
                Map.of("key", "time2", "value", "17:45")))).getJsonObject("templatePreview");
        assertThat(chinese.getJsonArray("refusals").stream().map(r -> r.asJsonObject().getString("field") + ":" + r.asJsonObject().getString("reason")))
                .containsExactly("character_string1:CHARACTER_NOT_ALLOWED");

        JsonObject valid = admin.data(query, Map.of("t", id, "v", List.of(Map.of("key", "character_string1", "value", "YT" + "9".repeat(30)),
                Map.of("key", "time2", "value", "2024年6月18日 17:45")))).getJsonObject("templatePreview");
        assertThat(valid.getJsonArray("userErrors")).isEmpty();
        assertThat(valid.getJsonArray("refusals")).isEmpty();
        assertThat(valid.getJsonArray("lines").stream().map(l -> l.asJsonObject().getString("value")).toList())
                .containsExactly("YT" + "9".repeat(30), "2024年6月18日 17:45");
        assertThat(valid.getJsonArray("lines").stream().noneMatch(l -> l.asJsonObject().getBoolean("truncated") || l.asJsonObject().getBoolean("refused")))
                .isTrue();

        // a preset's fixed value is checked the same way: every send would be refused
        JsonObject badPreset = admin.data(PRESET, Map.of("i", Map.of("templateId", id, "mappings",
                List.of(Map.of("key", "time2", "source", "FIXED", "fixedValue", "3pm"))))).getJsonObject("templatePresetSave");
        assertThat(codesAt(badPreset)).containsExactly("TEMPLATE_VALUE_REFUSED@mappings.0.fixedValue");
        ok(admin.data(PRESET, Map.of("i", Map.of("templateId", id, "mappings",
                List.of(Map.of("key", "time2", "source", "FIXED", "fixedValue", "15:00"))))).getJsonObject("templatePresetSave"));
    }

    @Test
    @OperateOnDeployment("fanmail")
    void syncPicksUpTemplatesWeChatChangedInPlace() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin, "SERVICE", true);
        JsonObject added = ok(add(admin, acc, "TM00015")).getJsonObject("template");
        control().patch("/_sandbox/accounts/" + acc.appId() + "/templates/" + added.getString("templateId"),
                Json.createObjectBuilder().add("title", "订单支付成功(新)").add("content", "{{thing1.DATA}}\n金额:{{amount2.DATA}}").build());
        JsonObject synced = ok(sync(admin, acc));
        assertThat(List.of(synced.getInt("added"), synced.getInt("updated"), synced.getInt("removed"), synced.getInt("total")))
                .containsExactly(0, 1, 0, 1);
        JsonObject t = admin.data("query($id: ID!) { template(id: $id) { id title fields { key } } }", Map.of("id", added.getString("id")))
                .getJsonObject("template");
        assertThat(t.getString("title")).isEqualTo("订单支付成功(新)");
        assertThat(t.getJsonArray("fields").stream().map(f -> f.asJsonObject().getString("key")).toList()).containsExactly("thing1", "amount2");
    }

    // ------------------------------------------------------------------ helpers

    private static JsonObject setCategories(FanmailClient admin, Acc acc, List<String> ids, List<String> confirmed) {
        return admin.data(CATEGORIES, Map.of("i", Map.of("accountId", acc.id(), "categoryIds", ids, "confirmDeletedTemplateIds", confirmed)))
                .getJsonObject("templateCategoriesSet");
    }

    private static JsonArray changes(FanmailClient client, Acc acc) {
        return client.data("query($a: ID!) { templateSetupChanges(accountId: $a) { model changedAt changedBy primaryIndustry { id } "
                + "secondaryIndustry { id } added { id name } removed { id name parentName } } }", Map.of("a", acc.id())).getJsonArray("templateSetupChanges");
    }

    private static List<String> ids(JsonArray a) {
        return a.stream().map(v -> v.asJsonObject().getString("id")).toList();
    }

    private static List<String> wechatCategories(WeChat wechat) throws Exception {
        return wechat.call("wxaapi/newtmpl/getcategory", JsonObject.EMPTY_JSON_OBJECT).getJsonArray("data").stream()
                .map(c -> c.asJsonObject().get("id").toString()).toList();
    }

    private Acc account(FanmailClient admin, String type, boolean verified) throws InterruptedException {
        Map<String, Object> input = Accounts.validInput();
        input.put("encryptionMode", "PLAIN");
        input.remove("encodingAesKey");
        input.put("type", type);
        input.put("verified", verified);
        JsonObject created = Accounts.create(admin, input);
        assertThat(created.getJsonArray("userErrors")).as(created.toString()).isEmpty();
        Acc acc = new Acc(created.getJsonObject("account").getString("id"), (String) input.get("appId"), (String) input.get("appSecret"));
        SandboxPushesIT.awaitMirrored(control(), acc.appId());
        return acc;
    }

    private SandboxControlClient control() {
        return new SandboxControlClient(sandboxBase());
    }

    private String sandboxBase() {
        return base.toString().replaceAll("/$", "") + "/wechat-sandbox";
    }

    @Test
    @OperateOnDeployment("fanmail")
    void deletingTheAccountRemovesItsTemplateData() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin, "SERVICE", true);
        ok(add(admin, acc, "TM00015"));
        assertThat(list(admin, acc).getInt("totalCount")).isEqualTo(1);

        JsonObject deleted = admin.data(Accounts.DELETE, Map.of("i", Map.of("id", acc.id()))).getJsonObject("accountDelete");
        assertThat(deleted.getJsonArray("userErrors")).isEmpty();
        assertThat(admin.graphql(LIST, Map.of("a", acc.id())).toString()).as("the account is gone").contains("NOT_FOUND");
        long deadline = System.currentTimeMillis() + 10_000;
        while (templateRows(acc) > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(templateRows(acc)).as("template rows left for the deleted account").isZero();
    }

    private static long templateRows(Acc acc) throws Exception {
        try (var c = java.sql.DriverManager.getConnection(System.getProperty("fanmail.test.db.url"),
                System.getProperty("fanmail.test.db.user"), System.getProperty("fanmail.test.db.password"));
             var s = c.prepareStatement("select (select count(*) from templates.template where account_id = ?) "
                     + "+ (select count(*) from templates.template_setup where account_id = ?)")) {
            s.setObject(1, java.util.UUID.fromString(acc.id()));
            s.setObject(2, java.util.UUID.fromString(acc.id()));
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static JsonObject sync(FanmailClient admin, Acc acc) {
        return admin.data(SYNC, Map.of("i", Map.of("accountId", acc.id()))).getJsonObject("templateSync");
    }

    private static JsonObject add(FanmailClient admin, Acc acc, String shortId) {
        return admin.data(ADD, Map.of("i", Map.of("accountId", acc.id(), "shortId", shortId))).getJsonObject("templateAdd");
    }

    private static JsonObject setIndustries(FanmailClient admin, Acc acc, int primary, int secondary) {
        Map<String, Object> in = new HashMap<>();
        in.put("accountId", acc.id());
        in.put("primaryIndustryId", primary);
        in.put("secondaryIndustryId", secondary);
        return admin.data(INDUSTRIES, Map.of("i", in)).getJsonObject("templateIndustriesSet");
    }

    private static JsonObject list(FanmailClient admin, Acc acc) {
        return admin.data(LIST, Map.of("a", acc.id())).getJsonObject("templates");
    }

    private static JsonObject ok(JsonObject payload) {
        assertThat(payload.getJsonArray("userErrors")).as(payload.toString()).isEmpty();
        return payload;
    }

    /** The user errors as code@field. */
    private static List<String> codesAt(JsonObject payload) {
        return payload.getJsonArray("userErrors").stream().map(e -> e.asJsonObject().getString("code") + "@" + e.asJsonObject().getString("field"))
                .toList();
    }

    private static List<String> codes(JsonObject payload) {
        return payload.getJsonArray("userErrors").stream().map(e -> e.asJsonObject().getString("code")).toList();
    }

    private static String errorCode(JsonObject body) {
        assertThat(body.containsKey("errors")).as(body.toString()).isTrue();
        return body.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code");
    }

    /** Talks to the sandbox's WeChat API directly, as another admin of the account would in WeChat's own back office. */
    private final class WeChat {
        final SandboxControlClient control = control();
        private final Acc acc;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private String token;

        WeChat(Acc acc) {
            this.acc = acc;
        }

        JsonObject call(String path, JsonObject body) throws Exception {
            if (token == null) {
                token = post("cgi-bin/stable_token?appid=" + acc.appId(), Json.createObjectBuilder().add("grant_type", "client_credential")
                        .add("appid", acc.appId()).add("secret", acc.appSecret()).build()).getString("access_token");
            }
            JsonObject res = post(path + "?access_token=" + token, body);
            assertThat(res.getInt("errcode", 0)).as(res.toString()).isZero();
            return res;
        }

        List<String> templateIds() throws Exception {
            return call("cgi-bin/template/get_all_private_template", JsonObject.EMPTY_JSON_OBJECT).getJsonArray("template_list").stream()
                    .map(t -> t.asJsonObject().getString("template_id")).toList();
        }

        private JsonObject post(String path, JsonObject body) throws Exception {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(sandboxBase() + "/" + path))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            try (var r = Json.createReader(new StringReader(res.body()))) {
                return r.readObject();
            }
        }
    }
}
