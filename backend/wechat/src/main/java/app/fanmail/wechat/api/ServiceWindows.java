package app.fanmail.wechat.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who may receive customer-service messages now, from the interactions Fanmail has recorded. A window opens when the
 * fan acted (the push's CreateTime), so it closes when WeChat closes it, however late Fanmail processed the push.
 */
public interface ServiceWindows {
    /** An open window: kind MESSAGE or INTERACTION, how many messages are left until when. */
    record Window(String kind, Instant expiresAt, int remaining) {
    }

    /**
     * One fan's open window in an account-wide listing: {@code openedBy} is what the fan did (MESSAGE, CLICK, CODE_SCAN,
     * FOLLOW, QR_SCAN; UNKNOWN for windows recorded before Fanmail kept it), {@code openedByInboxId} the push.
     */
    record OpenWindow(String openid, String kind, String openedBy, Long openedByInboxId, Instant openedAt, Instant expiresAt,
                      int remaining) {
    }

    /** Where the next page starts: after this fan's window of this kind. */
    record PageCursor(String openid, String kind) {
    }

    /** A page of open windows in (openid, kind) order; {@code next} is empty on the last page. */
    record WindowPage(List<OpenWindow> windows, Optional<PageCursor> next) {
    }

    /** The most windows one page or one bulk consumption takes. */
    int MAX_BULK = 1000;
    /** The most openids one {@link #openFans} call returns. */
    int MAX_OPENIDS = 10_000;

    /** The fan's open windows with messages left, soonest expiry first. */
    List<Window> open(UUID accountId, String openid);

    /** Takes one message from the fan's soonest-expiring open window; false when none is left. */
    boolean consume(UUID accountId, String openid);

    /**
     * Every open window of the account with messages left, {@code limit} (1…{@value #MAX_BULK}) at a time in
     * (openid, kind) order, starting after {@code after} (empty for the first page).
     */
    WindowPage openWindows(UUID accountId, Optional<PageCursor> after, int limit);

    /**
     * The fans of the account with an open window with messages left, as openids only: distinct, ascending (the
     * database's collation), after {@code afterOpenid} (null for the first), at most {@code limit}
     * (1…{@value #MAX_OPENIDS}); one statement walking the windows' primary key.
     */
    List<String> openFans(UUID accountId, String afterOpenid, int limit);

    /**
     * Takes one message slot for each of these fans (at most {@value #MAX_BULK}, duplicates count once) from their
     * soonest-expiring open window, in one statement; returns the fans who got a slot. A fan left out has no window
     * with messages left, or lost the last slot to a concurrent consumer.
     */
    Set<String> consumeEach(UUID accountId, Collection<String> openids);

    /**
     * The open windows with messages left of each of these fans (at most {@value #MAX_BULK}), soonest expiry first, read
     * in one statement; a fan without one is absent from the map.
     */
    Map<String, List<OpenWindow>> openOf(UUID accountId, Collection<String> openids);

    /**
     * The rules windows open with (configuration {@code fanmail.wechat.window.*}): a fan's message allows
     * {@code messageQuota} messages within {@code messageDuration}; a menu click, scan, follow or QR scan allows
     * {@code interactionQuota} within {@code interactionDuration}.
     */
    record Rules(int messageQuota, Duration messageDuration, int interactionQuota, Duration interactionDuration) {
    }

    /** The window rules in force. */
    Rules rules();
}
