package app.fanmail.wechat.domain;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import app.fanmail.accounts.api.AccountType;
import app.fanmail.wechat.api.TemplateValueRules.Verdict;
import app.fanmail.wechat.api.WeChatLimits;
import app.fanmail.wechat.api.WeChatMaterials.Article;
import app.fanmail.wechat.api.WeChatMaterials.MediaKind;
import app.fanmail.wechat.api.WeChatRuleException;
import app.fanmail.wechat.api.WeChatRuleException.Rule;

/**
 * WeChat's rules that Fanmail checks before calling WeChat, so a request WeChat would refuse is refused here with the
 * same errcode and nothing is sent. Each check throws a {@link WeChatRuleException} whose kind comes from
 * {@link ErrorCodes}. Sources per rule:
 * <ul>
 * <li>tags: WeChat's user-tag doc (name "标签名长度超过30个字节" → 45158; 100 tags → 45056; ids 0–2 reserved → 45058;
 * batchtagging "每次传入的openid列表个数不能超过50个" → 40032); a fan's remark at most 30 bytes → 40092;</li>
 * <li>drafts: the draft/add field table (title 32 characters, author 16, digest 128, content "必须少于2万字符，小于1M":
 * the characters of its text without HTML tags, the bytes of the whole HTML in UTF-8;
 * thumb_media_id "必须是永久MediaID"); errcodes from WeChat's global table (45002 content, 45003 title, 45004
 * description, 45008 too many articles; 45110 for the author, as the global return-code list and the sandbox give
 * it);</li>
 * <li>media: the temporary and permanent material docs (temporary image 10 MB png/jpeg/jpg/gif, voice 2 MB amr/mp3,
 * video 10 MB mp4, thumb 64 KB jpg; permanent images also bmp, voices also wma/wav; article images jpg/png under
 * 1 MB); errcodes 40005 (file type), 40006 (file size), as the sandbox answers;</li>
 * <li>mass: {@code mass/send} by openid list "订阅号不可用，服务号认证后可用" → 48001; 2–10,000 openids → 40130;
 * previews to a WeChat id 100 a day → 45009.</li>
 * </ul>
 */
public final class WeChatRules {
    static final int ARTICLE_TITLE_MAX = 32;
    static final int ARTICLE_AUTHOR_MAX = 16;
    static final int ARTICLE_DIGEST_MAX = 128;
    static final int ARTICLE_CONTENT_MAX_CHARS = 20_000;
    static final int ARTICLE_CONTENT_MAX_BYTES = 1024 * 1024;
    static final int ARTICLES_MAX = 8;
    static final int MASS_OPENIDS_MIN = 2;
    static final int MASS_OPENIDS_MAX = 10_000;

    /** Formats and byte limits per media kind: temporary media. */
    static final Map<MediaKind, Limit> TEMPORARY = Map.of(
            MediaKind.IMAGE, new Limit(Set.of("png", "jpeg", "jpg", "gif"), 10L << 20),
            MediaKind.VOICE, new Limit(Set.of("amr", "mp3"), 2L << 20),
            MediaKind.VIDEO, new Limit(Set.of("mp4"), 10L << 20),
            MediaKind.THUMB, new Limit(Set.of("jpg", "jpeg"), 64L << 10));
    /** Permanent materials: images also bmp, voices also wma and wav. */
    static final Map<MediaKind, Limit> PERMANENT = Map.of(
            MediaKind.IMAGE, new Limit(Set.of("bmp", "png", "jpeg", "jpg", "gif"), 10L << 20),
            MediaKind.VOICE, new Limit(Set.of("mp3", "wma", "wav", "amr"), 2L << 20),
            MediaKind.VIDEO, new Limit(Set.of("mp4"), 10L << 20),
            MediaKind.THUMB, new Limit(Set.of("jpg", "jpeg"), 64L << 10));
    /** Images inside article content ({@code media/uploadimg}). */
    static final Limit ARTICLE_IMAGE = new Limit(Set.of("jpg", "jpeg", "png"), 1L << 20);

    /** The formats (lower-case file extensions) and the largest size of one kind of media. */
    record Limit(Set<String> formats, long maxBytes) {
    }

    private WeChatRules() {
    }

    /** The refusal of a rule, with the kind WeChat's errcode has. */
    public static WeChatRuleException refusal(Rule rule, int errcode, String message, String field) {
        return new WeChatRuleException(rule, ErrorCodes.kindOf(errcode), ErrorCodes.refusalOf(errcode), errcode, message, field);
    }

    // --- template values

    /** Refuses a message whose typed values WeChat refuses (47003, naming the first such field). */
    public static void requireSendable(Map<String, String> data) {
        for (Map.Entry<String, String> e : data.entrySet()) {
            Verdict v = TemplateValueTable.WECHAT.check(e.getKey(), e.getValue());
            if (v.refused()) {
                throw refusal(Rule.TEMPLATE_VALUE_INVALID, 47003, v.message(), e.getKey());
            }
        }
    }

    // --- tags

    public static void requireTagName(String name) {
        if (name == null || name.isBlank()) {
            throw refusal(Rule.TAG_NAME_EMPTY, 45157, "A tag needs a name.", "name");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > WeChatLimits.TAG_NAME_MAX_BYTES) {
            throw refusal(Rule.TAG_NAME_TOO_LONG, 45158, "The tag name has " + bytes + " bytes in UTF-8; WeChat takes at most "
                    + WeChatLimits.TAG_NAME_MAX_BYTES + " (10 Chinese characters).", "name");
        }
    }

    /** Tags 0, 1 and 2 are WeChat's own. */
    public static void requireChangeableTag(int tagId) {
        if (tagId >= 0 && tagId < WeChatLimits.RESERVED_TAG_IDS_BELOW) {
            throw refusal(Rule.TAG_RESERVED, 45058, "Tag " + tagId + " is reserved by WeChat and cannot be changed or deleted.", "tagId");
        }
    }

    /** An account with this many tags may create another. */
    public static void requireRoomForTag(int existingTags) {
        if (existingTags >= WeChatLimits.TAGS_PER_ACCOUNT) {
            throw refusal(Rule.TAG_LIMIT, 45056, "The account has " + existingTags + " tags; WeChat allows "
                    + WeChatLimits.TAGS_PER_ACCOUNT + ".", null);
        }
    }

    public static void requireTagBatch(List<String> openids) {
        int n = openids == null ? 0 : openids.size();
        if (n < 1 || n > WeChatLimits.TAG_BATCH_MAX) {
            throw refusal(Rule.TAG_BATCH_SIZE, 40032, "Tagging takes 1 to " + WeChatLimits.TAG_BATCH_MAX + " openids per call, not " + n + ".",
                    "openids");
        }
    }

    /** A fan's remark (user/info/updateremark) is counted in UTF-8 bytes. */
    public static void requireRemark(String remark) {
        int bytes = remark == null ? 0 : remark.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > WeChatLimits.REMARK_MAX_BYTES) {
            throw refusal(Rule.REMARK_TOO_LONG, 40092, "The remark has " + bytes + " bytes in UTF-8; WeChat takes at most "
                    + WeChatLimits.REMARK_MAX_BYTES + " (10 Chinese characters).", "remark");
        }
    }

    // --- drafts

    public static void requireDraft(List<Article> articles) {
        int n = articles == null ? 0 : articles.size();
        if (n < 1 || n > ARTICLES_MAX) {
            throw refusal(Rule.ARTICLE_COUNT, 45008, "A draft has 1 to " + ARTICLES_MAX + " articles, not " + n + ".", "articles");
        }
        for (int i = 0; i < n; i++) {
            requireArticle(articles.get(i), "articles." + i + ".");
        }
    }

    public static void requireArticle(Article a, String prefix) {
        int title = length(a.title());
        if (title < 1 || title > ARTICLE_TITLE_MAX) {
            throw refusal(Rule.ARTICLE_TITLE, 45003, "A title has 1 to " + ARTICLE_TITLE_MAX + " characters, not " + title + ".", prefix + "title");
        }
        int author = length(a.author());
        if (author > ARTICLE_AUTHOR_MAX) {
            throw refusal(Rule.ARTICLE_AUTHOR, 45110, "An author has at most " + ARTICLE_AUTHOR_MAX + " characters, not " + author + ".",
                    prefix + "author");
        }
        int digest = length(a.digest());
        if (digest > ARTICLE_DIGEST_MAX) {
            throw refusal(Rule.ARTICLE_DIGEST, 45004, "A digest has at most " + ARTICLE_DIGEST_MAX + " characters, not " + digest + ".",
                    prefix + "digest");
        }
        String content = a.content() == null ? "" : a.content();
        int chars = textLength(content);
        int bytes = content.getBytes(StandardCharsets.UTF_8).length;
        if (chars >= ARTICLE_CONTENT_MAX_CHARS || bytes >= ARTICLE_CONTENT_MAX_BYTES) {
            throw refusal(Rule.ARTICLE_CONTENT, 45002, "Content must be under " + ARTICLE_CONTENT_MAX_CHARS + " characters of text and under 1 MB"
                    + " of HTML; it has " + chars + " characters, " + bytes + " bytes.", prefix + "content");
        }
        if (a.thumbMediaId() == null || a.thumbMediaId().isBlank()) {
            throw refusal(Rule.ARTICLE_COVER, 40007, "An article needs a cover: the media id of a permanent image.", prefix + "thumbMediaId");
        }
    }

    // --- media

    public static void requireTemporaryMedia(MediaKind kind, String fileName, String contentType, long size) {
        requireMedia(TEMPORARY.get(kind), kind.wire() + " (temporary)", fileName, contentType, size);
    }

    public static void requirePermanentMedia(MediaKind kind, String fileName, String contentType, long size) {
        requireMedia(PERMANENT.get(kind), kind.wire() + " (permanent)", fileName, contentType, size);
    }

    public static void requireArticleImage(String fileName, String contentType, long size) {
        requireMedia(ARTICLE_IMAGE, "article image", fileName, contentType, size);
    }

    private static void requireMedia(Limit limit, String what, String fileName, String contentType, long size) {
        String format = format(fileName, contentType);
        if (format == null || !limit.formats().contains(format)) {
            throw refusal(Rule.MEDIA_FORMAT, 40005, "WeChat takes " + String.join(", ", new java.util.TreeSet<>(limit.formats())) + " as " + what
                    + ", not " + (format == null ? "a file of unknown format" : format) + ".", "file");
        }
        if (size > limit.maxBytes()) {
            throw refusal(Rule.MEDIA_SIZE, 40006, "WeChat takes at most " + limit.maxBytes() + " bytes as " + what + "; the file has "
                    + size + ".", "file");
        }
    }

    /** The file's format: its extension, else the subtype of its content type (image/jpeg → jpeg, audio/mpeg → mp3). */
    static String format(String fileName, String contentType) {
        if (fileName != null) {
            int dot = fileName.lastIndexOf('.');
            if (dot >= 0 && dot < fileName.length() - 1) {
                return fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
            }
        }
        if (contentType == null) {
            return null;
        }
        String type = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "audio/mpeg", "audio/mp3" -> "mp3";
            case "audio/amr" -> "amr";
            case "audio/wav", "audio/x-wav", "audio/wave" -> "wav";
            case "audio/x-ms-wma" -> "wma";
            case "image/x-ms-bmp", "image/bmp" -> "bmp";
            default -> {
                int slash = type.indexOf('/');
                yield slash < 0 ? null : type.substring(slash + 1);
            }
        };
    }

    // --- mass

    /** {@code mass/send} (openid list) is for service accounts, with 2 to 10,000 openids; a null type is not checked. */
    public static void requireMassToOpenids(AccountType type, int openids) {
        if (type != null && !WeChatLimits.massToOpenidsAllowed(type)) {
            throw refusal(Rule.MASS_OPENIDS_SERVICE_ONLY, 48001,
                    "Mass sends to a list of openids are for service accounts; a subscription account sends to all fans or a tag.", "audience");
        }
        if (openids < MASS_OPENIDS_MIN || openids > MASS_OPENIDS_MAX) {
            throw refusal(Rule.MASS_OPENID_COUNT, 40130, "A mass send to openids names " + MASS_OPENIDS_MIN + " to " + MASS_OPENIDS_MAX
                    + " of them, not " + openids + ".", "audience");
        }
    }

    /** The refusal of a preview to a WeChat id beyond the day's limit. */
    public static WeChatRuleException previewLimitReached() {
        return refusal(Rule.MASS_PREVIEW_DAILY_LIMIT, 45009, "The account has sent " + WeChatLimits.MASS_PREVIEWS_TO_WECHAT_ID_PER_DAY
                + " previews to WeChat ids today (Asia/Shanghai); WeChat allows no more until midnight.", null);
    }

    private static int length(String s) {
        return s == null ? 0 : s.codePointCount(0, s.length());
    }

    /**
     * The characters of an article's text: its HTML without tags. Under 20,000 characters (code points) the HTML
     * itself could never reach 1 MB, so the two limits are read as WeChat's editor shows them: a count of the text
     * and a size of the whole content.
     */
    static int textLength(String html) {
        return length(TAG.matcher(html).replaceAll(""));
    }

    private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("<[^>]*>");
}
