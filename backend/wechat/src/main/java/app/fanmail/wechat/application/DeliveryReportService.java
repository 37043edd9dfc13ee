package app.fanmail.wechat.application;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import app.fanmail.wechat.api.DeliveryReports;
import app.fanmail.wechat.domain.InboundParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Delivery reports by position. Publishing gives each report the next position while holding a transaction-level
 * advisory lock until it commits, so positions become visible in order: a reader that saw position n will never
 * later find a new report below n (inbox ids, taken at insert, cannot promise that).
 */
@ApplicationScoped
@Transactional
public class DeliveryReportService implements DeliveryReports {
    /** The advisory lock key serialising report positions (an arbitrary constant: "FMRP"). */
    static final long POSITION_LOCK = 0x464D5250L;

    @PersistenceContext(unitName = "wechat")
    EntityManager em;

    @Override
    public List<DeliveryReport> after(long cursor, int limit) {
        if (limit < 1 || limit > MAX_READ) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_READ);
        }
        if (cursor < 0) {
            throw new IllegalArgumentException("the cursor is a position (0 or more)");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select report_position, id, account_id, cast(fields as text) from wechat.callback_inbox "
                        + "where report_position > ?1 order by report_position limit " + limit)
                .setParameter(1, cursor).getResultList();
        List<DeliveryReport> reports = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            long inboxId = ((Number) r[1]).longValue();
            reports.add(new DeliveryReport(((Number) r[0]).longValue(), inboxId,
                    InboundParser.parse((UUID) r[2], inboxId, InboxProcessor.fromJson((String) r[3]))));
        }
        return reports;
    }

    /** Gives these just-published report rows their positions; call last in the publishing transaction. */
    static void position(EntityManager em, List<Long> inboxIds) {
        em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(?1)) l").setParameter(1, POSITION_LOCK).getSingleResult();
        em.createNativeQuery("update wechat.callback_inbox i set report_position = p.pos from (select id, nextval('wechat.callback_report_seq') "
                        + "as pos from (select unnest(cast(?1 as bigint[])) as id order by 1) ids) p where i.id = p.id and i.report_position is null")
                .setParameter(1, inboxIds.toArray(Long[]::new)).executeUpdate();
    }
}
