package app.fanmail.dispatch.infrastructure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.fanmail.dispatch.api.DispatchPlan;
import app.fanmail.kernel.json.JsonFactories;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/** A plan as stored in {@code dispatch.job.plan} (jsonb); an empty object or an older shape reads as no plan. */
final class PlanJson {
    private PlanJson() {
    }

    static String write(DispatchPlan p) {
        JsonArrayBuilder excluded = JsonFactories.array(); // an array: jsonb does not keep the keys' order
        p.excluded().forEach((reason, count) -> excluded.add(JsonFactories.object().add("reason", reason).add("count", count)));
        JsonArrayBuilder warnings = JsonFactories.array();
        for (DispatchPlan.Warning w : p.warnings()) {
            JsonObjectBuilder o = JsonFactories.object().add("code", w.code()).add("count", w.count()).add("message", w.message());
            if (w.field() != null) {
                o.add("field", w.field());
            }
            warnings.add(o);
        }
        JsonArrayBuilder sample = JsonFactories.array();
        for (DispatchPlan.Sample s : p.sample()) {
            JsonObjectBuilder values = JsonFactories.object();
            s.values().forEach(values::add);
            JsonObjectBuilder o = JsonFactories.object().add("openid", s.openid()).add("values", values);
            if (s.remark() != null) {
                o.add("remark", s.remark());
            }
            sample.add(o);
        }
        DispatchPlan.Quota q = p.quota();
        return JsonFactories.object().add("version", 3).add("audienceSize", p.audienceSize()).add("reachable", p.reachable())
                .add("excluded", excluded)
                .add("quota", JsonFactories.object().add("limit", q.limit()).add("usedByWeChat", q.usedByWeChat())
                        .add("usedByFanmail", q.usedByFanmail()).add("remaining", q.remaining()).add("resetsAt", q.resetsAt().toString()))
                .add("sendToday", p.sendToday()).add("sendAfterReset", p.sendAfterReset()).add("warnings", warnings).add("sample", sample)
                .build().toString();
    }

    static DispatchPlan read(String json) {
        if (json == null) {
            return null;
        }
        JsonObject o = JsonFactories.readObject(json);
        if (o.getInt("version", 0) != 3) {
            return null;
        }
        Map<String, Long> excluded = new LinkedHashMap<>();
        for (JsonValue v : o.getJsonArray("excluded")) {
            excluded.put(v.asJsonObject().getString("reason"), v.asJsonObject().getJsonNumber("count").longValue());
        }
        JsonObject q = o.getJsonObject("quota");
        List<DispatchPlan.Warning> warnings = new ArrayList<>();
        for (JsonValue v : o.getJsonArray("warnings")) {
            JsonObject w = v.asJsonObject();
            warnings.add(new DispatchPlan.Warning(w.getString("code"), w.getString("field", null), w.getJsonNumber("count").longValue(),
                    w.getString("message")));
        }
        List<DispatchPlan.Sample> sample = new ArrayList<>();
        for (JsonValue v : o.getJsonArray("sample")) {
            JsonObject s = v.asJsonObject();
            Map<String, String> values = new LinkedHashMap<>();
            s.getJsonObject("values").forEach((k, x) -> values.put(k, ((jakarta.json.JsonString) x).getString()));
            sample.add(new DispatchPlan.Sample(s.getString("openid"), s.getString("remark", null), values));
        }
        return new DispatchPlan(o.getJsonNumber("audienceSize").longValue(), o.getJsonNumber("reachable").longValue(), excluded,
                new DispatchPlan.Quota(q.getJsonNumber("limit").longValue(), q.getJsonNumber("usedByWeChat").longValue(),
                        q.getJsonNumber("usedByFanmail").longValue(), q.getJsonNumber("remaining").longValue(), Instant.parse(q.getString("resetsAt"))),
                o.getJsonNumber("sendToday").longValue(), o.getJsonNumber("sendAfterReset").longValue(), warnings, sample);
    }
}
