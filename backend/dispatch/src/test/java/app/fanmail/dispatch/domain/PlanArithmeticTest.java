package app.fanmail.dispatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class PlanArithmeticTest {
    private static final Instant EVENING_IN_SHANGHAI = Instant.parse("2026-12-03T15:59:59Z"); // 23:59:59 in Shanghai

    @Test
    void theLargerCountIsUsedAndNothingRemainsBelowZero() {
        assertThat(PlanArithmetic.quota(100, 30, 45, EVENING_IN_SHANGHAI).remaining()).isEqualTo(55);
        assertThat(PlanArithmetic.quota(100, 60, 45, EVENING_IN_SHANGHAI).remaining()).isEqualTo(40);
        assertThat(PlanArithmetic.quota(100, 130, 0, EVENING_IN_SHANGHAI).remaining()).isZero();
    }

    @Test
    void theQuotaResetsAtTheNextMidnightInShanghai() {
        assertThat(PlanArithmetic.quota(1, 0, 0, EVENING_IN_SHANGHAI).resetsAt()).isEqualTo(Instant.parse("2026-12-03T16:00:00Z"));
        // at midnight itself the day has just begun: the next reset is a day later
        assertThat(PlanArithmetic.quota(1, 0, 0, Instant.parse("2026-12-03T16:00:00Z")).resetsAt()).isEqualTo(Instant.parse("2026-12-04T16:00:00Z"));
        assertThat(PlanArithmetic.dayStart(Instant.parse("2026-12-03T15:59:59Z"))).isEqualTo(Instant.parse("2026-12-02T16:00:00Z"));
        assertThat(PlanArithmetic.dayStart(Instant.parse("2026-12-03T16:00:00Z"))).isEqualTo(Instant.parse("2026-12-03T16:00:00Z"));
    }

    @Test
    void recipientsBeyondTheRemainingQuotaContinueAfterTheReset() {
        assertThat(PlanArithmetic.split(250, 100)).isEqualTo(new PlanArithmetic.Split(100, 150));
        assertThat(PlanArithmetic.split(80, 100)).isEqualTo(new PlanArithmetic.Split(80, 0));
        assertThat(PlanArithmetic.split(80, 0)).isEqualTo(new PlanArithmetic.Split(0, 80));
        assertThat(PlanArithmetic.split(0, 100)).isEqualTo(new PlanArithmetic.Split(0, 0));
    }
}
