package app.fanmail.sandbox.world;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The account-level fault switches: rules WeChat applies that depend on the account's console settings or on
 * WeChat's own judgement, each off (or at WeChat's default) until a test turns it on. See the README's "Fault
 * switches".
 *
 * @param ipWhitelist       null = no whitelist; else only these caller IPs may fetch tokens (40164)
 * @param ipConfirmation    token calls from an IP the admin has not approved need the admin's confirmation (89503)
 * @param blacklisted       openids the account has blacklisted (43019 on sends to them)
 * @param bannedTemplates   template ids WeChat has banned (43116 on template/send)
 * @param openidFreqCount   template sends to one openid allowed per {@code openidFreqSeconds} (0 = no limit; 43117)
 * @param massAgreement     whether the admin accepted the mass-send agreement (false: 48003 on mass sends)
 * @param contentMaxBytes   UTF-8 bytes allowed in a customer-service text (0 = no limit; 45002)
 * @param titleMaxBytes     UTF-8 bytes allowed in a customer-service news/music/video title (0 = no limit; 45003)
 * @param boundMiniPrograms null = any mini program; else appid → its page paths (empty = any page): a template's
 *                          {@code miniprogram.appid} not bound answers 40013, a {@code pagepath} not among the
 *                          pages 40165
 * @param dailyLimits       per-endpoint daily call limits replacing WeChat's defaults ({@link EndpointRules})
 * @param minuteLimits      per-endpoint per-minute call limits replacing WeChat's defaults
 */
public record Switches(List<String> ipWhitelist, boolean ipConfirmation, Set<String> blacklisted,
                       Set<String> bannedTemplates, int openidFreqCount, long openidFreqSeconds, boolean massAgreement,
                       int contentMaxBytes, int titleMaxBytes, Map<String, Set<String>> boundMiniPrograms,
                       Map<String, Long> dailyLimits, Map<String, Long> minuteLimits) {

    public static final Switches NONE = new Switches(null, false, Set.of(), Set.of(), 0, 0, true, 0, 0, null,
            Map.of(), Map.of());

    public Switches {
        ipWhitelist = ipWhitelist == null ? null : List.copyOf(ipWhitelist);
        blacklisted = Collections.unmodifiableSet(new TreeSet<>(blacklisted));
        bannedTemplates = Collections.unmodifiableSet(new TreeSet<>(bannedTemplates));
        boundMiniPrograms = boundMiniPrograms == null ? null : Collections.unmodifiableMap(new TreeMap<>(boundMiniPrograms));
        dailyLimits = Collections.unmodifiableMap(new TreeMap<>(dailyLimits));
        minuteLimits = Collections.unmodifiableMap(new TreeMap<>(minuteLimits));
    }

    /** {@code base} with the fields present in {@code o} replaced ({@code null} turns a list switch off). */
    static Switches merge(Switches base, JsonObject o) {
        int freqCount = base.openidFreqCount;
        long freqSeconds = base.openidFreqSeconds;
        JsonObject freq = J.obj(o, "openidFrequency");
        if (freq != null) {
            freqCount = (int) J.lng(freq, "count", 0);
            freqSeconds = J.lng(freq, "seconds", 60);
            if (freqCount < 0 || freqSeconds <= 0) {
                throw new ControlException(400, "openidFrequency: count >= 0 and seconds > 0");
            }
        } else if (o.containsKey("openidFrequency")) {
            freqCount = 0;
        }
        Switches s = new Switches(
                o.containsKey("ipWhitelist") ? nullableList(o, "ipWhitelist") : base.ipWhitelist,
                J.bool(o, "ipConfirmation", base.ipConfirmation),
                o.containsKey("blacklisted") ? set(o, "blacklisted") : base.blacklisted,
                o.containsKey("bannedTemplates") ? set(o, "bannedTemplates") : base.bannedTemplates,
                freqCount, freqSeconds,
                J.bool(o, "massAgreement", base.massAgreement),
                (int) J.lng(o, "contentMaxBytes", base.contentMaxBytes),
                (int) J.lng(o, "titleMaxBytes", base.titleMaxBytes),
                o.containsKey("boundMiniPrograms") ? miniPrograms(o) : base.boundMiniPrograms,
                o.containsKey("dailyLimits") ? limits(o, "dailyLimits") : base.dailyLimits,
                o.containsKey("minuteLimits") ? limits(o, "minuteLimits") : base.minuteLimits);
        if (s.contentMaxBytes < 0 || s.titleMaxBytes < 0) {
            throw new ControlException(400, "contentMaxBytes and titleMaxBytes are >= 0 (0 = no limit)");
        }
        return s;
    }

    private static Set<String> set(JsonObject o, String key) {
        return o.isNull(key) ? Set.of() : new TreeSet<>(J.strings(J.arr(o, key)));
    }

    private static Map<String, Set<String>> miniPrograms(JsonObject o) {
        if (o.isNull("boundMiniPrograms")) {
            return null;
        }
        JsonObject m = J.obj(o, "boundMiniPrograms");
        if (m == null) {
            throw new ControlException(400, "boundMiniPrograms: {appid: [page paths]} or null");
        }
        Map<String, Set<String>> out = new TreeMap<>();
        for (String appid : m.keySet()) {
            out.put(appid, Set.copyOf(J.strings(J.arr(m, appid))));
        }
        return out;
    }

    private static List<String> nullableList(JsonObject o, String key) {
        return o.isNull(key) ? null : J.strings(J.arr(o, key));
    }

    private static Map<String, Long> limits(JsonObject o, String key) {
        Map<String, Long> out = new TreeMap<>();
        JsonObject m = o.isNull(key) ? null : J.obj(o, key);
        if (m == null) {
            return out;
        }
        for (Map.Entry<String, JsonValue> e : m.entrySet()) {
            String path = ApiCall.normalize(e.getKey());
            long limit = J.lng(m, e.getKey(), -1);
            if (limit < 0) {
                throw new ControlException(400, key + ": limits are numbers >= 0");
            }
            out.put(path, limit);
        }
        return out;
    }

    JsonObject toJson() {
        JsonObjectBuilder b = Jsons.object();
        if (ipWhitelist == null) {
            b.addNull("ipWhitelist");
        } else {
            b.add("ipWhitelist", array(ipWhitelist));
        }
        b.add("ipConfirmation", ipConfirmation).add("blacklisted", array(blacklisted))
                .add("bannedTemplates", array(bannedTemplates))
                .add("openidFrequency", Jsons.object().add("count", openidFreqCount).add("seconds", openidFreqSeconds))
                .add("massAgreement", massAgreement).add("contentMaxBytes", contentMaxBytes)
                .add("titleMaxBytes", titleMaxBytes);
        if (boundMiniPrograms == null) {
            b.addNull("boundMiniPrograms");
        } else {
            JsonObjectBuilder mp = Jsons.object();
            boundMiniPrograms.forEach((appid, pages) -> mp.add(appid, array(new TreeSet<>(pages))));
            b.add("boundMiniPrograms", mp);
        }
        JsonObjectBuilder daily = Jsons.object();
        dailyLimits.forEach(daily::add);
        JsonObjectBuilder minute = Jsons.object();
        minuteLimits.forEach(minute::add);
        return b.add("dailyLimits", daily).add("minuteLimits", minute).build();
    }

    private static JsonArray array(Iterable<String> values) {
        JsonArrayBuilder a = Jsons.array();
        values.forEach(a::add);
        return a.build();
    }
}
