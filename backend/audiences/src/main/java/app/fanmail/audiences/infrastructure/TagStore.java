package app.fanmail.audiences.infrastructure;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.audiences.application.StoredTag;
import app.fanmail.audiences.application.TagGateway.RemoteTag;
import app.fanmail.audiences.application.TagRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** {@link TagRepository} over {@code audiences.tag} and the fans' {@code tag_ids} (native SQL, one statement per change). */
@ApplicationScoped
@Transactional
public class TagStore implements TagRepository {
    @PersistenceContext(unitName = "audiences")
    EntityManager em;

    @Override
    public List<StoredTag> all(UUID accountId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select tag_id, name, wechat_count, synced_at from audiences.tag where account_id = ?1 order by tag_id")
                .setParameter(1, accountId).getResultList();
        return rows.stream().map(TagStore::tag).toList();
    }

    @Override
    public Optional<StoredTag> find(UUID accountId, int tagId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select tag_id, name, wechat_count, synced_at from audiences.tag where account_id = ?1 and tag_id = ?2")
                .setParameter(1, accountId).setParameter(2, tagId).getResultList();
        return rows.stream().map(TagStore::tag).findFirst();
    }

    /**
     * The account's rows of {@code tag_fan_count}, which triggers on the fan table keep exact at every write (V5,
     * ADR 0013): one index range, not a pass over the account's fans.
     */
    @Override
    public Map<Integer, Long> fanCounts(UUID accountId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select tag_id, fans from audiences.tag_fan_count where account_id = ?1")
                .setParameter(1, accountId).getResultList();
        Map<Integer, Long> counts = new HashMap<>();
        for (Object[] r : rows) {
            counts.put(((Number) r[0]).intValue(), ((Number) r[1]).longValue());
        }
        return counts;
    }

    @Override
    public void save(UUID accountId, RemoteTag tag, Instant syncedAt) {
        em.createNativeQuery("insert into audiences.tag (account_id, tag_id, name, wechat_count, synced_at) values (?1, ?2, ?3, ?4, cast(?5 as timestamptz)) "
                        + "on conflict (account_id, tag_id) do update set name = excluded.name, wechat_count = excluded.wechat_count, synced_at = excluded.synced_at")
                .setParameter(1, accountId).setParameter(2, tag.id()).setParameter(3, tag.name()).setParameter(4, tag.count())
                .setParameter(5, syncedAt).executeUpdate();
    }

    @Override
    public void remove(UUID accountId, int tagId) {
        em.createNativeQuery("delete from audiences.tag where account_id = ?1 and tag_id = ?2").setParameter(1, accountId).setParameter(2, tagId)
                .executeUpdate();
        untagEveryone(accountId, new Integer[] {tagId});
    }

    @Override
    public void replaceAll(UUID accountId, List<RemoteTag> tags, Instant syncedAt) {
        Integer[] ids = tags.stream().map(RemoteTag::id).toArray(Integer[]::new);
        @SuppressWarnings("unchecked")
        List<Number> gone = em.createNativeQuery("delete from audiences.tag where account_id = ?1 and not (tag_id = any(cast(?2 as integer[]))) returning tag_id")
                .setParameter(1, accountId).setParameter(2, ids).getResultList();
        if (!gone.isEmpty()) {
            untagEveryone(accountId, gone.stream().map(Number::intValue).toArray(Integer[]::new));
        }
        if (!tags.isEmpty()) {
            em.createNativeQuery("insert into audiences.tag (account_id, tag_id, name, wechat_count, synced_at) "
                            + "select ?1, t.id, t.name, t.count, cast(?5 as timestamptz) from unnest(cast(?2 as integer[]), cast(?3 as text[]), cast(?4 as bigint[])) as t(id, name, count) "
                            + "on conflict (account_id, tag_id) do update set name = excluded.name, wechat_count = excluded.wechat_count, synced_at = excluded.synced_at")
                    .setParameter(1, accountId).setParameter(2, ids).setParameter(3, tags.stream().map(RemoteTag::name).toArray(String[]::new))
                    .setParameter(4, tags.stream().map(RemoteTag::count).toArray(Long[]::new)).setParameter(5, syncedAt).executeUpdate();
        }
    }

    /** Takes these tags off every fan of the account that has one of them (GIN index on tag_ids), in one statement. */
    private void untagEveryone(UUID accountId, Integer[] tagIds) {
        em.createNativeQuery("update audiences.fan set tag_ids = array(select x from unnest(tag_ids) as x where not (x = any(cast(?2 as integer[])))) "
                        + "where account_id = ?1 and tag_ids <> '{}' and tag_ids && cast(?2 as integer[])") // '{}': V10's partial index
                .setParameter(1, accountId).setParameter(2, tagIds).executeUpdate();
    }

    private static StoredTag tag(Object[] r) {
        return new StoredTag(((Number) r[0]).intValue(), (String) r[1], ((Number) r[2]).longValue(), instant(r[3]));
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Instant i ? i : value instanceof OffsetDateTime o ? o.toInstant() : ((java.sql.Timestamp) value).toInstant();
    }
}
