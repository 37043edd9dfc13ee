package app.fanmail.history.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.fanmail.dispatch.api.DispatchReads.Purged;

class RetentionTest {
    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

    private static final class Purging extends FakeReads {
        final ArrayDeque<Purged> batches;

        Purging(Purged... batches) {
            this.batches = new ArrayDeque<>(List.of(batches));
        }

        @Override
        public Purged purgeEndedBefore(Instant cutoff, UUID accountId, int maxJobs, long maxRecipients) {
            calls.add(cutoff + " " + (accountId == null ? "all" : accountId) + " " + maxJobs + " " + maxRecipients);
            return batches.isEmpty() ? new Purged(0, 0) : batches.poll();
        }
    }

    @Test
    void jobsThatEndedBeforeTheRetentionPeriodArePurgedBatchAfterBatch() {
        Purging reads = new Purging(new Purged(100, 150_000), new Purged(3, 12));
        Purged all = new Retention(reads, Clock.fixed(NOW, ZoneOffset.UTC), 400).purge();
        assertThat(all).isEqualTo(new Purged(103, 150_012));
        String cutoff = "2025-10-29T08:00:00Z"; // 400 days before NOW
        assertThat(reads.calls).as("every account's jobs").containsExactly(cutoff + " all 100 200000", cutoff + " all 100 200000",
                cutoff + " all 100 200000");
    }

    @Test
    void aPurgeForOneAccountAtAGivenTimeAsksForThatAccountsJobsOnlyWithThatTimesCutoff() {
        Purging reads = new Purging(new Purged(2, 10));
        UUID account = UUID.randomUUID();
        Purged purged = new Retention(reads, Clock.fixed(NOW, ZoneOffset.UTC), 400).purge(account, NOW.plus(Duration.ofDays(401)));
        assertThat(purged).isEqualTo(new Purged(2, 10));
        String cutoff = "2026-12-04T08:00:00Z"; // 400 days before NOW + 401 days, not before the clock's time
        assertThat(reads.calls).containsExactly(cutoff + " " + account + " 100 200000", cutoff + " " + account + " 100 200000");
    }

    @Test
    void theCutoffFollowsTheClock() {
        Retention r = new Retention(new Purging(), Clock.fixed(NOW.plusSeconds(86_400), ZoneOffset.UTC), 30);
        assertThat(r.cutoff()).isEqualTo(Instant.parse("2026-11-04T08:00:00Z"));
    }

    @Test
    void zeroDaysKeepsEverything() {
        Purging reads = new Purging(new Purged(1, 1));
        assertThat(new Retention(reads, Clock.fixed(NOW, ZoneOffset.UTC), 0).purge()).isEqualTo(new Purged(0, 0));
        assertThat(reads.calls).isEmpty();
    }
}
