package app.fanmail.materials.infrastructure;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.materials.application.DraftLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** The {@code materials.draft} rows. */
@ApplicationScoped
@Transactional
public class DraftStore implements DraftLookup {
    @PersistenceContext(unitName = "materials")
    EntityManager em;

    @Override
    public Optional<String> mediaId(UUID accountId, UUID draftId) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("select media_id from materials.draft where id = ?1 and account_id = ?2")
                .setParameter(1, draftId).setParameter(2, accountId).getResultList();
        return rows.stream().findFirst();
    }
}
