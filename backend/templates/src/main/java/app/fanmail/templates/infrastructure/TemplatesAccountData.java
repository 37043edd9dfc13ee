package app.fanmail.templates.infrastructure;

import app.fanmail.kernel.persistence.AccountDataSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The templates module keeps rows per account in the {@code templates} schema: the accounts module's cleanup removes those of a
 * deleted account and sweeps those of accounts that no longer exist, in this module's persistence unit (ADR 0010).
 */
@ApplicationScoped
public class TemplatesAccountData implements AccountDataSchema {
    @PersistenceContext(unitName = "templates")
    EntityManager em;

    @Override
    public String schema() {
        return "templates";
    }

    @Override
    public EntityManager entityManager() {
        return em;
    }
}
