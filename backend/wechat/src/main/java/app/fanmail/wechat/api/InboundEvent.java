package app.fanmail.wechat.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Something a fan or WeChat pushed to an account, parsed from the callback XML and stored in the
 * inbox before it is published (CDI event, after commit, exactly once per inbox row). Observe the
 * interface for everything or one record type for one kind.
 */
public sealed interface InboundEvent {
    /** The account the push was for. */
    UUID accountId();

    /** The inbox row; stable across retries of the same push. */
    long inboxId();

    /** The fan (FromUserName). */
    String openid();

    /** WeChat's CreateTime. */
    Instant createdAt();

    /** A fan sent a message: text, image, voice, video, shortvideo, location or link. */
    record UserMessage(UUID accountId, long inboxId, String openid, Instant createdAt, String msgType, String msgId,
                       Map<String, String> content) implements InboundEvent {
    }

    /** A fan followed; {@code scene} is set when they came through a parametric QR code. */
    record Followed(UUID accountId, long inboxId, String openid, Instant createdAt, String scene, String ticket) implements InboundEvent {
    }

    record Unfollowed(UUID accountId, long inboxId, String openid, Instant createdAt) implements InboundEvent {
    }

    /** A follower scanned a parametric QR code (SCAN). */
    record QrScanned(UUID accountId, long inboxId, String openid, Instant createdAt, String scene, String ticket) implements InboundEvent {
    }

    /** CLICK on a custom menu item. */
    record MenuClicked(UUID accountId, long inboxId, String openid, Instant createdAt, String eventKey) implements InboundEvent {
    }

    /** VIEW: a menu link opened. */
    record MenuLinkOpened(UUID accountId, long inboxId, String openid, Instant createdAt, String url) implements InboundEvent {
    }

    /** scancode_push or scancode_waitmsg from a menu. */
    record CodeScanned(UUID accountId, long inboxId, String openid, Instant createdAt, String eventKey, boolean waitsForMessage,
                       String scanType, String scanResult) implements InboundEvent {
    }

    /** LOCATION reported automatically. */
    record LocationReported(UUID accountId, long inboxId, String openid, Instant createdAt, double latitude, double longitude,
                            double precision) implements InboundEvent {
    }

    /** TEMPLATESENDJOBFINISH: the fate of one template message. {@code status} is WeChat's text verbatim. */
    record TemplateDeliveryReported(UUID accountId, long inboxId, String openid, Instant createdAt, String msgId, String status,
                                    DeliveryOutcome outcome) implements InboundEvent {
    }

    /** MASSSENDJOBFINISH: the result of one mass send, with all counts and check results. */
    record MassSendFinished(UUID accountId, long inboxId, String openid, Instant createdAt, String msgId, String status,
                            int totalCount, int filterCount, int sentCount, int errorCount, Integer copyrightCheckState,
                            List<Map<String, String>> copyrightResults, List<ArticleUrl> articleUrls) implements InboundEvent {
    }

    /** A push of a type Fanmail does not know; stored and published, never dropped. */
    record Unrecognized(UUID accountId, long inboxId, String openid, Instant createdAt, String msgType, String event,
                        Map<String, String> fields) implements InboundEvent {
    }

    record ArticleUrl(int articleIdx, String url) {
    }

    /** What a TEMPLATESENDJOBFINISH status means for delivery tracking. */
    enum DeliveryOutcome {
        DELIVERED, USER_BLOCKED, SYSTEM_FAILED, OTHER_FAILURE;

        public static DeliveryOutcome of(String status) {
            String s = status == null ? "" : status.trim().toLowerCase();
            if (s.equals("success")) {
                return DELIVERED;
            }
            if (s.replace(" ", "").equals("failed:userblock")) {
                return USER_BLOCKED;
            }
            if (s.replace(" ", "").equals("failed:systemfailed")) {
                return SYSTEM_FAILED;
            }
            return OTHER_FAILURE;
        }
    }
}
