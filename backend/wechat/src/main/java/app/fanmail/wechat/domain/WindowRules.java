package app.fanmail.wechat.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import app.fanmail.wechat.api.InboundEvent;

/**
 * Which inbound interactions open a customer-service window, and how many messages for how long.
 * WeChat's current rule: a user message allows 5 messages within 48 h; a menu click (click,
 * scancode_push, scancode_waitmsg), a follow or a QR scan allows 3 within 1 minute. Configurable,
 * because WeChat has changed these numbers before. A window opens when the fan acted (the push's
 * CreateTime), not when Fanmail processed the push; a CreateTime later than the push's arrival
 * (a wrong or forged clock) counts as the arrival, so no window outlasts WeChat's.
 */
public record WindowRules(int messageQuota, Duration messageDuration, int interactionQuota, Duration interactionDuration) {

    public enum Kind {
        MESSAGE, INTERACTION
    }

    /** What the fan did that opened the window. */
    public enum Trigger {
        MESSAGE, CLICK, CODE_SCAN, FOLLOW, QR_SCAN
    }

    /** A window opened at {@code openedAt}, until {@code expiresAt()}. */
    public record Opening(Kind kind, Trigger trigger, int quota, Duration duration, Instant openedAt) {
        public Instant expiresAt() {
            return openedAt.plus(duration);
        }
    }

    /** The window {@code event} opens, if any; {@code receivedAt} is when the push arrived. */
    public Optional<Opening> openedBy(InboundEvent event, Instant receivedAt) {
        Trigger trigger = triggerOf(event);
        if (trigger == null) {
            return Optional.empty();
        }
        Instant at = event.createdAt() == null || event.createdAt().isAfter(receivedAt) ? receivedAt : event.createdAt();
        return Optional.of(trigger == Trigger.MESSAGE ? new Opening(Kind.MESSAGE, trigger, messageQuota, messageDuration, at)
                : new Opening(Kind.INTERACTION, trigger, interactionQuota, interactionDuration, at));
    }

    private static Trigger triggerOf(InboundEvent event) {
        if (event instanceof InboundEvent.UserMessage) {
            return Trigger.MESSAGE;
        }
        if (event instanceof InboundEvent.MenuClicked) {
            return Trigger.CLICK;
        }
        if (event instanceof InboundEvent.CodeScanned) {
            return Trigger.CODE_SCAN;
        }
        if (event instanceof InboundEvent.Followed) {
            return Trigger.FOLLOW;
        }
        if (event instanceof InboundEvent.QrScanned) {
            return Trigger.QR_SCAN;
        }
        return null;
    }
}
