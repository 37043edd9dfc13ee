package app.fanmail.dispatch.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.fanmail.dispatch.api.RecipientState;

/** The send work queue over the recipients, result writes in batches, and delivery reports. Each call is its own short transaction. */
public interface RecipientRepository {
    /**
     * A claimed recipient: its position in the job's audience snapshot, and when its key was first (possibly) used:
     * {@code firstUse} true when this claim is the first use (then {@code firstAttemptAt} is the claim's time).
     */
    record Claimed(long id, long seq, String openid, Instant firstAttemptAt, boolean firstUse, int attempts) {
    }

    /**
     * The outcome of one attempt to write: the new state (QUEUED to try again at {@code notBefore}), msgid, errcode and
     * message; {@code counted} whether the attempt counts; {@code clearFirstAttempt} when this attempt was the key's first
     * use and certainly did not reach WeChat; {@code done} for a final send state.
     */
    record Result(long id, UUID jobId, RecipientState state, String msgid, Integer errcode, String errmsg, boolean counted,
                  boolean clearFirstAttempt, Instant notBefore, boolean done, Instant at) {
    }

    /**
     * Claims up to {@code limit} ready recipients of the job with a lease, marks them SENDING and records the key's first
     * use (one statement). {@code below} false: the ready ones with ids above {@code cursor}, in id order (the node's
     * cursor: where its last claim ended); true: ready ones with ids below it (retries come due, leases run out).
     */
    List<Claimed> claim(UUID jobId, int limit, Instant now, long cursor, boolean below);

    /**
     * Writes results (one statement), matches delivery reports that arrived before their SENT rows, and completes the
     * jobs with nothing left to send; returns the completed jobs.
     */
    List<UUID> write(List<Result> results, Instant now);

    /**
     * Reads up to {@code limit} delivery reports after the stored cursor and applies them: a report refines its SENT
     * recipient (matched by account and msgid) or is kept until its SENT row is written; the cursor moves in the same
     * transaction. One node at a time (the others return 0 at once). Returns how many reports were read.
     */
    int consumeReports(DeliveryReportSource source, int limit, Instant now);
}
