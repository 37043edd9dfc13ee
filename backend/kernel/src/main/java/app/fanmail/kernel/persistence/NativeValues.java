package app.fanmail.kernel.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * Values of native-query rows as Java types, whichever the driver and Hibernate hand over (a {@code uuid} column as a
 * UUID or its text, a {@code timestamptz} as an Instant, OffsetDateTime, ZonedDateTime or Timestamp); null stays null.
 */
public final class NativeValues {
    private NativeValues() {
    }

    public static UUID uuid(Object o) {
        return o == null ? null : o instanceof UUID u ? u : UUID.fromString(o.toString());
    }

    public static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + o.getClass());
    }
}
