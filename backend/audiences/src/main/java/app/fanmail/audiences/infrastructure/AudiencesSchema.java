package app.fanmail.audiences.infrastructure;

import app.fanmail.kernel.persistence.ModuleSchema;
import jakarta.enterprise.context.ApplicationScoped;

/** The audiences module owns the {@code audiences} schema; its migrations live in {@code db/audiences}. */
@ApplicationScoped
public class AudiencesSchema implements ModuleSchema {
    @Override
    public String schema() {
        return "audiences";
    }

    @Override
    public int order() {
        return 50;
    }
}
