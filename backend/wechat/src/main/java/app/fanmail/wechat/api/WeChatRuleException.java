package app.fanmail.wechat.api;

import java.util.Objects;

/**
 * Fanmail refused a request before calling WeChat because WeChat would refuse it: a rule of WeChat's is broken
 * ({@link #rule()}, a stable code). Nothing was sent ({@link Certainty#NOT_PROCESSED}); {@link #errcode()} is the
 * errcode WeChat answers for the same request, and {@link #kind()} and {@link #refusal()} what that errcode means
 * (one table: {@code domain.ErrorCodes}), so callers handle it like WeChat's own refusal.
 */
public class WeChatRuleException extends WeChatException {
    /** The rules Fanmail checks before calling WeChat. The names are stable codes. */
    public enum Rule {
        /** A typed template value breaks its type (47003, {@link #field()} names the key). */
        TEMPLATE_VALUE_INVALID,
        /** A tag name is empty (45157). */
        TAG_NAME_EMPTY,
        /** A tag name is longer than 30 bytes in UTF-8 (45158); 11 Chinese characters are 33 bytes. */
        TAG_NAME_TOO_LONG,
        /** Tags 0, 1 and 2 are WeChat's own and cannot be changed or deleted (45058). */
        TAG_RESERVED,
        /** An account has at most 100 tags of its own (45056). */
        TAG_LIMIT,
        /** Tagging or untagging takes 1 to 50 openids per call (40032). */
        TAG_BATCH_SIZE,
        /** A fan's remark is longer than 30 bytes in UTF-8 (40092). */
        REMARK_TOO_LONG,
        /** A draft has 1 to 8 articles (45008). */
        ARTICLE_COUNT,
        /** An article title has 1 to 32 characters (45003 when longer). */
        ARTICLE_TITLE,
        /** An article author has at most 16 characters (45110). */
        ARTICLE_AUTHOR,
        /** An article digest has at most 128 characters (45004). */
        ARTICLE_DIGEST,
        /** An article's content is under 20,000 characters and under 1 MB (45002). */
        ARTICLE_CONTENT,
        /** An article needs a cover: the media id of a permanent image (40007 without one). */
        ARTICLE_COVER,
        /** A file format WeChat does not take for this kind of media (40005), e.g. bmp or wav as temporary media. */
        MEDIA_FORMAT,
        /** A file larger than WeChat takes for this kind of media (40006). */
        MEDIA_SIZE,
        /** Mass sends to an openid list ({@code mass/send}) are for service accounts only (48001). */
        MASS_OPENIDS_SERVICE_ONLY,
        /** A mass send to an openid list names 2 to 10,000 openids (40130). */
        MASS_OPENID_COUNT,
        /** Previews to a WeChat id (towxname) are limited to 100 a day per account (45009 beyond). */
        MASS_PREVIEW_DAILY_LIMIT
    }

    private final Rule rule;

    public WeChatRuleException(Rule rule, Kind kind, Refusal refusal, int errcode, String message, String field) {
        super(kind, refusal, Certainty.NOT_PROCESSED, errcode, message, field, null);
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /** The rule that refused the request. */
    public Rule rule() {
        return rule;
    }
}
