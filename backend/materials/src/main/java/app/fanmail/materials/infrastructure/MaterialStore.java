package app.fanmail.materials.infrastructure;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.kernel.persistence.NativeValues;
import app.fanmail.materials.api.MaterialKind;
import app.fanmail.materials.application.MaterialGateway;
import app.fanmail.materials.application.MaterialRepository;
import app.fanmail.materials.application.StoredMaterial;
import app.fanmail.materials.application.StoredSync;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/** {@link MaterialRepository} in the {@code materials} schema, native SQL; files are bytea rows of their own (ADR 0016). */
@ApplicationScoped
@Transactional
public class MaterialStore implements MaterialRepository {
    private static final String COLUMNS = "m.id, m.account_id, m.kind, m.media_id, m.name, m.wechat_url, m.video_title, m.video_description, "
            + "m.video_link, m.content_type, m.byte_size, m.duration_ms, m.width, m.height, m.origin, m.preview, m.preview_error, "
            + "m.wechat_updated_at, m.created_at, m.created_by, t.media_id, t.uploaded_at, t.expires_at";
    private static final String FROM = " from materials.material m left join materials.temporary_media t on t.material_id = m.id ";
    private static final String SYNC_COLUMNS = "id, account_id, status, listed, added, removed, downloaded, error_code, error_message, started_by, "
            + "started_at, finished_at";

    @PersistenceContext(unitName = "materials")
    EntityManager em;

    @Override
    public void insert(StoredMaterial m, StoredFile original, StoredFile preview) {
        em.createNativeQuery("insert into materials.material (id, account_id, kind, media_id, name, wechat_url, video_title, video_description, "
                        + "video_link, content_type, byte_size, duration_ms, width, height, origin, preview, wechat_updated_at, created_at, created_by) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, cast(?17 as timestamptz), cast(?18 as timestamptz), ?19)")
                .setParameter(1, m.id()).setParameter(2, m.accountId()).setParameter(3, m.kind().name()).setParameter(4, m.mediaId())
                .setParameter(5, m.name()).setParameter(6, m.wechatUrl()).setParameter(7, m.videoTitle()).setParameter(8, m.videoDescription())
                .setParameter(9, m.videoLink()).setParameter(10, m.contentType()).setParameter(11, m.byteSize())
                .setParameter(12, m.durationMillis() == null ? null : m.durationMillis().intValue()).setParameter(13, m.width())
                .setParameter(14, m.height()).setParameter(15, m.origin().name()).setParameter(16, m.preview().name())
                .setParameter(17, m.wechatUpdatedAt()).setParameter(18, m.createdAt()).setParameter(19, m.createdBy())
                .executeUpdate();
        putFile(m.id(), Variant.ORIGINAL, original);
        putFile(m.id(), Variant.PREVIEW, preview);
    }

    private void putFile(UUID id, Variant variant, StoredFile file) {
        if (file == null) {
            return;
        }
        em.createNativeQuery("insert into materials.material_file (material_id, variant, content_type, sha256, bytes) values (?1, ?2, ?3, ?4, ?5) "
                        + "on conflict (material_id, variant) do update set content_type = excluded.content_type, sha256 = excluded.sha256, "
                        + "bytes = excluded.bytes")
                .setParameter(1, id).setParameter(2, variant.name()).setParameter(3, file.contentType()).setParameter(4, file.sha256())
                .setParameter(5, file.bytes()).executeUpdate();
    }

    @Override
    public Optional<StoredMaterial> find(UUID id) {
        return one(em.createNativeQuery("select " + COLUMNS + FROM + "where m.id = ?1").setParameter(1, id));
    }

    @Override
    public Optional<StoredMaterial> findByMediaId(UUID accountId, String mediaId) {
        return one(em.createNativeQuery("select " + COLUMNS + FROM + "where m.account_id = ?1 and m.media_id = ?2")
                .setParameter(1, accountId).setParameter(2, mediaId));
    }

    @Override
    public List<StoredMaterial> page(UUID accountId, MaterialKind kind, String search, Instant afterAt, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + FROM + "where m.account_id = :account and m.kind = :kind ");
        if (search != null) {
            sql.append("and strpos(lower(m.name), lower(:search)) > 0 ");
        }
        if (afterAt != null) {
            sql.append("and (m.created_at, m.id) < (cast(:afterAt as timestamptz), :afterId) ");
        }
        sql.append("order by m.created_at desc, m.id desc limit :limit");
        Query q = em.createNativeQuery(sql.toString()).setParameter("account", accountId).setParameter("kind", kind.name()).setParameter("limit", limit);
        if (search != null) {
            q.setParameter("search", search);
        }
        if (afterAt != null) {
            q.setParameter("afterAt", afterAt).setParameter("afterId", afterId);
        }
        return rows(q);
    }

    @Override
    public Map<MaterialKind, Long> counts(UUID accountId) {
        Map<MaterialKind, Long> counts = new EnumMap<>(MaterialKind.class);
        for (MaterialKind k : MaterialKind.values()) {
            counts.put(k, 0L);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select kind, count(*) from materials.material where account_id = ?1 group by kind")
                .setParameter(1, accountId).getResultList();
        for (Object[] r : rows) {
            counts.put(MaterialKind.valueOf((String) r[0]), ((Number) r[1]).longValue());
        }
        return counts;
    }

    @Override
    public long count(UUID accountId, MaterialKind kind, String search) {
        Query q = em.createNativeQuery("select count(*) from materials.material m where m.account_id = ?1 and m.kind = ?2"
                + (search == null ? "" : " and strpos(lower(m.name), lower(?3)) > 0")).setParameter(1, accountId).setParameter(2, kind.name());
        if (search != null) {
            q.setParameter(3, search);
        }
        return ((Number) q.getSingleResult()).longValue();
    }

    @Override
    public void delete(UUID id) {
        em.createNativeQuery("delete from materials.material where id = ?1").setParameter(1, id).executeUpdate();
    }

    @Override
    public Optional<StoredFile> file(UUID id, Variant variant) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select content_type, sha256, bytes from materials.material_file where material_id = ?1 and variant = ?2")
                .setParameter(1, id).setParameter(2, variant.name()).getResultList();
        return rows.stream().findFirst().map(r -> new StoredFile((String) r[0], (String) r[1], (byte[]) r[2]));
    }

    // --- sync

    @Override
    public Optional<StoredSync> startSync(UUID accountId, String user, Instant now, Instant staleBefore) {
        em.createNativeQuery("update materials.material_sync set status = 'FAILED', error_code = 'INTERRUPTED', "
                        + "error_message = 'The server running the sync stopped.', finished_at = cast(?2 as timestamptz) "
                        + "where account_id = ?1 and status = 'RUNNING' and heartbeat_at < cast(?3 as timestamptz)")
                .setParameter(1, accountId).setParameter(2, now).setParameter(3, staleBefore).executeUpdate();
        UUID id = UUID.randomUUID();
        int inserted = em.createNativeQuery("insert into materials.material_sync (id, account_id, status, started_by, started_at, heartbeat_at) "
                        + "values (?1, ?2, 'RUNNING', ?3, cast(?4 as timestamptz), cast(?4 as timestamptz)) on conflict do nothing")
                .setParameter(1, id).setParameter(2, accountId).setParameter(3, user).setParameter(4, now).executeUpdate();
        return inserted == 0 ? Optional.empty() : sync(id);
    }

    @Override
    public Optional<StoredSync> latestSync(UUID accountId) {
        return oneSync(em.createNativeQuery("select " + SYNC_COLUMNS + " from materials.material_sync where account_id = ?1 "
                + "order by started_at desc limit 1").setParameter(1, accountId));
    }

    @Override
    public Optional<StoredSync> sync(UUID id) {
        return oneSync(em.createNativeQuery("select " + SYNC_COLUMNS + " from materials.material_sync where id = ?1").setParameter(1, id));
    }

    @Override
    public int upsertListed(UUID syncId, UUID accountId, MaterialKind kind, List<MaterialGateway.Listed> items, Instant now) {
        if (items.isEmpty()) {
            return 0;
        }
        // xmax = 0 only for rows this statement inserted
        @SuppressWarnings("unchecked")
        List<Object> inserted = em.createNativeQuery("insert into materials.material (id, account_id, kind, media_id, name, wechat_url, origin, preview, "
                        + "wechat_updated_at, created_at, seen_by_sync) "
                        + "select gen_random_uuid(), ?1, ?2, l.media_id, coalesce(nullif(l.name, ''), l.media_id), l.url, 'SYNCED', 'PENDING', l.updated_at, "
                        + "cast(?6 as timestamptz), ?7 "
                        + "from unnest(cast(?3 as text[]), cast(?4 as text[]), cast(?5 as text[]), cast(?8 as timestamptz[])) as l(media_id, name, url, updated_at) "
                        + "on conflict (account_id, media_id) do update set name = case when materials.material.origin = 'SYNCED' "
                        + "then coalesce(nullif(excluded.name, ''), materials.material.name) else materials.material.name end, "
                        + "wechat_url = coalesce(excluded.wechat_url, materials.material.wechat_url), wechat_updated_at = excluded.wechat_updated_at, "
                        + "seen_by_sync = excluded.seen_by_sync returning (xmax = 0)")
                .setParameter(1, accountId).setParameter(2, kind.name())
                .setParameter(3, items.stream().map(MaterialGateway.Listed::mediaId).toArray(String[]::new))
                .setParameter(4, items.stream().map(MaterialGateway.Listed::name).toArray(String[]::new))
                .setParameter(5, items.stream().map(MaterialGateway.Listed::url).toArray(String[]::new))
                .setParameter(6, now).setParameter(7, syncId)
                .setParameter(8, items.stream().map(l -> l.updatedAt() == null ? null : java.sql.Timestamp.from(l.updatedAt())).toArray(java.sql.Timestamp[]::new))
                .getResultList();
        int added = (int) inserted.stream().filter(Boolean.TRUE::equals).count();
        em.createNativeQuery("update materials.material_sync set listed = listed + ?2, added = added + ?3 where id = ?1")
                .setParameter(1, syncId).setParameter(2, items.size()).setParameter(3, added).executeUpdate();
        return added;
    }

    @Override
    public int removeUnlisted(UUID syncId, UUID accountId) {
        int removed = em.createNativeQuery("delete from materials.material m using materials.material_sync s where s.id = ?1 and m.account_id = ?2 "
                        + "and m.created_at < s.started_at and m.seen_by_sync is distinct from ?1 and m.kind <> 'THUMB'")
                .setParameter(1, syncId).setParameter(2, accountId).executeUpdate();
        em.createNativeQuery("update materials.material_sync set removed = ?2 where id = ?1").setParameter(1, syncId).setParameter(2, removed)
                .executeUpdate();
        return removed;
    }

    @Override
    public List<StoredMaterial> pendingPreviews(UUID accountId, int limit) {
        return rows(em.createNativeQuery("select " + COLUMNS + FROM + "where m.account_id = ?1 and m.preview = 'PENDING' order by m.created_at, m.id limit ?2")
                .setParameter(1, accountId).setParameter(2, limit));
    }

    @Override
    public void storeCopy(UUID syncId, UUID materialId, String contentType, long size, Long durationMillis, Integer width, Integer height,
                          StoredFile original, StoredFile preview) {
        em.createNativeQuery("update materials.material set content_type = ?2, byte_size = ?3, duration_ms = ?4, width = ?5, height = ?6, "
                        + "preview = 'READY', preview_error = null where id = ?1")
                .setParameter(1, materialId).setParameter(2, contentType).setParameter(3, size)
                .setParameter(4, durationMillis == null ? null : durationMillis.intValue()).setParameter(5, width).setParameter(6, height)
                .executeUpdate();
        putFile(materialId, Variant.ORIGINAL, original);
        putFile(materialId, Variant.PREVIEW, preview);
        countDownload(syncId);
    }

    @Override
    public void noCopy(UUID syncId, UUID materialId, String videoLink, String why) {
        em.createNativeQuery("update materials.material set preview = 'UNAVAILABLE', video_link = coalesce(?2, video_link), preview_error = ?3 where id = ?1")
                .setParameter(1, materialId).setParameter(2, videoLink).setParameter(3, why).executeUpdate();
        countDownload(syncId);
    }

    private void countDownload(UUID syncId) {
        if (syncId != null) {
            em.createNativeQuery("update materials.material_sync set downloaded = downloaded + 1 where id = ?1").setParameter(1, syncId).executeUpdate();
        }
    }

    @Override
    public void heartbeat(UUID syncId, Instant now) {
        em.createNativeQuery("update materials.material_sync set heartbeat_at = cast(?2 as timestamptz) where id = ?1").setParameter(1, syncId)
                .setParameter(2, now).executeUpdate();
    }

    @Override
    public void finishSync(UUID syncId, StoredSync.Status status, String errorCode, String errorMessage, Instant now) {
        em.createNativeQuery("update materials.material_sync set status = ?2, error_code = ?3, error_message = ?4, finished_at = cast(?5 as timestamptz), "
                        + "heartbeat_at = cast(?5 as timestamptz) where id = ?1 and status = 'RUNNING'")
                .setParameter(1, syncId).setParameter(2, status.name()).setParameter(3, errorCode).setParameter(4, errorMessage).setParameter(5, now)
                .executeUpdate();
    }

    // --- temporary media

    @Override
    public void saveTemporary(UUID materialId, UUID accountId, String mediaId, Instant uploadedAt, Instant expiresAt) {
        em.createNativeQuery("insert into materials.temporary_media (material_id, account_id, media_id, uploaded_at, expires_at) "
                        + "select ?1, ?2, ?3, cast(?4 as timestamptz), cast(?5 as timestamptz) where exists (select 1 from materials.material where id = ?1) "
                        + "on conflict (material_id) do update set media_id = excluded.media_id, uploaded_at = excluded.uploaded_at, "
                        + "expires_at = excluded.expires_at where materials.temporary_media.expires_at <= excluded.expires_at")
                .setParameter(1, materialId).setParameter(2, accountId).setParameter(3, mediaId).setParameter(4, uploadedAt).setParameter(5, expiresAt)
                .executeUpdate();
    }

    private Optional<StoredMaterial> one(Query q) {
        return rows(q).stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    private static List<StoredMaterial> rows(Query q) {
        return ((List<Object[]>) q.getResultList()).stream().map(MaterialStore::material).toList();
    }

    private static StoredMaterial material(Object[] r) {
        StoredMaterial.StoredTemporary temporary = r[20] == null ? null
                : new StoredMaterial.StoredTemporary((String) r[20], NativeValues.instant(r[21]), NativeValues.instant(r[22]));
        return new StoredMaterial(NativeValues.uuid(r[0]), NativeValues.uuid(r[1]), MaterialKind.valueOf((String) r[2]), (String) r[3], (String) r[4],
                (String) r[5], (String) r[6], (String) r[7], (String) r[8], (String) r[9], r[10] == null ? null : ((Number) r[10]).longValue(),
                r[11] == null ? null : ((Number) r[11]).longValue(), r[12] == null ? null : ((Number) r[12]).intValue(),
                r[13] == null ? null : ((Number) r[13]).intValue(), StoredMaterial.Origin.valueOf((String) r[14]),
                StoredMaterial.Preview.valueOf((String) r[15]), (String) r[16], NativeValues.instant(r[17]), NativeValues.instant(r[18]),
                (String) r[19], temporary);
    }

    @SuppressWarnings("unchecked")
    private Optional<StoredSync> oneSync(Query q) {
        return ((List<Object[]>) q.getResultList()).stream().findFirst().map(r -> new StoredSync(NativeValues.uuid(r[0]), NativeValues.uuid(r[1]),
                StoredSync.Status.valueOf((String) r[2]), ((Number) r[3]).intValue(), ((Number) r[4]).intValue(), ((Number) r[5]).intValue(),
                ((Number) r[6]).intValue(), (String) r[7], (String) r[8], (String) r[9], NativeValues.instant(r[10]), NativeValues.instant(r[11])));
    }
}
