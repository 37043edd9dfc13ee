package app.fanmail.materials.application;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.materials.api.MaterialKind;

/** The library's rows and files. Each method is a short transaction of its own unless the caller has one. */
public interface MaterialRepository {
    /** A file of a material: the original or an image's preview. */
    record StoredFile(String contentType, String sha256, byte[] bytes) {
    }

    enum Variant {
        ORIGINAL, PREVIEW
    }

    /** A new row with its files (the preview may be null), in one transaction. */
    void insert(StoredMaterial material, StoredFile original, StoredFile preview);

    Optional<StoredMaterial> find(UUID id);

    Optional<StoredMaterial> findByMediaId(UUID accountId, String mediaId);

    /** A page newest first, after the (createdAt, id) key when given; {@code search} matches the name, case-insensitively. */
    List<StoredMaterial> page(UUID accountId, MaterialKind kind, String search, Instant afterAt, UUID afterId, int limit);

    /** How many materials of each kind the account's library holds. */
    Map<MaterialKind, Long> counts(UUID accountId);

    long count(UUID accountId, MaterialKind kind, String search);

    void delete(UUID id);

    Optional<StoredFile> file(UUID id, Variant variant);

    // --- sync

    /** Starts a run unless one runs (a run whose heartbeat is older than {@code staleBefore} is failed first). */
    Optional<StoredSync> startSync(UUID accountId, String user, Instant now, Instant staleBefore);

    Optional<StoredSync> latestSync(UUID accountId);

    Optional<StoredSync> sync(UUID id);

    /**
     * Inserts the listed materials it does not know (origin SYNCED, preview PENDING), updates the names and URLs of the
     * others, and marks all as seen by the run; counts them into the run. Returns how many were new.
     */
    int upsertListed(UUID syncId, UUID accountId, MaterialKind kind, List<MaterialGateway.Listed> items, Instant now);

    /** Deletes the account's materials created before the run started that the run did not list; counts them into the run. */
    int removeUnlisted(UUID syncId, UUID accountId);

    /** Up to {@code limit} of the account's materials waiting for a copy, oldest first. */
    List<StoredMaterial> pendingPreviews(UUID accountId, int limit);

    /** Stores a downloaded copy (and an image's preview) and marks the row READY; counts it into the run. */
    void storeCopy(UUID syncId, UUID materialId, String contentType, long size, Long durationMillis, Integer width, Integer height,
                   StoredFile original, StoredFile preview);

    /** Records that no copy can be had (a video WeChat only links to, a file it refused to give) and why; counts it into the run. */
    void noCopy(UUID syncId, UUID materialId, String videoLink, String why);

    void heartbeat(UUID syncId, Instant now);

    void finishSync(UUID syncId, StoredSync.Status status, String errorCode, String errorMessage, Instant now);

    // --- temporary media

    void saveTemporary(UUID materialId, UUID accountId, String mediaId, Instant uploadedAt, Instant expiresAt);
}
