package app.fanmail.dispatch.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import app.fanmail.dispatch.api.JobState;
import app.fanmail.dispatch.api.RecipientState;

/** Coalescing and timing of progress watches on a controllable clock (ticks are called by hand). */
class ProgressWatchesTest {
    private static final long MS = 1_000_000L;
    private final UUID job = UUID.randomUUID();
    private final UUID account = UUID.randomUUID();
    private long nanos = 1_000 * MS;
    private final Map<UUID, ProgressReading> stored = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final ProgressSource source = new ProgressSource() {
        @Override
        public Optional<ProgressReading> read(UUID jobId) {
            reads.incrementAndGet();
            return Optional.ofNullable(stored.get(jobId));
        }

        @Override
        public List<ProgressReading> unfinished(Collection<UUID> accountIds) {
            return List.of();
        }

        @Override
        public long queued() {
            return 0;
        }
    };
    private final ProgressWatches watches = new ProgressWatches(source, Clock.fixed(Instant.parse("2026-12-03T08:00:00Z"), ZoneOffset.UTC),
            () -> nanos, Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5));

    private static final class Recorder implements ProgressWatches.Listener {
        final List<JobProgress> items = new ArrayList<>();
        boolean ended;

        @Override
        public void item(JobProgress progress) {
            items.add(progress);
        }

        @Override
        public void ended() {
            ended = true;
        }

        JobProgress last() {
            return items.get(items.size() - 1);
        }
    }

    private void store(JobState state, long queued, long sending, long sent) {
        Map<RecipientState, Long> c = new EnumMap<>(RecipientState.class);
        c.put(RecipientState.QUEUED, queued);
        c.put(RecipientState.SENDING, sending);
        c.put(RecipientState.SENT, sent);
        stored.put(job, new ProgressReading(job, account, state, (int) (queued + sending + sent), c, null)); // no job row: the watches do not read it
    }

    private void advance(long millis) {
        nanos += millis * MS;
    }

    @Test
    void manySubscribersShareOneWatchAndOneReadPerTick() {
        store(JobState.SENDING, 900, 100, 0);
        List<Recorder> subscribers = new ArrayList<>();
        List<ProgressWatches.Handle> handles = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Recorder r = new Recorder();
            subscribers.add(r);
            handles.add(watches.subscribe(job, r));
        }
        assertThat(handles.get(0).started()).isTrue();
        assertThat(handles.get(1).started()).isFalse();
        assertThat(watches.watched()).isEqualTo(1);
        assertThat(watches.subscribers(job)).isEqualTo(500);

        watches.tick();
        assertThat(reads.get()).isEqualTo(1);
        assertThat(subscribers).allSatisfy(r -> assertThat(r.items).hasSize(1));

        // within the running interval nothing is read again, however often it ticks
        advance(100);
        watches.tick();
        watches.tick();
        assertThat(reads.get()).isEqualTo(1);
        advance(150);
        watches.tick();
        assertThat(reads.get()).isEqualTo(2);
    }

    @Test
    void atMostFourReadsASecondWhileSendingAndAnItemWhenCountsChange() {
        Recorder r = new Recorder();
        watches.subscribe(job, r);
        for (int i = 0; i < 40; i++) { // 1 s of 25 ms ticks, counts changing all the time
            store(JobState.SENDING, 1000 - i, 0, i);
            watches.tick();
            advance(25);
        }
        assertThat(reads.get()).isBetween(4, 5);
        assertThat(r.items).hasSize(reads.get());
    }

    @Test
    void heartbeatOncePerSecondWhenNothingChanges() {
        store(JobState.SENDING, 1000, 0, 0);
        Recorder r = new Recorder();
        watches.subscribe(job, r);
        watches.tick();
        assertThat(r.items).hasSize(1);
        for (int i = 0; i < 3; i++) { // 750 ms: read three more times, unchanged, no item
            advance(250);
            watches.tick();
        }
        assertThat(r.items).hasSize(1);
        advance(250);
        watches.tick(); // 1 s since the last item
        assertThat(r.items).hasSize(2);
        assertThat(r.last().counts()).isEqualTo(r.items.get(0).counts());
    }

    @Test
    void aLateSubscriberGetsTheLastProgressAtOnce() {
        store(JobState.SENDING, 10, 0, 5);
        Recorder first = new Recorder();
        watches.subscribe(job, first);
        watches.tick();
        Recorder late = new Recorder();
        ProgressWatches.Handle h = watches.subscribe(job, late);
        assertThat(h.started()).isFalse();
        assertThat(late.items).hasSize(1);
        assertThat(late.items.get(0)).isEqualTo(first.items.get(0));
    }

    @Test
    void rateAndEtaFromDoneOverTheWindow() {
        Recorder r = new Recorder();
        watches.subscribe(job, r);
        store(JobState.SENDING, 10_000, 0, 0);
        watches.tick();
        assertThat(r.last().ratePerSecond()).isZero();
        assertThat(r.last().etaSeconds()).isNull(); // not measured yet
        for (int i = 1; i <= 8; i++) {
            advance(250);
            store(JobState.SENDING, 10_000 - 250L * i, 0, 250L * i); // 1000 a second
            watches.tick();
        }
        assertThat(r.last().ratePerSecond()).isCloseTo(1000, within(1e-6));
        assertThat(r.last().done()).isEqualTo(2000);
        assertThat(r.last().etaSeconds()).isEqualTo(8);
    }

    @Test
    void pausedHasNoEtaAndIsReadOnceASecond() {
        store(JobState.PAUSED, 500, 0, 500);
        Recorder r = new Recorder();
        watches.subscribe(job, r);
        watches.tick();
        assertThat(r.last().state()).isEqualTo(JobState.PAUSED);
        assertThat(r.last().etaSeconds()).isNull();
        for (int i = 0; i < 3; i++) {
            advance(250);
            watches.tick();
        }
        assertThat(reads.get()).isEqualTo(1);
        advance(250);
        watches.tick();
        assertThat(reads.get()).isEqualTo(2);
    }

    @Test
    void aPokeReadsAtTheNextTickWhateverTheInterval() {
        store(JobState.PAUSED, 500, 0, 500);
        Recorder r = new Recorder();
        watches.subscribe(job, r);
        watches.tick();
        store(JobState.SENDING, 500, 0, 500);
        advance(10);
        watches.poke(job);
        watches.tick();
        assertThat(reads.get()).isEqualTo(2);
        assertThat(r.last().state()).isEqualTo(JobState.SENDING);
    }

    @Test
    void theEndSendsTheFinalProgressThenEndsAndDropsTheWatch() {
        store(JobState.SENDING, 1, 0, 9);
        Recorder r = new Recorder();
        watches.subscribe(job, r);
        watches.tick();
        advance(250);
        store(JobState.COMPLETED, 0, 0, 10);
        watches.tick();
        assertThat(r.last().state()).isEqualTo(JobState.COMPLETED);
        assertThat(r.last().ratePerSecond()).isZero();
        assertThat(r.last().etaSeconds()).isNull();
        assertThat(r.ended).isTrue();
        assertThat(watches.watched()).isZero();

        // subscribing to an ended job: its final progress, then the end
        Recorder late = new Recorder();
        watches.subscribe(job, late);
        watches.tick();
        assertThat(late.items).extracting(JobProgress::state).containsExactly(JobState.COMPLETED);
        assertThat(late.ended).isTrue();
    }

    @Test
    void aMissingJobEndsWithoutItems() {
        Recorder r = new Recorder();
        watches.subscribe(job, r);
        watches.tick();
        assertThat(r.items).isEmpty();
        assertThat(r.ended).isTrue();
        assertThat(watches.watched()).isZero();
    }

    @Test
    void theLastCancelReleasesTheWatch() {
        store(JobState.SENDING, 10, 0, 0);
        ProgressWatches.Handle a = watches.subscribe(job, new Recorder());
        ProgressWatches.Handle b = watches.subscribe(job, new Recorder());
        watches.tick();
        a.cancel();
        assertThat(watches.watched()).isEqualTo(1);
        b.cancel();
        assertThat(watches.watched()).isZero();
        advance(1000);
        watches.tick();
        assertThat(reads.get()).isEqualTo(1);
        // a new subscriber starts a new watch
        assertThat(watches.subscribe(job, new Recorder()).started()).isTrue();
    }
}
