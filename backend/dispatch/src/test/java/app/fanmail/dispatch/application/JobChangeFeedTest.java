package app.fanmail.dispatch.application;

import static org.assertj.core.api.Assertions.assertThat;

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

class JobChangeFeedTest {
    private static final long MS = 1_000_000L;
    private final UUID accountA = UUID.randomUUID();
    private final UUID accountB = UUID.randomUUID();
    private final Map<UUID, ProgressReading> stored = new HashMap<>();
    private final AtomicInteger scans = new AtomicInteger();
    private long nanos;
    private final ProgressSource source = new ProgressSource() {
        @Override
        public Optional<ProgressReading> read(UUID jobId) {
            return Optional.ofNullable(stored.get(jobId));
        }

        @Override
        public List<ProgressReading> unfinished(Collection<UUID> accountIds) {
            scans.incrementAndGet();
            return stored.values().stream().filter(r -> !r.state().ended() && r.state() != JobState.PLANNED)
                    .filter(r -> accountIds == null || accountIds.contains(r.accountId())).toList();
        }

        @Override
        public long queued() {
            return 0;
        }
    };
    private final JobChangeFeed feed = new JobChangeFeed(source, Clock.fixed(Instant.parse("2026-12-03T08:00:00Z"), ZoneOffset.UTC), () -> nanos,
            Duration.ofSeconds(1));

    private UUID store(UUID account, JobState state, long queued, long sent) {
        UUID id = UUID.randomUUID();
        put(id, account, state, queued, sent);
        return id;
    }

    private void put(UUID id, UUID account, JobState state, long queued, long sent) {
        Map<RecipientState, Long> c = new EnumMap<>(RecipientState.class);
        c.put(RecipientState.QUEUED, queued);
        c.put(RecipientState.SENT, sent);
        stored.put(id, new ProgressReading(id, account, state, (int) (queued + sent), c, null)); // no job row: the feed passes it on unread
    }

    @Test
    void stateChangesOfTheAccountsJobsAndCoalescedCountsOfRunningOnes() {
        List<JobProgress> a = new ArrayList<>();
        feed.subscribe(accountA, a::add);
        UUID running = store(accountA, JobState.SENDING, 100, 0);
        UUID planned = store(accountA, JobState.PLANNED, 10, 0);
        store(accountB, JobState.SENDING, 5, 0);

        feed.tick(); // first scan: the running job of A only
        assertThat(a).extracting(JobProgress::jobId).containsExactly(running);

        feed.changed(accountA, planned); // PLANNED → QUEUED on some node
        put(planned, accountA, JobState.QUEUED, 10, 0);
        nanos += 100 * MS;
        feed.tick();
        assertThat(a).extracting(JobProgress::jobId).containsExactly(running, planned);
        assertThat(a.get(1).state()).isEqualTo(JobState.QUEUED);

        // counts change many times within a second: one item at the next scan
        for (int i = 1; i <= 9; i++) {
            put(running, accountA, JobState.SENDING, 100 - i * 10, i * 10);
            nanos += 100 * MS;
            feed.tick();
        }
        assertThat(a).hasSize(3);
        assertThat(a.get(2).counts().get(RecipientState.SENT)).isEqualTo(90);
        assertThat(scans.get()).isEqualTo(2);

        // nothing changed: no item
        nanos += 1000 * MS;
        feed.tick();
        assertThat(a).hasSize(3);

        // completion comes by its state change
        put(running, accountA, JobState.COMPLETED, 0, 100);
        feed.changed(accountA, running);
        feed.tick();
        assertThat(a.get(a.size() - 1).state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void otherAccountsChangesAreNotRead() {
        List<JobProgress> a = new ArrayList<>();
        feed.subscribe(accountA, a::add);
        UUID b = store(accountB, JobState.COMPLETED, 0, 5);
        feed.changed(accountB, b);
        feed.tick();
        assertThat(a).isEmpty();
    }

    @Test
    void everyAccountWithNull() {
        List<JobProgress> all = new ArrayList<>();
        feed.subscribe(null, all::add);
        store(accountA, JobState.SENDING, 1, 0);
        store(accountB, JobState.SENDING, 1, 0);
        feed.tick();
        assertThat(all).extracting(JobProgress::accountId).containsExactlyInAnyOrder(accountA, accountB);
    }

    @Test
    void cancelledSubscribersGetNothingAndNoScansRunWithoutSubscribers() {
        List<JobProgress> a = new ArrayList<>();
        Runnable cancel = feed.subscribe(accountA, a::add);
        cancel.run();
        store(accountA, JobState.SENDING, 1, 0);
        feed.tick();
        assertThat(a).isEmpty();
        assertThat(scans.get()).isZero();
        assertThat(feed.accounts()).isZero();
    }
}
