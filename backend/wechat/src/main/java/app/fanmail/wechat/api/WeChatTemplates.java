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

    /**
     * A template of WeChat's public library (模板库) as a browser shows it.
     *
     * @param categoryId the service category of a category-model template; null for industry templates
     */
    record LibraryTemplate(String shortId, String title, String primaryIndustry, String deputyIndustry, Long categoryId,
                           String content, List<String> keywordNames) {
    }

    /**
     * The public template library to pick from, when the account's API offers a way to browse it. Real WeChat has no
     * such API (people find a template's short id in the Official Accounts Platform); the WeChat sandbox has one, so the
     * library is present for accounts whose API target is the sandbox while the sandbox is enabled, and empty for every
     * other account: add templates by short id instead.
     */
    java.util.Optional<List<LibraryTemplate>> browsableLibrary(UUID accountId);

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

    /**
     * WeChat drops a template message whose {@code client_msg_id} it has seen only within this time after the key's
     * first use; a later resend is delivered again.
     */
    java.time.Duration CLIENT_MSG_ID_WINDOW = java.time.Duration.ofMinutes(10);

    /**
     * Sends without holding a thread (first use of the message's {@code clientMsgId}, if any); fails with a
     * {@link WeChatException} whose {@link WeChatException#mayHaveBeenProcessed()} tells whether it may have been
     * delivered anyway. Subject to the account's in-flight and rate limits: waiting for them holds no thread, and no
     * permit within the checkout timeout fails as THROTTLED, certainly not sent.
     */
    java.util.concurrent.CompletionStage<String> sendAsync(UUID accountId, TemplateMessage message);

    /**
     * Sends a message again whose {@code clientMsgId} (required) was first used at {@code clientMsgIdFirstUsedAt}
     * (the caller records that time with its first attempt). WeChat drops the resend as a duplicate only within
     * {@link #CLIENT_MSG_ID_WINDOW}; when the resend could arrive later (see {@link #resendDeadline}), nothing is sent
     * and the stage fails with {@link WeChatException.Kind#IN_DOUBT}: the caller marks the message in doubt instead.
     */
    java.util.concurrent.CompletionStage<String> sendAsync(UUID accountId, TemplateMessage message, Instant clientMsgIdFirstUsedAt);

    /** Until when (exclusive) a resend with a key first used at {@code clientMsgIdFirstUsedAt} is still sent. */
    Instant resendDeadline(Instant clientMsgIdFirstUsedAt);
}
