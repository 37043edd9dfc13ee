package app.fanmail.sandbox.world;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How deliveries end for one account.
 *
 * @param templateUserBlockRate  share of template messages ending {@code failed:user block}
 * @param templateSystemFailRate share ending {@code failed: system failed}
 * @param massErrorRate          share of mass recipients counted in ErrorCount
 * @param pushDelayMs            delay between accepting a send and its delivery/finish push
 * @param templateStatuses       further TEMPLATESENDJOBFINISH status texts with their share, kept verbatim (e.g.
 *                               {@code failed:freq limit}); all template shares together at most 1
 * @param suppressedPushes       push kinds not sent at all (e.g. {@code TEMPLATESENDJOBFINISH},
 *                               {@code MASSSENDJOBFINISH}), to test a receiver's polling fallback; the send itself
 *                               still completes and the push log records {@code SUPPRESSED}
 * @param massCheckState         the originality check of mpnews mass sends: 1 not judged a reprint; 2 judged a
 *                               reprint that may be sent (sent only with {@code send_ignore_reprint=1}, else
 *                               {@code err(30003)}); 3 judged a reprint that may not be sent ({@code err(30002)})
 * @param massAuditError         0, or the audit code a mass job fails with: MASSSENDJOBFINISH {@code Status} is
 *                               {@code err(<code>)} (e.g. 10001 ad, 20001 politics, 20002 porn, 21000 other) and
 *                               nobody receives it
 * @param massFinishDelaySeconds seconds of the sandbox clock between a mass send and its finish (0 = at once, after
 *                               {@code pushDelayMs}); the job stays SENDING until the clock is moved past it
 * @param massCountSkew          share (0..0.05) by which MASSSENDJOBFINISH under-reports {@code SentCount}, so that
 *                               SentCount + ErrorCount may fall short of FilterCount as WeChat's counts do
 */
public record Outcomes(double templateUserBlockRate, double templateSystemFailRate, double massErrorRate,
                       long pushDelayMs, Map<String, Double> templateStatuses, Set<String> suppressedPushes,
                       int massCheckState, int massAuditError, long massFinishDelaySeconds, double massCountSkew) {

    public static final Outcomes DEFAULT = new Outcomes(0, 0, 0, 0, Map.of(), Set.of(), 1, 0, 0, 0);

    public Outcomes {
        templateStatuses = Collections.unmodifiableMap(new LinkedHashMap<>(templateStatuses));
        suppressedPushes = Collections.unmodifiableSet(new TreeSet<>(suppressedPushes));
    }

    static Outcomes fromJson(JsonObject o, Outcomes base) {
        Map<String, Double> statuses = base.templateStatuses;
        JsonObject s = J.obj(o, "templateStatuses");
        if (s != null) {
            statuses = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> e : s.entrySet()) {
                String text = e.getKey();
                if (text.isBlank() || text.length() > 64 || text.equals("success")) {
                    throw new ControlException(400, "templateStatuses: status text must be 1..64 characters and not 'success'");
                }
                statuses.put(text, J.dbl(s, text, 0));
            }
        } else if (o.containsKey("templateStatuses") && o.isNull("templateStatuses")) {
            statuses = Map.of();
        }
        Set<String> suppressed = base.suppressedPushes;
        JsonArray p = J.arr(o, "suppressedPushes");
        if (p != null) {
            suppressed = new TreeSet<>();
            for (String kind : J.strings(p)) {
                if (kind == null || kind.isBlank()) {
                    throw new ControlException(400, "suppressedPushes: kinds must not be blank");
                }
                suppressed.add(kind.trim());
            }
        }
        Outcomes r = new Outcomes(J.dbl(o, "templateUserBlockRate", base.templateUserBlockRate),
                J.dbl(o, "templateSystemFailRate", base.templateSystemFailRate),
                J.dbl(o, "massErrorRate", base.massErrorRate),
                J.lng(o, "pushDelayMs", base.pushDelayMs), statuses, suppressed,
                (int) J.lng(o, "massCheckState", base.massCheckState),
                (int) J.lng(o, "massAuditError", base.massAuditError),
                J.lng(o, "massFinishDelaySeconds", base.massFinishDelaySeconds),
                J.dbl(o, "massCountSkew", base.massCountSkew));
        double extra = 0;
        for (double share : r.templateStatuses.values()) {
            if (share < 0 || share > 1) {
                throw new ControlException(400, "templateStatuses: each share must be within 0..1");
            }
            extra += share;
        }
        if (r.templateUserBlockRate < 0 || r.templateSystemFailRate < 0 || r.massErrorRate < 0
                || r.templateUserBlockRate + r.templateSystemFailRate + extra > 1 + 1e-9 || r.massErrorRate > 1
                || r.pushDelayMs < 0) {
            throw new ControlException(400, "rates must be within 0..1 (template rates together too), delay >= 0");
        }
        if (r.massAuditError < 0 || r.massFinishDelaySeconds < 0 || r.massCountSkew < 0 || r.massCountSkew > 0.05) {
            throw new ControlException(400, "massAuditError >= 0, massFinishDelaySeconds >= 0, massCountSkew within 0..0.05");
        }
        if (r.massCheckState < 1 || r.massCheckState > 3) {
            throw new ControlException(400, "massCheckState must be 1, 2 or 3");
        }
        return r;
    }

    /** The TEMPLATESENDJOBFINISH status for a draw {@code r} in [0, 1) (user block and refusing fans aside). */
    String templateStatus(double r) {
        if (r < templateUserBlockRate) {
            return "failed:user block";
        }
        double upTo = templateUserBlockRate + templateSystemFailRate;
        if (r < upTo) {
            return "failed: system failed";
        }
        for (Map.Entry<String, Double> e : templateStatuses.entrySet()) {
            upTo += e.getValue();
            if (r < upTo) {
                return e.getKey();
            }
        }
        return "success";
    }

    boolean suppressed(String pushKind) {
        return suppressedPushes.contains(pushKind);
    }

    JsonObject toJson() {
        JsonObjectBuilder statuses = Jsons.object();
        templateStatuses.forEach(statuses::add);
        JsonArrayBuilder suppressed = Jsons.array();
        suppressedPushes.forEach(suppressed::add);
        return Jsons.object()
                .add("templateUserBlockRate", templateUserBlockRate)
                .add("templateSystemFailRate", templateSystemFailRate)
                .add("templateStatuses", statuses)
                .add("massErrorRate", massErrorRate)
                .add("massCheckState", massCheckState)
                .add("massAuditError", massAuditError)
                .add("massFinishDelaySeconds", massFinishDelaySeconds)
                .add("massCountSkew", massCountSkew)
                .add("pushDelayMs", pushDelayMs)
                .add("suppressedPushes", suppressed).build();
    }
}
