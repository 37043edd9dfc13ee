package app.fanmail.wechat.api;

import java.util.List;
import java.util.UUID;

/** Customer-service and mass messages on WeChat. Failures are {@link WeChatException}s. */
public interface WeChatMessages {

    /** What a customer-service message carries; one record per WeChat msgtype. */
    sealed interface ServiceContent {
        record Text(String content) implements ServiceContent {
        }

        record Image(String mediaId) implements ServiceContent {
        }

        record Voice(String mediaId) implements ServiceContent {
        }

        record Video(String mediaId, String thumbMediaId, String title, String description) implements ServiceContent {
        }

        record Music(String title, String description, String musicUrl, String hqMusicUrl, String thumbMediaId) implements ServiceContent {
        }

        record News(String title, String description, String url, String picUrl) implements ServiceContent {
        }

        record MpNews(String mediaId) implements ServiceContent {
        }

        record MpNewsArticle(String articleId) implements ServiceContent {
        }

        record Card(String cardId) implements ServiceContent {
        }

        record MiniProgramPage(String title, String appId, String pagePath, String thumbMediaId) implements ServiceContent {
        }

        record Menu(String head, List<MenuItem> items, String tail) implements ServiceContent {
        }

        record MenuItem(String id, String content) {
        }
    }

    /** What a mass message carries. */
    sealed interface MassContent {
        record Text(String content) implements MassContent {
        }

        record News(String mediaId) implements MassContent {
        }

        record Images(List<String> mediaIds, String recommend) implements MassContent {
        }

        record Voice(String mediaId) implements MassContent {
        }

        record Video(String mpVideoMediaId) implements MassContent {
        }

        record Card(String cardId) implements MassContent {
        }
    }

    /** Who a mass message goes to: everyone, one tag, or 2–10,000 openids. */
    sealed interface Audience {
        record All() implements Audience {
        }

        record Tag(int tagId) implements Audience {
        }

        record Openids(List<String> openids) implements Audience {
        }
    }

    /** WeChat's ids for a submitted mass job; ids are strings (they exceed 2^53). */
    record MassJob(String msgId, String msgDataId) {
    }

    /**
     * The account's mass sending speed: the level set with {@link #setMassSpeed} (0 fastest .. 4 slowest)
     * and the rate WeChat really sends at, in messages per minute (0: 800,000 .. 4: 100,000).
     */
    record MassSpeed(int level, long messagesPerMinute) {
    }

    /** WeChat drops a mass send whose {@code clientmsgid} it has seen only within this time (then answers 45065 with the job). */
    java.time.Duration MASS_CLIENT_MSG_ID_WINDOW = java.time.Duration.ofHours(24);

    void sendServiceMessage(UUID accountId, String openid, ServiceContent content, String kfAccount);

    /**
     * Sends without holding a thread; fails with a {@link WeChatException}. Customer-service messages have no
     * idempotency key: when {@link WeChatException#mayHaveBeenProcessed()}, a resend may deliver twice.
     */
    java.util.concurrent.CompletionStage<Void> sendServiceMessageAsync(UUID accountId, String openid, ServiceContent content, String kfAccount);

    /**
     * Submits a mass send. {@code clientMsgId} (≤64 bytes) makes it idempotent for 24 h: a
     * duplicate returns the existing job instead of sending again.
     */
    MassJob sendMass(UUID accountId, Audience audience, MassContent content, String clientMsgId, boolean continueIfReprint);

    /**
     * Submits a mass send again whose {@code clientMsgId} (required) was first used at {@code clientMsgIdFirstUsedAt}:
     * inside {@link #MASS_CLIENT_MSG_ID_WINDOW} WeChat answers with the existing job; when the request could arrive
     * later, nothing is sent and it fails with {@link WeChatException.Kind#IN_DOUBT}.
     */
    MassJob sendMass(UUID accountId, Audience audience, MassContent content, String clientMsgId, boolean continueIfReprint,
                     java.time.Instant clientMsgIdFirstUsedAt);

    void previewMass(UUID accountId, String openid, MassContent content);

    /**
     * Sends a preview to the person with this WeChat id (微信号), who need not follow the account
     * (WeChat allows 100 of these a day); {@link #previewMass} is the form for a follower's openid.
     */
    void previewMassToWeChatId(UUID accountId, String weChatId, MassContent content);

    void deleteMass(UUID accountId, String msgId, int articleIdx);

    /** SEND_SUCCESS, SENDING, SEND_FAIL or DELETE. */
    String massStatus(UUID accountId, String msgId);

    MassSpeed massSpeed(UUID accountId);

    void setMassSpeed(UUID accountId, int speed);
}
