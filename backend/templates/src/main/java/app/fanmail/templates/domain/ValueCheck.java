package app.fanmail.templates.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.fanmail.templates.api.FilledValues;
import app.fanmail.templates.domain.ValueRules.Outcome;
import app.fanmail.templates.domain.ValueRules.Verdict;

/** Checks a message's values by WeChat's rules ({@link ValueRules}) into a {@link FilledValues}. */
public final class ValueCheck {
    private ValueCheck() {
    }

    /**
     * @param template     the template's content
     * @param values       field key → value, in the order they are sent
     * @param wholeMessage whether these are all the message's values: then a visible typed field without one is
     *                     refused (WeChat: "data.&lt;key&gt;.value is empty")
     * @param rules        WeChat's rules
     */
    public static FilledValues check(TemplateContent template, Map<String, String> values, boolean wholeMessage, ValueRules rules) {
        Map<String, String> sent = new LinkedHashMap<>(values);
        List<FilledValues.Refused> refused = new ArrayList<>();
        List<FilledValues.Cut> cut = new ArrayList<>();
        for (Map.Entry<String, String> e : sent.entrySet()) {
            record(rules.check(e.getKey(), e.getValue()), e.getValue(), refused, cut);
        }
        if (wholeMessage) {
            for (TemplateField field : template.fields()) {
                if (!field.legacy() && !sent.containsKey(field.key())) {
                    record(rules.check(field.key(), null), null, refused, cut);
                }
            }
        }
        return new FilledValues(sent, refused, cut);
    }

    private static void record(Verdict v, String value, List<FilledValues.Refused> refused, List<FilledValues.Cut> cut) {
        if (v.outcome() == Outcome.REFUSED) {
            refused.add(new FilledValues.Refused(v.key(), v.reason(), v.limit(), v.message()));
        } else if (v.outcome() == Outcome.CUT_FOR_DISPLAY) {
            cut.add(new FilledValues.Cut(v.key(), value.codePointCount(0, value.length()), v.limit()));
        }
    }
}
