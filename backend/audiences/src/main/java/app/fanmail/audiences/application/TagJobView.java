package app.fanmail.audiences.application;

import java.time.Instant;
import java.util.UUID;

import app.fanmail.audiences.domain.TagAction;
import app.fanmail.audiences.domain.TagJobStatus;

/** A bulk tag job and its progress; {@code done} = succeeded + failed. */
public record TagJobView(UUID id, UUID accountId, int tagId, String tagName, TagAction action, String source, TagJobStatus status,
                         int total, int done, int succeeded, int failed, Integer errorCode, String errorMessage, Instant startedAt,
                         Instant finishedAt) {
}
