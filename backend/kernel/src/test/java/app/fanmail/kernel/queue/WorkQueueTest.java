package app.fanmail.kernel.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class WorkQueueTest {
    private static final QueueTable INBOX = new QueueTable("wechat.callback_inbox", "id", "processed_at", "attempts", "lease_until",
            "not_before", "dead_lettered_at", "last_error", "received_at", Duration.ofSeconds(10));

    @Test
    void claimsReadyRowsOldestFirstSkippingLockedOnesWithALease() {
        String sql = new WorkQueue(INBOX, new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 5), Duration.ofMinutes(1)).claimSql(200);
        assertThat(sql).startsWith("update wechat.callback_inbox set lease_until = cast(?2 as timestamptz) where id in (select id")
                .contains("processed_at is null and dead_lettered_at is null")
                .contains("(lease_until is null or lease_until <= cast(?1 as timestamptz))")
                .contains("(not_before is null or not_before <= cast(?1 as timestamptz))")
                .contains("received_at <= cast(?1 as timestamptz) - make_interval(secs => 10.000)")
                .contains("order by id limit 200 for update skip locked) returning id");
    }

    @Test
    void withoutAGraceColumnEveryReadyRowCounts() {
        QueueTable jobs = new QueueTable("dispatch.job", "id", "done_at", "attempts", "lease_until", "not_before", "dead_at", "error", null, null);
        assertThat(new WorkQueue(jobs, new Backoff(Duration.ZERO, Duration.ZERO, 1), Duration.ofSeconds(30)).readyCondition())
                .doesNotContain("make_interval");
    }

    @Test
    void aCursorClaimReadsOnFromTheCursorInOrderAndASweepReadsBelowItUnordered() {
        QueueTable recipients = new QueueTable("dispatch.recipient", "id", "done_at", "attempts", "lease_until", "not_before", "dead_lettered_at",
                "last_error", null, null);
        WorkQueue queue = new WorkQueue(recipients, new Backoff(Duration.ZERO, Duration.ZERO, 1), Duration.ofMinutes(2));
        assertThat(queue.readySelect("id, seq", "job_id", 200, WorkQueue.Cursor.FROM_CURSOR))
                .startsWith("select id, seq from dispatch.recipient where job_id = ?3 and ")
                .contains(queue.readyCondition())
                .endsWith(" and id > ?4 order by id limit 200 for update skip locked");
        assertThat(queue.readySelect("id", "job_id", 50, WorkQueue.Cursor.BEFORE_CURSOR))
                .endsWith(" and id < ?4 limit 50 for update skip locked")
                .doesNotContain("order by");
        assertThatThrownBy(() -> queue.readySelect("id", "job_id or true", 50, WorkQueue.Cursor.FROM_CURSOR)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.readySelect("id", "job_id", 0, WorkQueue.Cursor.FROM_CURSOR)).isInstanceOf(IllegalArgumentException.class);
        assertThat(queue.leaseEnd(java.time.Instant.parse("2026-12-03T00:00:00Z"))).isEqualTo(java.time.Instant.parse("2026-12-03T00:02:00Z"));
    }

    @Test
    void onlyPlainIdentifiersReachTheSql() {
        assertThatThrownBy(() -> new QueueTable("t; drop table x", "id", "d", "a", "l", "n", "dl", "e", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkQueue(INBOX, new Backoff(Duration.ZERO, Duration.ZERO, 1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
