package app.fanmail.wechat.application;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The durable inbox of pushes, as the application needs it: store a verified push (acknowledged to WeChat only once
 * durable), and be told of freshly stored ones for processing. Implemented in infrastructure (group commit).
 */
public interface InboxStore {
    /**
     * A push to store. {@code fields} is the parsed XML; {@code nonce} and {@code timestamp} come from the signed query;
     * {@code receivedAt} is Fanmail's clock when the push arrived.
     */
    record Pending(UUID accountId, Map<String, Object> fields, String rawXml, String nonce, long timestamp, Instant receivedAt,
                   CompletableFuture<Stored> done) {
    }

    /** The result: the inbox id, and whether this push was new (false for a retry WeChat already delivered, or a replay). */
    record Stored(long id, boolean fresh, Pending pending) {
    }

    /**
     * Queues a push; the future completes once it is committed (or fails). A second push with the same nonce and
     * timestamp is a replay: acknowledged, not stored.
     */
    CompletableFuture<Stored> store(UUID accountId, Map<String, Object> fields, String rawXml, String nonce, long timestamp,
                                    Instant receivedAt);

    /** Who processes freshly stored pushes (called on the storing thread, must hand off quickly). */
    void onStored(Consumer<List<Stored>> listener);
}
