package app.fanmail.templates.infrastructure;

import app.fanmail.kernel.persistence.ModuleSchema;
import jakarta.enterprise.context.ApplicationScoped;

/** The templates module owns the {@code templates} schema; its migrations live in {@code db/templates}. */
@ApplicationScoped
public class TemplatesSchema implements ModuleSchema {
    @Override
    public String schema() {
        return "templates";
    }

    @Override
    public int order() {
        return 40;
    }
}
