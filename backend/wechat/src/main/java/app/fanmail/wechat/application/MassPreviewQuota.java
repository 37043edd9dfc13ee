package app.fanmail.wechat.application;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import app.fanmail.wechat.api.WeChatLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The per-account daily count of mass previews to a WeChat id ({@code towxname}, 100 a day). A preview claims its
 * place in its own short transaction before WeChat is called (one atomic upsert, safe across nodes), so the 101st of
 * a day is refused without a call; a call that then fails still counts, as WeChat may have counted it too.
 */
@ApplicationScoped
public class MassPreviewQuota {
    /** WeChat's days are calendar days in China. */
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @PersistenceContext(unitName = "wechat")
    EntityManager em;
    @Inject
    Clock clock;

    /** Claims one preview of today's allowance; false when the day's previews are used up (nothing counted then). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean claim(UUID accountId) {
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        @SuppressWarnings("unchecked")
        var claimed = em.createNativeQuery("insert into wechat.mass_preview_count (account_id, day, used) values (?1, ?2, 1) "
                        + "on conflict (account_id, day) do update set used = mass_preview_count.used + 1 "
                        + "where mass_preview_count.used < ?3 returning used")
                .setParameter(1, accountId).setParameter(2, today).setParameter(3, WeChatLimits.MASS_PREVIEWS_TO_WECHAT_ID_PER_DAY)
                .getResultList();
        if (claimed.isEmpty()) {
            return false;
        }
        if (((Number) claimed.get(0)).intValue() == 1) {
            em.createNativeQuery("delete from wechat.mass_preview_count where account_id = ?1 and day < ?2")
                    .setParameter(1, accountId).setParameter(2, today).executeUpdate();
        }
        return true;
    }

    /** Previews to WeChat ids the account has sent today (Asia/Shanghai). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public int usedToday(UUID accountId) {
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        var rows = em.createNativeQuery("select used from wechat.mass_preview_count where account_id = ?1 and day = ?2")
                .setParameter(1, accountId).setParameter(2, today).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).intValue();
    }
}
