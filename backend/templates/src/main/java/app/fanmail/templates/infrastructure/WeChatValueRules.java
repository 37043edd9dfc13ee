package app.fanmail.templates.infrastructure;

import app.fanmail.templates.api.ValueRefusalReason;
import app.fanmail.templates.domain.FieldType;
import app.fanmail.templates.domain.ValueRules;
import app.fanmail.wechat.api.TemplateValueRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@link ValueRules} from the wechat module's rule table ({@link TemplateValueRules}), translated by name. */
@ApplicationScoped
public class WeChatValueRules implements ValueRules {
    @Inject
    TemplateValueRules wechat;

    public WeChatValueRules() {
    }

    /** For tests and code outside CDI. */
    public WeChatValueRules(TemplateValueRules wechat) {
        this.wechat = wechat;
    }

    @Override
    public boolean typed(String key) {
        return wechat.typeOf(key).typed();
    }

    @Override
    public Verdict check(String key, String value) {
        TemplateValueRules.Verdict v = wechat.check(key, value);
        FieldType type = v.type() == TemplateValueRules.ValueType.UNTYPED ? FieldType.OTHER : FieldType.valueOf(v.type().name());
        return new Verdict(v.key(), type, Outcome.valueOf(v.outcome().name()),
                v.reason() == null ? null : ValueRefusalReason.valueOf(v.reason().name()), v.limit(), v.message());
    }
}
