package app.fanmail.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class SignInThrottleTest {
    private final SignInThrottle throttle = new SignInThrottle(5, Duration.ofMinutes(15));
    private final Instant t0 = Instant.parse("2026-11-21T08:00:00Z");

    @Test
    void allowsUpToTheLimitThenWaitsUntilTheOldestFailureLeavesTheWindow() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("alice", "10.0.0.1", t0.plusSeconds(i));
        }
        assertThat(throttle.retryAfter("alice", "10.0.0.1", t0.plusSeconds(5))).isEmpty();
        throttle.failed("alice", "10.0.0.1", t0.plusSeconds(5));
        assertThat(throttle.retryAfter("alice", "10.0.0.1", t0.plusSeconds(6)))
                .contains(Duration.ofMinutes(15).minusSeconds(6));
        assertThat(throttle.retryAfter("alice", "10.0.0.1", t0.plus(Duration.ofMinutes(15)).plusSeconds(1))).isEmpty();
    }

    @Test
    void otherUsersAreNotAffected() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("alice", "10.0.0.1", t0);
        }
        assertThat(throttle.retryAfter("bob", "10.0.0.2", t0)).isEmpty();
    }

    @Test
    void oneAddressGuessingManyUsernamesIsThrottledToo() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i, "10.0.0.9", t0);
        }
        assertThat(throttle.retryAfter("someone-else", "10.0.0.9", t0)).isPresent();
    }

    @Test
    void successClearsTheUsersFailures() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("alice", "10.0.0.1", t0);
        }
        throttle.succeeded("alice");
        assertThat(throttle.retryAfter("alice", "10.0.0.3", t0)).isEmpty();
    }
}
