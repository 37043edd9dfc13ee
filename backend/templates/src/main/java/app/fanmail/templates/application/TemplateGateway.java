package app.fanmail.templates.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The port to WeChat's template API, in the module's terms. Implemented in {@code infrastructure}
 * over the wechat module; failures are {@link GatewayException}s.
 */
public interface TemplateGateway {
    /** An industry as WeChat names it (get_industry's classes). */
    record IndustryName(String firstClass, String secondClass) {
    }

    /** get_industry's answer; either may be null when none is set. */
    record IndustryNames(IndustryName primary, IndustryName secondary) {
    }

    /** One template of get_all_private_template. */
    record RemoteTemplate(String templateId, String title, String primaryIndustry, String deputyIndustry, String content,
                          String example) {
    }

    /** A message WeChat intercepted (template/query_blocked_tmpl_msg). */
    record BlockedMessage(long id, String templateMessageId, String title, String content, Instant sentAt, String openid) {
    }

    /** A service category as WeChat lists it; parent fields may be null when WeChat did not give them. */
    record RemoteCategory(String id, String name, String parentId, String parentName) {
    }

    /** A template of WeChat's public library. {@code categoryId} is null for industry-model templates. */
    record LibraryEntry(String shortId, String title, String primaryIndustry, String deputyIndustry, String categoryId, String content,
                        List<String> keywordNames) {
    }

    /** Which of WeChat's rules refused a request, in this module's terms; NONE for other failures. */
    enum Refusal {
        INDUSTRY_CHANGED_TOO_OFTEN, INDUSTRY_INVALID, TEMPLATE_LIMIT, TEMPLATE_OUTSIDE_SETUP, TEMPLATE_UNKNOWN, KEYWORD_UNKNOWN,
        CATEGORY_MONTHLY_LIMIT, CATEGORY_COUNT_LIMIT, CATEGORY_INVALID, CATEGORY_DUPLICATE,
        /** WeChat does not let this account change its categories through the API (official accounts: 48001). */
        CATEGORY_WRITES_UNAVAILABLE, NONE
    }

    /**
     * What went wrong calling WeChat: the rule that refused it (if one), WeChat's errcode and
     * message for display, and whether a retry may help.
     */
    class GatewayException extends RuntimeException {
        private final Refusal refusal;
        private final int errcode;
        private final String errmsg;
        private final boolean transientFailure;

        public GatewayException(Refusal refusal, int errcode, String errmsg, boolean transientFailure, Throwable cause) {
            super("WeChat " + errcode + ": " + errmsg, cause);
            this.refusal = refusal;
            this.errcode = errcode;
            this.errmsg = errmsg;
            this.transientFailure = transientFailure;
        }

        public Refusal refusal() {
            return refusal;
        }

        public int errcode() {
            return errcode;
        }

        public String errmsg() {
            return errmsg;
        }

        public boolean transientFailure() {
            return transientFailure;
        }
    }

    IndustryNames industries(UUID accountId);

    void setIndustries(UUID accountId, int primaryId, int secondaryId);

    /**
     * WeChat's public template library, when the account's WeChat lets it be browsed (the sandbox
     * does; real WeChat has no such API, so empty).
     */
    java.util.Optional<List<LibraryEntry>> library(UUID accountId);

    /** Every category the account may choose. */
    List<RemoteCategory> categoryCatalogue(UUID accountId);

    /** The account's chosen categories, in WeChat's order. */
    List<RemoteCategory> categories(UUID accountId);

    /** Adds categories (one change in WeChat's count). */
    void addCategories(UUID accountId, List<RemoteCategory> categories);

    /** Removes a category; WeChat deletes its templates (one change). */
    void deleteCategory(UUID accountId, RemoteCategory category);

    /** Adds a library template by short id (with the keywords to keep, category model); returns the new template id. */
    String add(UUID accountId, String shortId, List<String> keywordNames);

    List<RemoteTemplate> list(UUID accountId);

    void delete(UUID accountId, String templateId);

    List<BlockedMessage> blocked(UUID accountId, String templateId, long largestId, int limit);
}
