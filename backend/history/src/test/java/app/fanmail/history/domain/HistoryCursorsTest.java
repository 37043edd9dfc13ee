package app.fanmail.history.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.fanmail.dispatch.api.DispatchReads.JobKey;
import app.fanmail.dispatch.api.DispatchReads.SentKey;
import app.fanmail.kernel.graphql.Cursor;
import app.fanmail.kernel.graphql.UserErrorsException;

class HistoryCursorsTest {
    private static final Instant AT = Instant.parse("2026-12-03T08:15:30.123456Z");
    private static final UUID ID = UUID.fromString("0b6f2a1e-6f1c-4c39-9a53-3f2d9c1e7a10");

    @Test
    void aJobCursorGivesBackItsKeyToTheMicrosecond() {
        String cursor = HistoryCursors.job(new JobKey(AT, ID));
        assertThat(cursor).doesNotContain(ID.toString()).matches("[A-Za-z0-9_-]+");
        assertThat(HistoryCursors.job(cursor)).isEqualTo(new JobKey(AT, ID));
    }

    @Test
    void recipientAndFanCursorsRoundTrip() {
        assertThat(HistoryCursors.recipient(HistoryCursors.recipient(4711))).isEqualTo(4711);
        SentKey key = new SentKey(AT, ID, 12);
        assertThat(HistoryCursors.sent(HistoryCursors.sent(key))).isEqualTo(key);
    }

    @Test
    void noCursorStartsAtTheBeginning() {
        assertThat(HistoryCursors.job((String) null)).isNull();
        assertThat(HistoryCursors.job(" ")).isNull();
        assertThat(HistoryCursors.recipient((String) null)).isZero();
        assertThat(HistoryCursors.sent((String) null)).isNull();
    }

    @Test
    void aCursorOfAnotherListIsRefused() {
        String jobCursor = HistoryCursors.job(new JobKey(AT, ID));
        String recipientCursor = HistoryCursors.recipient(3);
        assertInvalid(() -> HistoryCursors.recipient(jobCursor));
        assertInvalid(() -> HistoryCursors.job(recipientCursor));
        assertInvalid(() -> HistoryCursors.sent(jobCursor));
        // the same shape but another list's name
        assertInvalid(() -> HistoryCursors.job(Cursor.encode("hf", AT.toString(), ID.toString())));
    }

    @Test
    void malformedCursorsAreUserErrors() {
        assertInvalid(() -> HistoryCursors.job("not base64 !"));
        assertInvalid(() -> HistoryCursors.job(Cursor.encode("hj", "yesterday", ID.toString())));
        assertInvalid(() -> HistoryCursors.job(Cursor.encode("hj", AT.toString(), "not-a-uuid")));
        assertInvalid(() -> HistoryCursors.recipient(Cursor.encode("hr", "x")));
        assertInvalid(() -> HistoryCursors.recipient(Cursor.encode("hr", "-5")));
        assertInvalid(() -> HistoryCursors.sent(Cursor.encode("hf", AT.toString(), ID.toString(), "seq")));
    }

    private static void assertInvalid(Runnable r) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(UserErrorsException.class,
                e -> assertThat(e.errors().get(0).code()).isEqualTo("CURSOR_INVALID"));
    }
}
