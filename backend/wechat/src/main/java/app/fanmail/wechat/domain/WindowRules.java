package app.fanmail.wechat.domain;

import java.time.Duration;
import java.util.Optional;

import app.fanmail.wechat.api.InboundEvent;

/**
 * Which inbound interactions open a customer-service window, and how many messages for how long.
 * WeChat's current rule: a user message allows 5 messages within 48 h; a menu click (click,
 * scancode_push, scancode_waitmsg), a follow or a QR scan allows 3 within 1 minute. Configurable,
 * because WeChat has changed these numbers before.
 */
public record WindowRules(int messageQuota, Duration messageDuration, int interactionQuota, Duration interactionDuration) {

    public enum Kind {
        MESSAGE, INTERACTION
    }

    public record Opening(Kind kind, int quota, Duration duration) {
    }

    public Optional<Opening> openedBy(InboundEvent event) {
        if (event instanceof InboundEvent.UserMessage) {
            return Optional.of(new Opening(Kind.MESSAGE, messageQuota, messageDuration));
        }
        if (event instanceof InboundEvent.MenuClicked || event instanceof InboundEvent.CodeScanned
                || event instanceof InboundEvent.Followed || event instanceof InboundEvent.QrScanned) {
            return Optional.of(new Opening(Kind.INTERACTION, interactionQuota, interactionDuration));
        }
        return Optional.empty();
    }
}
