package app.fanmail.audiences.infrastructure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import app.fanmail.audiences.domain.FanFilter;
import jakarta.persistence.Query;

/**
 * A {@link FanFilter} as the {@code where} clause of a query over {@code audiences.fan f} with positional parameters:
 * bind them with {@link #bind} (positions start at {@code firstPosition}, so the caller's own parameters can come
 * first). Every condition is served by an index (the primary key for the openid prefix — openids are in the C
 * collation, V8 — and the trigram GIN for the remark, together a BitmapOr; GIN for tag ids, b-tree
 * for the last interaction. The two GINs hold only fans with a remark or a tag (V10), so those conditions say so:
 * {@code remark <> ''}, {@code tag_ids <> '{}'} let the planner use them; b-tree for the last interaction); the window state is an {@code openid = any(…)} over the account's
 * open windows, which the caller reads from the wechat module first (usually a small set next to the fans).
 */
public final class FanFilterSql {
    private final String where;
    private final List<Object> params;
    private final boolean searches;

    private FanFilterSql(String where, List<Object> params, boolean searches) {
        this.where = where;
        this.params = params;
        this.searches = searches;
    }

    /**
     * @param openWindows the openids with an open window (required when {@code filter.needsWindows()}, ignored
     *                    otherwise)
     */
    public static FanFilterSql of(UUID accountId, FanFilter filter, Collection<String> openWindows, int firstPosition) {
        List<Object> params = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        int p = firstPosition;
        w.append("f.account_id = ?").append(p++);
        params.add(accountId);
        if (filter.search() != null) {
            String s = filter.search();
            w.append(" and (f.openid like ?").append(p++).append(" or (f.remark <> '' and f.remark ilike ?").append(p++).append("))");
            params.add(escapeLike(s) + "%");
            params.add("%" + escapeLike(s) + "%");
        }
        if (!filter.tagIds().isEmpty()) {
            Integer[] tags = filter.tagIds().toArray(Integer[]::new);
            switch (filter.tagMatch()) {
                case ANY -> w.append(" and f.tag_ids <> '{}' and f.tag_ids && cast(?").append(p++).append(" as integer[])");
                case ALL -> w.append(" and f.tag_ids <> '{}' and f.tag_ids @> cast(?").append(p++).append(" as integer[])");
                case NONE -> w.append(" and not (f.tag_ids && cast(?").append(p++).append(" as integer[]))");
            }
            params.add(tags);
        }
        if (filter.subscribed() != null) {
            w.append(" and f.subscribed = ?").append(p++);
            params.add(filter.subscribed());
        }
        if (filter.interactedAfter() != null) {
            w.append(" and f.last_interaction_at >= cast(?").append(p++).append(" as timestamptz)");
            params.add(filter.interactedAfter());
        }
        if (filter.interactedBefore() != null) {
            w.append(filter.interactedAfter() == null ? " and (f.last_interaction_at is null or f.last_interaction_at < cast(?"
                    : " and (f.last_interaction_at < cast(?").append(p++).append(" as timestamptz))");
            params.add(filter.interactedBefore());
        }
        if (filter.window() != null) {
            if (openWindows == null) {
                throw new IllegalArgumentException("the window state needs the account's open windows");
            }
            w.append(filter.window() == FanFilter.WindowState.OPEN ? " and f.openid = any(cast(?" : " and not (f.openid = any(cast(?")
                    .append(p++).append(" as text[]))").append(filter.window() == FanFilter.WindowState.OPEN ? "" : ")");
            params.add(openWindows.toArray(String[]::new));
        }
        return new FanFilterSql(w.toString(), List.copyOf(params), filter.search() != null);
    }

    /** The condition, without the leading {@code where}. */
    public String where() {
        return where;
    }

    /** The next free parameter position after this filter's. */
    public int nextPosition(int firstPosition) {
        return firstPosition + params.size();
    }

    public List<Object> params() {
        return params;
    }

    /**
     * Has the rest of the caller's transaction planned for its parameters' values when this filter searches text. How
     * selective a search is depends on its pattern; after five runs of a prepared statement PostgreSQL may switch to one
     * generic plan, which for a search walks the primary key and filters (measured at 1,000,000 fans: 700 ms for a
     * remark search that the trigram index answers in 0.2 ms). Costs a planning per statement (~1 ms).
     */
    public void planForValues(jakarta.persistence.EntityManager em) {
        if (searches) {
            em.createNativeQuery("set local plan_cache_mode = force_custom_plan").executeUpdate();
        }
    }

    /** Binds this filter's parameters from {@code firstPosition} on. */
    public Query bind(Query q, int firstPosition) {
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(firstPosition + i, params.get(i));
        }
        return q;
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
