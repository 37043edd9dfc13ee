package app.fanmail.audiences.api;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What dispatch uses to know who a send reaches. A selector that names nothing usable (an unknown or unfinished
 * upload, an unknown segment, no tags) is refused with {@code UserErrorsException} (codes NOT_FOUND, UPLOAD_NOT_READY,
 * TAGS_REQUIRED) on the field {@code uploadId}, {@code segmentId} or {@code tagIds}.
 */
public interface Audiences {
    /** Counts the selector now, split into reachable and excluded by reason; changes nothing. */
    AudienceCount count(UUID accountId, AudienceSelector selector, Purpose purpose);

    /**
     * Profiles the selector now for a send plan (see {@link AudienceProfile}); changes nothing. A required column the
     * audience does not have counts as missing for everyone. {@code sampleSize} 0…10.
     */
    AudienceProfile profile(UUID accountId, AudienceSelector selector, Purpose purpose, java.util.Collection<String> requiredColumns,
                            java.util.List<ValueProbe> probes, int sampleSize);

    /**
     * Resolves the selector into a frozen snapshot (one statement): later changes to fans, tags, uploads or segments do
     * not change who is in it.
     */
    AudienceSnapshot snapshot(UUID accountId, AudienceSelector selector, Purpose purpose);

    Optional<AudienceSnapshot> findSnapshot(UUID snapshotId);

    /** Up to {@code limit} (1…10,000) recipients with seq greater than {@code afterSeq} (0 to start), in seq order. */
    RecipientChunk read(UUID snapshotId, long afterSeq, int limit);

    /**
     * Every reachable member of the snapshot (seq order) in one read, each flagged when one of {@code requiredColumns}
     * (upload columns) is blank for it — what a job's recipient rows are created from.
     */
    SnapshotMembers members(UUID snapshotId, java.util.Collection<String> requiredColumns);

    /**
     * Like {@link #profile}, over the snapshot's frozen reachable members (its counts as taken): what a stored plan
     * counts. {@code sampleSize} 0…10.
     */
    AudienceProfile profileSnapshot(UUID snapshotId, java.util.Collection<String> requiredColumns, java.util.List<ValueProbe> probes,
                                    int sampleSize);

    /**
     * The snapshot's members with these seqs (excluded ones too), in seq order, with their values as {@link #read}
     * gives them; seqs the snapshot does not hold are left out. At most 1,000 seqs.
     */
    java.util.List<Recipient> recipients(UUID snapshotId, long[] seqs);

    /** Deletes a snapshot and its members; false when there was none. */
    boolean deleteSnapshot(UUID snapshotId);

    /** Deletes every snapshot taken before {@code cutoff}; returns how many. */
    int deleteSnapshotsBefore(Instant cutoff);

    /**
     * The account's saved test fans (at most 20), in the order they were added, with their remark and tag names now.
     * Empty for an account without any (or an unknown account).
     */
    java.util.List<TestFan> testFans(UUID accountId);
}
