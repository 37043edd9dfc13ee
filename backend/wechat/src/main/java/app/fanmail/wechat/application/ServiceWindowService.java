package app.fanmail.wechat.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
    @Inject
    InboxProcessor inbox;

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

    @Override
    public WindowPage openWindows(UUID accountId, Optional<PageCursor> after, int limit) {
        Objects.requireNonNull(accountId, "accountId");
        if (limit < 1 || limit > MAX_BULK) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_BULK);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select openid, kind, opened_by, opened_by_inbox_id, opened_at, expires_at, quota - used "
                        + "from wechat.service_window where account_id = ?1 and expires_at > ?2 and used < quota and (openid, kind) > (?3, ?4) "
                        + "order by openid, kind limit " + (limit + 1))
                .setParameter(1, accountId).setParameter(2, clock.instant())
                .setParameter(3, after.map(PageCursor::openid).orElse("")).setParameter(4, after.map(PageCursor::kind).orElse(""))
                .getResultList();
        List<OpenWindow> windows = new ArrayList<>();
        for (Object[] r : rows.subList(0, Math.min(limit, rows.size()))) {
            windows.add(new OpenWindow((String) r[0], (String) r[1], (String) r[2], r[3] == null ? null : ((Number) r[3]).longValue(),
                    Rows.instant(r[4]), Rows.instant(r[5]), ((Number) r[6]).intValue()));
        }
        Optional<PageCursor> next = rows.size() > limit
                ? Optional.of(new PageCursor(windows.get(limit - 1).openid(), windows.get(limit - 1).kind()))
                : Optional.empty();
        return new WindowPage(windows, next);
    }

    @Override
    public List<String> openFans(UUID accountId, String afterOpenid, int limit) {
        Objects.requireNonNull(accountId, "accountId");
        if (limit < 1 || limit > MAX_OPENIDS) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_OPENIDS);
        }
        @SuppressWarnings("unchecked")
        List<String> openids = em.createNativeQuery("select distinct openid from wechat.service_window where account_id = ?1 "
                        + "and expires_at > ?2 and used < quota and openid > ?3 order by openid limit " + limit)
                .setParameter(1, accountId).setParameter(2, clock.instant()).setParameter(3, afterOpenid == null ? "" : afterOpenid)
                .getResultList();
        return openids;
    }

    @Override
    public Set<String> consumeEach(UUID accountId, Collection<String> openids) {
        Objects.requireNonNull(accountId, "accountId");
        Set<String> fans = new LinkedHashSet<>(openids);
        fans.remove(null);
        if (fans.size() > MAX_BULK) {
            throw new IllegalArgumentException("at most " + MAX_BULK + " fans at once");
        }
        if (fans.isEmpty()) {
            return Set.of();
        }
        // Each fan's soonest-expiring open window, then one update; a window another transaction emptied meanwhile is
        // re-checked by the update's own condition (used < quota) after its lock, so no window is overdrawn.
        @SuppressWarnings("unchecked")
        List<String> got = em.createNativeQuery("update wechat.service_window s set used = s.used + 1 from ("
                        + "select f.openid, (select w.kind from wechat.service_window w where w.account_id = ?1 and w.openid = f.openid "
                        + "and w.expires_at > ?3 and w.used < w.quota order by w.expires_at limit 1) as kind "
                        + "from unnest(cast(?2 as text[])) as f(openid)) p "
                        + "where s.account_id = ?1 and s.openid = p.openid and s.kind = p.kind and s.used < s.quota and s.expires_at > ?3 "
                        + "returning s.openid")
                .setParameter(1, accountId).setParameter(2, fans.toArray(String[]::new)).setParameter(3, clock.instant())
                .getResultList();
        return new HashSet<>(got);
    }

    @Override
    public Map<String, List<OpenWindow>> openOf(UUID accountId, Collection<String> openids) {
        Objects.requireNonNull(accountId, "accountId");
        Set<String> fans = new LinkedHashSet<>(openids);
        fans.remove(null);
        if (fans.size() > MAX_BULK) {
            throw new IllegalArgumentException("at most " + MAX_BULK + " fans at once");
        }
        Map<String, List<OpenWindow>> open = new LinkedHashMap<>();
        if (fans.isEmpty()) {
            return open;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select openid, kind, opened_by, opened_by_inbox_id, opened_at, expires_at, quota - used "
                        + "from wechat.service_window where account_id = ?1 and openid = any(cast(?2 as text[])) and expires_at > ?3 "
                        + "and used < quota order by openid, expires_at, kind")
                .setParameter(1, accountId).setParameter(2, fans.toArray(String[]::new)).setParameter(3, clock.instant())
                .getResultList();
        for (Object[] r : rows) {
            open.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(new OpenWindow((String) r[0], (String) r[1], (String) r[2],
                    r[3] == null ? null : ((Number) r[3]).longValue(), Rows.instant(r[4]), Rows.instant(r[5]), ((Number) r[6]).intValue()));
        }
        return open;
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Rules rules() {
        var r = inbox.rules();
        return new Rules(r.messageQuota(), r.messageDuration(), r.interactionQuota(), r.interactionDuration());
    }

    /**
     * Records the windows pushes opened (one statement for a batch). A window reopens only from a later interaction:
     * a push processed late (a retry, the sweep) never replaces a newer opening of the same kind.
     */
    static void open(EntityManager em, List<InboxProcessor.Opened> openings) {
        em.createNativeQuery("insert into wechat.service_window (account_id, openid, kind, opened_at, expires_at, quota, used, opened_by, "
                        + "opened_by_inbox_id) select a, o, k, at, ex, q, 0, b, i from unnest(cast(?1 as uuid[]), cast(?2 as text[]), "
                        + "cast(?3 as text[]), cast(cast(?4 as text[]) as timestamptz[]), cast(cast(?5 as text[]) as timestamptz[]), cast(?6 as int[]), cast(?7 as text[]), "
                        + "cast(?8 as bigint[])) as t(a, o, k, at, ex, q, b, i) "
                        + "on conflict (account_id, openid, kind) do update set opened_at = excluded.opened_at, expires_at = excluded.expires_at, "
                        + "quota = excluded.quota, used = 0, opened_by = excluded.opened_by, opened_by_inbox_id = excluded.opened_by_inbox_id "
                        + "where excluded.opened_at >= wechat.service_window.opened_at")
                .setParameter(1, openings.stream().map(o -> o.accountId().toString()).toArray(String[]::new))
                .setParameter(2, openings.stream().map(InboxProcessor.Opened::openid).toArray(String[]::new))
                .setParameter(3, openings.stream().map(o -> o.opening().kind().name()).toArray(String[]::new))
                .setParameter(4, openings.stream().map(o -> o.opening().openedAt().toString()).toArray(String[]::new))
                .setParameter(5, openings.stream().map(o -> o.opening().expiresAt().toString()).toArray(String[]::new))
                .setParameter(6, openings.stream().map(o -> o.opening().quota()).toArray(Integer[]::new))
                .setParameter(7, openings.stream().map(o -> o.opening().trigger().name()).toArray(String[]::new))
                .setParameter(8, openings.stream().map(InboxProcessor.Opened::inboxId).toArray(Long[]::new))
                .executeUpdate();
    }
}
