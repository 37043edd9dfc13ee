package app.fanmail.wechat.application;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Reading native-query results: PostgreSQL's timestamptz comes back as Instant or OffsetDateTime depending on the driver path. */
final class Rows {
    private Rows() {
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Instant i ? i : ((OffsetDateTime) value).toInstant();
    }
}
