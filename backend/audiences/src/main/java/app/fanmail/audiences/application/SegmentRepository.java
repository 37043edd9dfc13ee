package app.fanmail.audiences.application;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where segments are kept. */
public interface SegmentRepository {
    Optional<StoredSegment> find(UUID id);

    /** The account's segments by name. */
    List<StoredSegment> list(UUID accountId);

    /** Whether another segment of the account (not {@code except}) has this name, ignoring case. */
    boolean nameTaken(UUID accountId, String name, UUID except);

    void insert(StoredSegment segment);

    void update(StoredSegment segment);

    boolean delete(UUID id);
}
