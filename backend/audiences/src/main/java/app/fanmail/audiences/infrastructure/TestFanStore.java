package app.fanmail.audiences.infrastructure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import app.fanmail.audiences.api.TestFan;
import app.fanmail.audiences.application.TestFanRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Test fans in {@code audiences.test_fan}, read with their {@code audiences.fan} row and tag names. */
@ApplicationScoped
public class TestFanStore implements TestFanRepository {
    @PersistenceContext(unitName = "audiences")
    EntityManager em;

    @Override
    public void lock(UUID accountId) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended('audiences.test_fan:' || cast(?1 as text), 0))")
                .setParameter(1, accountId).getResultList();
    }

    @Override
    public List<TestFan> list(UUID accountId) {
        List<TestFan> out = new ArrayList<>();
        for (Object o : em.createNativeQuery("select t.openid, t.label, f.remark, coalesce(f.subscribed, false),"
                        + " cast(array_to_json(coalesce((select array_agg(g.name order by g.name) from audiences.tag g"
                        + " where g.account_id = t.account_id and g.tag_id = any(f.tag_ids)), '{}'::varchar[])) as text), t.created_at, t.created_by"
                        + " from audiences.test_fan t left join audiences.fan f on f.account_id = t.account_id and f.openid = t.openid"
                        + " where t.account_id = ?1 order by t.created_at, t.openid")
                .setParameter(1, accountId).getResultList()) {
            Object[] r = (Object[]) o;
            out.add(new TestFan((String) r[0], (String) r[1], (String) r[2], Boolean.TRUE.equals(r[3]), Rows.strings(r[4]), Rows.instant(r[5]),
                    (String) r[6]));
        }
        return out;
    }

    @Override
    public int count(UUID accountId) {
        return Rows.integer(em.createNativeQuery("select count(*) from audiences.test_fan where account_id = ?1").setParameter(1, accountId)
                .getSingleResult());
    }

    @Override
    public boolean isSubscribedFan(UUID accountId, String openid) {
        return !em.createNativeQuery("select 1 from audiences.fan where account_id = ?1 and openid = ?2 and subscribed")
                .setParameter(1, accountId).setParameter(2, openid).getResultList().isEmpty();
    }

    @Override
    public boolean insert(UUID accountId, String openid, String label, Instant at, String by) {
        return em.createNativeQuery("insert into audiences.test_fan (account_id, openid, label, created_at, created_by)"
                        + " values (?1, ?2, ?3, ?4, ?5) on conflict do nothing")
                .setParameter(1, accountId).setParameter(2, openid).setParameter(3, label).setParameter(4, at).setParameter(5, by)
                .executeUpdate() > 0;
    }

    @Override
    public boolean delete(UUID accountId, String openid) {
        return em.createNativeQuery("delete from audiences.test_fan where account_id = ?1 and openid = ?2")
                .setParameter(1, accountId).setParameter(2, openid).executeUpdate() > 0;
    }
}
