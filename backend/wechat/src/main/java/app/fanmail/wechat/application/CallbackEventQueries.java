package app.fanmail.wechat.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Reads the callback inbox for the events console, newest first. */
@ApplicationScoped
@Transactional
public class CallbackEventQueries {
    @PersistenceContext(unitName = "wechat")
    EntityManager em;

    public record StoredCallback(long id, UUID accountId, String msgType, String event, String openid, Long createTime,
                                 Instant receivedAt, Map<String, Object> fields, String rawXml, Instant processedAt) {
    }

    public record Page(List<StoredCallback> items, boolean hasNext, long total) {
    }

    /** The console's type of a push, as {@code CallbackEventGraphQL.typeOf} names it: MsgType, else the lower-case Event (LOCATION: location_report). */
    static final String TYPE = "(case when msg_type <> 'event' or coalesce(event, '') = '' then lower(msg_type) "
            + "when lower(event) = 'location' then 'location_report' else lower(event) end)";

    public Page list(UUID accountId, int first, Optional<Long> beforeId, List<String> types) {
        return list(accountId, first, beforeId, types, null, null);
    }

    /**
     * Pushes to the account newest first, after {@code beforeId}: only those of the {@code types} (null or empty: every
     * type), none of the {@code excludeTypes} (null or empty: none left out), only the fan's when {@code openid} is not
     * null (a fan's timeline). The total counts the pushes matching the same conditions.
     */
    public Page list(UUID accountId, int first, Optional<Long> beforeId, List<String> types, List<String> excludeTypes, String openid) {
        Conditions where = Conditions.of(accountId, types, excludeTypes, openid);
        var query = where.bind(em.createNativeQuery("select id, account_id, msg_type, event, from_openid, create_time, received_at, "
                + "cast(fields as text), raw_xml, processed_at from wechat.callback_inbox where " + where.sql() + " and id < ?"
                + (where.params().size() + 1) + " order by id desc limit " + (first + 1)));
        query.setParameter(where.params().size() + 1, beforeId.orElse(Long.MAX_VALUE));
        var count = where.bind(em.createNativeQuery("select count(*) from wechat.callback_inbox where " + where.sql()));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<StoredCallback> items = new ArrayList<>();
        for (Object[] r : rows.subList(0, Math.min(first, rows.size()))) {
            items.add(new StoredCallback(((Number) r[0]).longValue(), (UUID) r[1], (String) r[2], (String) r[3], (String) r[4],
                    r[5] == null ? null : ((Number) r[5]).longValue(), Rows.instant(r[6]), InboxProcessor.fromJson((String) r[7]),
                    (String) r[8], Rows.instant(r[9])));
        }
        return new Page(items, rows.size() > first, ((Number) count.getSingleResult()).longValue());
    }

    /**
     * The conditions of the console's filters on {@code wechat.callback_inbox}, parameters numbered {@code ?1…?n} in the
     * order of {@code params} (the page and its count share them; the page adds its cursor as {@code ?n+1}).
     */
    record Conditions(String sql, List<Object> params) {
        static Conditions of(UUID accountId, List<String> types, List<String> excludeTypes, String openid) {
            StringBuilder sql = new StringBuilder("account_id = ?1");
            List<Object> params = new ArrayList<>();
            params.add(accountId);
            String[] only = lowered(types);
            if (only.length > 0) {
                params.add(only);
                sql.append(" and ").append(TYPE).append(" = any(?").append(params.size()).append(')');
            }
            String[] except = lowered(excludeTypes);
            if (except.length > 0) {
                params.add(except);
                sql.append(" and not (").append(TYPE).append(" = any(?").append(params.size()).append("))");
            }
            if (openid != null) {
                params.add(openid);
                sql.append(" and from_openid = ?").append(params.size());
            }
            return new Conditions(sql.toString(), List.copyOf(params));
        }

        jakarta.persistence.Query bind(jakarta.persistence.Query query) {
            for (int i = 0; i < params.size(); i++) {
                query.setParameter(i + 1, params.get(i));
            }
            return query;
        }

        private static String[] lowered(List<String> types) {
            return types == null ? new String[0]
                    : types.stream().filter(t -> t != null && !t.isBlank()).map(t -> t.strip().toLowerCase(java.util.Locale.ROOT)).distinct()
                            .toArray(String[]::new);
        }
    }

    /** A push whose publishing failed too often and was set aside. */
    public record DeadLetter(long id, UUID accountId, String msgType, String event, String openid, Instant receivedAt,
                             Instant deadLetteredAt, int attempts, String lastError) {
    }

    public record DeadLetterPage(List<DeadLetter> items, boolean hasNext, long total) {
    }

    /** Dead-lettered pushes, newest first, of one account or of all. */
    public DeadLetterPage deadLetters(Optional<UUID> accountId, int first, Optional<Long> beforeId) {
        String accountFilter = accountId.isPresent() ? " and account_id = ?2" : "";
        var query = em.createNativeQuery("select id, account_id, msg_type, event, from_openid, received_at, dead_lettered_at, attempts, "
                        + "last_error from wechat.callback_inbox where dead_lettered_at is not null and id < ?1" + accountFilter
                        + " order by id desc limit " + (first + 1))
                .setParameter(1, beforeId.orElse(Long.MAX_VALUE));
        var count = em.createNativeQuery("select count(*) from wechat.callback_inbox where dead_lettered_at is not null"
                + accountFilter.replace("?2", "?1"));
        accountId.ifPresent(a -> {
            query.setParameter(2, a);
            count.setParameter(1, a);
        });
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<DeadLetter> items = new ArrayList<>();
        for (Object[] r : rows.subList(0, Math.min(first, rows.size()))) {
            items.add(new DeadLetter(((Number) r[0]).longValue(), (UUID) r[1], (String) r[2], (String) r[3], (String) r[4],
                    Rows.instant(r[5]), Rows.instant(r[6]), ((Number) r[7]).intValue(), (String) r[8]));
        }
        return new DeadLetterPage(items, rows.size() > first, ((Number) count.getSingleResult()).longValue());
    }
}
