package app.fanmail.templates.application;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.templates.api.Fan;
import app.fanmail.templates.api.FilledValues;
import app.fanmail.templates.api.SendableTemplate;
import app.fanmail.templates.api.TemplateMessages;
import app.fanmail.templates.domain.FanFacts;
import app.fanmail.templates.domain.FieldPreset;
import app.fanmail.templates.domain.TemplateContent;
import app.fanmail.templates.domain.TemplateLink;
import app.fanmail.templates.domain.ValueCheck;
import app.fanmail.templates.domain.ValueRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** {@link TemplateMessages} over the stored library and presets: one read, then filling is pure. */
@ApplicationScoped
public class TemplateMessagesFacade implements TemplateMessages {
    @Inject
    TemplateRepository store;
    @Inject
    ValueRules rules;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SendableTemplate> sendable(UUID templateId) {
        if (templateId == null) {
            return Optional.empty();
        }
        return store.find(templateId).map(t -> {
            Optional<StoredPreset> saved = store.preset(t.id());
            return sendable(t, saved.map(StoredPreset::preset).orElse(new FieldPreset(null)),
                    saved.map(StoredPreset::link).orElse(TemplateLink.none()), saved.map(StoredPreset::version).orElse(0L), rules);
        });
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<FilledValues> check(UUID templateId, Map<String, String> values) {
        if (templateId == null) {
            return Optional.empty();
        }
        return store.find(templateId).map(t -> ValueCheck.check(t.parsed(), values == null ? Map.of() : values, true, rules));
    }

    static SendableTemplate sendable(StoredTemplate t, FieldPreset preset, TemplateLink link, long version, ValueRules rules) {
        TemplateContent content = t.parsed();
        List<String> open = preset.unmappedKeys(content);
        return new SendableTemplate(t.id(), t.accountId(), t.templateId(), t.title(), content.keys(), open,
                preset.csvColumns(), version, new SendableTemplate.Link(link.url(), link.miniProgramAppId(), link.miniProgramPagePath()),
                (fan, given, whole) -> {
                    Map<String, String> values = new LinkedHashMap<>(preset.valuesFor(facts(fan)));
                    for (String key : open) {
                        String v = given.get(key);
                        if (v != null) {
                            values.put(key, v);
                        }
                    }
                    return ValueCheck.check(content, values, whole, rules);
                });
    }

    static FanFacts facts(Fan fan) {
        return new FanFacts(fan.openid(), fan.remark(), fan.tagNames(), fan.csvRow());
    }
}
