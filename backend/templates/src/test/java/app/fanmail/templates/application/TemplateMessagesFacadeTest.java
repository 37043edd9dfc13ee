package app.fanmail.templates.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.fanmail.templates.api.Fan;
import app.fanmail.templates.api.FilledValues;
import app.fanmail.templates.api.ValueRefusalReason;
import app.fanmail.templates.domain.ValueRules;
import app.fanmail.templates.infrastructure.WeChatValueRules;
import app.fanmail.wechat.domain.TemplateValueTable;
import app.fanmail.templates.api.SendableTemplate;
import app.fanmail.templates.domain.FieldMapping;
import app.fanmail.templates.domain.FieldPreset;
import app.fanmail.templates.domain.FieldSource;
import app.fanmail.templates.domain.TemplateLink;

class TemplateMessagesFacadeTest {
    private static final ValueRules RULES = new WeChatValueRules(new TemplateValueTable());
    private final StoredTemplate typed = new StoredTemplate(UUID.randomUUID(), UUID.randomUUID(), "wx-tpl-2", "Parcel signed", "", "",
            "单号：{{character_string1.DATA}}\n签收人：{{name2.DATA}}\n时间：{{time3.DATA}}\n备注：{{keyword4.DATA}}", "", Instant.EPOCH);
    private final StoredTemplate template = new StoredTemplate(UUID.randomUUID(), UUID.randomUUID(), "wx-tpl-1", "Order shipped", "", "",
            "{{first.DATA}}\n单号：{{keyword1.DATA}}\n客户：{{keyword2.DATA}}\n门店：{{keyword3.DATA}}\n{{remark.DATA}}", "", Instant.EPOCH);

    @Test
    void fillsEachFanFromThePresetThroughThePublicApi() {
        FieldPreset preset = FieldPreset.of(new FieldMapping("keyword2", FieldSource.REMARK, null, null),
                new FieldMapping("keyword3", FieldSource.CSV_COLUMN, null, "store"), new FieldMapping("keyword1", FieldSource.FIXED, "A-1", null));

        SendableTemplate s = TemplateMessagesFacade.sendable(template, preset, TemplateLink.ofUrl("https://example.com/o"), 3, RULES);

        assertThat(s.weChatTemplateId()).isEqualTo("wx-tpl-1");
        assertThat(s.fieldKeys()).containsExactly("first", "keyword1", "keyword2", "keyword3", "remark");
        assertThat(s.unmappedKeys()).isEmpty();
        assertThat(s.csvColumns()).containsExactly("store");
        assertThat(s.presetVersion()).isEqualTo(3);
        assertThat(s.link().url()).isEqualTo("https://example.com/o");
        assertThat(s.valuesFor(new Fan("o-1", "Ms Li", List.of(), Map.of("store", "Pudong"))).values())
                .containsExactly(Map.entry("keyword2", "Ms Li"), Map.entry("keyword3", "Pudong"), Map.entry("keyword1", "A-1"));
        assertThat(s.valuesFor(Fan.of("o-2")).values()).containsEntry("keyword2", "").doesNotContainKey("keyword3");
        // an empty keyword is refused by WeChat ("data.keyword2.value is empty"): counted as refused, not sent
        assertThat(s.valuesFor(Fan.of("o-2")).refused()).extracting(FilledValues.Refused::key, FilledValues.Refused::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("keyword2", ValueRefusalReason.EMPTY));
    }

    @Test
    void withoutAPresetEveryVisibleFieldIsLeftToTheSender() {
        SendableTemplate s = TemplateMessagesFacade.sendable(template, new FieldPreset(null), TemplateLink.none(), 0, RULES);

        assertThat(s.unmappedKeys()).containsExactly("keyword1", "keyword2", "keyword3");
        assertThat(s.valuesFor(Fan.of("o-1")).values()).isEmpty();
        assertThat(s.valuesFor(Fan.of("o-1")).sendable()).isTrue();
        assertThat(s.link().url()).isNull();
    }

    @Test
    void typedValuesThatBreakTheirTypeAreRefusedAndCountedApartFromCuts() {
        FieldPreset preset = FieldPreset.of(new FieldMapping("character_string1", FieldSource.CSV_COLUMN, null, "order"),
                new FieldMapping("name2", FieldSource.REMARK, null, null), new FieldMapping("keyword4", FieldSource.FIXED,
                        "一二三四五六七八九十一二三四五六七八九十一二", null));
        SendableTemplate s = TemplateMessagesFacade.sendable(typed, preset, TemplateLink.none(), 1, RULES);
        assertThat(s.unmappedKeys()).containsExactly("time3");

        FilledValues good = s.valuesFor(new Fan("o-1", "李明", List.of(), Map.of("order", "SF1234567890")));
        assertThat(good.sendable()).isTrue();
        assertThat(good.values()).containsEntry("character_string1", "SF1234567890").containsEntry("name2", "李明");
        assertThat(good.cutOnPhone()).extracting(FilledValues.Cut::key, FilledValues.Cut::length, FilledValues.Cut::shown)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("keyword4", 22, 20));

        // the value goes out as given: refused, never cut
        FilledValues bad = s.valuesFor(new Fan("o-2", "李明2号", List.of(), Map.of("order", "单号SF1")));
        assertThat(bad.sendable()).isFalse();
        assertThat(bad.refused()).extracting(FilledValues.Refused::key, FilledValues.Refused::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("character_string1", ValueRefusalReason.CHARACTER_NOT_ALLOWED),
                        org.assertj.core.groups.Tuple.tuple("name2", ValueRefusalReason.NAME_FORMAT));
        assertThat(bad.values()).containsEntry("character_string1", "单号SF1");
        assertThat(bad.cutOnPhone()).extracting(FilledValues.Cut::key).containsExactly("keyword4");
    }

    @Test
    void theWholeMessageChecksTheSendersValuesAndRefusesAMissingTypedOne() {
        FieldPreset preset = FieldPreset.of(new FieldMapping("character_string1", FieldSource.FIXED, "A-1", null),
                new FieldMapping("name2", FieldSource.FIXED, "Li", null));
        SendableTemplate s = TemplateMessagesFacade.sendable(typed, preset, TemplateLink.none(), 1, RULES);

        FilledValues missing = s.valuesFor(Fan.of("o-1"), Map.of());
        assertThat(missing.refused()).extracting(FilledValues.Refused::key, FilledValues.Refused::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("time3", ValueRefusalReason.EMPTY),
                        org.assertj.core.groups.Tuple.tuple("keyword4", ValueRefusalReason.EMPTY));
        FilledValues given = s.valuesFor(Fan.of("o-1"), Map.of("time3", "25:00", "keyword4", "ok", "name2", "overridden?"));
        assertThat(given.values()).containsEntry("name2", "Li").containsEntry("time3", "25:00").containsEntry("keyword4", "ok");
        assertThat(given.refused()).extracting(FilledValues.Refused::key, FilledValues.Refused::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("time3", ValueRefusalReason.TIME_FORMAT));
        assertThat(s.valuesFor(Fan.of("o-1"), Map.of("time3", "09:00~18:00", "keyword4", "x")).sendable()).isTrue();
    }
}
