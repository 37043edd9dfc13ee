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
    private final ActiveJob job = new ActiveJob(UUID.randomUUID(), UUID.randomUUID(), 10, new TemplateContent("t", Map.of(), null, null, null), UUID.randomUUID());

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
            public List<Claimed> claim(UUID jobId, int limit, Instant now, long cursor, boolean below) {
                claims.add((below ? "below " : "from ") + cursor + " x" + limit);
                List<Claimed> out = new ArrayList<>();
                for (java.util.Iterator<Long> it = ready.iterator(); it.hasNext() && out.size() < limit; ) {
                    long id = it.next();
                    if (below ? id < cursor : id > cursor) {
                        it.remove();
                        out.add(new Claimed(id, id, "o" + id, now, true, 0));
                    }
                }
                return out;
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

    /** What the fake queue holds ready (ids in order) and the claims asked of it. */
    private final java.util.TreeSet<Long> ready = new java.util.TreeSet<>();
    private final List<String> claims = new ArrayList<>();

    private List<Long> ids(List<RecipientRepository.Claimed> claimed) {
        return claimed.stream().map(RecipientRepository.Claimed::id).toList();
    }

    @Test
    void claimsReadOnFromTheCursorAndLookBelowItEverySweepIntervalAndAtTheEnd() {
        engine.sweepInterval = Duration.ofSeconds(5);
        UUID jobId = UUID.randomUUID();
        for (long id = 1; id <= 10; id++) {
            ready.add(id);
        }
        long t = 1_000_000_000L;
        assertThat(ids(engine.claim(jobId, 4, NOW, t))).containsExactly(1L, 2L, 3L, 4L);
        ready.add(2L); // recipient 2 failed and is ready again (its retry came due)
        assertThat(ids(engine.claim(jobId, 4, NOW, t + 1_000_000_000L))).as("on from the cursor, not back to 2").containsExactly(5L, 6L, 7L, 8L);
        assertThat(ids(engine.claim(jobId, 4, NOW, t + 5_000_000_000L))).as("the sweep interval passed: below the cursor first")
                .containsExactly(2L, 9L, 10L);
        assertThat(claims).as("no look below right after one").containsExactly("from 0 x4", "from 4 x4", "below 9 x4", "from 8 x3");
        claims.clear();
        ready.add(3L);
        assertThat(ids(engine.claim(jobId, 4, NOW, t + 5_050_000_000L))).as("at the end, below the cursor at most every 100 ms").isEmpty();
        assertThat(ids(engine.claim(jobId, 4, NOW, t + 5_200_000_000L))).containsExactly(3L);
        assertThat(claims).containsExactly("from 10 x4", "from 10 x4", "below 11 x4");
    }

    @Test
    void valuesAreRenderedFromTheSnapshotWhenClaimedAndAMemberItNoLongerHoldsFailsUnsent() {
        UUID snapshot = UUID.randomUUID();
        ActiveJob remarks = new ActiveJob(UUID.randomUUID(), UUID.randomUUID(), 10, new TemplateContent("t", new java.util.LinkedHashMap<>(Map.of(
                "thing1", app.fanmail.dispatch.api.FieldValue.fixed("您好"), "keyword2", app.fanmail.dispatch.api.FieldValue.of(
                        app.fanmail.dispatch.api.FieldValue.Source.FAN_REMARK))), null, null, null), snapshot);
        List<long[]> asked = new ArrayList<>();
        engine.audiences = (app.fanmail.audiences.api.Audiences) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {app.fanmail.audiences.api.Audiences.class}, (proxy, method, args) -> {
                    assertThat(method.getName()).isEqualTo("recipients");
                    assertThat(args[0]).isEqualTo(snapshot);
                    asked.add((long[]) args[1]);
                    return List.of(new app.fanmail.audiences.api.Recipient(1, "o1", "老王", List.of(), Map.of()));
                });
        List<TemplateSender.Outgoing> sent = new ArrayList<>();
        engine.sender = (message, firstUsedAt) -> {
            sent.add(message);
            return java.util.concurrent.CompletableFuture.completedFuture("100");
        };
        engine.sendAll(remarks, List.of(new RecipientRepository.Claimed(11, 1, "o1", NOW, true, 0),
                new RecipientRepository.Claimed(12, 2, "o2", NOW, true, 0)));
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0)).containsExactly(1L, 2L);
        assertThat(sent).singleElement().satisfies(m -> {
            assertThat(m.openid()).isEqualTo("o1");
            assertThat(m.data()).containsEntry("thing1", "您好").containsEntry("keyword2", "老王");
        });
        engine.flush();
        assertThat(written).extracting(RecipientRepository.Result::id, RecipientRepository.Result::state)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(11L, RecipientState.SENT), org.assertj.core.groups.Tuple.tuple(12L, RecipientState.FAILED));
        assertThat(written).filteredOn(r -> r.id() == 12).singleElement().satisfies(r -> {
            assertThat(r.done()).isTrue();
            assertThat(r.clearFirstAttempt()).as("it never reached WeChat").isTrue();
        });
    }

    @Test
    void aJobWhoseFieldsNeedNoFanValueReadsNoSnapshot() {
        engine.audiences = (app.fanmail.audiences.api.Audiences) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {app.fanmail.audiences.api.Audiences.class}, (proxy, method, args) -> {
                    throw new AssertionError("no read");
                });
        List<TemplateSender.Outgoing> sent = new ArrayList<>();
        engine.sender = (message, firstUsedAt) -> {
            sent.add(message);
            return java.util.concurrent.CompletableFuture.completedFuture("100");
        };
        ActiveJob openids = new ActiveJob(UUID.randomUUID(), UUID.randomUUID(), 10, new TemplateContent("t", Map.of("keyword1",
                app.fanmail.dispatch.api.FieldValue.of(app.fanmail.dispatch.api.FieldValue.Source.OPENID)), null, null, null), UUID.randomUUID());
        engine.sendAll(openids, List.of(new RecipientRepository.Claimed(11, 1, "o1", NOW, true, 0)));
        assertThat(sent).singleElement().satisfies(m -> assertThat(m.data()).containsEntry("keyword1", "o1"));
    }

    private RecipientRepository.Result outcome(boolean firstUse, int attempts, String msgid, FailureClass failure) {
        RecipientRepository.Claimed c = new RecipientRepository.Claimed(7, 3, "oA", NOW.minusSeconds(30), firstUse, attempts);
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
