package app.fanmail.dispatch.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.dispatch.api.TemplateContent;
import app.fanmail.dispatch.domain.FailureClass;
import app.fanmail.dispatch.domain.SendFailure;

/** What the engine writes for each outcome of an attempt (the result, before it reaches the database in a batch). */
class SendEngineTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private final List<RecipientRepository.Result> written = new ArrayList<>();
    private SendEngine engine;
    private final ActiveJob job = new ActiveJob(UUID.randomUUID(), UUID.randomUUID(), 10, new TemplateContent("t", Map.of(), null, null, null));

    @BeforeEach
    void engine() {
        engine = new SendEngine();
        engine.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        engine.flushSize = 1000;
        engine.maxAttempts = 3;
        engine.retryBackoff = Duration.ofSeconds(2);
        engine.retryBackoffMax = Duration.ofMinutes(1);
        engine.throttleBackoff = Duration.ofSeconds(10);
        engine.recipients = new RecipientRepository() {
            @Override
            public List<Claimed> claim(UUID jobId, int limit, Instant now) {
                return List.of();
            }

            @Override
            public List<UUID> write(List<Result> results, Instant now) {
                written.addAll(results);
                return List.of();
            }

            @Override
            public int consumeReports(DeliveryReportSource source, int limit, Instant now) {
                return 0;
            }
        };
        engine.init();
    }

    private RecipientRepository.Result outcome(boolean firstUse, int attempts, String msgid, FailureClass failure) {
        RecipientRepository.Claimed c = new RecipientRepository.Claimed(7, 3, "oA", Map.of(), NOW.minusSeconds(30), firstUse, attempts);
        Throwable error = failure == null ? null : new CompletionException(new SendFailedException(new SendFailure(failure, 45009, "m"), null));
        engine.completed(job, c, msgid, error);
        engine.flush();
        assertThat(written).hasSize(1);
        return written.remove(0);
    }

    @Test
    void aSendIsSentWithItsMsgidAndDone() {
        RecipientRepository.Result r = outcome(true, 0, "123456789012345678", null);
        assertThat(r.state()).isEqualTo(RecipientState.SENT);
        assertThat(r.msgid()).isEqualTo("123456789012345678");
        assertThat(r.done()).isTrue();
        assertThat(r.clearFirstAttempt()).isFalse();
    }

    @Test
    void aFirstAttemptThatCertainlyDidNotReachWeChatForgetsTheKeysFirstUse() {
        RecipientRepository.Result r = outcome(true, 0, null, FailureClass.NOT_SENT);
        assertThat(r.state()).isEqualTo(RecipientState.QUEUED);
        assertThat(r.clearFirstAttempt()).isTrue();
        assertThat(r.notBefore()).isEqualTo(NOW.plusSeconds(2));
        assertThat(r.counted()).isTrue();
        assertThat(r.done()).isFalse();
    }

    @Test
    void anAttemptThatMayHaveReachedWeChatKeepsTheKeysFirstUse() {
        RecipientRepository.Result r = outcome(true, 0, null, FailureClass.MAY_HAVE_BEEN_SENT);
        assertThat(r.state()).isEqualTo(RecipientState.QUEUED);
        assertThat(r.clearFirstAttempt()).isFalse();
        // a later certain failure does not forget an earlier uncertain first use
        assertThat(outcome(false, 1, null, FailureClass.NOT_SENT).clearFirstAttempt()).isFalse();
        // the last attempt of an uncertain send: in doubt, not failed
        assertThat(outcome(false, 2, null, FailureClass.MAY_HAVE_BEEN_SENT).state()).isEqualTo(RecipientState.IN_DOUBT);
    }

    @Test
    void theDailyQuotaRequeuesWithoutCountingAndHoldsTheJob() {
        RecipientRepository.Result r = outcome(true, 0, null, FailureClass.DAILY_QUOTA);
        assertThat(r.state()).isEqualTo(RecipientState.QUEUED);
        assertThat(r.counted()).isFalse();
        assertThat(r.clearFirstAttempt()).isTrue();
        assertThat(r.notBefore()).isNull();
    }

    @Test
    void throttlingWaitsWithoutCounting() {
        RecipientRepository.Result r = outcome(false, 2, null, FailureClass.THROTTLED);
        assertThat(r.state()).isEqualTo(RecipientState.QUEUED);
        assertThat(r.counted()).isFalse();
        assertThat(r.notBefore()).isEqualTo(NOW.plusSeconds(10));
    }

    @Test
    void unexpectedErrorsCountAsMaybeSent() {
        assertThat(SendEngine.failureOf(new IllegalStateException("boom")).failureClass()).isEqualTo(FailureClass.MAY_HAVE_BEEN_SENT);
    }
}
