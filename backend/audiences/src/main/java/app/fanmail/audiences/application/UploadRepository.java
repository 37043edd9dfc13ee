package app.fanmail.audiences.application;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.audiences.domain.UploadLines;

/** Where uploads and their lines are kept (bulk SQL: a batch of lines is one statement). */
public interface UploadRepository {
    void insert(StoredUpload upload);

    /** Adds these lines (one statement) and records how far the upload got. */
    void addLines(UUID uploadId, List<UploadLines.Line> lines, int totalLines, long bytes);

    /**
     * Marks the second and later occurrences of an openid DUPLICATE and the openids that are not fans of the account
     * UNKNOWN_OPENID, stores the columns and the counts, and makes the upload READY.
     */
    StoredUpload complete(UUID uploadId, List<String> columns, int openidColumn, int totalLines, long bytes);

    /** Removes the upload's lines and marks it FAILED with this error. */
    void fail(UUID uploadId, String code, String message, long bytes);

    Optional<StoredUpload> find(UUID id);

    /** The account's uploads, newest first, after the given one (null for the first page). */
    List<StoredUpload> page(UUID accountId, Instant afterCreatedAt, UUID afterId, int limit);

    /** Lines with a problem in line order, after {@code afterLine}. */
    List<UploadProblemLine> problems(UUID uploadId, int afterLine, int limit);

    boolean delete(UUID id);
}
