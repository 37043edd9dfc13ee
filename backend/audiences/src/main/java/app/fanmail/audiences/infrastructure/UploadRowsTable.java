package app.fanmail.audiences.infrastructure;

import java.util.List;
import java.util.UUID;

import app.fanmail.audiences.application.UploadedOpenids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * {@link UploadedOpenids} over the uploads' tables ({@code audiences.upload}, {@code audiences.upload_row}): an upload
 * of the account that is READY; a row without a problem is a valid openid. Keyset pages on (upload_id, line_no).
 */
@ApplicationScoped
@Transactional
public class UploadRowsTable implements UploadedOpenids {
    @PersistenceContext(unitName = "audiences")
    EntityManager em;

    @Override
    public boolean exists(UUID accountId, UUID uploadId) {
        return !em.createNativeQuery("select 1 from audiences.upload where id = ?1 and account_id = ?2 and status = 'READY'")
                .setParameter(1, uploadId).setParameter(2, accountId).getResultList().isEmpty();
    }

    @Override
    public List<Row> page(UUID uploadId, int afterLine, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select line_no, openid from audiences.upload_row where upload_id = ?1 and line_no > ?2 "
                        + "and problem is null order by line_no limit ?3")
                .setParameter(1, uploadId).setParameter(2, afterLine).setParameter(3, limit).getResultList();
        return rows.stream().map(r -> new Row(((Number) r[0]).intValue(), (String) r[1])).toList();
    }
}
