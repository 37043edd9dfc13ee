package app.fanmail.audiences.application;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import app.fanmail.audiences.domain.FanFilter;
import app.fanmail.audiences.domain.TagAction;
import app.fanmail.audiences.domain.TagBatchSplitter;

/**
 * Bulk tag jobs, their items and their chunk queue (kernel work queue: lease, attempts, back-off, dead letter). Every
 * write is in bulk: items by unnest or insert…select, results of a chunk in one statement, fans' tag ids in one.
 */
public interface TagJobRepository {
    /** What a worker needs to (un)tag one chunk: the job's tag and action and the chunk's pending items. */
    record ChunkWork(long chunkId, UUID jobId, UUID accountId, int tagId, TagAction action, boolean running, List<Item> items) {
    }

    record Item(int seq, String openid) {
    }

    /** What the preparation of a job needs: its tag, action and source (a filter, or an upload). */
    record Preparation(UUID jobId, UUID accountId, int tagId, TagAction action, FanFilter filter, UUID uploadId) {
    }

    /** Creates a PREPARING job (status of {@code job}) that names its source openids itself (a selection, in the same transaction). */
    void create(TagJobView job, String startedBy);

    /**
     * Creates a PREPARING job whose items come from a filter or an upload, kept with it, and leased to the caller until
     * {@code leaseUntil}: another node prepares it only after that.
     */
    void createPreparing(TagJobView job, String startedBy, FanFilter filter, UUID uploadId, Instant leaseUntil);

    /** Takes the lease of a PREPARING job whose lease ran out (its node died): its source, or empty when it is taken or gone. */
    Optional<Preparation> claimPreparation(UUID jobId, Instant now);

    /** The source of a job this node holds the preparation lease of (created by it): empty when it is no longer preparing. */
    Optional<Preparation> preparation(UUID jobId);

    /** PREPARING jobs whose lease ran out, oldest first. */
    List<UUID> abandonedPreparations(Instant now, int limit);

    /** Adds these (line, openid) rows as items {@code firstSeq}, {@code firstSeq + 1}…; the source gives each openid once. */
    int addOpenids(UUID jobId, int firstSeq, List<UploadedOpenids.Row> rows);

    /** Adds every fan of the filter (window state from {@code openWindows}); returns how many. */
    int addFromFilter(UUID jobId, UUID accountId, FanFilter filter, Set<String> openWindows);

    /** Marks failed (45059) the items whose fan Fanmail knows already carries 20 other tags; returns how many. */
    int refuseFansAtTagLimit(UUID jobId, UUID accountId, int tagId);

    /**
     * Cuts the pending items into chunks of {@code chunkSize}, counts the job's total, done and failed and moves it from
     * PREPARING to RUNNING (SUCCEEDED when nothing is left to send); returns the job. Empty when the job is no longer
     * PREPARING (cancelled meanwhile): the caller rolls its items back.
     */
    Optional<TagJobView> seal(UUID jobId, int chunkSize, Instant now);

    List<Long> claim(int limit, Instant now);

    Optional<ChunkWork> chunk(long chunkId);

    /**
     * Writes a chunk's outcome (per openid null = done, else its failure) if the chunk is still to do: items in one
     * statement, the fans' tag ids of the successes in one, the job's counters, the chunk done, the job finished when
     * it was its last chunk. Empty when another worker already did the chunk.
     */
    Optional<TagJobView> complete(long chunkId, Map<String, TagBatchSplitter.Failure> results, Instant now);

    /** One failed attempt (retryable failure); after the last allowed one the chunk's items fail with it. Returns the job. */
    Optional<TagJobView> retryLater(long chunkId, TagBatchSplitter.Failure failure, Instant now);

    /** The job failed as a whole: pending items fail with the failure, open chunks are closed. */
    Optional<TagJobView> failJob(UUID jobId, TagBatchSplitter.Failure failure, Instant now);

    /** Cancels a preparing or running job: its open chunks are closed, pending items stay pending. */
    Optional<TagJobView> cancel(UUID jobId, Instant now);

    Optional<TagJobView> find(UUID jobId);

    /** Tells every node (the kernel's cluster channel, at commit) that the job moved, so each publishes its progress. */
    void announce(UUID jobId);

    /** The account's jobs, newest first, after (startedAt, id). */
    List<TagJobView> page(UUID accountId, Instant afterStartedAt, UUID afterId, int limit);

    /** The job's failures in seq order after {@code afterSeq}. */
    List<TagJobFailure> failures(UUID jobId, int afterSeq, int limit);
}
