package app.fanmail.dispatch.infrastructure;

import java.time.Instant;
import java.util.UUID;

import app.fanmail.kernel.persistence.NativeValues;

/** Converting native-query values into Java. */
final class Rows {
    private Rows() {
    }

    static UUID uuid(Object o) {
        return NativeValues.uuid(o);
    }

    static Instant instant(Object o) {
        return NativeValues.instant(o);
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
