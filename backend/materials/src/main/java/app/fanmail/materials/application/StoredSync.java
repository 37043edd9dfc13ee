package app.fanmail.materials.application;

import java.time.Instant;
import java.util.UUID;

/** A run of the library's sync with WeChat. */
public record StoredSync(UUID id, UUID accountId, Status status, int listed, int added, int removed, int downloaded, String errorCode,
                         String errorMessage, String startedBy, Instant startedAt, Instant finishedAt) {
    public enum Status {
        RUNNING, SUCCEEDED, FAILED
    }
}
