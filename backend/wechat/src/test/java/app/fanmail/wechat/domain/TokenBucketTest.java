package app.fanmail.wechat.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    @Test
    void aBurstPassesThenTheRateHolds() {
        Instant t = Instant.ofEpochSecond(1_800_000_000L);
        TokenBucket bucket = new TokenBucket(10, 3, t);
        assertThat(bucket.tryTake(t)).isTrue();
        assertThat(bucket.tryTake(t)).isTrue();
        assertThat(bucket.tryTake(t)).isTrue();
        assertThat(bucket.tryTake(t)).as("burst used up").isFalse();
        assertThat(bucket.tryTake(t.plusMillis(50))).as("half a permit").isFalse();
        assertThat(bucket.tryTake(t.plusMillis(100))).as("one permit after 100 ms at 10/s").isTrue();
        assertThat(bucket.tryTake(t.plusMillis(100))).isFalse();
        Instant later = t.plusSeconds(60);
        int taken = 0;
        while (bucket.tryTake(later)) {
            taken++;
        }
        assertThat(taken).as("never more than the burst after a quiet minute").isEqualTo(3);
    }
}
