package app.fanmail.audiences.application;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The port to the customer-service windows the wechat module records (never tracked a second time here). */
public interface FanWindowSource {
    /**
     * An open window with messages left: kind MESSAGE or INTERACTION, what the fan did to open it (MESSAGE, CLICK,
     * CODE_SCAN, FOLLOW, QR_SCAN, UNKNOWN), when, until when, and how many messages are left.
     */
    record OpenWindow(String kind, String openedBy, Instant openedAt, Instant expiresAt, int remaining) {
    }

    /** How windows open: messages allowed and for how long after a fan's message, and after an event. */
    record Rules(int messageLimit, Duration messageDuration, int interactionLimit, Duration interactionDuration) {
    }

    /** The open windows of each of these fans, soonest expiry first (fans without one are absent); one statement. */
    Map<String, List<OpenWindow>> openOf(UUID accountId, Collection<String> openids);

    /** Every fan of the account with an open window now. */
    Set<String> allOpen(UUID accountId);

    Rules rules();
}
