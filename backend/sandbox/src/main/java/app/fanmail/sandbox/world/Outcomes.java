package app.fanmail.sandbox.world;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * How deliveries end for one account.
 *
 * @param templateUserBlockRate  share of template messages ending {@code failed:user block}
 * @param templateSystemFailRate share ending {@code failed: system failed}
 * @param massErrorRate          share of mass recipients counted in ErrorCount
 * @param pushDelayMs            delay between accepting a send and its delivery/finish push
 */
public record Outcomes(double templateUserBlockRate, double templateSystemFailRate, double massErrorRate,
                       long pushDelayMs) {

    public static final Outcomes DEFAULT = new Outcomes(0, 0, 0, 0);

    static Outcomes fromJson(JsonObject o, Outcomes base) {
        Outcomes r = new Outcomes(J.dbl(o, "templateUserBlockRate", base.templateUserBlockRate),
                J.dbl(o, "templateSystemFailRate", base.templateSystemFailRate),
                J.dbl(o, "massErrorRate", base.massErrorRate),
                J.lng(o, "pushDelayMs", base.pushDelayMs));
        if (r.templateUserBlockRate < 0 || r.templateSystemFailRate < 0 || r.massErrorRate < 0
                || r.templateUserBlockRate + r.templateSystemFailRate > 1 || r.massErrorRate > 1
                || r.pushDelayMs < 0) {
            throw new ControlException(400, "rates must be within 0..1 (template rates together too), delay >= 0");
        }
        return r;
    }

    JsonObject toJson() {
        return Json.createObjectBuilder()
                .add("templateUserBlockRate", templateUserBlockRate)
                .add("templateSystemFailRate", templateSystemFailRate)
                .add("massErrorRate", massErrorRate)
                .add("pushDelayMs", pushDelayMs).build();
    }
}
