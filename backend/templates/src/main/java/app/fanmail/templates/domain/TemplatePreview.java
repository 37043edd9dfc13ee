package app.fanmail.templates.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;


/**
 * A template message as a fan's phone shows it, with warnings where that differs from the values
 * given. Under the {@linkplain DisplayRules#CURRENT current rules}:
 * <ul>
 * <li>one line per field in template order, {@code first} and {@code remark} left out;</li>
 * <li>typed values (category templates: {@code thing1}, {@code amount2}, {@code time3}…) are checked by WeChat's
 * rules for their type ({@link ValueRules}): a value that breaks them is a {@linkplain #refusals() refusal}
 * (WeChat answers 47003 and sends nothing), never cut;</li>
 * <li>emoji are removed and do not count; then each untyped value ({@code keywordN}) is cut to 20
 * characters, counting Unicode code points (a CJK character, a letter and a supplementary-plane character
 * such as 𠀀 all count one);</li>
 * <li>no colours.</li>
 * </ul>
 * Warnings come in template field order, then the unknown keys in alphabetical order. Blank and missing values
 * are warnings here (the form is being filled); a send refuses blank typed values.
 *
 * @param title     the template's title, shown above the lines
 * @param lines     the lines a fan sees
 * @param warnings  the differences between the values given and what is shown
 * @param refusals  the values WeChat refuses for their type, in template field order: with any, nothing is sent
 */
public record TemplatePreview(String title, List<PreviewLine> lines, List<PreviewWarning> warnings, List<PreviewRefusal> refusals) {

    public TemplatePreview {
        Objects.requireNonNull(title, "title");
        lines = List.copyOf(lines);
        warnings = List.copyOf(warnings);
        refusals = List.copyOf(refusals);
    }

    /** Renders under the current display rules. Null values and a null map count as missing. */
    public static TemplatePreview render(TemplateContent template, Map<String, String> values, String title,
                                         ValueRules valueRules) {
        return render(template, values, title, DisplayRules.CURRENT, valueRules);
    }

    public static TemplatePreview render(TemplateContent template, Map<String, String> values, String title,
                                         DisplayRules rules, ValueRules valueRules) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(valueRules, "valueRules");
        Map<String, String> given = values == null ? Map.of() : values;
        List<PreviewLine> lines = new ArrayList<>();
        List<PreviewWarning> warnings = new ArrayList<>();
        List<PreviewRefusal> refusals = new ArrayList<>();
        for (TemplateField field : template.fields()) {
            String key = field.key();
            String raw = given.get(key);
            if (field.legacy() && rules.hideLegacyFields()) {
                if (raw != null && !raw.isBlank()) {
                    warnings.add(PreviewWarning.of(PreviewWarningCode.LEGACY_FIELD_HIDDEN, key,
                            "'" + key + "' is not shown on phones since 2023-05-04; put the text in a visible field."));
                }
                continue;
            }
            if (raw == null) {
                warnings.add(PreviewWarning.of(PreviewWarningCode.VALUE_MISSING, key,
                        "No value for '" + key + "'; the line shows empty and WeChat may refuse the message."));
                lines.add(new PreviewLine(key, field.label(), "", false));
                continue;
            }
            boolean typed = valueRules.typed(key);
            if (typed && !raw.isBlank()) {
                ValueRules.Verdict verdict = valueRules.check(key, raw);
                if (verdict.refused()) {
                    refusals.add(PreviewRefusal.of(verdict));
                    lines.add(new PreviewLine(key, field.label(), raw, false, true));
                    continue;
                }
            }
            String value = raw;
            if (rules.stripEmoji()) {
                String stripped = Emoji.strip(raw);
                if (!stripped.equals(raw)) {
                    int before = length(raw);
                    int after = length(stripped);
                    warnings.add(new PreviewWarning(PreviewWarningCode.EMOJI_REMOVED, key,
                            "WeChat does not show emoji; " + (before - after) + " character(s) removed from '" + key + "'.",
                            before, after));
                    value = stripped;
                }
            }
            if (value.isBlank()) {
                warnings.add(PreviewWarning.of(PreviewWarningCode.VALUE_EMPTY, key,
                        "The value of '" + key + "' is empty; WeChat may refuse the message."));
                lines.add(new PreviewLine(key, field.label(), value, false));
                continue;
            }
            int length = length(value);
            boolean truncated = !typed && length > rules.maxValueLength();
            if (truncated) {
                value = value.substring(0, value.offsetByCodePoints(0, rules.maxValueLength()));
                warnings.add(new PreviewWarning(PreviewWarningCode.VALUE_TRUNCATED, key,
                        "'" + key + "' has " + length + " characters; phones show the first " + rules.maxValueLength() + ".",
                        length, rules.maxValueLength()));
            }
            lines.add(new PreviewLine(key, field.label(), value, truncated));
        }
        TreeSet<String> unknown = new TreeSet<>();
        for (String key : given.keySet()) {
            if (key != null && !template.hasField(key)) {
                unknown.add(key);
            }
        }
        for (String key : unknown) {
            warnings.add(PreviewWarning.of(PreviewWarningCode.UNKNOWN_KEY, key,
                    "The template has no field '" + key + "'; the value is not shown."));
        }
        return new TemplatePreview(title == null ? "" : title, lines, warnings, refusals);
    }

    /** Whether WeChat would send the message with these values (no value is refused for its type). */
    public boolean sendable() {
        return refusals.isEmpty();
    }

    public boolean hasWarnings() {
        return !warnings.isEmpty();
    }

    /** The warnings about one field key. */
    public List<PreviewWarning> warningsFor(String key) {
        return warnings.stream().filter(w -> w.field().equals(key)).toList();
    }

    /** The lines as a fan reads them, e.g. {@code 商品名称：iPhone}. */
    public List<String> texts() {
        return lines.stream().map(PreviewLine::text).toList();
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
