package app.fanmail.audiences.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongFunction;

import app.fanmail.audiences.domain.FanSyncKind;
import app.fanmail.audiences.domain.FanSyncPhase;
import app.fanmail.audiences.domain.FanSyncStatus;
import app.fanmail.kernel.cluster.ClusterChange;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Event;
import org.junit.jupiter.api.Test;

class FanSyncProgressRelayTest {
    private final FanSyncProgressRelay relay = new FanSyncProgressRelay();
    private final Deque<Runnable> tasks = new ArrayDeque<>();
    private final List<Long> announced = new ArrayList<>();
    private final List<FanSyncRun> relayed = new ArrayList<>();
    private LongFunction<Optional<FanSyncRun>> stored = id -> Optional.empty();
    private int reads;

    FanSyncProgressRelayTest() {
        relay.executor = proxy(ManagedExecutorService.class, (method, args) -> {
            if (method.equals("execute")) {
                tasks.add((Runnable) args[0]);
                return null;
            }
            throw new UnsupportedOperationException(method);
        });
        relay.announcements = announced::add;
        relay.store = proxy(FanSyncStore.class, (method, args) -> {
            if (method.equals("find")) {
                reads++;
                return stored.apply((Long) args[0]);
            }
            throw new UnsupportedOperationException(method);
        });
        relay.relayed = proxy(Event.class, (method, args) -> {
            if (method.equals("fire")) {
                relayed.add(((FanSyncRelayed) args[0]).run());
                return null;
            }
            throw new UnsupportedOperationException(method);
        });
    }

    private static FanSyncRun run(long id, long done, FanSyncStatus status) {
        return new FanSyncRun(id, UUID.randomUUID(), FanSyncKind.FOLLOWERS, status, FanSyncPhase.FOLLOWERS, null, done, 30_000L, null, null,
                null, Instant.parse("2026-06-01T00:00:00Z"), null);
    }

    private void runTasks() {
        while (!tasks.isEmpty()) {
            tasks.poll().run();
        }
    }

    @Test
    void eachProgressOfThisNodeIsAnnouncedAndAFailedAnnouncementNeverStopsTheRun() {
        relay.progressed(new FanSyncProgressed(run(7, 0, FanSyncStatus.RUNNING), "node-a:1"));
        relay.progressed(new FanSyncProgressed(run(7, 10_000, FanSyncStatus.RUNNING), null));
        assertThat(announced).containsExactly(7L, 7L);
        assertThat(relayed).as("subscribers hear it from the cluster channel only").isEmpty();

        relay.announcements = id -> {
            throw new IllegalStateException("database gone");
        };
        assertThatCode(() -> relay.progressed(new FanSyncProgressed(run(7, 20_000, FanSyncStatus.RUNNING), null))).doesNotThrowAnyException();
    }

    @Test
    void announcementsBecomeTheRunsStoredStateReadOnTheExecutorOneReaderPerRunCoalescedWhileItWaits() {
        stored = id -> Optional.of(run(id, 10_000, FanSyncStatus.RUNNING));
        relay.changed(new ClusterChange("fan-sync", "7"));
        relay.changed(new ClusterChange("fan-sync", "7"));
        relay.changed(new ClusterChange("tag-job", "7"));
        relay.changed(new ClusterChange("fan-sync", "not-a-run"));
        assertThat(tasks).as("one reader for run 7, nothing for other topics or keys").hasSize(1);
        assertThat(relayed).as("the listener's thread only hands over").isEmpty();

        runTasks();
        assertThat(reads).isEqualTo(1);
        assertThat(relayed).extracting(FanSyncRun::id, FanSyncRun::done).containsExactly(org.assertj.core.groups.Tuple.tuple(7L, 10_000L));
    }

    @Test
    void anAnnouncementWhileTheRunIsReadIsReadAgainAfterwardsInOrder() {
        long[] done = {10_000};
        stored = id -> {
            Optional<FanSyncRun> now = Optional.of(run(id, done[0], done[0] == 30_000 ? FanSyncStatus.SUCCEEDED : FanSyncStatus.RUNNING));
            if (done[0] == 10_000) { // the run moves on elsewhere while this node reads it
                done[0] = 30_000;
                relay.changed(new ClusterChange("fan-sync", Long.toString(id)));
            }
            return now;
        };
        relay.changed(new ClusterChange("fan-sync", "9"));
        runTasks();
        assertThat(relayed).extracting(FanSyncRun::done).containsExactly(10_000L, 30_000L);
        assertThat(relayed.get(1).status()).isEqualTo(FanSyncStatus.SUCCEEDED);
        assertThat(tasks).isEmpty();

        stored = id -> Optional.empty(); // deleted with its account meanwhile
        relay.changed(new ClusterChange("fan-sync", "9"));
        runTasks();
        assertThat(relayed).hasSize(2);
    }

    private interface Handler {
        Object handle(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<?> type, Handler handler) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> switch (method.getName()) {
            case "hashCode" -> System.identityHashCode(p);
            case "equals" -> p == args[0];
            default -> handler.handle(method.getName(), args);
        });
    }
}
