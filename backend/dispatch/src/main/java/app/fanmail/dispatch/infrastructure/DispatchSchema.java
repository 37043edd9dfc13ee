package app.fanmail.dispatch.infrastructure;

import app.fanmail.kernel.persistence.ModuleSchema;
import jakarta.enterprise.context.ApplicationScoped;

/** The dispatch module owns the {@code dispatch} schema; its migrations live in {@code db/dispatch}. */
@ApplicationScoped
public class DispatchSchema implements ModuleSchema {
    @Override
    public String schema() {
        return "dispatch";
    }

    @Override
    public int order() {
        return 60;
    }
}
