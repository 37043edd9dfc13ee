package app.fanmail.materials.application;

import java.time.Instant;
import java.util.UUID;

import app.fanmail.materials.api.MaterialKind;

/** A row of the library. {@code preview}: READY (Fanmail holds a copy), PENDING (a sync will download it), UNAVAILABLE. */
public record StoredMaterial(UUID id, UUID accountId, MaterialKind kind, String mediaId, String name, String wechatUrl, String videoTitle,
                             String videoDescription, String videoLink, String contentType, Long byteSize, Long durationMillis, Integer width,
                             Integer height, Origin origin, Preview preview, String previewError, Instant wechatUpdatedAt, Instant createdAt,
                             String createdBy, StoredTemporary temporary) {
    public enum Origin {
        UPLOADED, SYNCED
    }

    public enum Preview {
        READY, PENDING, UNAVAILABLE
    }

    /** The last temporary media uploaded from it. */
    public record StoredTemporary(String mediaId, Instant uploadedAt, Instant expiresAt) {
    }
}
