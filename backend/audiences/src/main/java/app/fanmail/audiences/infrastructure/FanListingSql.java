package app.fanmail.audiences.infrastructure;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.audiences.application.FanListing;
import app.fanmail.audiences.application.FanRecord;
import app.fanmail.audiences.domain.FanFilter;
import app.fanmail.audiences.domain.FanListOrder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;

/**
 * {@link FanListing} in native SQL over {@code audiences.fan}. Pages are keysets on the V1 indexes, never OFFSET:
 * OPENID walks the primary key; the instant orders walk in two phases — fans with the instant through the partial index
 * {@code (account_id, instant desc, openid) where instant is not null} (newest first, after the cursor's instant and
 * openid), then fans without it through the primary key (by openid; V9) — so a deep page costs what the first does,
 * except the first pages past the fans with the instant when nearly every fan has it (the walk skips those). Fans with an open window by openid
 * are the open windows after the cursor, each fan looked up by its key.
 */
@ApplicationScoped
public class FanListingSql implements FanListing {
    static final String COLUMNS = "f.openid, f.remark, f.subscribed, f.subscribed_at, f.unsubscribed_at, f.language, "
            + "array_to_string(f.tag_ids, ','), f.last_interaction_at, f.details_synced_at";

    @PersistenceContext(unitName = "audiences")
    EntityManager em;

    @Override
    public FanPage page(UUID accountId, FanFilter filter, Collection<String> openWindows, FanListOrder order, PageKey after, int limit) {
        FanFilterSql where = FanFilterSql.of(accountId, filter, openWindows, 1);
        where.planForValues(em);
        int p = where.nextPosition(1);
        List<Object[]> rows = new ArrayList<>();
        if (order == FanListOrder.OPENID && filter.window() == FanFilter.WindowState.OPEN) {
            rows.addAll(list(amongOpen(accountId, filter, openWindows, after, limit)));
        } else if (order == FanListOrder.OPENID) {
            String sql = "select " + COLUMNS + " from audiences.fan f where " + where.where()
                    + (after == null ? "" : " and f.openid > ?" + p) + " order by f.openid limit " + (limit + 1);
            Query q = where.bind(em.createNativeQuery(sql), 1);
            if (after != null) {
                q.setParameter(p, after.openid());
            }
            rows.addAll(list(q));
        } else {
            String col = order == FanListOrder.SUBSCRIBED_AT_DESC ? "f.subscribed_at" : "f.last_interaction_at";
            if (after == null || after.at() != null) {
                String sql = "select " + COLUMNS + " from audiences.fan f where " + where.where() + " and " + col + " is not null"
                        + (after == null ? "" : " and " + col + " <= cast(?" + p + " as timestamptz) and (" + col + " < cast(?" + p
                        + " as timestamptz) or f.openid > ?" + (p + 1) + ")")
                        + " order by " + col + " desc, f.openid limit " + (limit + 1);
                Query q = where.bind(em.createNativeQuery(sql), 1);
                if (after != null) {
                    q.setParameter(p, after.at()).setParameter(p + 1, after.openid());
                }
                rows.addAll(list(q));
            }
            if (rows.size() <= limit) {
                boolean inNulls = after != null && after.at() == null;
                String sql = "select " + COLUMNS + " from audiences.fan f where " + where.where() + " and " + col + " is null"
                        + (inNulls ? " and f.openid > ?" + p : "") + " order by f.openid limit " + (limit + 1 - rows.size());
                Query q = where.bind(em.createNativeQuery(sql), 1);
                if (inNulls) {
                    q.setParameter(p, after.openid());
                }
                rows.addAll(list(q));
            }
        }
        List<FanRecord> fans = rows.subList(0, Math.min(limit, rows.size())).stream().map(FanListingSql::fan).toList();
        Optional<PageKey> next = Optional.empty();
        if (rows.size() > limit) {
            FanRecord last = fans.get(limit - 1);
            Instant at = switch (order) {
                case OPENID -> null;
                case SUBSCRIBED_AT_DESC -> last.subscribedAt();
                case LAST_INTERACTION_DESC -> last.lastInteractionAt();
            };
            next = Optional.of(new PageKey(at, last.openid()));
        }
        return new FanPage(fans, next);
    }

    /**
     * The window-open fans by openid walk the open windows (the smaller side, usually a few per cent of the fans) in
     * order from the cursor and look each fan up by its primary key until the page is full, instead of walking every
     * fan and filtering (which visited ~100 fans per match: ~5,000 heap rows a page at 1 % open).
     */
    private Query amongOpen(UUID accountId, FanFilter filter, Collection<String> openWindows, PageKey after, int limit) {
        if (openWindows == null) {
            throw new IllegalArgumentException("the window state needs the account's open windows");
        }
        FanFilter rest = new FanFilter(filter.search(), filter.tagIds(), filter.tagMatch(), filter.subscribed(), filter.interactedAfter(),
                filter.interactedBefore(), null);
        FanFilterSql where = FanFilterSql.of(accountId, rest, null, 1);
        int p = where.nextPosition(1);
        String sql = "select " + COLUMNS + " from (select o.openid from unnest(cast(?" + p + " as text[])) o(openid)"
                + (after == null ? "" : " where o.openid > ?" + (p + 1)) + " order by o.openid) o cross join lateral ("
                + "select f.* from audiences.fan f where " + where.where() + " and f.openid = o.openid offset 0) f "
                + "order by o.openid limit " + (limit + 1);
        Query q = where.bind(em.createNativeQuery(sql), 1).setParameter(p, openWindows.toArray(String[]::new));
        if (after != null) {
            q.setParameter(p + 1, after.openid());
        }
        return q;
    }

    @Override
    public long count(UUID accountId, FanFilter filter, Collection<String> openWindows) {
        FanFilterSql where = FanFilterSql.of(accountId, filter, openWindows, 1);
        where.planForValues(em);
        Query q = where.bind(em.createNativeQuery("select count(*) from audiences.fan f where " + where.where()), 1);
        return ((Number) q.getSingleResult()).longValue();
    }

    @Override
    public Optional<FanRecord> find(UUID accountId, String openid) {
        List<Object[]> rows = list(em.createNativeQuery("select " + COLUMNS + " from audiences.fan f where f.account_id = ?1 and f.openid = ?2")
                .setParameter(1, accountId).setParameter(2, openid));
        return rows.stream().findFirst().map(FanListingSql::fan);
    }

    @Override
    public Map<Integer, String> tagNames(UUID accountId, Collection<Integer> tagIds) {
        Map<Integer, String> names = new HashMap<>();
        if (tagIds.isEmpty()) {
            return names;
        }
        for (Object[] r : list(em.createNativeQuery("select tag_id, name from audiences.tag where account_id = ?1 "
                        + "and tag_id = any(cast(?2 as integer[]))")
                .setParameter(1, accountId).setParameter(2, tagIds.toArray(Integer[]::new)))) {
            names.put(((Number) r[0]).intValue(), (String) r[1]);
        }
        return names;
    }

    @Override
    public boolean setRemark(UUID accountId, String openid, String remark, Instant at) {
        return em.createNativeQuery("update audiences.fan set remark = ?3, updated_at = ?4 where account_id = ?1 and openid = ?2")
                .setParameter(1, accountId).setParameter(2, openid).setParameter(3, remark).setParameter(4, at)
                .executeUpdate() == 1;
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> list(Query q) {
        return q.getResultList();
    }

    static FanRecord fan(Object[] r) {
        String tags = (String) r[6];
        List<Integer> tagIds = tags == null || tags.isEmpty() ? List.of() : Arrays.stream(tags.split(",")).map(Integer::valueOf).toList();
        return new FanRecord((String) r[0], (String) r[1], (Boolean) r[2], instant(r[3]), instant(r[4]), (String) r[5], tagIds,
                instant(r[7]), instant(r[8]));
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
