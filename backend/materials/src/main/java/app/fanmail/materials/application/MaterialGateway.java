package app.fanmail.materials.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.fanmail.materials.api.MaterialKind;
import app.fanmail.materials.domain.DraftArticle;

/**
 * WeChat's materials and drafts as this module sees them. Every method calls WeChat: never inside a transaction.
 * Failures are {@link Refused}.
 */
public interface MaterialGateway {
    record Added(String mediaId, String url) {
    }

    record Listed(String mediaId, String name, Instant updatedAt, String url) {
    }

    record Page(long total, List<Listed> items) {
    }

    record Counts(long images, long voices, long videos, long news) {
    }

    /** A download: the file, or for a video WeChat's link to it. */
    sealed interface Download {
        record File(String contentType, byte[] bytes) implements Download {
        }

        record Link(String title, String description, String url) implements Download {
        }
    }

    record Temporary(String mediaId, Instant createdAt) {
    }

    record Draft(String mediaId, Instant updatedAt, List<DraftArticle> articles) {
    }

    record DraftPage(long total, List<Draft> items) {
    }

    /** Adds a permanent material; {@code fileName} carries the format's extension (WeChat judges by it). */
    Added add(UUID accountId, MaterialKind kind, String fileName, String contentType, byte[] bytes, String videoTitle, String videoDescription);

    Page list(UUID accountId, MaterialKind kind, int offset, int count);

    Counts counts(UUID accountId);

    /** Deletes a permanent material; one WeChat no longer knows counts as deleted. */
    void delete(UUID accountId, String mediaId);

    Download download(UUID accountId, String mediaId);

    Temporary uploadTemporary(UUID accountId, MaterialKind kind, String fileName, String contentType, byte[] bytes);

    /** Uploads an image for article content (jpg or png, at most 1 MB); returns its URL on WeChat. */
    String uploadArticleImage(UUID accountId, String fileName, String contentType, byte[] bytes);

    String addDraft(UUID accountId, List<DraftArticle> articles);

    List<DraftArticle> draft(UUID accountId, String mediaId);

    void updateDraft(UUID accountId, String mediaId, int index, DraftArticle article);

    DraftPage drafts(UUID accountId, int offset, int count);

    /** Deletes a draft; one WeChat no longer knows counts as deleted. */
    void deleteDraft(UUID accountId, String mediaId);

    long draftCount(UUID accountId);

    /** WeChat refused or failed: a stable code for the UI, WeChat's errcode and message, and whether a retry may help. */
    class Refused extends RuntimeException {
        private final String code;
        private final int errcode;
        private final String field;
        private final boolean retryable;

        public Refused(String code, int errcode, String message, String field, boolean retryable, Throwable cause) {
            super(message, cause);
            this.code = code;
            this.errcode = errcode;
            this.field = field;
            this.retryable = retryable;
        }

        public String code() {
            return code;
        }

        public int errcode() {
            return errcode;
        }

        public String field() {
            return field;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
