package app.fanmail.dispatch.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import app.fanmail.dispatch.api.JobDetails;
import app.fanmail.dispatch.application.PlanRepository;
import app.fanmail.kernel.json.JsonFactories;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** {@link PlanRepository} over {@code dispatch.job} and {@code recipient}: plans, details, today's sends, follow-up jobs. */
@ApplicationScoped
@Transactional
public class PlanStore implements PlanRepository {
    private static final Logger LOG = Logger.getLogger("app.fanmail.dispatch.jobs");

    @PersistenceContext(unitName = "dispatch")
    EntityManager em;

    @Override
    public long sentSince(UUID accountId, Instant since) {
        // per job of the account that may have sent since then, the range of recipient_sent_idx from `since` on
        return ((Number) em.createNativeQuery("select count(*) from dispatch.job j join dispatch.recipient r on r.job_id = j.id "
                        + "and r.sent_at >= cast(?2 as timestamptz) where j.account_id = ?1 and j.started_at is not null "
                        + "and (j.finished_at is null or j.finished_at >= cast(?2 as timestamptz))")
                .setParameter(1, accountId).setParameter(2, Rows.text(since)).getSingleResult()).longValue();
    }

    @Override
    public void storePlanned(UUID jobId, int total, app.fanmail.dispatch.api.DispatchPlan plan) {
        em.createNativeQuery("update dispatch.job set total = ?2, plan = cast(?3 as jsonb) where id = ?1")
                .setParameter(1, jobId).setParameter(2, total).setParameter(3, PlanJson.write(plan)).executeUpdate();
    }

    @Override
    public Optional<JobDetails> details(UUID jobId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select cast(content as text), cast(audience as text), cast(plan as text), follow_up_of, "
                + "follow_up_kind from dispatch.job where id = ?1").setParameter(1, jobId).getResultList();
        return rows.stream().findFirst().map(r -> new JobDetails(jobId, JobStore.content((String) r[0]),
                describe((String) r[1], Rows.uuid(r[3]), Rows.string(r[4])), PlanJson.read((String) r[2]), Rows.uuid(r[3]), Rows.string(r[4])));
    }

    /** A readable description of the audience a job was created for. */
    static String describe(String audienceJson, UUID followUpOf, String followUpKind) {
        JsonObject a = JsonFactories.readObject(audienceJson);
        String what = switch (a.getString("type", "ALL")) {
            case "TAGS" -> "Fans with " + ("ALL".equals(a.getString("match", "ANY")) ? "all" : "any") + " of the tags "
                    + String.join(", ", a.getJsonArray("tagIds").stream().map(JsonValue::toString).toList());
            case "UPLOAD" -> "The uploaded list " + a.getString("uploadId", "?");
            case "SEGMENT" -> "The segment " + a.getString("segmentId", "?");
            default -> "All fans";
        };
        if (followUpOf == null) {
            return what;
        }
        return ("RESEND_IN_DOUBT".equals(followUpKind) ? "The IN_DOUBT recipients" : "The FAILED and SYSTEM_FAILED recipients")
                + " of job " + followUpOf + " (" + what + ")";
    }

    @Override
    public boolean hasFollowUp(UUID originJobId, String kind) {
        return !em.createNativeQuery("select 1 from dispatch.job where follow_up_of = ?1 and follow_up_kind = ?2 and state <> 'CANCELLED'")
                .setParameter(1, originJobId).setParameter(2, kind).getResultList().isEmpty();
    }

    @Override
    public int createFollowUp(UUID originJobId, UUID jobId, String kind, String[] states, String actor, Instant now) {
        String at = Rows.text(now);
        em.createNativeQuery("insert into dispatch.job (id, account_id, kind, state, content, audience, snapshot_id, batch_size, created_by, "
                        + "created_at, updated_at, follow_up_of, follow_up_kind) select ?1, account_id, kind, 'DRAFT', content, audience, snapshot_id, "
                        + "batch_size, ?2, cast(?3 as timestamptz), cast(?3 as timestamptz), id, ?4 from dispatch.job where id = ?5")
                .setParameter(1, jobId).setParameter(2, actor).setParameter(3, at).setParameter(4, kind).setParameter(5, originJobId).executeUpdate();
        String reason = kind + " of " + originJobId;
        em.createNativeQuery("insert into dispatch.job_event (job_id, account_id, at, actor, from_state, to_state, reason) "
                        + "select id, account_id, cast(?2 as timestamptz), ?3, null, 'DRAFT', ?4 from dispatch.job where id = ?1")
                .setParameter(1, jobId).setParameter(2, at).setParameter(3, actor).setParameter(4, reason).executeUpdate();
        LOG.info(() -> "dispatch job=" + jobId + " from=null to=DRAFT actor=" + actor + " reason=\"" + reason + "\"");
        // one statement: the origin's rows in those states (the (job, seq) range), as new QUEUED rows with new keys
        int total = em.createNativeQuery("insert into dispatch.recipient (job_id, seq, openid, state) "
                        + "select ?1, seq, openid, 'QUEUED' from dispatch.recipient where job_id = ?2 and state = any(cast(?3 as text[])) "
                        + "order by seq")
                .setParameter(1, jobId).setParameter(2, originJobId).setParameter(3, states).executeUpdate();
        em.createNativeQuery("update dispatch.job set total = ?2 where id = ?1").setParameter(1, jobId).setParameter(2, total).executeUpdate();
        return total;
    }
}
