package app.fanmail.templates.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.fanmail.templates.api.Fan;
import app.fanmail.templates.api.SendableTemplate;
import app.fanmail.templates.domain.FieldMapping;
import app.fanmail.templates.domain.FieldPreset;
import app.fanmail.templates.domain.FieldSource;
import app.fanmail.templates.domain.TemplateLink;

class TemplateMessagesFacadeTest {
    private final StoredTemplate template = new StoredTemplate(UUID.randomUUID(), UUID.randomUUID(), "wx-tpl-1", "Order shipped", "", "",
            "{{first.DATA}}\n单号：{{keyword1.DATA}}\n客户：{{keyword2.DATA}}\n门店：{{keyword3.DATA}}\n{{remark.DATA}}", "", Instant.EPOCH);

    @Test
    void fillsEachFanFromThePresetThroughThePublicApi() {
        FieldPreset preset = FieldPreset.of(new FieldMapping("keyword2", FieldSource.REMARK, null, null),
                new FieldMapping("keyword3", FieldSource.CSV_COLUMN, null, "store"), new FieldMapping("keyword1", FieldSource.FIXED, "A-1", null));

        SendableTemplate s = TemplateMessagesFacade.sendable(template, preset, TemplateLink.ofUrl("https://example.com/o"), 3);

        assertThat(s.weChatTemplateId()).isEqualTo("wx-tpl-1");
        assertThat(s.fieldKeys()).containsExactly("first", "keyword1", "keyword2", "keyword3", "remark");
        assertThat(s.unmappedKeys()).isEmpty();
        assertThat(s.csvColumns()).containsExactly("store");
        assertThat(s.presetVersion()).isEqualTo(3);
        assertThat(s.link().url()).isEqualTo("https://example.com/o");
        assertThat(s.valuesFor(new Fan("o-1", "Ms Li", List.of(), Map.of("store", "Pudong"))))
                .containsExactly(Map.entry("keyword2", "Ms Li"), Map.entry("keyword3", "Pudong"), Map.entry("keyword1", "A-1"));
        assertThat(s.valuesFor(Fan.of("o-2"))).containsEntry("keyword2", "").doesNotContainKey("keyword3");
    }

    @Test
    void withoutAPresetEveryVisibleFieldIsLeftToTheSender() {
        SendableTemplate s = TemplateMessagesFacade.sendable(template, new FieldPreset(null), TemplateLink.none(), 0);

        assertThat(s.unmappedKeys()).containsExactly("keyword1", "keyword2", "keyword3");
        assertThat(s.valuesFor(Fan.of("o-1"))).isEmpty();
        assertThat(s.link().url()).isNull();
    }
}
