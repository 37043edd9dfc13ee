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

    /**
     * A service category (服务类目) of the category model. WeChat's tree has two levels; only
     * second-level categories are chosen, so {@code parentId}/{@code parentName} name the first level.
     */
    record Category(long id, String name, long parentId, String parentName) {
    }

    Industries industries(UUID accountId);

    /** Every category an account may choose (wxopen/getallcategories' second level). */
    List<Category> categoryCatalogue(UUID accountId);

    /** The account's chosen categories in WeChat's order (wxaapi/newtmpl/getcategory); parents unknown (0, null). */
    List<Category> categories(UUID accountId);

    /** Adds categories in one change (wxopen/addcategory). */
    void addCategories(UUID accountId, List<Category> categories);

    /** Removes one category, and with it WeChat deletes its templates (wxopen/deletecategory). */
    void deleteCategory(UUID accountId, Category category);

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
