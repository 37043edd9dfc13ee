package app.fanmail.audiences.application;

import java.time.Instant;
import java.util.UUID;

import app.fanmail.audiences.domain.FanFilter;

/** A saved, named fan filter of an account. */
public record StoredSegment(UUID id, UUID accountId, String name, FanFilter filter, Instant createdAt, Instant updatedAt) {
}
