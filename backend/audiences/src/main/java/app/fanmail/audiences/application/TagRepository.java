package app.fanmail.audiences.application;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The account's tags as stored from WeChat, and Fanmail's own member counts from the fans' tag ids. */
public interface TagRepository {
    /** The account's tags by id. */
    List<StoredTag> all(UUID accountId);

    Optional<StoredTag> find(UUID accountId, int tagId);

    /** Subscribed fans per tag id (tags no subscribed fan carries are absent), exact at every write to the fans, read in one query. */
    Map<Integer, Long> fanCounts(UUID accountId);

    void save(UUID accountId, TagGateway.RemoteTag tag, Instant syncedAt);

    /** Removes the tag and takes it off every fan (one statement each). */
    void remove(UUID accountId, int tagId);

    /** Stores WeChat's listing: tags it no longer lists are removed (and taken off fans), the others saved. */
    void replaceAll(UUID accountId, List<TagGateway.RemoteTag> tags, Instant syncedAt);
}
