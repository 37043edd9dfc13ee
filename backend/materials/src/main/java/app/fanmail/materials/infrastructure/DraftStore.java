package app.fanmail.materials.infrastructure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.kernel.json.JsonFactories;
import app.fanmail.kernel.persistence.NativeValues;
import app.fanmail.materials.application.DraftLookup;
import app.fanmail.materials.application.DraftRecord;
import app.fanmail.materials.application.DraftRepository;
import app.fanmail.materials.application.MaterialGateway;
import app.fanmail.materials.domain.DraftArticle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/** The {@code materials.draft} rows; the articles are a jsonb array in WeChat form. */
@ApplicationScoped
@Transactional
public class DraftStore implements DraftLookup, DraftRepository {
    private static final String COLUMNS = "id, account_id, media_id, articles::text, wechat_updated_at, created_at, created_by, updated_at, updated_by";
    private static final String SEARCH = "exists (select 1 from jsonb_array_elements(articles) a where strpos(lower(a->>'title'), lower(?3)) > 0)";

    @PersistenceContext(unitName = "materials")
    EntityManager em;

    @Override
    public Optional<String> mediaId(UUID accountId, UUID draftId) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("select media_id from materials.draft where id = ?1 and account_id = ?2")
                .setParameter(1, draftId).setParameter(2, accountId).getResultList();
        return rows.stream().findFirst();
    }

    @Override
    public void insert(DraftRecord d) {
        em.createNativeQuery("insert into materials.draft (id, account_id, media_id, articles, title, wechat_updated_at, created_at, created_by, "
                        + "updated_at, updated_by) values (?1, ?2, ?3, cast(?4 as jsonb), ?5, cast(?6 as timestamptz), cast(?7 as timestamptz), ?8, "
                        + "cast(?9 as timestamptz), ?10)")
                .setParameter(1, d.id()).setParameter(2, d.accountId()).setParameter(3, d.mediaId()).setParameter(4, json(d.articles()))
                .setParameter(5, d.title()).setParameter(6, d.wechatUpdatedAt()).setParameter(7, d.createdAt()).setParameter(8, d.createdBy())
                .setParameter(9, d.updatedAt()).setParameter(10, d.updatedBy()).executeUpdate();
    }

    @Override
    public Optional<DraftRecord> find(UUID id) {
        return rows(em.createNativeQuery("select " + COLUMNS + " from materials.draft where id = ?1").setParameter(1, id)).stream().findFirst();
    }

    @Override
    public void replace(UUID id, String mediaId, List<DraftArticle> articles, Instant updatedAt, String updatedBy) {
        em.createNativeQuery("update materials.draft set media_id = ?2, articles = cast(?3 as jsonb), title = ?4, updated_at = cast(?5 as timestamptz), "
                        + "updated_by = ?6 where id = ?1")
                .setParameter(1, id).setParameter(2, mediaId).setParameter(3, json(articles)).setParameter(4, articles.get(0).title())
                .setParameter(5, updatedAt).setParameter(6, updatedBy).executeUpdate();
    }

    @Override
    public void delete(UUID id) {
        em.createNativeQuery("delete from materials.draft where id = ?1").setParameter(1, id).executeUpdate();
    }

    @Override
    public List<DraftRecord> page(UUID accountId, String search, Instant afterAt, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from materials.draft where account_id = ?1 ");
        if (search != null) {
            sql.append("and ").append(SEARCH).append(' ');
        }
        if (afterAt != null) {
            sql.append("and (updated_at, id) < (cast(?4 as timestamptz), ?5) ");
        }
        sql.append("order by updated_at desc, id desc limit ?2");
        Query q = em.createNativeQuery(sql.toString()).setParameter(1, accountId).setParameter(2, limit);
        if (search != null) {
            q.setParameter(3, search);
        }
        if (afterAt != null) {
            q.setParameter(4, afterAt).setParameter(5, afterId);
        }
        return rows(q);
    }

    @Override
    public long count(UUID accountId, String search) {
        Query q = em.createNativeQuery("select count(*) from materials.draft where account_id = ?1" + (search == null ? "" : " and " + SEARCH))
                .setParameter(1, accountId);
        if (search != null) {
            q.setParameter(3, search);
        }
        return ((Number) q.getSingleResult()).longValue();
    }

    @Override
    public int upsertListed(UUID syncId, UUID accountId, List<MaterialGateway.Draft> drafts, Instant now) {
        int added = 0;
        for (MaterialGateway.Draft d : drafts) {
            if (d.articles().isEmpty()) {
                continue;
            }
            // xmax = 0 only for a row this statement inserted
            Object inserted = em.createNativeQuery("insert into materials.draft (id, account_id, media_id, articles, title, wechat_updated_at, "
                            + "created_at, updated_at, seen_by_sync) values (?1, ?2, ?3, cast(?4 as jsonb), ?5, cast(?6 as timestamptz), "
                            + "cast(?7 as timestamptz), cast(?7 as timestamptz), ?8) "
                            + "on conflict (account_id, media_id) do update set seen_by_sync = excluded.seen_by_sync, "
                            + "wechat_updated_at = excluded.wechat_updated_at, "
                            + "updated_at = case when materials.draft.articles is distinct from excluded.articles then excluded.updated_at "
                            + "else materials.draft.updated_at end, "
                            + "updated_by = case when materials.draft.articles is distinct from excluded.articles then null "
                            + "else materials.draft.updated_by end, "
                            + "articles = excluded.articles, title = excluded.title returning (xmax = 0)")
                    .setParameter(1, UUID.randomUUID()).setParameter(2, accountId).setParameter(3, d.mediaId()).setParameter(4, json(d.articles()))
                    .setParameter(5, d.articles().get(0).title() == null ? "" : d.articles().get(0).title()).setParameter(6, d.updatedAt())
                    .setParameter(7, now).setParameter(8, syncId).getSingleResult();
            if (Boolean.TRUE.equals(inserted)) {
                added++;
            }
        }
        return added;
    }

    @Override
    public int removeUnlisted(UUID syncId, UUID accountId, Instant startedAt) {
        return em.createNativeQuery("delete from materials.draft where account_id = ?1 and created_at < cast(?2 as timestamptz) "
                        + "and seen_by_sync is distinct from ?3")
                .setParameter(1, accountId).setParameter(2, startedAt).setParameter(3, syncId).executeUpdate();
    }

    static String json(List<DraftArticle> articles) {
        JsonArrayBuilder a = JsonFactories.array();
        for (DraftArticle x : articles) {
            a.add(JsonFactories.object().add("title", nz(x.title())).add("author", nz(x.author())).add("digest", nz(x.digest()))
                    .add("content", nz(x.content())).add("contentSourceUrl", nz(x.contentSourceUrl())).add("thumbMediaId", nz(x.thumbMediaId()))
                    .add("openComment", x.openComment()).add("onlyFansCanComment", x.onlyFansCanComment()));
        }
        return a.build().toString();
    }

    static List<DraftArticle> articles(String json) {
        JsonArray array;
        try (JsonReader r = JsonFactories.reader(json)) {
            array = r.readArray();
        }
        List<DraftArticle> out = new ArrayList<>();
        for (JsonValue v : array) {
            JsonObject o = v.asJsonObject();
            out.add(new DraftArticle(o.getString("title", ""), blankToNull(o.getString("author", "")), blankToNull(o.getString("digest", "")),
                    o.getString("content", ""), blankToNull(o.getString("contentSourceUrl", "")), o.getString("thumbMediaId", ""),
                    o.getBoolean("openComment", false), o.getBoolean("onlyFansCanComment", false)));
        }
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @SuppressWarnings("unchecked")
    private static List<DraftRecord> rows(Query q) {
        return ((List<Object[]>) q.getResultList()).stream().map(r -> new DraftRecord(NativeValues.uuid(r[0]), NativeValues.uuid(r[1]), (String) r[2],
                articles((String) r[3]), NativeValues.instant(r[4]), NativeValues.instant(r[5]), (String) r[6], NativeValues.instant(r[7]),
                (String) r[8])).toList();
    }
}
