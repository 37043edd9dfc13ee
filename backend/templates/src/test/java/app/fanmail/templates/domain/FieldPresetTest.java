package app.fanmail.templates.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.fanmail.kernel.graphql.UserError;

class FieldPresetTest {
    private static final TemplateContent TEMPLATE = TemplateContent.parse("""
            {{first.DATA}}
            会员：{{name1.DATA}}
            标签：{{thing2.DATA}}
            订单号：{{character_string3.DATA}}
            门店：{{thing4.DATA}}
            {{remark.DATA}}""");

    @Test
    void aFittingPresetHasNoProblems() {
        FieldPreset preset = FieldPreset.of(
                FieldMapping.attribute("name1", FieldSource.REMARK),
                FieldMapping.attribute("thing2", FieldSource.TAG_NAME),
                FieldMapping.csvColumn("character_string3", " 订单号 "),
                FieldMapping.fixed("thing4", "南京西路店"),
                FieldMapping.fixed("remark", "感谢惠顾"));
        assertThat(preset.problemsAgainst(TEMPLATE)).isEmpty();
        assertThat(preset.mappingFor("character_string3")).get().extracting(FieldMapping::csvColumn).isEqualTo("订单号");
        assertThat(preset.unmappedKeys(TEMPLATE)).isEmpty();
        assertThat(preset.csvColumns()).containsExactly("订单号");
    }

    @Test
    void anEmptyPresetFitsAndLeavesEveryVisibleFieldUnmapped() {
        FieldPreset preset = new FieldPreset(null);
        assertThat(preset.mappings()).isEmpty();
        assertThat(preset.problemsAgainst(TEMPLATE)).isEmpty();
        assertThat(preset.unmappedKeys(TEMPLATE)).containsExactly("name1", "thing2", "character_string3", "thing4");
    }

    @Test
    void unknownKeysAreErrorsOnTheirMapping() {
        FieldPreset preset = FieldPreset.of(
                FieldMapping.fixed("thing4", "店"),
                FieldMapping.fixed("keyword1", "x"),
                FieldMapping.attribute("Name1", FieldSource.OPENID));
        assertThat(preset.problemsAgainst(TEMPLATE)).extracting(UserError::code, UserError::field).containsExactly(
                tuple("PRESET_FIELD_UNKNOWN", "mappings.1.key"),
                tuple("PRESET_FIELD_UNKNOWN", "mappings.2.key"));
        assertThat(preset.problemsAgainst(TEMPLATE).get(0).message()).contains("keyword1").contains("name1, thing2");
    }

    @Test
    void aFieldMappedTwiceIsAnErrorOnTheSecondMapping() {
        FieldPreset preset = FieldPreset.of(
                FieldMapping.fixed("thing4", "店"),
                FieldMapping.csvColumn("name1", "姓名"),
                FieldMapping.csvColumn("thing4", "门店"),
                FieldMapping.attribute("thing4", FieldSource.OPENID));
        assertThat(preset.problemsAgainst(TEMPLATE)).extracting(UserError::code, UserError::field).containsExactly(
                tuple("PRESET_FIELD_DUPLICATE", "mappings.2.key"),
                tuple("PRESET_FIELD_DUPLICATE", "mappings.3.key"));
    }

    @Test
    void twoFieldsMayReadTheSameColumnOrAttribute() {
        FieldPreset preset = FieldPreset.of(
                FieldMapping.csvColumn("name1", "姓名"), FieldMapping.csvColumn("thing2", "姓名"),
                FieldMapping.attribute("thing4", FieldSource.REMARK), FieldMapping.attribute("character_string3", FieldSource.REMARK));
        assertThat(preset.problemsAgainst(TEMPLATE)).isEmpty();
        assertThat(preset.csvColumns()).containsExactly("姓名");
    }

    @Test
    void csvColumnAndFixedValueMustNotBeBlank() {
        FieldPreset preset = FieldPreset.of(
                FieldMapping.csvColumn("name1", "   "),
                FieldMapping.csvColumn("thing2", null),
                FieldMapping.fixed("thing4", " "),
                FieldMapping.fixed("character_string3", null));
        assertThat(preset.problemsAgainst(TEMPLATE)).extracting(UserError::code, UserError::field).containsExactly(
                tuple("PRESET_CSV_COLUMN_REQUIRED", "mappings.0.csvColumn"),
                tuple("PRESET_CSV_COLUMN_REQUIRED", "mappings.1.csvColumn"),
                tuple("PRESET_FIXED_VALUE_REQUIRED", "mappings.2.fixedValue"),
                tuple("PRESET_FIXED_VALUE_REQUIRED", "mappings.3.fixedValue"));
    }

    @Test
    void keyAndSourceAreRequired() {
        FieldPreset preset = FieldPreset.of(new FieldMapping(" ", FieldSource.OPENID, null, null),
                new FieldMapping("name1", null, "x", "y"), new FieldMapping(null, FieldSource.REMARK, null, null));
        assertThat(preset.problemsAgainst(TEMPLATE)).extracting(UserError::code, UserError::field).containsExactly(
                tuple("PRESET_FIELD_REQUIRED", "mappings.0.key"),
                tuple("PRESET_SOURCE_REQUIRED", "mappings.1.source"),
                tuple("PRESET_FIELD_REQUIRED", "mappings.2.key"));
    }

    @Test
    void everyProblemOfAMappingIsReported() {
        FieldPreset preset = FieldPreset.of(FieldMapping.csvColumn("nope", ""));
        assertThat(preset.problemsAgainst(TEMPLATE)).extracting(UserError::code)
                .containsExactly("PRESET_FIELD_UNKNOWN", "PRESET_CSV_COLUMN_REQUIRED");
    }

    @Test
    void mappingKeepsOnlyWhatItsSourceUses() {
        assertThat(new FieldMapping(" k ", FieldSource.OPENID, "fixed", "col"))
                .isEqualTo(new FieldMapping("k", FieldSource.OPENID, null, null));
        assertThat(new FieldMapping("k", FieldSource.FIXED, " 保留空格 ", "col").fixedValue()).isEqualTo(" 保留空格 ");
        assertThat(new FieldMapping("k", FieldSource.FIXED, "v", "col").csvColumn()).isNull();
        assertThat(new FieldMapping("k", FieldSource.CSV_COLUMN, "v", " c ").fixedValue()).isNull();
    }

    @Test
    void attributeFactoryRefusesFixedAndCsv() {
        assertThatThrownBy(() -> FieldMapping.attribute("k", FieldSource.FIXED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldMapping.attribute("k", FieldSource.CSV_COLUMN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullMappingsAreRefused() {
        assertThatThrownBy(() -> new FieldPreset(Arrays.asList(FieldMapping.fixed("a", "b"), null)))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void valuesForAFan() {
        FieldPreset preset = FieldPreset.of(
                FieldMapping.attribute("name1", FieldSource.REMARK),
                FieldMapping.attribute("thing2", FieldSource.TAG_NAME),
                FieldMapping.csvColumn("character_string3", "订单号"),
                FieldMapping.fixed("thing4", "南京西路店"),
                FieldMapping.attribute("thing4", FieldSource.OPENID),
                FieldMapping.attribute("remark", FieldSource.OPENID));
        FanFacts fan = new FanFacts("oFan1", "王女士", List.of("VIP", "上海"), Map.of("订单号", "SO-2026-0001"));
        assertThat(preset.valuesFor(fan)).containsExactly(
                Map.entry("name1", "王女士"),
                Map.entry("thing2", "VIP、上海"),
                Map.entry("character_string3", "SO-2026-0001"),
                Map.entry("thing4", "南京西路店"),
                Map.entry("remark", "oFan1"));
    }

    @Test
    void valuesForAFanWithoutRemarkTagsOrCsvRow() {
        FieldPreset preset = FieldPreset.of(
                FieldMapping.attribute("name1", FieldSource.REMARK),
                FieldMapping.attribute("thing2", FieldSource.TAG_NAME),
                FieldMapping.csvColumn("character_string3", "订单号"),
                FieldMapping.csvColumn("thing4", ""));
        Map<String, String> values = preset.valuesFor(FanFacts.of("oFan2"));
        assertThat(values).containsExactly(Map.entry("name1", ""), Map.entry("thing2", ""));
        TemplatePreview p = TemplatePreview.render(TEMPLATE, values, "t", new app.fanmail.templates.infrastructure.WeChatValueRules(new app.fanmail.wechat.domain.TemplateValueTable()));
        assertThat(p.warnings()).extracting(PreviewWarning::code, PreviewWarning::field).containsExactly(
                tuple(PreviewWarningCode.VALUE_EMPTY, "name1"),
                tuple(PreviewWarningCode.VALUE_EMPTY, "thing2"),
                tuple(PreviewWarningCode.VALUE_MISSING, "character_string3"),
                tuple(PreviewWarningCode.VALUE_MISSING, "thing4"));
    }

    @Test
    void fanFactsNeedAnOpenid() {
        assertThatThrownBy(() -> new FanFacts(null, null, null, null)).isInstanceOf(NullPointerException.class);
        FanFacts fan = new FanFacts("o", null, null, null);
        assertThat(fan.tagNames()).isEmpty();
        assertThat(fan.csvRow()).isEmpty();
    }

    @Test
    void fieldPathNamesTheMapping() {
        assertThat(FieldPreset.fieldPath(3, "csvColumn")).isEqualTo("mappings.3.csvColumn");
    }
}
