package app.fanmail.wechat.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Who may receive customer-service messages now, from the interactions Fanmail has recorded. */
public interface ServiceWindows {
    /** An open window: kind MESSAGE or INTERACTION, how many messages are left until when. */
    record Window(String kind, Instant expiresAt, int remaining) {
    }

    /** The fan's open windows with messages left, soonest expiry first. */
    List<Window> open(UUID accountId, String openid);

    /** Takes one message from the fan's soonest-expiring open window; false when none is left. */
    boolean consume(UUID accountId, String openid);
}
