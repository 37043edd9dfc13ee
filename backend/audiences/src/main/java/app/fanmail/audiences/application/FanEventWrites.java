package app.fanmail.audiences.application;

import java.time.Instant;
import java.util.UUID;

/**
 * The writes {@code infrastructure.FanEvents} makes, one statement each, in the caller's transaction (the wechat module's publishing
 * transaction). {@code at} is WeChat's CreateTime of the push, {@code now} Fanmail's clock.
 */
public interface FanEventWrites {
    /** Inserts the fan or subscribes it again (unless it unfollowed after {@code at}); moves its last interaction. */
    void followed(UUID accountId, String openid, Instant at, String qrScene, Instant now);

    /** Marks the fan unsubscribed at {@code at} (unless it followed again after that), inserting it if unknown. */
    void unfollowed(UUID accountId, String openid, Instant at, Instant now);

    /** last_interaction_at = greatest(existing, at); an unknown fan (only followers can interact) is inserted subscribed. */
    void interacted(UUID accountId, String openid, Instant at, Instant now);
}
