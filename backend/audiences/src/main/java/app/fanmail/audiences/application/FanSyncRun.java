package app.fanmail.audiences.application;

import java.time.Instant;
import java.util.UUID;

import app.fanmail.audiences.domain.FanSyncKind;
import app.fanmail.audiences.domain.FanSyncPhase;
import app.fanmail.audiences.domain.FanSyncStatus;

/** A stored fan sync run. */
public record FanSyncRun(long id, UUID accountId, FanSyncKind kind, FanSyncStatus status, FanSyncPhase phase, String cursor, long done,
                         Long total, String errorCode, String errorMessage, UUID startedBy, Instant startedAt, Instant finishedAt) {
}
