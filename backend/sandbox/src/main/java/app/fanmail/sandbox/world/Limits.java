package app.fanmail.sandbox.world;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * The rules an account is held to; every number is configurable because WeChat's drift over time
 * (see wechat-api.md). Defaults are today's published values.
 *
 * @param categoryChangesMonthly service-category changes per calendar month (WeChat API and control API together)
 * @param massDailyQuota -1 = by account type (service 100, subscription 1)
 * @param materialsNewsAndImagesMax permanent library cap for news (drafts) and for images (image + thumb), each
 * @param materialsOtherMax         permanent library cap for each other type (voice, video)
 * @param previewDailyQuota mass previews a day (WeChat: 100; 45009 past it)
 * @param categoryWrites    whether wxopen/addcategory and deletecategory answer (null = the sandbox setting
 *                          {@code fanmail.sandbox.category-writes}, default false: 48001 as WeChat answers an
 *                          official account)
 */
public record Limits(long templateDailyQuota, int templatesMax, int categoryChangesMonthly, long massDailyQuota,
                     int massPerFanMonthly, int sendallPerMinute, long customDailyQuota, long tokenDailyQuota,
                     int stableForceRefreshPerDay, int stableForceRefreshIntervalSeconds, int tagsPerFan,
                     boolean implicitClientMsgId,
                     KefuRule kefuMessage, KefuRule kefuMenu, KefuRule kefuSubscribe, KefuRule kefuScan,
                     int materialsNewsAndImagesMax, int materialsOtherMax, long previewDailyQuota,
                     Boolean categoryWrites) {

    public static Limits defaults() {
        return new Limits(100_000, 25, 5, -1, 4, 60, 500_000, 2_000, 20, 30, 20, true,
                new KefuRule(5, 48 * 3600), new KefuRule(3, 60), new KefuRule(3, 60), new KefuRule(3, 60),
                5_000, 1_000, 100, null);
    }

    long massDailyQuota(AccountType type) {
        if (massDailyQuota >= 0) {
            return massDailyQuota;
        }
        return type == AccountType.SUBSCRIPTION ? 1 : 100;
    }

    /** These limits with the fields present in {@code o} replaced. */
    Limits with(JsonObject o) {
        if (o == null) {
            return this;
        }
        JsonObject kefu = J.obj(o, "kefu");
        return new Limits(
                J.lng(o, "templateDailyQuota", templateDailyQuota),
                (int) J.lng(o, "templatesMax", templatesMax),
                (int) J.lng(o, "categoryChangesMonthly", categoryChangesMonthly),
                J.lng(o, "massDailyQuota", massDailyQuota),
                (int) J.lng(o, "massPerFanMonthly", massPerFanMonthly),
                (int) J.lng(o, "sendallPerMinute", sendallPerMinute),
                J.lng(o, "customDailyQuota", customDailyQuota),
                J.lng(o, "tokenDailyQuota", tokenDailyQuota),
                (int) J.lng(o, "stableForceRefreshPerDay", stableForceRefreshPerDay),
                (int) J.lng(o, "stableForceRefreshIntervalSeconds", stableForceRefreshIntervalSeconds),
                (int) J.lng(o, "tagsPerFan", tagsPerFan),
                J.bool(o, "implicitClientMsgId", implicitClientMsgId),
                rule(kefu, "message", kefuMessage),
                rule(kefu, "menu", kefuMenu),
                rule(kefu, "subscribe", kefuSubscribe),
                rule(kefu, "scan", kefuScan),
                (int) J.lng(o, "materialsNewsAndImagesMax", materialsNewsAndImagesMax),
                (int) J.lng(o, "materialsOtherMax", materialsOtherMax),
                J.lng(o, "previewDailyQuota", previewDailyQuota),
                o.containsKey("categoryWrites") ? (Boolean) J.bool(o, "categoryWrites", false) : categoryWrites);
    }

    /** Whether the category write endpoints answer for this account, given the sandbox-wide default. */
    boolean categoryWrites(boolean sandboxDefault) {
        return categoryWrites == null ? sandboxDefault : categoryWrites;
    }

    private static KefuRule rule(JsonObject kefu, String key, KefuRule def) {
        JsonObject r = J.obj(kefu, key);
        if (r == null) {
            return def;
        }
        return new KefuRule((int) J.lng(r, "count", def.count()), J.lng(r, "seconds", def.seconds()));
    }

    JsonObject toJson(AccountType type) {
        JsonObjectBuilder kefu = Jsons.object()
                .add("message", rule(kefuMessage))
                .add("menu", rule(kefuMenu))
                .add("subscribe", rule(kefuSubscribe))
                .add("scan", rule(kefuScan));
        return Jsons.object()
                .add("templateDailyQuota", templateDailyQuota)
                .add("templatesMax", templatesMax)
                .add("categoryChangesMonthly", categoryChangesMonthly)
                .add("massDailyQuota", massDailyQuota(type))
                .add("massPerFanMonthly", massPerFanMonthly)
                .add("sendallPerMinute", sendallPerMinute)
                .add("customDailyQuota", customDailyQuota)
                .add("tokenDailyQuota", tokenDailyQuota)
                .add("stableForceRefreshPerDay", stableForceRefreshPerDay)
                .add("stableForceRefreshIntervalSeconds", stableForceRefreshIntervalSeconds)
                .add("tagsPerFan", tagsPerFan)
                .add("implicitClientMsgId", implicitClientMsgId)
                .add("kefu", kefu)
                .add("materialsNewsAndImagesMax", materialsNewsAndImagesMax)
                .add("materialsOtherMax", materialsOtherMax)
                .add("previewDailyQuota", previewDailyQuota)
                .add("categoryWrites", categoryWrites == null ? JsonValue.NULL
                        : categoryWrites ? JsonValue.TRUE : JsonValue.FALSE)
                .build();
    }

    private static JsonObjectBuilder rule(KefuRule r) {
        return Jsons.object().add("count", r.count()).add("seconds", r.seconds());
    }
}
