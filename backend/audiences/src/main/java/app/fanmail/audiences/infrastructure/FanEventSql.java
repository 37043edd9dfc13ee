package app.fanmail.audiences.infrastructure;

import java.time.Instant;
import java.util.UUID;

import app.fanmail.audiences.application.FanEventWrites;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** {@link FanEventWrites} as single upserts on {@code audiences.fan}. */
@ApplicationScoped
public class FanEventSql implements FanEventWrites {
    @PersistenceContext(unitName = "audiences")
    EntityManager em;

    @Override
    @Transactional(Transactional.TxType.REQUIRED)
    public void followed(UUID accountId, String openid, Instant at, String qrScene, Instant now) {
        // a follow older than the fan's last unfollow is stale (processed late): only the interaction counts
        em.createNativeQuery("insert into audiences.fan as f (account_id, openid, subscribed, subscribed_at, qr_scene, subscribe_scene, "
                        + "last_interaction_at, created_at, updated_at) values (?1, ?2, true, cast(?3 as timestamptz), nullif(?4, ''), "
                        + "case when ?4 <> '' then 'ADD_SCENE_QR_CODE' end, cast(?3 as timestamptz), cast(?5 as timestamptz), cast(?5 as timestamptz)) "
                        + "on conflict (account_id, openid) do update set "
                        + "subscribed = case when f.unsubscribed_at > excluded.subscribed_at then f.subscribed else true end, "
                        + "subscribed_at = case when f.unsubscribed_at > excluded.subscribed_at then f.subscribed_at "
                        + "else greatest(f.subscribed_at, excluded.subscribed_at) end, "
                        + "details_synced_at = case when f.unsubscribed_at > excluded.subscribed_at or f.subscribed then f.details_synced_at end, "
                        + "qr_scene = case when f.unsubscribed_at > excluded.subscribed_at or excluded.qr_scene is null then f.qr_scene "
                        + "else excluded.qr_scene end, "
                        + "subscribe_scene = case when f.unsubscribed_at > excluded.subscribed_at or excluded.qr_scene is null then f.subscribe_scene "
                        + "else excluded.subscribe_scene end, "
                        + "last_interaction_at = greatest(f.last_interaction_at, excluded.last_interaction_at), "
                        + "updated_at = excluded.updated_at")
                .setParameter(1, accountId).setParameter(2, openid).setParameter(3, at).setParameter(4, qrScene == null ? "" : qrScene).setParameter(5, now)
                .executeUpdate();
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRED)
    public void unfollowed(UUID accountId, String openid, Instant at, Instant now) {
        // an unfollow older than the fan's last follow is stale: nothing changes
        em.createNativeQuery("insert into audiences.fan as f (account_id, openid, subscribed, unsubscribed_at, created_at, updated_at) "
                        + "values (?1, ?2, false, cast(?3 as timestamptz), cast(?4 as timestamptz), cast(?4 as timestamptz)) "
                        + "on conflict (account_id, openid) do update set subscribed = false, "
                        + "unsubscribed_at = greatest(f.unsubscribed_at, excluded.unsubscribed_at), updated_at = excluded.updated_at "
                        + "where f.subscribed_at is null or f.subscribed_at <= excluded.unsubscribed_at")
                .setParameter(1, accountId).setParameter(2, openid).setParameter(3, at).setParameter(4, now)
                .executeUpdate();
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRED)
    public void interacted(UUID accountId, String openid, Instant at, Instant now) {
        em.createNativeQuery("insert into audiences.fan as f (account_id, openid, subscribed, last_interaction_at, created_at, updated_at) "
                        + "values (?1, ?2, true, cast(?3 as timestamptz), cast(?4 as timestamptz), cast(?4 as timestamptz)) "
                        + "on conflict (account_id, openid) do update set last_interaction_at = excluded.last_interaction_at "
                        + "where f.last_interaction_at is null or f.last_interaction_at < excluded.last_interaction_at")
                .setParameter(1, accountId).setParameter(2, openid).setParameter(3, at).setParameter(4, now)
                .executeUpdate();
    }
}
