package app.fanmail.dispatch.application;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.logging.Logger;

import app.fanmail.dispatch.api.DispatchReads;
import app.fanmail.dispatch.api.DispatchRecipient;
import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.kernel.graphql.UserErrorsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** {@link DispatchReads}: checks the limits, then one query per call (each call its own transaction when none is open). */
@ApplicationScoped
@Transactional
public class DispatchReadService implements DispatchReads {
    private static final Logger LOG = Logger.getLogger("app.fanmail.dispatch.jobs");
    /** The longest title search and openid prefix accepted (openids are 28 characters; titles are short). */
    static final int MAX_TEXT = 128;

    @Inject
    DispatchReadRepository reads;
    @Inject
    app.fanmail.audiences.api.Audiences audiences;

    @Override
    public List<ListedJob> jobs(JobQuery query, JobKey after, int limit) {
        JobQuery q = query == null ? JobQuery.all() : query;
        limit(limit);
        if (q.search() != null && q.search().length() > MAX_TEXT) {
            throw new UserErrorsException("SEARCH_TOO_LONG", "search", "Search for at most " + MAX_TEXT + " characters.");
        }
        return reads.jobs(q, after, limit);
    }

    @Override
    public List<DispatchRecipient> recipients(UUID jobId, RecipientQuery query, long afterSeq, int limit) {
        Objects.requireNonNull(jobId, "jobId");
        RecipientQuery q = query == null ? RecipientQuery.all() : query;
        limit(limit);
        if (q.openidPrefix() != null && q.openidPrefix().length() > MAX_TEXT) {
            throw new UserErrorsException("OPENID_PREFIX_TOO_LONG", "openid", "An openid has at most " + MAX_TEXT + " characters.");
        }
        return reads.recipients(jobId, q, Math.max(0, afterSeq), limit);
    }

    @Override
    public List<SentToFan> sentToFan(UUID accountId, String openid, SentKey after, int limit) {
        Objects.requireNonNull(accountId, "accountId");
        limit(limit);
        if (openid == null || openid.isBlank() || openid.length() > MAX_TEXT) {
            return List.of(); // no fan has such an openid
        }
        return reads.sentToFan(accountId, openid, after, limit);
    }

    @Override
    public Map<UUID, Map<RecipientState, Long>> counts(Collection<UUID> jobIds) {
        return jobIds.isEmpty() ? Map.of() : reads.counts(jobIds);
    }

    @Override
    public Purged purgeEndedBefore(Instant cutoff, UUID accountId, int maxJobs, long maxRecipients) {
        Objects.requireNonNull(cutoff, "cutoff");
        if (maxJobs < 1 || maxRecipients < 1) {
            throw new IllegalArgumentException("maxJobs and maxRecipients must be positive");
        }
        List<UUID> orphaned = new java.util.ArrayList<>();
        Purged purged = reads.purgeEndedBefore(cutoff, accountId, maxJobs, maxRecipients, orphaned);
        // the audience snapshots the purged jobs were sent from go with them (same transaction)
        orphaned.forEach(audiences::deleteSnapshot);
        if (purged.jobs() > 0) {
            LOG.info(() -> "dispatch purge jobs=" + purged.jobs() + " recipients=" + purged.recipients() + " endedBefore=" + cutoff
                    + (accountId == null ? "" : " account=" + accountId));
        }
        return purged;
    }

    private static void limit(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new UserErrorsException("LIMIT_OUT_OF_RANGE", "limit", "Ask for 1 to 10,000 rows.");
        }
    }
}
