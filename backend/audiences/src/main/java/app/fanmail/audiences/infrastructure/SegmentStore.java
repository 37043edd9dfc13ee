package app.fanmail.audiences.infrastructure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.audiences.application.SegmentRepository;
import app.fanmail.audiences.application.StoredSegment;
import app.fanmail.kernel.json.JsonFactories;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Segments in {@code audiences.segment}, their filter as JSON. */
@ApplicationScoped
public class SegmentStore implements SegmentRepository {
    private static final String COLUMNS = "id, account_id, name, cast(filter as text), created_at, updated_at";

    @PersistenceContext(unitName = "audiences")
    EntityManager em;

    @Override
    public Optional<StoredSegment> find(UUID id) {
        List<?> rows = em.createNativeQuery("select " + COLUMNS + " from audiences.segment where id = ?1").setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(r -> segment((Object[]) r));
    }

    @Override
    public List<StoredSegment> list(UUID accountId) {
        List<StoredSegment> out = new ArrayList<>();
        for (Object r : em.createNativeQuery("select " + COLUMNS + " from audiences.segment where account_id = ?1 order by lower(name), id")
                .setParameter(1, accountId).getResultList()) {
            out.add(segment((Object[]) r));
        }
        return out;
    }

    @Override
    public boolean nameTaken(UUID accountId, String name, UUID except) {
        return !em.createNativeQuery("select 1 from audiences.segment where account_id = ?1 and lower(name) = lower(?2)"
                        + " and id is distinct from ?3 limit 1")
                .setParameter(1, accountId).setParameter(2, name).setParameter(3, except == null ? UUID.randomUUID() : except)
                .getResultList().isEmpty();
    }

    @Override
    public void insert(StoredSegment s) {
        em.createNativeQuery("insert into audiences.segment (id, account_id, name, filter, created_at, updated_at)"
                        + " values (?1, ?2, ?3, cast(?4 as jsonb), ?5, ?6)")
                .setParameter(1, s.id()).setParameter(2, s.accountId()).setParameter(3, s.name())
                .setParameter(4, FanFilterJson.toJson(s.filter()).toString()).setParameter(5, s.createdAt()).setParameter(6, s.updatedAt())
                .executeUpdate();
    }

    @Override
    public void update(StoredSegment s) {
        em.createNativeQuery("update audiences.segment set name = ?2, filter = cast(?3 as jsonb), updated_at = ?4 where id = ?1")
                .setParameter(1, s.id()).setParameter(2, s.name()).setParameter(3, FanFilterJson.toJson(s.filter()).toString())
                .setParameter(4, s.updatedAt()).executeUpdate();
    }

    @Override
    public boolean delete(UUID id) {
        return em.createNativeQuery("delete from audiences.segment where id = ?1").setParameter(1, id).executeUpdate() > 0;
    }

    private static StoredSegment segment(Object[] r) {
        return new StoredSegment(Rows.uuid(r[0]), Rows.uuid(r[1]), (String) r[2], FanFilterJson.fromJson(JsonFactories.readObject((String) r[3])),
                Rows.instant(r[4]), Rows.instant(r[5]));
    }
}
