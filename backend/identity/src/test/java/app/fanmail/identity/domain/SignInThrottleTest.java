package app.fanmail.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import app.fanmail.identity.domain.SignInThrottle.Counter;
import app.fanmail.identity.domain.SignInThrottle.Rule;

class SignInThrottleTest {
    private static final Rule USERNAME = new Rule(5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(15));
    private static final Rule ADDRESS = new Rule(10, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1));
    private final SignInThrottle throttle = new SignInThrottle(USERNAME, ADDRESS);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T08:00:00Z"));

    @Test
    void theFirstFailuresCostNothingThenEachDoublesTheWait() {
        Counter user = Counter.NONE;
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.retryAfter(user, Counter.NONE, false, clock.instant())).isEmpty();
            user = throttle.usernameFailed(user, clock.instant());
        }
        assertThat(throttle.retryAfter(user, Counter.NONE, false, clock.instant())).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.retryAfter(user, Counter.NONE, false, clock.instant())).isEmpty();
        user = throttle.usernameFailed(user, clock.instant());
        assertThat(throttle.retryAfter(user, Counter.NONE, false, clock.instant())).contains(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        user = throttle.usernameFailed(user, clock.instant());
        assertThat(throttle.retryAfter(user, Counter.NONE, false, clock.instant())).contains(Duration.ofSeconds(4));
    }

    @Test
    void theUsernameDelayIsCappedSoTheRightPasswordIsNeverLockedOutForLong() {
        Counter user = new Counter(1_000, clock.instant());
        assertThat(throttle.retryAfter(user, Counter.NONE, false, clock.instant())).contains(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        assertThat(throttle.retryAfter(user, Counter.NONE, false, clock.instant())).isEmpty();
    }

    @Test
    void anAddressTheUserSignedInFromBeforeSkipsTheUsernameDelay() {
        Counter user = new Counter(50, clock.instant());
        assertThat(throttle.retryAfter(user, Counter.NONE, true, clock.instant())).isEmpty();
        assertThat(throttle.retryAfter(user, Counter.NONE, false, clock.instant())).isPresent();
    }

    @Test
    void oneAddressGuessingManyUsernamesWaitsLonger() {
        Counter address = Counter.NONE;
        for (int i = 0; i < 20; i++) {
            address = throttle.addressFailed(address, clock.instant());
        }
        // 20 failures, 10 free: 2^10 s, capped at 15 minutes
        assertThat(throttle.retryAfter(Counter.NONE, address, true, clock.instant())).contains(Duration.ofMinutes(15));
        assertThat(SignInThrottle.delay(ADDRESS, 12)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void theLongerOfTheTwoWaitsApplies() {
        Counter user = new Counter(6, clock.instant());
        Counter address = new Counter(13, clock.instant());
        assertThat(throttle.retryAfter(user, address, false, clock.instant())).contains(Duration.ofSeconds(8));
    }

    @Test
    void aQuietCounterIsForgotten() {
        Counter user = new Counter(40, clock.instant());
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.retryAfter(user, Counter.NONE, false, clock.instant())).isEmpty();
        assertThat(throttle.usernameFailed(user, clock.instant())).isEqualTo(new Counter(1, clock.instant()));
        Counter address = new Counter(40, clock.instant());
        clock.advance(Duration.ofMinutes(59));
        assertThat(throttle.addressFailed(address, clock.instant()).failures()).isEqualTo(41);
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
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
