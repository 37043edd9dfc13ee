package app.fanmail.audiences.application;

import java.util.List;
import java.util.UUID;

/**
 * An uploaded openid list's valid rows (uploads are their own concern; this port reads them for bulk tagging), in
 * line order by keyset pages so a list of a million lines is never held at once.
 */
public interface UploadedOpenids {
    /** One valid line of an upload. */
    record Row(int line, String openid) {
    }

    /** Whether the upload exists, belongs to the account and has been read completely (READY). */
    boolean exists(UUID accountId, UUID uploadId);

    /** Up to {@code limit} valid rows with a line number greater than {@code afterLine}, in line order. */
    List<Row> page(UUID uploadId, int afterLine, int limit);
}
