package app.fanmail.dispatch.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A template message for every recipient: the account's WeChat template id, each field key's value source, and an
 * optional link or mini program (WeChat opens the mini program when both are given). {@code sourceTemplateId} is
 * Fanmail's id of the template (templates module) and {@code title} its title: given the source id, dispatch fills
 * in the WeChat template id and the title itself.
 */
public record TemplateContent(String templateId, Map<String, FieldValue> fields, String url, String miniProgramAppId,
                              String miniProgramPagePath, java.util.UUID sourceTemplateId, String title) {
    public TemplateContent {
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Content naming the WeChat template id directly. */
    public TemplateContent(String templateId, Map<String, FieldValue> fields, String url, String miniProgramAppId, String miniProgramPagePath) {
        this(templateId, fields, url, miniProgramAppId, miniProgramPagePath, null, null);
    }

    /** The same content for the WeChat template {@code weChatTemplateId} titled {@code title}. */
    public TemplateContent resolved(String weChatTemplateId, String title) {
        return new TemplateContent(weChatTemplateId, fields, url, miniProgramAppId, miniProgramPagePath, sourceTemplateId, title);
    }
}
