package app.fanmail.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

class OutboxTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T08:00:00Z"));

    @Test
    void aClientThatStopsReadingIsClosedWithoutEverBlockingTheFeed() throws Exception {
        FakeWire stuck = new FakeWire(false);
        FakeWire healthy = new FakeWire(true);
        Outbox slow = new Outbox(stuck, 3, clock);
        Outbox fast = new Outbox(healthy, 3, clock);

        // one feed, two subscribers: the feed's thread only enqueues
        for (int i = 0; i < 10; i++) {
            slow.sendMessage("m" + i);
            fast.sendMessage("m" + i);
        }
        assertThat(healthy.sent).hasSize(10);
        assertThat(stuck.sent).containsExactly("m0");
        assertThat(stuck.closedWith).isEqualTo(Outbox.TOO_SLOW);
        assertThat(stuck.reason).contains("Too slow");
        assertThat(slow.isClosed()).isTrue();
        assertThat(healthy.closedWith).isNull();
    }

    @Test
    void messagesGoOutInOrderOneSendAtATime() throws Exception {
        FakeWire wire = new FakeWire(false);
        Outbox outbox = new Outbox(wire, 10, clock);
        outbox.sendMessage("a");
        outbox.sendMessage("b");
        outbox.sendMessage("c");
        assertThat(wire.sent).containsExactly("a");
        assertThat(outbox.waiting()).isEqualTo(2);
        wire.complete(null);
        assertThat(wire.sent).containsExactly("a", "b");
        wire.complete(null);
        wire.complete(null);
        assertThat(wire.sent).containsExactly("a", "b", "c");
        assertThat(outbox.waiting()).isZero();
    }

    @Test
    void aSendPendingLongerThanTheTimeoutIsStalled() throws Exception {
        FakeWire wire = new FakeWire(false);
        Outbox outbox = new Outbox(wire, 10, clock);
        outbox.sendMessage("a");
        clock.advance(Duration.ofSeconds(9));
        assertThat(outbox.stalled(Duration.ofSeconds(10))).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(outbox.stalled(Duration.ofSeconds(10))).isTrue();
        wire.complete(null);
        assertThat(outbox.stalled(Duration.ofSeconds(10))).isFalse();
    }

    @Test
    void aFailedSendClosesTheConnection() throws Exception {
        FakeWire wire = new FakeWire(false);
        Outbox outbox = new Outbox(wire, 10, clock);
        outbox.sendMessage("a");
        outbox.sendMessage("b");
        wire.complete(new java.io.IOException("broken pipe"));
        assertThat(wire.closedWith).isEqualTo(Outbox.TOO_SLOW);
        outbox.sendMessage("c");
        assertThat(wire.sent).containsExactly("a");
    }

    @Test
    void sendsThatCompleteAtOnceDoNotRecurse() throws Exception {
        FakeWire wire = new FakeWire(true);
        Outbox outbox = new Outbox(wire, 100_000, clock);
        for (int i = 0; i < 50_000; i++) {
            outbox.sendMessage("m");
        }
        assertThat(wire.sent).hasSize(50_000);
    }

    private static final class FakeWire implements Outbox.Wire {
        final boolean completeAtOnce;
        final List<String> sent = new ArrayList<>();
        final List<Consumer<Throwable>> pending = new ArrayList<>();
        Integer closedWith;
        String reason;

        FakeWire(boolean completeAtOnce) {
            this.completeAtOnce = completeAtOnce;
        }

        @Override
        public void sendAsync(String text, Consumer<Throwable> whenDone) {
            sent.add(text);
            if (completeAtOnce) {
                whenDone.accept(null);
            } else {
                pending.add(whenDone);
            }
        }

        void complete(Throwable error) {
            pending.remove(0).accept(error);
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code;
            this.reason = reason;
        }

        @Override
        public boolean isOpen() {
            return closedWith == null;
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
