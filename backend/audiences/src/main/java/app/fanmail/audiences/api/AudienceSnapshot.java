package app.fanmail.audiences.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A selector resolved into a frozen list of members: its counts, and the CSV columns its recipients carry. */
public record AudienceSnapshot(UUID id, UUID accountId, Purpose purpose, AudienceCount count, List<String> columns, Instant createdAt) {
}
