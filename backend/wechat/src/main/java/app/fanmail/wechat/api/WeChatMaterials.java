package app.fanmail.wechat.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Media, permanent materials and drafts (news for mass sends) on WeChat. Failures are {@link WeChatException}s. */
public interface WeChatMaterials {
    /** WeChat's media types. {@code THUMB} is for news covers of temporary media. */
    enum MediaKind {
        IMAGE, VOICE, VIDEO, THUMB;

        public String wire() {
            return name().toLowerCase();
        }
    }

    record UploadedMedia(String mediaId, MediaKind kind, Instant createdAt) {
    }

    record PermanentMedia(String mediaId, String url) {
    }

    record Material(String mediaId, String name, Instant updatedAt, String url) {
    }

    record MaterialPage(long total, List<Material> items) {
    }

    record MaterialCounts(long images, long voices, long videos, long news) {
    }

    /** One article of a draft (news). */
    record Article(String title, String author, String digest, String content, String contentSourceUrl, String thumbMediaId,
                   boolean openComment, boolean onlyFansCanComment) {
    }

    record Draft(String mediaId, Instant updatedAt, List<Article> articles) {
    }

    record DraftPage(long total, List<Draft> items) {
    }

    /** What downloading a permanent material or a temporary media gives. */
    sealed interface MediaContent {
        /**
         * The file itself (images, voices, thumbs), at most 32 MiB. {@code contentType} is what the API
         * host declared and {@code fileName} the name it gave (no path; null when none): whoever
         * serves the bytes to a browser checks the type against the expected media kind first.
         */
        record File(String contentType, String fileName, byte[] bytes) implements MediaContent {
        }

        /** A video: WeChat answers with a link to download or play it (title and description only for permanent videos). */
        record VideoLink(String title, String description, String url) implements MediaContent {
        }

        /** A permanent news material (from before news moved to drafts): its articles, each with its URL. */
        record News(List<NewsArticle> articles) implements MediaContent {
        }
    }

    /** One article of a permanent news material. */
    record NewsArticle(Article article, String url, String thumbUrl) {
    }

    /** Temporary media (3 days). */
    UploadedMedia uploadTemporary(UUID accountId, MediaKind kind, String fileName, String contentType, byte[] content);

    /** Permanent material; a video needs a title and description. */
    PermanentMedia addPermanent(UUID accountId, MediaKind kind, String fileName, String contentType, byte[] content,
                                String videoTitle, String videoDescription);

    /** An image for use inside article content; returns its URL. */
    String uploadArticleImage(UUID accountId, String fileName, String contentType, byte[] content);

    MaterialPage materials(UUID accountId, MediaKind kind, int offset, int count);

    MaterialCounts counts(UUID accountId);

    void deletePermanent(UUID accountId, String mediaId);

    /** Downloads a permanent material: the file for images, voices and thumbs; a link for videos; the articles for news. */
    MediaContent permanentContent(UUID accountId, String mediaId);

    /** Downloads a temporary media (3 days): the file, or for a video the link WeChat gives. */
    MediaContent temporaryContent(UUID accountId, String mediaId);

    /** Creates a draft of 1–8 articles; its media id is what mass sends use for news. */
    String addDraft(UUID accountId, List<Article> articles);

    List<Article> draft(UUID accountId, String mediaId);

    void updateDraft(UUID accountId, String mediaId, int index, Article article);

    DraftPage drafts(UUID accountId, int offset, int count);

    void deleteDraft(UUID accountId, String mediaId);

    /** How many drafts the account has. */
    long draftCount(UUID accountId);

    /** Turns an uploaded video into the media id a mass send of video uses. */
    String massVideo(UUID accountId, String videoMediaId, String title, String description);
}
