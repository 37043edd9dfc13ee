package app.fanmail.dispatch.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.fanmail.dispatch.api.FieldValue;

/** Renders one recipient's template values from the field sources; a mapped CSV column without a value is missing. */
public final class TemplateValues {
    /** The values by field key, or the first field whose CSV value is missing (then {@code values} is empty). */
    public record Rendered(Map<String, String> values, String missingField) {
    }

    private TemplateValues() {
    }

    public static Rendered render(Map<String, FieldValue> fields, String openid, String remark, List<String> tagNames, Map<String, String> csvRow) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, FieldValue> f : fields.entrySet()) {
            FieldValue v = f.getValue();
            String value = switch (v.source()) {
                case FIXED -> v.text() == null ? "" : v.text();
                case FAN_REMARK -> remark == null ? "" : remark;
                case TAG_NAMES -> tagNames == null ? "" : String.join("、", tagNames);
                case OPENID -> openid;
                case CSV_COLUMN -> csvRow == null ? null : csvRow.get(v.column());
            };
            if (value == null || (v.source() == FieldValue.Source.CSV_COLUMN && value.isBlank())) {
                return new Rendered(Map.of(), f.getKey());
            }
            values.put(f.getKey(), value);
        }
        return new Rendered(values, null);
    }
}
