package app.fanmail.dispatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.kernel.queue.Backoff;

class RetryPolicyTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), 4), Duration.ofSeconds(10));

    private RetryPolicy.Decision decide(FailureClass c, int attempts) {
        return policy.decide(new SendFailure(c, -1, "x"), attempts, NOW);
    }

    @Test
    void certainlyNotSentIsRetriedWithBackOffThenFails() {
        assertThat(decide(FailureClass.NOT_SENT, 1)).isEqualTo(new RetryPolicy.Retry(NOW.plusSeconds(2), true));
        assertThat(decide(FailureClass.NOT_SENT, 2)).isEqualTo(new RetryPolicy.Retry(NOW.plusSeconds(4), true));
        assertThat(decide(FailureClass.NOT_SENT, 3)).isEqualTo(new RetryPolicy.Retry(NOW.plusSeconds(8), true));
        assertThat(decide(FailureClass.NOT_SENT, 4)).isEqualTo(new RetryPolicy.Final(RecipientState.FAILED));
    }

    @Test
    void mayHaveBeenSentIsRetriedAndNeverBecomesFailedOnlyInDoubt() {
        assertThat(decide(FailureClass.MAY_HAVE_BEEN_SENT, 1)).isEqualTo(new RetryPolicy.Retry(NOW.plusSeconds(2), true));
        assertThat(decide(FailureClass.MAY_HAVE_BEEN_SENT, 4)).isEqualTo(new RetryPolicy.Final(RecipientState.IN_DOUBT));
        assertThat(decide(FailureClass.IN_DOUBT, 1)).isEqualTo(new RetryPolicy.Final(RecipientState.IN_DOUBT));
    }

    @Test
    void throttledSlowsDownWithoutUsingUpAttempts() {
        assertThat(decide(FailureClass.THROTTLED, 1)).isEqualTo(new RetryPolicy.Retry(NOW.plusSeconds(10), false));
        assertThat(decide(FailureClass.THROTTLED, 40)).isEqualTo(new RetryPolicy.Retry(NOW.plusSeconds(10), false));
    }

    @Test
    void theDailyQuotaPausesTheJobUntilMidnightInShanghai() {
        // 10:00 UTC is 18:00 in Shanghai; the next quota day starts at 16:00 UTC
        assertThat(decide(FailureClass.DAILY_QUOTA, 1)).isEqualTo(new RetryPolicy.PauseJob(Instant.parse("2026-12-02T16:00:00Z")));
        assertThat(QuotaDay.nextReset(Instant.parse("2026-12-02T16:00:00Z"))).isEqualTo(Instant.parse("2026-12-03T16:00:00Z"));
        assertThat(QuotaDay.nextReset(Instant.parse("2026-12-02T15:59:59Z"))).isEqualTo(Instant.parse("2026-12-02T16:00:00Z"));
    }

    @Test
    void finalRefusalsEndTheRecipientOrTheJob() {
        assertThat(decide(FailureClass.RECIPIENT_FINAL, 1)).isEqualTo(new RetryPolicy.Final(RecipientState.FAILED));
        assertThat(decide(FailureClass.JOB_FINAL, 1)).isEqualTo(new RetryPolicy.FailJob());
    }
}
