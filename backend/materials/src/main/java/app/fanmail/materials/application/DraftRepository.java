package app.fanmail.materials.application;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The drafts' rows (materials.draft). Each method is a short transaction of its own. */
public interface DraftRepository {
    void insert(DraftRecord draft);

    Optional<DraftRecord> find(UUID id);

    /** Replaces the articles (and the media id, which changes when the article count does). */
    void replace(UUID id, String mediaId, List<app.fanmail.materials.domain.DraftArticle> articles, Instant updatedAt, String updatedBy);

    void delete(UUID id);

    /** Newest updated first, after the (updatedAt, id) key when given; {@code search} matches any article's title. */
    List<DraftRecord> page(UUID accountId, String search, Instant afterAt, UUID afterId, int limit);

    long count(UUID accountId, String search);

    /** Inserts or refreshes the drafts WeChat listed and marks them seen by {@code syncId}; returns how many were new. */
    int upsertListed(UUID syncId, UUID accountId, List<MaterialGateway.Draft> drafts, Instant now);

    /** Deletes the account's drafts created before {@code startedAt} that sync {@code syncId} did not list; returns how many. */
    int removeUnlisted(UUID syncId, UUID accountId, Instant startedAt);
}
