package app.fanmail.audiences.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An upload as stored: status PROCESSING while its lines arrive, then READY (or FAILED with an error). */
public record StoredUpload(UUID id, UUID accountId, String name, Status status, List<String> columns, int openidColumn, int totalLines,
                           int valid, int invalid, int unknown, int duplicates, long bytes, String errorCode, String errorMessage,
                           Instant createdAt, String createdBy) {
    public enum Status { PROCESSING, READY, FAILED }
}
