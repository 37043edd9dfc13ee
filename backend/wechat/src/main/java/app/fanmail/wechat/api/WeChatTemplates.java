package app.fanmail.wechat.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Template messages on WeChat: industries, the account's template library, sending. Failures are {@link WeChatException}s. */
public interface WeChatTemplates {
    record Industry(String firstClass, String secondClass) {
    }

    record Industries(Industry primary, Industry secondary) {
    }

    record PrivateTemplate(String templateId, String title, String primaryIndustry, String deputyIndustry, String content, String example) {
    }

    record BlockedMessage(long id, String templateMessageId, String title, String content, Instant sentAt, String openid) {
    }

    /**
     * One template message. When both a URL and a mini program are given, WeChat opens the mini
     * program. {@code clientMsgId} makes retries idempotent for 10 minutes per recipient.
     */
    record TemplateMessage(String openid, String templateId, String url, String miniProgramAppId, String miniProgramPagePath,
                           String clientMsgId, Map<String, String> data) {
    }

    Industries industries(UUID accountId);

    void setIndustries(UUID accountId, int primaryIndustryId, int secondaryIndustryId);

    /** Adds a template from the public library by its short id; returns the account's template id. */
    String add(UUID accountId, String shortId, List<String> keywordNames);

    List<PrivateTemplate> list(UUID accountId);

    void delete(UUID accountId, String templateId);

    List<BlockedMessage> blocked(UUID accountId, String templateMessageId, long largestId, int limit);

    /** Sends; returns WeChat's msgid as a string (it exceeds 2^53). */
    String send(UUID accountId, TemplateMessage message);

    /** Sends without holding a thread; fails with a {@link WeChatException}. */
    java.util.concurrent.CompletionStage<String> sendAsync(UUID accountId, TemplateMessage message);
}
