package app.fanmail.dispatch.application;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.fanmail.dispatch.api.DispatchReads.JobKey;
import app.fanmail.dispatch.api.DispatchReads.JobQuery;
import app.fanmail.dispatch.api.DispatchReads.ListedJob;
import app.fanmail.dispatch.api.DispatchReads.Purged;
import app.fanmail.dispatch.api.DispatchReads.RecipientQuery;
import app.fanmail.dispatch.api.DispatchReads.SentKey;
import app.fanmail.dispatch.api.DispatchReads.SentToFan;
import app.fanmail.dispatch.api.DispatchRecipient;
import app.fanmail.dispatch.api.RecipientState;

/** The queries {@link DispatchReadService} runs (the caller's transaction); inputs are already checked. */
public interface DispatchReadRepository {
    List<ListedJob> jobs(JobQuery query, JobKey after, int limit);

    List<DispatchRecipient> recipients(UUID jobId, RecipientQuery query, long afterSeq, int limit);

    List<SentToFan> sentToFan(UUID accountId, String openid, SentKey after, int limit);

    Map<UUID, Map<RecipientState, Long>> counts(Collection<UUID> jobIds);

    /** Purges like {@link app.fanmail.dispatch.api.DispatchReads#purgeEndedBefore}; {@code orphaned} receives the snapshots no job refers to any more. */
    Purged purgeEndedBefore(Instant cutoff, UUID accountId, int maxJobs, long maxRecipients, java.util.List<UUID> orphaned);
}
