package app.fanmail.materials.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A material of the library as the sending flows see it: its permanent media id on WeChat, what it is, and for images
 * WeChat's URL. {@code durationMillis} is known for voice Fanmail has a copy of.
 */
public record MaterialView(UUID id, UUID accountId, MaterialKind kind, String mediaId, String name, String wechatUrl,
                           String videoTitle, String videoDescription, Long durationMillis, Instant createdAt) {
}
