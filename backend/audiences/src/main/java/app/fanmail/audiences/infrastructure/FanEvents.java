package app.fanmail.audiences.infrastructure;

import app.fanmail.audiences.application.FanEventWrites;

import java.time.Clock;

import app.fanmail.wechat.api.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Keeps fans current between full syncs from what they push (the wechat module's {@link InboundEvent}s, so it lives in
 * infrastructure, the only layer that sees WeChat): a follow inserts or resubscribes the fan, an unfollow
 * marks it unsubscribed (never deleted), and every interaction moves its last interaction forward.
 *
 * <p>The wechat module fires each {@link InboundEvent} inside the transaction that marks its inbox row processed
 * (once per row; a crash before the commit leaves the row to the inbox's sweep). This observer is synchronous, so its
 * write commits or rolls back with that mark: no update is lost when a node dies, and none is applied twice. A push
 * processed late never undoes a newer one: a follow older than the fan's last unfollow (or the reverse) changes
 * nothing but the last interaction.
 */
@ApplicationScoped
public class FanEvents {
    @Inject
    FanEventWrites writes;
    @Inject
    Clock clock;

    void inbound(@Observes InboundEvent event) {
        if (event.openid() == null || event.openid().isEmpty() || event.createdAt() == null) {
            return;
        }
        java.time.Instant now = clock.instant();
        if (event instanceof InboundEvent.Followed f) {
            writes.followed(f.accountId(), f.openid(), f.createdAt(), scene(f.scene()), now);
        } else if (event instanceof InboundEvent.Unfollowed u) {
            writes.unfollowed(u.accountId(), u.openid(), u.createdAt(), now);
        } else if (interaction(event)) {
            writes.interacted(event.accountId(), event.openid(), event.createdAt(), now);
        }
        // delivery reports, mass results and unknown pushes say nothing about the fan's interest
    }

    /** A fan's own action (a follow counts too, handled above). */
    static boolean interaction(InboundEvent event) {
        return event instanceof InboundEvent.UserMessage || event instanceof InboundEvent.MenuClicked
                || event instanceof InboundEvent.MenuLinkOpened || event instanceof InboundEvent.CodeScanned
                || event instanceof InboundEvent.QrScanned || event instanceof InboundEvent.LocationReported;
    }

    /** WeChat's EventKey of a follow through a parametric QR code is {@code qrscene_<scene>}; the scene is what follows. */
    static String scene(String eventKey) {
        if (eventKey == null || eventKey.isEmpty()) {
            return null;
        }
        String s = eventKey.startsWith("qrscene_") ? eventKey.substring("qrscene_".length()) : eventKey;
        return s.length() > 128 ? s.substring(0, 128) : s;
    }
}
