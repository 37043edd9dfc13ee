package app.fanmail.wechat.application;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.fanmail.wechat.api.ServiceWindows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Customer-service windows from the {@code service_window} table. */
@ApplicationScoped
@Transactional
public class ServiceWindowService implements ServiceWindows {
    @PersistenceContext(unitName = "wechat")
    EntityManager em;
    @Inject
    Clock clock;

    @Override
    public List<Window> open(UUID accountId, String openid) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select kind, expires_at, quota - used from wechat.service_window "
                        + "where account_id = ?1 and openid = ?2 and expires_at > ?3 and used < quota order by expires_at")
                .setParameter(1, accountId).setParameter(2, openid).setParameter(3, clock.instant()).getResultList();
        return rows.stream().map(r -> new Window((String) r[0], Rows.instant(r[1]), ((Number) r[2]).intValue())).toList();
    }

    @Override
    public boolean consume(UUID accountId, String openid) {
        int updated = em.createNativeQuery("update wechat.service_window set used = used + 1 where (account_id, openid, kind) = "
                        + "(select account_id, openid, kind from wechat.service_window where account_id = ?1 and openid = ?2 "
                        + "and expires_at > ?3 and used < quota order by expires_at limit 1 for update)")
                .setParameter(1, accountId).setParameter(2, openid).setParameter(3, clock.instant()).executeUpdate();
        return updated == 1;
    }

}
