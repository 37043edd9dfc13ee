package app.fanmail.materials.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.fanmail.materials.domain.DraftArticle;

/** A stored news draft: its articles in WeChat form (content with WeChat's image URLs), as WeChat holds them. */
public record DraftRecord(UUID id, UUID accountId, String mediaId, List<DraftArticle> articles, Instant wechatUpdatedAt, Instant createdAt,
                          String createdBy, Instant updatedAt, String updatedBy) {
    public String title() {
        return articles.isEmpty() ? "" : articles.get(0).title();
    }
}
