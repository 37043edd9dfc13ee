package app.fanmail.dispatch.infrastructure;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Converting native-query values into Java. */
final class Rows {
    private Rows() {
    }

    static UUID uuid(Object o) {
        return o == null ? null : o instanceof UUID u ? u : UUID.fromString(o.toString());
    }

    static Instant instant(Object o) {
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
        if (o instanceof java.time.ZonedDateTime z) {
            return z.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + o.getClass());
    }

    /** An instant as text for {@code cast(? as timestamptz)} (null stays null). */
    static String text(Instant i) {
        return i == null ? null : i.toString();
    }

    static Integer integerOrNull(Object o) {
        return o == null ? null : ((Number) o).intValue();
    }

    static String string(Object o) {
        return o == null ? null : o.toString();
    }
}
