package app.fanmail.audiences.infrastructure;

import app.fanmail.kernel.persistence.AccountDataSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The audiences module keeps rows per account in the {@code audiences} schema: the accounts module's cleanup removes those of a
 * deleted account and sweeps those of accounts that no longer exist, in this module's persistence unit (ADR 0010).
 */
@ApplicationScoped
public class AudiencesAccountData implements AccountDataSchema {
    @PersistenceContext(unitName = "audiences")
    EntityManager em;

    @Override
    public String schema() {
        return "audiences";
    }

    @Override
    public EntityManager entityManager() {
        return em;
    }
}
