package app.fanmail.templates.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.kernel.graphql.UserError;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.templates.domain.FieldMapping;
import app.fanmail.templates.domain.FieldPreset;
import app.fanmail.templates.domain.FieldSource;
import app.fanmail.templates.domain.TemplateLink;
import app.fanmail.templates.domain.TemplatePreview;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** A template's preset (how its fields are filled, where it links) and previews. No WeChat call. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class PresetService {
    /** The code of a value WeChat refuses for its field's type (47003). */
    public static final String TEMPLATE_VALUE_REFUSED = "TEMPLATE_VALUE_REFUSED";

    @Inject
    TemplateAccess access;
    @Inject
    TemplateRepository store;
    @Inject
    TemplateWrites writes;
    @Inject
    Clock clock;
    @Inject
    app.fanmail.templates.domain.ValueRules valueRules;

    public Optional<StoredPreset> preset(UUID templateId) {
        return store.preset(templateId);
    }

    public TemplatePreview preview(UUID templateId, Map<String, String> values) {
        StoredTemplate t = access.template(templateId);
        return TemplatePreview.render(t.parsed(), values == null ? Map.of() : values, t.title(), valueRules);
    }

    /**
     * Saves a preset. With {@code expectedVersion} (the version the edit started from, 0 for none) a
     * save that another one overtook is refused (PRESET_CHANGED) instead of overwriting it.
     */
    public StoredPreset savePreset(UUID templateId, FieldPreset preset, TemplateLink link, Integer expectedVersion) {
        StoredTemplate t = access.template(templateId);
        access.eligible(t.accountId());
        List<UserError> errors = new ArrayList<>(preset.problemsAgainst(t.parsed()));
        if (errors.isEmpty()) {
            for (int i = 0; i < preset.mappings().size(); i++) {
                FieldMapping m = preset.mappings().get(i);
                if (m.source() == FieldSource.FIXED) {
                    var verdict = valueRules.check(m.key(), m.fixedValue());
                    if (verdict.refused()) {
                        errors.add(UserError.of(TEMPLATE_VALUE_REFUSED, FieldPreset.fieldPath(i, "fixedValue"), verdict.message()));
                    }
                }
            }
        }
        for (UserError e : link.problems()) {
            errors.add(UserError.of(e.code(), e.field() == null ? "link" : "link." + e.field(), e.message()));
        }
        if (!errors.isEmpty()) {
            throw new UserErrorsException(errors);
        }
        if (expectedVersion != null && expectedVersion < 0) {
            throw new UserErrorsException("PRESET_VERSION_INVALID", "expectedVersion", "A version is 0 (no preset yet) or more.");
        }
        if (!writes.savePreset(t.id(), preset, link, clock.instant(), expectedVersion)) {
            long now = store.preset(t.id()).map(StoredPreset::version).orElse(0L);
            throw new UserErrorsException("PRESET_CHANGED", "expectedVersion",
                    "Someone else saved this preset meanwhile (it is at version " + now + "); reload it to see their changes.");
        }
        return store.preset(t.id()).orElseThrow();
    }
}
