package app.fanmail.identity.infrastructure;

import app.fanmail.kernel.persistence.ModuleSchema;
import jakarta.enterprise.context.ApplicationScoped;

/** The identity module owns the {@code identity} schema; its migrations live in {@code db/identity}. */
@ApplicationScoped
public class IdentitySchema implements ModuleSchema {
    @Override
    public String schema() {
        return "identity";
    }

    @Override
    public int order() {
        return 10;
    }
}
