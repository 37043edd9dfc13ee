package app.fanmail.dispatch.infrastructure;

import app.fanmail.kernel.persistence.AccountDataSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The dispatch module keeps rows per account in the {@code dispatch} schema (jobs, whose recipients go with them, job
 * events, unmatched reports): the accounts module's cleanup removes those of a deleted account and sweeps those of
 * accounts that no longer exist, in this module's persistence unit (ADR 0010).
 */
@ApplicationScoped
public class DispatchAccountData implements AccountDataSchema {
    @PersistenceContext(unitName = "dispatch")
    EntityManager em;

    @Override
    public String schema() {
        return "dispatch";
    }

    @Override
    public EntityManager entityManager() {
        return em;
    }
}
