package app.fanmail.materials.infrastructure;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.kernel.persistence.NativeValues;
import app.fanmail.materials.application.ArticleImageRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/** {@link ArticleImageRepository} over {@code materials.article_image} (and the library's image URLs), native SQL. */
@ApplicationScoped
@Transactional
public class ArticleImageStore implements ArticleImageRepository {
    private static final String COLUMNS = "id, account_id, wechat_url, source_url, content_type, sha256, bytes, created_at";

    @PersistenceContext(unitName = "materials")
    EntityManager em;

    @Override
    public Optional<ArticleImage> find(UUID id) {
        return one(em.createNativeQuery("select " + COLUMNS + " from materials.article_image where id = ?1").setParameter(1, id));
    }

    @Override
    public Optional<ArticleImage> findBySha256(UUID accountId, String sha256) {
        return one(em.createNativeQuery("select " + COLUMNS + " from materials.article_image where account_id = ?1 and sha256 = ?2")
                .setParameter(1, accountId).setParameter(2, sha256));
    }

    @Override
    public ArticleImage insertOrExisting(ArticleImage i) {
        em.createNativeQuery("insert into materials.article_image (" + COLUMNS + ") values (?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(?8 as timestamptz)) "
                        + "on conflict (account_id, sha256) do nothing")
                .setParameter(1, i.id()).setParameter(2, i.accountId()).setParameter(3, i.wechatUrl()).setParameter(4, i.sourceUrl())
                .setParameter(5, i.contentType()).setParameter(6, i.sha256()).setParameter(7, i.bytes()).setParameter(8, i.createdAt())
                .executeUpdate();
        return findBySha256(i.accountId(), i.sha256()).orElseThrow();
    }

    @Override
    public Map<String, UUID> idsByWeChatUrl(UUID accountId, Collection<String> wechatUrls) {
        return byUrl("select wechat_url, id from materials.article_image where account_id = ?1 and wechat_url = any(cast(?2 as text[]))",
                accountId, wechatUrls);
    }

    @Override
    public Map<String, UUID> materialsByWeChatUrl(UUID accountId, Collection<String> wechatUrls) {
        return byUrl("select wechat_url, id from materials.material where account_id = ?1 and wechat_url = any(cast(?2 as text[])) "
                + "and preview = 'READY' and kind in ('IMAGE', 'THUMB')", accountId, wechatUrls);
    }

    @Override
    public Optional<String> materialWeChatUrl(UUID accountId, UUID materialId) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("select wechat_url from materials.material where id = ?1 and account_id = ?2 and wechat_url is not null")
                .setParameter(1, materialId).setParameter(2, accountId).getResultList();
        return rows.stream().findFirst();
    }

    private Map<String, UUID> byUrl(String sql, UUID accountId, Collection<String> urls) {
        Map<String, UUID> out = new HashMap<>();
        if (urls.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql).setParameter(1, accountId).setParameter(2, urls.toArray(String[]::new)).getResultList();
        for (Object[] r : rows) {
            out.putIfAbsent((String) r[0], NativeValues.uuid(r[1]));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Optional<ArticleImage> one(Query q) {
        return ((List<Object[]>) q.getResultList()).stream().findFirst().map(r -> new ArticleImage(NativeValues.uuid(r[0]), NativeValues.uuid(r[1]),
                (String) r[2], (String) r[3], (String) r[4], (String) r[5], (byte[]) r[6], NativeValues.instant(r[7])));
    }
}
