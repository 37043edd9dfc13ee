package app.fanmail.sandbox.world;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Industry, template library, private templates, blocked-message query and template/send. */
final class TemplatesApi {

    private TemplatesApi() {
    }

    // ------------------------------------------------------------ industry (old model)

    static JsonObject getIndustry(Account acc, ApiCall call) {
        synchronized (acc) {
            TemplateStore t = acc.templates;
            return Jsons.object().add("primary_industry", industry(t.primaryIndustry))
                    .add("secondary_industry", industry(t.secondaryIndustry)).build();
        }
    }

    private static JsonObjectBuilder industry(int id) {
        return Jsons.object().add("first_class", id == 0 ? "" : Industries.firstClass(id))
                .add("second_class", id == 0 ? "" : Industries.secondClass(id));
    }

    /** Two industries, changeable once per calendar month (China time): 43100 on the second change. */
    static JsonObject setIndustry(World world, Account acc, ApiCall call) {
        JsonObject body = call.requireJson();
        long id1 = J.lng(body, "industry_id1", -1);
        long id2 = J.lng(body, "industry_id2", -1);
        if (!Industries.valid((int) id1) || !Industries.valid((int) id2) || id1 != (int) id1 || id2 != (int) id2) {
            throw Err.invalidIndustryId();
        }
        YearMonth month = world.clock().month();
        synchronized (acc) {
            TemplateStore t = acc.templates;
            if (month.equals(t.industryChangedIn)) {
                throw Err.industryChangedTooOften();
            }
            t.primaryIndustry = (int) id1;
            t.secondaryIndustry = (int) id2;
            t.industryChangedIn = month;
        }
        return WeChatApi.ok();
    }

    // ------------------------------------------------------------ private templates

    static JsonObject addTemplate(World world, Account acc, ApiCall call) {
        JsonObject body = call.requireJson();
        TemplateLibrary.Entry entry = TemplateLibrary.find(J.str(body, "template_id_short"));
        if (entry == null) {
            throw Err.invalidTemplateId();
        }
        List<TemplateLibrary.Keyword> chosen = new ArrayList<>(entry.keywords());
        List<String> names = J.strings(J.arr(body, "keyword_name_list"));
        if (entry.categoryId() != null) {
            // WeChat: "If the keyword is empty or is not in the template library, a 40246 error code will be returned"
            if (names.isEmpty()) {
                throw Err.of(40246, "invalid keyword_name_list: empty");
            }
            chosen.clear();
            for (String name : names) {
                TemplateLibrary.Keyword k = entry.keywords().stream().filter(kw -> kw.name().equals(name)).findFirst()
                        .orElseThrow(() -> Err.invalidKeywordName(name));
                if (!chosen.contains(k)) {
                    chosen.add(k);
                }
            }
        }
        synchronized (acc) {
            TemplateStore t = acc.templates;
            if (t.templates.size() >= acc.limits().templatesMax()) {
                throw Err.templateLimit();
            }
            if (entry.categoryId() != null && !t.categories.isEmpty() && !t.categories.contains(entry.categoryId())) {
                throw Err.templateConflictsWithIndustry();
            }
            String content = entry.content(chosen);
            String id = world.ids().b64url(43);
            t.templates.put(id, new TemplateStore.PrivateTemplate(id, entry.shortId(), entry.title(),
                    entry.primaryIndustry(), entry.deputyIndustry(), entry.categoryId(), content, entry.example(chosen),
                    TemplateStore.keysOf(content)));
            return Jsons.object().add("errcode", 0).add("errmsg", "ok").add("template_id", id).build();
        }
    }

    static JsonObject listTemplates(Account acc, ApiCall call) {
        synchronized (acc) {
            JsonArrayBuilder list = Jsons.array();
            for (TemplateStore.PrivateTemplate t : acc.templates.templates.values()) {
                list.add(Jsons.object().add("template_id", t.templateId()).add("title", t.title())
                        .add("primary_industry", t.primaryIndustry()).add("deputy_industry", t.deputyIndustry())
                        .add("content", t.content()).add("example", t.example()));
            }
            return Jsons.object().add("template_list", list).build();
        }
    }

    static JsonObject deleteTemplate(Account acc, ApiCall call) {
        String id = J.str(call.requireJson(), "template_id");
        synchronized (acc) {
            if (id == null || acc.templates.templates.remove(id) == null) {
                throw Err.invalidTemplateId();
            }
        }
        return WeChatApi.ok();
    }

    /** A few simulated intercepted messages per template (deterministic), paged by id. */
    static JsonObject queryBlocked(World world, Account acc, ApiCall call) {
        JsonObject body = call.requireJson();
        String id = J.str(body, "tmpl_msg_id");
        long largest = J.lng(body, "largest_id", 0);
        int limit = (int) Math.max(1, Math.min(100, J.lng(body, "limit", 100)));
        synchronized (acc) {
            TemplateStore.PrivateTemplate t = id == null ? null : acc.templates.templates.get(id);
            if (t == null) {
                throw Err.invalidTemplateId();
            }
            long h = OpenIdCodec.mix(OpenIdCodec.fnv(t.templateId()));
            int blocked = 2 + (int) Math.floorMod(h, 3L);
            JsonArrayBuilder list = Jsons.array();
            int n = 0;
            for (int i = 1; i <= blocked && n < limit; i++) {
                if (i <= largest) {
                    continue;
                }
                int fan = acc.fans.size() == 0 ? (int) Math.floorMod(h + i, 1000L)
                        : (int) Math.floorMod(h + i, (long) acc.fans.size());
                list.add(Jsons.object().add("id", i).add("tmpl_msg_id", t.templateId())
                        .add("title", t.title())
                        .add("content", t.example().replace('\n', ' '))
                        .add("send_timestamp", world.clock().seconds() - 3600L * i)
                        .add("openid", acc.fans.openid(fan)));
                n++;
            }
            return Jsons.object().add("errcode", 0).add("errmsg", "ok").add("msginfo", list).build();
        }
    }

    // ------------------------------------------------------------ send

    static JsonObject send(World world, Account acc, ApiCall call) {
        JsonObject body = call.requireJson();
        requireVerifiedService(acc);
        String openid = J.str(body, "touser");
        String templateId = J.str(body, "template_id");
        String clientMsgId = J.str(body, "client_msg_id");
        if (clientMsgId != null && clientMsgId.isEmpty()) {
            clientMsgId = null;
        }
        long now = world.clock().millis();
        Ledger.Entry entry;
        long msgId;
        int fan;
        synchronized (acc) {
            fan = acc.fans.require(openid);
            TemplateStore store = acc.templates;
            TemplateStore.PrivateTemplate t = templateId == null ? null : store.templates.get(templateId);
            if (t == null) {
                throw Err.invalidTemplateId();
            }
            if (clientMsgId != null) {
                TemplateStore.Sent earlier = store.recentClientMsgId(fan, clientMsgId, now);
                if (earlier != null) {
                    return sent(earlier.msgId());
                }
            }
            if (!acc.fans.isSubscribed(fan)) {
                throw Err.requireSubscribe();
            }
            String summary = validateData(t, J.obj(body, "data"));
            if (acc.faults.quotaExhausted("template")
                    || !store.daily.tryAcquire(acc.limits().templateDailyQuota(), world.clock().today())) {
                throw Err.dailyQuota();
            }
            msgId = world.ids().templateMsgId();
            entry = acc.ledger.add(now, Ledger.Kind.TEMPLATE, fan, null, msgId, clientMsgId, t.templateId(),
                    summary + link(body), "accepted");
            entry.via = call.host();
            if (clientMsgId != null) {
                store.rememberClientMsgId(fan, clientMsgId, msgId, now);
            }
        }
        String to = openid;
        world.laterAsync(acc.outcomes.pushDelayMs(), () -> finish(world, acc, entry, fan, to, msgId), () -> {
            synchronized (acc) {
                acc.ledger.setStatus(entry, "dropped");
            }
        });
        return sent(msgId);
    }

    /** Template messages (and the category model) are for verified service accounts only: 48001 otherwise. */
    static void requireVerifiedService(Account acc) {
        AccountConfig cfg = acc.config();
        if (cfg.type() != AccountType.SERVICE || !cfg.verified()) {
            throw Err.apiUnauthorized();
        }
    }

    private static JsonObject sent(long msgId) {
        return Jsons.object().add("errcode", 0).add("errmsg", "ok").add("msgid", msgId).build();
    }

    private static String link(JsonObject body) {
        JsonObject mp = J.obj(body, "miniprogram");
        if (mp != null && J.str(mp, "appid") != null) {
            return " → miniprogram " + J.str(mp, "appid") + ":" + (J.str(mp, "pagepath") == null ? "" : J.str(mp, "pagepath"));
        }
        String url = J.str(body, "url");
        return url == null || url.isEmpty() ? "" : " → " + J.cut(url, 80);
    }

    /**
     * Every placeholder except first/remark needs a non-empty value; keys the template does not have are refused.
     * Typed values ({@code thing1}, {@code amount2}, …) must obey their type ({@link TemplateValueRules}) or get 47003;
     * legacy values (first, remark, keywordN) are accepted at any length and cut to 20 characters, as WeChat shows
     * them since 2023-05.
     */
    static String validateData(TemplateStore.PrivateTemplate t, JsonObject data) {
        JsonObject d = data == null ? J.EMPTY : data;
        StringBuilder summary = new StringBuilder();
        for (String key : t.keys()) {
            JsonValue v = d.get(key);
            String value = null;
            if (v != null && v.getValueType() == JsonValue.ValueType.OBJECT) {
                value = J.str(v.asJsonObject(), "value");
            } else if (v != null && v.getValueType() != JsonValue.ValueType.NULL) {
                throw Err.argumentInvalid(key, false);
            }
            if (t.required(key)) {
                if (v == null || value == null) {
                    throw Err.argumentInvalid(key, false);
                }
                if (value.isBlank()) {
                    throw Err.argumentInvalid(key, true);
                }
            }
            if (value != null && !value.isEmpty()) {
                if (!TemplateValueRules.accepts(key, value)) {
                    throw Err.argumentInvalid(key, false);
                }
                if (summary.length() > 0) {
                    summary.append("; ");
                }
                summary.append(key).append('=').append(TemplateValueRules.legacy(key) ? J.cut(value, 20) : value);
            }
        }
        for (Map.Entry<String, JsonValue> e : d.entrySet()) {
            if (!t.hasKey(e.getKey())) {
                throw Err.argumentInvalid(e.getKey(), false);
            }
        }
        return summary.toString();
    }

    private static CompletionStage<?> finish(World world, Account acc, Ledger.Entry entry, int fan, String openid,
                                             long msgId) {
        String status;
        synchronized (acc) {
            double r = acc.random.nextDouble();
            status = acc.fans.isRefusing(fan) ? "failed:user block" : acc.outcomes.templateStatus(r);
            acc.ledger.setStatus(entry, status);
        }
        if (acc.config().target().hasUrl()) {
            AccountConfig cfg = acc.config();
            String xml = new Xml().text("ToUserName", cfg.originalId()).text("FromUserName", openid)
                    .num("CreateTime", world.clock().seconds()).text("MsgType", "event")
                    .text("Event", "TEMPLATESENDJOBFINISH").num("MsgID", msgId).text("Status", status).build();
            return world.pushAsync(acc, "TEMPLATESENDJOBFINISH", openid, xml);
        }
        return CompletableFuture.completedFuture(null);
    }

    // ------------------------------------------------------------ quotas

    static JsonObject clearQuota(World world, Account acc, ApiCall call) {
        String appid = call.param("appid");
        if (appid == null || !appid.equals(acc.appId())) {
            throw Err.invalidAppid();
        }
        YearMonth month = world.clock().month();
        synchronized (acc) {
            if (!month.equals(acc.clearQuotaMonth)) {
                acc.clearQuotaMonth = month;
                acc.clearQuotaCount = 0;
            }
            if (acc.clearQuotaCount >= 10) {
                throw Err.of(48006, "forbid to clear quota because of reaching the limit");
            }
            acc.clearQuotaCount++;
            acc.templates.daily.clear();
            acc.mass.daily.clear();
            acc.mass.previewDaily.clear();
            acc.customDaily.clear();
            acc.tokenDaily.clear();
        }
        return WeChatApi.ok();
    }

    static JsonObject quotaGet(World world, Account acc, ApiCall call) {
        String path = ApiCall.normalize(call.param("cgi_path"));
        var today = world.clock().today();
        long limit;
        long used;
        synchronized (acc) {
            Limits l = acc.limits();
            switch (path) {
                case "cgi-bin/message/template/send" -> {
                    limit = l.templateDailyQuota();
                    used = acc.templates.daily.used(today);
                }
                case "cgi-bin/message/mass/sendall", "cgi-bin/message/mass/send" -> {
                    limit = l.massDailyQuota(acc.config().type());
                    used = acc.mass.daily.used(today);
                }
                case "cgi-bin/message/mass/preview" -> {
                    limit = l.previewDailyQuota();
                    used = acc.mass.previewDaily.used(today);
                }
                case "cgi-bin/message/custom/send" -> {
                    limit = l.customDailyQuota();
                    used = acc.customDaily.used(today);
                }
                case "cgi-bin/token" -> {
                    limit = l.tokenDailyQuota();
                    used = acc.tokenDaily.used(today);
                }
                default -> throw Err.of(76021, "cgi_path not found, please check");
            }
        }
        return Jsons.object().add("errcode", 0).add("errmsg", "ok")
                .add("quota", Jsons.object().add("daily_limit", limit).add("used", used)
                        .add("remain", Math.max(0, limit - used))).build();
    }
}
