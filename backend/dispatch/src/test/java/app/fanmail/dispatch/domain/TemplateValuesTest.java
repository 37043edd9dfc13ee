package app.fanmail.dispatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.fanmail.dispatch.api.FieldValue;

class TemplateValuesTest {
    @Test
    void eachSourceGivesItsValue() {
        Map<String, FieldValue> fields = new LinkedHashMap<>();
        fields.put("first", FieldValue.fixed("您好"));
        fields.put("keyword1", FieldValue.of(FieldValue.Source.FAN_REMARK));
        fields.put("keyword2", FieldValue.of(FieldValue.Source.TAG_NAMES));
        fields.put("keyword3", FieldValue.of(FieldValue.Source.OPENID));
        fields.put("keyword4", FieldValue.csvColumn("amount"));
        TemplateValues.Rendered r = TemplateValues.render(fields, "oA", "老王", List.of("VIP", "新客"), Map.of("amount", "12.50"));
        assertThat(r.missingField()).isNull();
        assertThat(r.values()).containsExactly(Map.entry("first", "您好"), Map.entry("keyword1", "老王"), Map.entry("keyword2", "VIP、新客"),
                Map.entry("keyword3", "oA"), Map.entry("keyword4", "12.50"));
    }

    @Test
    void anEmptyRemarkIsEmptyButAMissingCsvValueIsMissing() {
        assertThat(TemplateValues.render(Map.of("k", FieldValue.of(FieldValue.Source.FAN_REMARK)), "oA", null, List.of(), Map.of()).values())
                .containsEntry("k", "");
        assertThat(TemplateValues.render(Map.of("k", FieldValue.csvColumn("amount")), "oA", null, List.of(), Map.of("amount", " ")).missingField())
                .isEqualTo("k");
        assertThat(TemplateValues.render(Map.of("k", FieldValue.csvColumn("amount")), "oA", null, List.of(), Map.of()).missingField()).isEqualTo("k");
    }
}
