package app.fanmail.templates.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.fanmail.templates.application.StoredTemplate;

/** A template names its industry as WeChat does (Chinese); the API adds the catalogue's entry for the English UI. */
class TemplateIndustryTest {

    private static StoredTemplate stored(String primary, String deputy) {
        return new StoredTemplate(UUID.randomUUID(), UUID.randomUUID(), "tpl", "订单发货通知", primary, deputy,
                "{{thing1.DATA}}", "", Instant.EPOCH);
    }

    @Test
    void anIndustryTemplateCarriesTheCatalogueIndustryWithEnglishNames() {
        TemplateTypes.Template template = TemplateTypes.Template.of(stored("IT科技", "互联网|电子商务"));

        assertThat(template.industry()).isNotNull();
        assertThat(template.industry().id()).isEqualTo(1);
        assertThat(template.industry().firstClassEn()).isNotBlank().doesNotContain("科技");
        assertThat(template.industry().secondClassEn()).isNotBlank();
        assertThat(template.primaryIndustry()).isEqualTo("IT科技");
    }

    @Test
    void aCategoryTemplateOrAnUnknownNameHasNoCatalogueIndustry() {
        assertThat(TemplateTypes.Template.of(stored("电商平台", "商业服务")).industry()).isNull();
        assertThat(TemplateTypes.Template.of(stored("", "")).industry()).isNull();
    }
}
