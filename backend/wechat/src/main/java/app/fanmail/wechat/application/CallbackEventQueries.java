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

    public Page list(UUID accountId, int first, Optional<Long> beforeId, List<String> types) {
        return list(accountId, first, beforeId, types, null);
    }

    /** As {@link #list(UUID, int, Optional, List)}, only the pushes of one fan when {@code openid} is not null (a fan's timeline). */
    public Page list(UUID accountId, int first, Optional<Long> beforeId, List<String> types, String openid) {
        // positional parameters must be numbered without gaps: ?1 account, then the optional filters in order
        boolean byType = types != null && !types.isEmpty();
        String typeFilter = !byType ? ""
                : " and (case when msg_type <> 'event' then lower(msg_type) when lower(event) = 'location' then 'location_report'"
                + " else lower(event) end) = any(?T)";
        String fanFilter = openid == null ? "" : " and from_openid = ?F";
        int listNext = 3;
        int countNext = 2;
        int listType = byType ? listNext++ : 0;
        int countType = byType ? countNext++ : 0;
        int listFan = openid != null ? listNext : 0;
        int countFan = openid != null ? countNext : 0;
        var query = em.createNativeQuery("select id, account_id, msg_type, event, from_openid, create_time, received_at, "
                        + "cast(fields as text), raw_xml, processed_at from wechat.callback_inbox where account_id = ?1 and id < ?2"
                        + typeFilter.replace("?T", "?" + listType) + fanFilter.replace("?F", "?" + listFan)
                        + " order by id desc limit " + (first + 1))
                .setParameter(1, accountId).setParameter(2, beforeId.orElse(Long.MAX_VALUE));
        var count = em.createNativeQuery("select count(*) from wechat.callback_inbox where account_id = ?1"
                        + typeFilter.replace("?T", "?" + countType) + fanFilter.replace("?F", "?" + countFan))
                .setParameter(1, accountId);
        if (byType) {
            String[] lowered = types.stream().map(String::toLowerCase).toArray(String[]::new);
            query.setParameter(listType, lowered);
            count.setParameter(countType, lowered);
        }
        if (openid != null) {
            query.setParameter(listFan, openid);
            count.setParameter(countFan, openid);
        }
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
