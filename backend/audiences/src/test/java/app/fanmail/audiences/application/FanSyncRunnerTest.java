package app.fanmail.audiences.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import app.fanmail.audiences.domain.FanSyncKind;
import app.fanmail.audiences.domain.FanSyncPhase;
import app.fanmail.audiences.domain.FanSyncStatus;
import app.fanmail.audiences.domain.MemberCursor;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Event;

/** The runner's control flow over a fake WeChat and a store that moves phases as the SQL one does. */
class FanSyncRunnerTest {
    private static final UUID ACCOUNT = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-05-01T08:00:00Z");

    private final Deque<Runnable> tasks = new ArrayDeque<>();
    private final List<String> calls = new ArrayList<>();
    private final List<String> writes = new ArrayList<>();
    private final List<FanSyncRun> published = new ArrayList<>();
    private final Deque<RuntimeException> failures = new java.util.LinkedList<>();
    private FanSyncRun run;
    private boolean lost;
    private boolean holdDetails;
    /** Details calls not answered yet, by their first openid: run one to answer it. */
    private final java.util.Map<String, Runnable> held = new java.util.LinkedHashMap<>();
    private final FanSyncRunner runner = new FanSyncRunner();

    FanSyncRunnerTest() {
        runner.store = new FakeStore();
        runner.source = new FakeSource();
        runner.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        runner.lease = Duration.ofMinutes(1);
        runner.claimInterval = Duration.ofSeconds(15);
        runner.detailsInFlight = 2;
        runner.executor = proxy(ManagedExecutorService.class);
        runner.scheduler = proxy(ManagedScheduledExecutorService.class);
        runner.progress = eventProxy();
    }

    @Test
    void aFullSyncFetchesTagsAndMembersThenEveryFollowerPageOnceAndApplies() {
        start(FanSyncKind.FOLLOWERS);
        drain();

        // members are staged first, so each follower page is written once with its fans' tag ids; one writer writes the
        // next page while the cursor moves past the one before
        assertThat(calls).containsExactly("tags", "members 3 null", "members 5 null", "members 5 m1", "followers null", "followers p1");
        assertThat(writes).containsExactly("tags [5, 3]", "stage 3 [a]", "stage 5 [a, b]", "members 3: -> 5:", "members 5: -> 5:m1",
                "stage 5 [c]", "members 5:m1 -> null", "page [a, b]", "page [c]", "followers 2 at ", "followers 1 at p1", "apply ", "apply x");
        assertThat(run.status()).isEqualTo(FanSyncStatus.SUCCEEDED);
        assertThat(run.done()).isEqualTo(3);
        assertThat(published.get(published.size() - 1).status()).isEqualTo(FanSyncStatus.SUCCEEDED);
    }

    @Test
    void withTwoPageWritersBothPagesAreWrittenAtOnceAndTheCursorMovesPastEachInOrder() {
        runner.pageWriters = 2;
        startIn(FanSyncPhase.FOLLOWERS);
        drain();

        assertThat(calls).containsExactly("followers null", "followers p1");
        // both pages handed to writers, then the cursor moved past the first and from there past the second
        assertThat(writes).containsExactly("page [a, b]", "page [c]", "followers 2 at ", "followers 1 at p1", "apply ", "apply x");
        assertThat(run.status()).isEqualTo(FanSyncStatus.SUCCEEDED);
        assertThat(run.done()).isEqualTo(3);
    }

    @Test
    void withTwoPageWritersMemberPagesAcrossTagsAreStagedTwoAtATime() {
        runner.pageWriters = 2;
        start(FanSyncKind.FOLLOWERS);
        drain();

        assertThat(calls).containsExactly("tags", "members 3 null", "members 5 null", "members 5 m1", "followers null", "followers p1");
        assertThat(writes).containsExactly("tags [5, 3]", "stage 3 [a]", "stage 5 [a, b]", "members 3: -> 5:", "stage 5 [c]",
                "members 5: -> 5:m1", "members 5:m1 -> null", "page [a, b]", "page [c]", "followers 2 at ", "followers 1 at p1", "apply ", "apply x");
        assertThat(run.status()).isEqualTo(FanSyncStatus.SUCCEEDED);
    }

    @Test
    void whenTheSecondPageCannotBeFetchedTheFirstIsWrittenAndPassedAndTheRetryStartsAfterIt() {
        runner.pageWriters = 2;
        failures.add(null); // first page fine
        failures.add(new FanSourceException("WECHAT_TRANSIENT", "-1 system error", true, null));
        startIn(FanSyncPhase.FOLLOWERS);
        drain();

        assertThat(calls).containsExactly("followers null", "followers p1", "followers p1");
        assertThat(writes).containsExactly("page [a, b]", "followers 2 at ", "page [c]", "followers 1 at p1", "apply ", "apply x");
        assertThat(run.status()).isEqualTo(FanSyncStatus.SUCCEEDED);
        assertThat(run.done()).isEqualTo(3);
    }

    @Test
    void transientFailuresAreRetriedAndThePageIsFetchedAgainFromTheSameCursor() {
        failures.add(new FanSourceException("WECHAT_TRANSIENT", "-1 system error", true, null));
        failures.add(null); // first page fine
        failures.add(new FanSourceException("WECHAT_TRANSIENT", "-1 system error", true, null));
        startIn(FanSyncPhase.FOLLOWERS);
        drain();

        assertThat(calls).containsExactly("followers null", "followers null", "followers p1", "followers p1");
        assertThat(run.status()).isEqualTo(FanSyncStatus.SUCCEEDED);
    }

    @Test
    void aRefusalOrTooManyTransientFailuresFailTheRunKeepingItsCursor() {
        failures.add(null);
        failures.add(new FanSourceException("WECHAT_DAILY_QUOTA", "45009 reach max api daily quota limit", false, null));
        startIn(FanSyncPhase.FOLLOWERS);
        drain();
        assertThat(calls).containsExactly("followers null", "followers p1");
        assertThat(run.status()).isEqualTo(FanSyncStatus.FAILED);
        assertThat(run.errorCode()).isEqualTo("WECHAT_DAILY_QUOTA");
        assertThat(run.cursor()).isEqualTo("p1");

        calls.clear();
        IntStream.range(0, FanSyncRunner.MAX_RETRIES + 1).forEach(i -> failures.add(new FanSourceException("WECHAT_TRANSIENT", "busy", true, null)));
        start(FanSyncKind.FOLLOWERS);
        drain();
        assertThat(calls).hasSize(FanSyncRunner.MAX_RETRIES + 1);
        assertThat(run.status()).isEqualTo(FanSyncStatus.FAILED);
        assertThat(run.errorCode()).isEqualTo("WECHAT_TRANSIENT");
    }

    @Test
    void detailsKeepSeveralCallsInFlightAndAreWrittenInTheOrderAsked() {
        start(FanSyncKind.DETAILS);
        drain();

        // 250 pending, 2 calls of 100 in flight: the third goes out as soon as the first answers; fewer than 800 fans
        // answered, so one write at the end
        assertThat(calls).containsExactly("details 100 o000", "details 100 o100", "details 50 o200");
        assertThat(writes).containsExactly("details 250 -> o249 true");
        assertThat(run.status()).isEqualTo(FanSyncStatus.SUCCEEDED);
        assertThat(run.done()).isEqualTo(250);
    }

    @Test
    void detailsAnsweredOutOfOrderAreWrittenInTheOrderAskedAndEachAnswerSendsTheNextCall() {
        ((FakeStore) runner.store).pending = IntStream.range(0, 1000).mapToObj(i -> String.format("o%04d", i)).toList();
        holdDetails = true;
        runner.detailsInFlight = 3;
        start(FanSyncKind.DETAILS);
        drain();
        assertThat(held).containsOnlyKeys("o0000", "o0100", "o0200");

        // the second and third answer first: two more calls go out at once, nothing is written (the first is missing)
        held.remove("o0100").run();
        held.remove("o0200").run();
        drain();
        assertThat(held).containsOnlyKeys("o0000", "o0300", "o0400");
        assertThat(writes).isEmpty();

        held.remove("o0300").run();
        held.remove("o0400").run();
        drain();
        assertThat(held).containsOnlyKeys("o0000", "o0500", "o0600");
        held.remove("o0500").run();
        held.remove("o0600").run();
        held.remove("o0000").run();
        drain();
        // 700 answered in order: fewer than a write's 800
        assertThat(held).containsOnlyKeys("o0700", "o0800", "o0900");
        assertThat(writes).isEmpty();
        held.remove("o0700").run();
        drain();
        assertThat(writes).containsExactly("details 800 -> o0799 false");
        held.remove("o0900").run();
        drain();
        assertThat(writes).hasSize(1);
        held.remove("o0800").run();
        drain();
        assertThat(writes).containsExactly("details 800 -> o0799 false", "details 200 -> o0999 true");
        assertThat(run.status()).isEqualTo(FanSyncStatus.SUCCEEDED);
        assertThat(run.done()).isEqualTo(1000);
    }

    @Test
    void aRunNoLongerOursStopsWithoutAnotherCall() {
        lost = true;
        startIn(FanSyncPhase.FOLLOWERS);
        drain();
        // the next page was already asked for while the first one was written; nothing more after that
        assertThat(calls).containsExactly("followers null", "followers p1");
        assertThat(writes).isEmpty();
    }

    /** A full sync that has reached this phase (its members staged, for FOLLOWERS). */
    private void startIn(FanSyncPhase phase) {
        run = new FanSyncRun(1, ACCOUNT, FanSyncKind.FOLLOWERS, FanSyncStatus.RUNNING, phase, null, 0, null, null, null, null, NOW, null);
        runner.started(new FanSyncProgressed(run, "node-test:1"));
    }

    private void start(FanSyncKind kind) {
        run = new FanSyncRun(1, ACCOUNT, kind, FanSyncStatus.RUNNING, kind.firstPhase(), run != null && run.status() == FanSyncStatus.FAILED
                ? run.cursor() : null, 0, null, null, null, null, NOW, null);
        if (run.cursor() != null) {
            run = with(FanSyncPhase.FOLLOWERS, null, 0, FanSyncStatus.RUNNING);
        }
        runner.started(new FanSyncProgressed(run, "node-test:1"));
    }

    private void drain() {
        for (int i = 0; i < 1000 && !tasks.isEmpty(); i++) {
            tasks.poll().run();
        }
        assertThat(tasks).isEmpty();
    }

    private FanSyncRun with(FanSyncPhase phase, String cursor, long done, FanSyncStatus status) {
        return new FanSyncRun(run.id(), run.accountId(), run.kind(), status, phase, cursor, run.done() + done, run.total(), null, null, null,
                run.startedAt(), null);
    }

    private Optional<FanSyncRun> moved(FanSyncPhase phase, String cursor, long done, FanSyncStatus status) {
        if (lost) {
            return Optional.empty();
        }
        run = with(phase, cursor, done, status);
        return Optional.of(run);
    }

    /** WeChat's answer as a stage: failed when a failure is queued (the fake answers at once; the runner must not care). */
    private <T> CompletionStage<T> answer(java.util.function.Supplier<T> value) {
        RuntimeException e = failures.poll();
        return e != null ? CompletableFuture.failedFuture(e) : CompletableFuture.completedFuture(value.get());
    }

    private final class FakeSource implements FanSource {
        @Override
        public CompletionStage<Page> followers(UUID accountId, String next) {
            calls.add("followers " + next);
            return answer(() -> next == null ? new Page(3, List.of("a", "b"), "p1") : new Page(3, List.of("c"), null));
        }

        @Override
        public CompletionStage<List<Tag>> tags(UUID accountId) {
            calls.add("tags");
            return answer(() -> List.of(new Tag(5, "VIP", 3), new Tag(3, "广东", 1)));
        }

        @Override
        public CompletionStage<Page> tagMembers(UUID accountId, int tagId, String next) {
            calls.add("members " + tagId + " " + next);
            return answer(() -> tagId == 3 ? new Page(1, List.of("a"), null)
                    : next == null ? new Page(3, List.of("a", "b"), "m1") : new Page(3, List.of("c"), null));
        }

        @Override
        public CompletionStage<List<Details>> details(UUID accountId, List<String> openids) {
            calls.add("details " + openids.size() + " " + openids.get(0));
            List<Details> answer = openids.stream().map(o -> new Details(o, true, NOW, null, "", "zh_CN", List.of(), "ADD_SCENE_SEARCH", null))
                    .toList();
            if (!holdDetails) {
                return CompletableFuture.completedFuture(answer);
            }
            CompletableFuture<List<Details>> call = new CompletableFuture<>();
            held.put(openids.get(0), () -> call.complete(answer));
            return call;
        }
    }

    private final class FakeStore implements FanSyncStore {
        private List<String> pending = IntStream.range(0, 250).mapToObj(i -> String.format("o%03d", i)).toList();

        @Override
        public boolean insertFollowers(long id, Lease lease, FanSource.Page page) {
            if (lost) {
                return false;
            }
            writes.add("page " + page.openids());
            return true;
        }

        @Override
        public Optional<FanSyncRun> advanceFollowers(long id, Lease lease, String fromCursor, String next, long written, long total) {
            if (lost) {
                return Optional.empty();
            }
            writes.add("followers " + written + " at " + fromCursor);
            return next == null ? moved(FanSyncPhase.APPLY, "", written, FanSyncStatus.RUNNING)
                    : moved(FanSyncPhase.FOLLOWERS, next, written, FanSyncStatus.RUNNING);
        }

        @Override
        public Optional<FanSyncRun> writeTags(long id, Lease lease, List<FanSource.Tag> tags) {
            writes.add("tags " + tags.stream().map(FanSource.Tag::id).toList());
            return moved(FanSyncPhase.MEMBERS, MemberCursor.firstAfter(tagIds(ACCOUNT), null).stored(), 0, FanSyncStatus.RUNNING);
        }

        @Override
        public boolean insertMembers(long id, Lease lease, int tagId, List<String> openids) {
            if (lost) {
                return false;
            }
            writes.add("stage " + tagId + " " + openids);
            return true;
        }

        @Override
        public Optional<FanSyncRun> advanceMembers(long id, Lease lease, String fromCursor, String nextCursor) {
            writes.add("members " + fromCursor + " -> " + nextCursor);
            return nextCursor == null ? moved(FanSyncPhase.FOLLOWERS, null, 0, FanSyncStatus.RUNNING)
                    : moved(FanSyncPhase.MEMBERS, nextCursor, 0, FanSyncStatus.RUNNING);
        }

        @Override
        public Optional<FanSyncRun> applyChunk(long id, Lease lease, int chunk) {
            writes.add("apply " + run.cursor());
            return run.cursor().isEmpty() ? moved(FanSyncPhase.APPLY, "x", 0, FanSyncStatus.RUNNING)
                    : moved(FanSyncPhase.APPLY, null, 0, FanSyncStatus.SUCCEEDED);
        }

        @Override
        public List<Integer> tagIds(UUID accountId) {
            return List.of(3, 5);
        }

        @Override
        public List<String> pendingDetails(UUID accountId, String afterOpenid, int limit) {
            return pending.stream().filter(o -> afterOpenid == null || o.compareTo(afterOpenid) > 0).limit(limit).toList();
        }

        @Override
        public Optional<FanSyncRun> writeDetails(long id, Lease lease, List<FanSource.Details> details, String lastOpenid, boolean finished) {
            if (!details.isEmpty() || finished) {
                writes.add("details " + details.size() + " -> " + lastOpenid + " " + finished);
            }
            return moved(FanSyncPhase.DETAILS, lastOpenid, details.size(), finished ? FanSyncStatus.SUCCEEDED : FanSyncStatus.RUNNING);
        }

        @Override
        public Optional<FanSyncRun> fail(long id, String owner, String code, String message, Instant now) {
            run = new FanSyncRun(run.id(), run.accountId(), run.kind(), FanSyncStatus.FAILED, run.phase(), run.cursor(), run.done(), run.total(),
                    code, message, null, run.startedAt(), now);
            return Optional.of(run);
        }

        @Override
        public long countPendingDetails(UUID accountId) {
            return pending.size();
        }

        @Override
        public Optional<FanSyncRun> find(long id) {
            return Optional.ofNullable(run);
        }

        @Override
        public List<FanSyncRun> latest(UUID accountId) {
            return List.of(run);
        }

        @Override
        public Optional<FanSyncRun> latest(UUID accountId, FanSyncKind kind) {
            return Optional.ofNullable(run);
        }

        @Override
        public Optional<FanSyncRun> create(UUID accountId, FanSyncKind kind, UUID startedBy, Long total, Lease lease) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<FanSyncRun> resume(long id, UUID startedBy, Lease lease) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<FanSyncRun> cancel(long id, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<FanSyncRun> claimExpired(Lease lease, int limit) {
            return List.of();
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T proxy(Class<T> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            switch (method.getName()) {
                case "execute", "schedule" -> {
                    tasks.add((Runnable) args[0]);
                    return null;
                }
                case "hashCode" -> {
                    return System.identityHashCode(p);
                }
                case "equals" -> {
                    return p == args[0];
                }
                default -> throw new UnsupportedOperationException(method.getName());
            }
        });
    }

    @SuppressWarnings("unchecked")
    private Event<FanSyncProgressed> eventProxy() {
        return (Event<FanSyncProgressed>) Proxy.newProxyInstance(Event.class.getClassLoader(), new Class<?>[] {Event.class}, (p, method, args) -> {
            if (method.getName().equals("fire")) {
                published.add(((FanSyncProgressed) args[0]).run());
                return null;
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }
}
