package app.fanmail.dispatch.api;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reading what dispatch sent, for history: jobs by filter, one job's recipients by state and openid prefix, what a fan
 * was sent, counts of many jobs at once, and the retention purge. Every list is a keyset page (the key of the last row
 * seen, never an offset), read on dispatch's own tables and indexes. Bad input is refused with
 * {@code kernel.graphql.UserErrorsException} (LIMIT_OUT_OF_RANGE, SEARCH_TOO_LONG, OPENID_PREFIX_TOO_LONG).
 */
public interface DispatchReads {
    /** The largest page of any list here. */
    int MAX_PAGE = 10_000;

    /**
     * Which jobs: every part optional (null or empty: no condition), combined with AND. {@code createdFrom} inclusive,
     * {@code createdTo} exclusive; {@code createdBy} exact; {@code search} text contained in the title, case-insensitive.
     */
    record JobQuery(UUID accountId, Set<JobKind> kinds, Set<JobState> states, Instant createdFrom, Instant createdTo, String createdBy,
                    String search) {
        public static JobQuery all() {
            return new JobQuery(null, null, null, null, null, null, null);
        }
    }

    /** Where a page of jobs continues: after the job created at {@code createdAt} with {@code id} (newest first). */
    record JobKey(Instant createdAt, UUID id) {
    }

    /** A job with its title (the template's title when the job stored one, else its template id). */
    record ListedJob(DispatchJob job, String title) {
    }

    /** Which recipients of a job: states (null or empty: all), and an openid prefix (null or empty: all). */
    record RecipientQuery(Set<RecipientState> states, String openidPrefix) {
        public static RecipientQuery all() {
            return new RecipientQuery(null, null);
        }
    }

    /** One message Fanmail sent (or finally failed or skipped) to a fan: the job it belongs to and the recipient row. */
    record SentToFan(UUID jobId, JobKind kind, String title, Instant jobCreatedAt, DispatchRecipient recipient) {
    }

    /** Where a fan's messages continue: after the recipient {@code seq} of the job created at {@code createdAt} with {@code jobId}. */
    record SentKey(Instant createdAt, UUID jobId, long seq) {
    }

    /** What a purge removed: jobs, and their recipients with them. */
    record Purged(int jobs, long recipients) {
    }

    /** Up to {@code limit} (1…{@value #MAX_PAGE}) jobs matching the query, newest first (created_at, then id, descending), after {@code after} (null: from the newest). */
    List<ListedJob> jobs(JobQuery query, JobKey after, int limit);

    /** Up to {@code limit} (1…{@value #MAX_PAGE}) recipients of the job matching the query with a seq above {@code afterSeq} (0 to start), in seq order. */
    List<DispatchRecipient> recipients(UUID jobId, RecipientQuery query, long afterSeq, int limit);

    /**
     * Up to {@code limit} (1…{@value #MAX_PAGE}) messages of the account's jobs to the fan whose sending is over (a final
     * send state: SENT and what its report made of it, FAILED, SKIPPED, IN_DOUBT), newest job first, after {@code after}
     * (null: from the newest). Recipients still QUEUED or SENDING are not listed yet.
     */
    List<SentToFan> sentToFan(UUID accountId, String openid, SentKey after, int limit);

    /** Recipients by state of each job (every state present, 0 when none; a job that does not exist is absent), in one query. */
    Map<UUID, Map<RecipientState, Long>> counts(Collection<UUID> jobIds);

    /**
     * Deletes jobs that ended (COMPLETED, CANCELLED, FAILED) before {@code cutoff}, oldest first, with their recipients and
     * events: at most {@code maxJobs} jobs, and no more jobs once {@code maxRecipients} recipients are reached (at least
     * one job when any qualifies), in one transaction. Jobs another purge holds are skipped. Call again until it purges
     * nothing. {@code accountId} limits the purge to that account's jobs; null purges every account's.
     */
    Purged purgeEndedBefore(Instant cutoff, UUID accountId, int maxJobs, long maxRecipients);
}
