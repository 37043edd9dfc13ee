package app.fanmail.kernel.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesFromTheFirstWaitUpToTheCap() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 5);
        assertThat(b.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.after(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.after(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(b.after(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(b.after(5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(b.after(1_000)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theLastAllowedAttemptExhausts() {
        Backoff b = new Backoff(Duration.ZERO, Duration.ZERO, 3);
        assertThat(b.exhausted(2)).isFalse();
        assertThat(b.exhausted(3)).isTrue();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
