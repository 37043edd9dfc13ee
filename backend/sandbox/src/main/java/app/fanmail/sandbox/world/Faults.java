package app.fanmail.sandbox.world;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Injected failures for one account.
 *
 * @param errorRate       share of calls answered {@code -1 system error} (not executed)
 * @param http5xxRate     share answered HTTP 503 (not executed)
 * @param timeoutRate     share that hang for {@code hangMs} before answering
 * @param timeoutApplies  whether a hung call still takes effect (the dangerous case for retries)
 * @param quotaExhausted  "template", "mass", "custom": those sends fail with their quota error
 * @param apis            path fragments the rates and latency apply to (e.g. "template/send"); empty = all
 */
public record Faults(long latencyMs, long latencyJitterMs, double errorRate, double http5xxRate, double timeoutRate,
                     long hangMs, boolean timeoutApplies, Set<String> quotaExhausted, List<String> apis) {

    public static final Faults NONE = new Faults(0, 0, 0, 0, 0, 30_000, true, Set.of(), List.of());

    static Faults fromJson(JsonObject o) {
        Set<String> quota = new TreeSet<>();
        for (String q : J.strings(J.arr(o, "quotaExhausted"))) {
            quota.add(q.toLowerCase(Locale.ROOT));
        }
        return new Faults(J.lng(o, "latencyMs", 0), J.lng(o, "latencyJitterMs", 0), rate(o, "errorRate"),
                rate(o, "http5xxRate"), rate(o, "timeoutRate"), J.lng(o, "hangMs", 30_000),
                J.bool(o, "timeoutApplies", true), Set.copyOf(quota), List.copyOf(J.strings(J.arr(o, "apis"))));
    }

    private static double rate(JsonObject o, String key) {
        double r = J.dbl(o, key, 0);
        if (r < 0 || r > 1) {
            throw new ControlException(400, key + " must be between 0 and 1");
        }
        return r;
    }

    boolean appliesTo(String path) {
        if (apis.isEmpty()) {
            return true;
        }
        for (String api : apis) {
            if (path.endsWith(api) || path.contains(api)) {
                return true;
            }
        }
        return false;
    }

    boolean quotaExhausted(String kind) {
        return quotaExhausted.contains(kind);
    }

    JsonObject toJson() {
        JsonArrayBuilder q = Jsons.array();
        quotaExhausted.forEach(q::add);
        JsonArrayBuilder a = Jsons.array();
        apis.forEach(a::add);
        return Jsons.object()
                .add("latencyMs", latencyMs).add("latencyJitterMs", latencyJitterMs)
                .add("errorRate", errorRate).add("http5xxRate", http5xxRate).add("timeoutRate", timeoutRate)
                .add("hangMs", hangMs).add("timeoutApplies", timeoutApplies)
                .add("quotaExhausted", q).add("apis", a).build();
    }
}
