package app.fanmail.templates.application;

import java.time.Instant;
import java.util.UUID;

import app.fanmail.templates.domain.TemplateContent;

/** A template of an account's library as last synced from WeChat. */
public record StoredTemplate(UUID id, UUID accountId, String templateId, String title, String primaryIndustry,
                             String deputyIndustry, String content, String example, Instant syncedAt) {
    public TemplateContent parsed() {
        return TemplateContent.parse(content);
    }
}
