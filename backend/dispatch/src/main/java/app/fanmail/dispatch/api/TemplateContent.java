package app.fanmail.dispatch.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A template message for every recipient: the account's WeChat template id, each field key's value source, and an
 * optional link or mini program (WeChat opens the mini program when both are given).
 */
public record TemplateContent(String templateId, Map<String, FieldValue> fields, String url, String miniProgramAppId,
                              String miniProgramPagePath) {
    public TemplateContent {
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
