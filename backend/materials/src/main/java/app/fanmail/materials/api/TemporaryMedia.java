package app.fanmail.materials.api;

import java.time.Instant;
import java.util.UUID;

/** A temporary media id (3 days on WeChat) uploaded from a material, and when WeChat forgets it. */
public record TemporaryMedia(UUID materialId, String mediaId, Instant uploadedAt, Instant expiresAt) {
}
