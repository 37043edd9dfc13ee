package app.fanmail.materials.infrastructure;

import app.fanmail.kernel.persistence.AccountDataSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The materials module keeps rows per account (materials and their files, temporary media, article images, drafts,
 * syncs): the accounts module's cleanup removes a deleted account's rows in this persistence unit (ADR 0010).
 */
@ApplicationScoped
public class MaterialsAccountData implements AccountDataSchema {
    @PersistenceContext(unitName = "materials")
    EntityManager em;

    @Override
    public String schema() {
        return "materials";
    }

    @Override
    public EntityManager entityManager() {
        return em;
    }
}
