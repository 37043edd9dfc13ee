package app.fanmail.materials.infrastructure;

import app.fanmail.kernel.persistence.ModuleSchema;
import jakarta.enterprise.context.ApplicationScoped;

/** The materials module owns the {@code materials} schema; its migrations live in {@code db/materials}. */
@ApplicationScoped
public class MaterialsSchema implements ModuleSchema {
    @Override
    public String schema() {
        return "materials";
    }

    @Override
    public int order() {
        return 70;
    }
}
