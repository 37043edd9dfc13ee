package app.fanmail.audiences.application;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.audiences.api.AudienceCount;
import app.fanmail.audiences.api.AudienceProfile;
import app.fanmail.audiences.api.ValueProbe;
import app.fanmail.audiences.api.AudienceSnapshot;
import app.fanmail.audiences.api.Purpose;
import app.fanmail.audiences.api.RecipientChunk;
import app.fanmail.audiences.domain.FanFilter;

/**
 * Counts and snapshots in SQL: each count is one aggregate query, each snapshot one INSERT … SELECT. A non-null
 * {@code windows} (the openids with an open window) also excludes subscribed fans outside it as WINDOW_CLOSED; the
 * filter's own window condition uses {@code filterWindows}.
 */
public interface SelectionRepository {
    /** What the selection of fans is, as a plan both counting and snapshotting run. */
    sealed interface Selection {
    }

    record FanSelection(FanFilter filter, Collection<String> filterWindows) implements Selection {
    }

    record UploadSelection(UUID uploadId) implements Selection {
    }

    AudienceCount count(UUID accountId, Selection selection, Collection<String> windows);

    /** {@link app.fanmail.audiences.api.Audiences#profile}: one aggregate query and one read of the sample. */
    AudienceProfile profile(UUID accountId, Selection selection, Collection<String> windows, List<String> columns,
                            Collection<String> requiredColumns, List<ValueProbe> probes, int sampleSize);

    AudienceSnapshot snapshot(UUID snapshotId, UUID accountId, String selectorJson, Purpose purpose, Selection selection,
                              List<String> columns, Collection<String> windows, Instant now);

    Optional<AudienceSnapshot> find(UUID snapshotId);

    RecipientChunk read(UUID snapshotId, long afterSeq, int limit);

    boolean delete(UUID snapshotId);

    /** {@link app.fanmail.audiences.api.Audiences#members}; {@code columns}: the snapshot's upload columns. */
    app.fanmail.audiences.api.SnapshotMembers members(UUID snapshotId, List<String> columns, java.util.Collection<String> requiredColumns);

    /** {@link app.fanmail.audiences.api.Audiences#profileSnapshot} of a snapshot that exists. */
    app.fanmail.audiences.api.AudienceProfile profileSnapshot(AudienceSnapshot snapshot, java.util.Collection<String> requiredColumns,
                                                              List<app.fanmail.audiences.api.ValueProbe> probes, int sampleSize);

    /** {@link app.fanmail.audiences.api.Audiences#recipients}. */
    List<app.fanmail.audiences.api.Recipient> recipients(UUID snapshotId, long[] seqs);

    int deleteBefore(Instant cutoff);
}
