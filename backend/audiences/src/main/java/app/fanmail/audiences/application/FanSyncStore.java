package app.fanmail.audiences.application;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.audiences.domain.FanSyncKind;

/**
 * Storage of fan sync runs and the bulk writes they make (implemented in infrastructure with native SQL). Every
 * step method runs in one transaction of its own: it first locks the run and checks that it is still RUNNING and
 * leased by {@code owner}; if not (cancelled, or another node took it over), it writes nothing and returns empty.
 * Otherwise it writes the page in bulk (one statement), moves the run's cursor, renews the lease until
 * {@code leaseUntil} and returns the run as stored.
 */
public interface FanSyncStore {
    /** The lease a step renews and a claim takes. */
    record Lease(String owner, Instant now, Instant until) {
    }

    Optional<FanSyncRun> find(long id);

    /** The latest run of each kind for the account (at most one per kind). */
    List<FanSyncRun> latest(UUID accountId);

    Optional<FanSyncRun> latest(UUID accountId, FanSyncKind kind);

    /** A new RUNNING run leased to {@code lease.owner()}; empty when one of that kind is already running. */
    Optional<FanSyncRun> create(UUID accountId, FanSyncKind kind, UUID startedBy, Long total, Lease lease);

    /** Puts a FAILED run back to RUNNING where it stopped; empty when it is not FAILED or one of its kind runs. */
    Optional<FanSyncRun> resume(long id, UUID startedBy, Lease lease);

    /** CANCELLED if running; empty when it is not running. */
    Optional<FanSyncRun> cancel(long id, Instant now);

    /** FAILED with the error (its cursor kept) if still running and leased by {@code owner}. */
    Optional<FanSyncRun> fail(long id, String owner, String code, String message, Instant now);

    /** Takes over up to {@code limit} RUNNING runs whose lease ran out; returns them. */
    List<FanSyncRun> claimExpired(Lease lease, int limit);

    /**
     * FOLLOWERS phase: upserts one user/get page (subscribed, seen by this run, with the tag ids staged for its fans),
     * in a transaction of its own, if the run is still RUNNING in FOLLOWERS and leased by the lease's owner; false if not.
     * Several pages may be written at once, and a page again after a retry or a resume: writing a page is idempotent.
     */
    boolean insertFollowers(long id, Lease lease, FanSource.Page page);

    /**
     * FOLLOWERS phase: the pages from {@code fromCursor} on are written up to {@code next} (null: the last page was);
     * moves the cursor there, only if it still is at {@code fromCursor}, and counts {@code written} fans; after the last
     * page moves to APPLY.
     */
    Optional<FanSyncRun> advanceFollowers(long id, Lease lease, String fromCursor, String next, long written, long total);

    /** TAGS phase: the tag table becomes exactly {@code tags}; moves to MEMBERS (or APPLY when there is no tag). */
    Optional<FanSyncRun> writeTags(long id, Lease lease, List<FanSource.Tag> tags);

    /**
     * MEMBERS phase: stages one user/tag/get page of the tag's members, in a transaction of its own, if the run is still
     * RUNNING in MEMBERS and leased by the lease's owner; false if not. Pages may be staged at once and again (a member
     * staged twice counts once: follower pages take the distinct tag ids).
     */
    boolean insertMembers(long id, Lease lease, int tagId, List<String> openids);

    /**
     * MEMBERS phase: the pages from {@code fromCursor} are staged up to {@code nextCursor} ("tagId:next_openid"; null: the
     * last tag's last page was); moves the cursor there only if it still is at {@code fromCursor}; after the last page
     * moves to FOLLOWERS.
     */
    Optional<FanSyncRun> advanceMembers(long id, Lease lease, String fromCursor, String nextCursor);

    /**
     * APPLY phase: the next {@code chunk} fans after the cursor get their staged tag ids, and those subscribed but not
     * listed by this run (nor changed since it started) become unsubscribed. After the last chunk the run SUCCEEDED
     * and its staging is removed.
     */
    Optional<FanSyncRun> applyChunk(long id, Lease lease, int chunk);

    /** Openids of subscribed fans without details after {@code afterOpenid}, ascending. */
    List<String> pendingDetails(UUID accountId, String afterOpenid, int limit);

    long countPendingDetails(UUID accountId);

    /**
     * DETAILS phase: writes what batchget returned (fans that unfollowed become unsubscribed), moves the cursor to
     * {@code lastOpenid}; {@code finished} ends the run SUCCEEDED.
     */
    Optional<FanSyncRun> writeDetails(long id, Lease lease, List<FanSource.Details> details, String lastOpenid, boolean finished);

    /** The account's tag ids as the tag table holds them, ascending. */
    List<Integer> tagIds(UUID accountId);
}
