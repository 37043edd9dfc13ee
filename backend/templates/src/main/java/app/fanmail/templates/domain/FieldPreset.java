package app.fanmail.templates.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import app.fanmail.kernel.graphql.UserError;

/**
 * A saved way of filling a template: for some of its fields, where the value comes from. Fields
 * without a mapping are filled when sending. A preset is checked against the template's parsed
 * content ({@link #problemsAgainst}); errors name the mapping by position, e.g.
 * {@code mappings.2.csvColumn}, so a form can show them next to the right input.
 *
 * <p>Rules: every mapping names a field the template has (legacy {@code first}/{@code remark}
 * included: mapping them is harmless, the preview warns they are hidden); a field is mapped at
 * most once; FIXED needs a non-blank text; CSV_COLUMN needs a non-blank column name. Two fields may
 * read the same column or attribute.
 */
public record FieldPreset(List<FieldMapping> mappings) {
    /** The input field that holds the mappings. */
    public static final String FIELD = "mappings";

    /** Null mappings are refused; a null list is empty. */
    public FieldPreset {
        mappings = mappings == null ? List.of() : List.copyOf(mappings);
    }

    public static FieldPreset of(FieldMapping... mappings) {
        return new FieldPreset(List.of(mappings));
    }

    /** The input field path of one mapping's property, e.g. {@code mappings.2.key}. */
    public static String fieldPath(int index, String property) {
        return FIELD + "." + index + "." + property;
    }

    /** Every problem at once; empty when the preset fits the template. */
    public List<UserError> problemsAgainst(TemplateContent template) {
        List<UserError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < mappings.size(); i++) {
            FieldMapping m = mappings.get(i);
            if (m.key() == null || m.key().isEmpty()) {
                errors.add(UserError.of("PRESET_FIELD_REQUIRED", fieldPath(i, "key"), "Choose the template field to fill."));
            } else if (!template.hasField(m.key())) {
                errors.add(UserError.of("PRESET_FIELD_UNKNOWN", fieldPath(i, "key"),
                        "The template has no field '" + m.key() + "'. Its fields: " + String.join(", ", template.keys()) + "."));
            } else if (!seen.add(m.key())) {
                errors.add(UserError.of("PRESET_FIELD_DUPLICATE", fieldPath(i, "key"),
                        "'" + m.key() + "' is already mapped; a field takes its value from one place."));
            }
            if (m.source() == null) {
                errors.add(UserError.of("PRESET_SOURCE_REQUIRED", fieldPath(i, "source"),
                        "Choose where the value comes from."));
            } else if (m.source() == FieldSource.FIXED && (m.fixedValue() == null || m.fixedValue().isBlank())) {
                errors.add(UserError.of("PRESET_FIXED_VALUE_REQUIRED", fieldPath(i, "fixedValue"),
                        "Give the fixed text, or remove the mapping to fill the field when sending."));
            } else if (m.source() == FieldSource.CSV_COLUMN && (m.csvColumn() == null || m.csvColumn().isEmpty())) {
                errors.add(UserError.of("PRESET_CSV_COLUMN_REQUIRED", fieldPath(i, "csvColumn"),
                        "Give the name of the CSV column (its header)."));
            }
        }
        return errors;
    }

    /** The first mapping of a field. */
    public Optional<FieldMapping> mappingFor(String key) {
        return mappings.stream().filter(m -> key.equals(m.key())).findFirst();
    }

    /** The template's visible fields (not first/remark) that this preset leaves to be filled when sending. */
    public List<String> unmappedKeys(TemplateContent template) {
        return template.visibleFields().stream().map(TemplateField::key)
                .filter(k -> mappingFor(k).isEmpty()).toList();
    }

    /** The CSV columns the preset reads, in order, each once. */
    public List<String> csvColumns() {
        return mappings.stream().filter(m -> m.csvColumn() != null && !m.csvColumn().isEmpty())
                .map(FieldMapping::csvColumn).distinct().toList();
    }

    /**
     * The values for one recipient, by field key, in mapping order (the first mapping of a key
     * wins). REMARK without a remark and TAG_NAME without tags give an empty text (the preview
     * warns VALUE_EMPTY); TAG_NAME joins several names with {@code 、}; a CSV column missing from
     * the row gives no value (the preview warns VALUE_MISSING). Values are not cut or cleaned: that
     * is what the preview shows.
     */
    public Map<String, String> valuesFor(FanFacts fan) {
        Map<String, String> values = new LinkedHashMap<>();
        for (FieldMapping m : mappings) {
            if (m.key() == null || m.source() == null || values.containsKey(m.key())) {
                continue;
            }
            String value = switch (m.source()) {
                case FIXED -> m.fixedValue();
                case REMARK -> fan.remark() == null ? "" : fan.remark();
                case TAG_NAME -> String.join("、", fan.tagNames());
                case OPENID -> fan.openid();
                case CSV_COLUMN -> m.csvColumn() == null ? null : fan.csvRow().get(m.csvColumn());
            };
            if (value != null) {
                values.put(m.key(), value);
            }
        }
        return values;
    }
}
