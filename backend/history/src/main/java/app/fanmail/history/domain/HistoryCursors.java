package app.fanmail.history.domain;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import app.fanmail.dispatch.api.DispatchReads.JobKey;
import app.fanmail.dispatch.api.DispatchReads.SentKey;
import app.fanmail.kernel.graphql.Cursor;
import app.fanmail.kernel.graphql.UserErrorsException;

/**
 * The opaque keyset cursors of history's lists: each names its list (so one list's cursor is refused by another) and
 * holds the sort key of the last row seen. A cursor that does not decode is a CURSOR_INVALID user error.
 */
public final class HistoryCursors {
    private static final String JOBS = "hj";
    private static final String RECIPIENTS = "hr";
    private static final String FAN = "hf";

    private HistoryCursors() {
    }

    public static String job(JobKey key) {
        return Cursor.encode(JOBS, key.createdAt().toString(), key.id().toString());
    }

    /** The key after which the next page of jobs starts; null for a null or blank cursor. */
    public static JobKey job(String cursor) {
        return Cursor.decode(cursor, 3).map(p -> {
            check(p, JOBS);
            return new JobKey(instant(p.get(1)), uuid(p.get(2)));
        }).orElse(null);
    }

    public static String recipient(long seq) {
        return Cursor.encode(RECIPIENTS, Long.toString(seq));
    }

    /** The seq after which the next page of recipients starts; 0 for a null or blank cursor. */
    public static long recipient(String cursor) {
        return Cursor.decode(cursor, 2).map(p -> {
            check(p, RECIPIENTS);
            try {
                long seq = Long.parseLong(p.get(1));
                if (seq < 0) {
                    throw invalid();
                }
                return seq;
            } catch (NumberFormatException e) {
                throw invalid();
            }
        }).orElse(0L);
    }

    public static String sent(SentKey key) {
        return Cursor.encode(FAN, key.createdAt().toString(), key.jobId().toString(), Long.toString(key.seq()));
    }

    /** The key after which the next page of a fan's messages starts; null for a null or blank cursor. */
    public static SentKey sent(String cursor) {
        return Cursor.decode(cursor, 4).map(p -> {
            check(p, FAN);
            try {
                return new SentKey(instant(p.get(1)), uuid(p.get(2)), Long.parseLong(p.get(3)));
            } catch (NumberFormatException e) {
                throw invalid();
            }
        }).orElse(null);
    }

    private static void check(List<String> parts, String list) {
        if (!parts.get(0).equals(list)) {
            throw invalid();
        }
    }

    private static Instant instant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw invalid();
        }
    }

    private static UUID uuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static UserErrorsException invalid() {
        return new UserErrorsException("CURSOR_INVALID", "after", "The cursor is not one this list produced.");
    }
}
