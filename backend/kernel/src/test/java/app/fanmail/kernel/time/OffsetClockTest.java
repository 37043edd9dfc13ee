package app.fanmail.kernel.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class OffsetClockTest {
    private static final Clock BASE = Clock.fixed(Instant.parse("2026-01-31T15:00:00Z"), ZoneOffset.UTC);

    @Test
    void aControllableClockMovesPastMidnightInChinaAndBack() {
        OffsetClock clock = new OffsetClock(BASE, true);
        ZoneId china = ZoneId.of("Asia/Shanghai");
        assertThat(LocalDate.now(clock.withZone(china))).isEqualTo(LocalDate.parse("2026-01-31"));
        clock.set(Instant.parse("2026-01-31T16:00:01Z"));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-31T16:00:01Z"));
        assertThat(LocalDate.now(clock.withZone(china))).isEqualTo(LocalDate.parse("2026-02-01"));
        assertThat(clock.offset()).isEqualTo(Duration.ofSeconds(3601));
        assertThat(clock.millis()).isEqualTo(clock.instant().toEpochMilli());
        clock.setOffset(Duration.ZERO);
        assertThat(clock.instant()).isEqualTo(BASE.instant());
    }

    @Test
    void aProductionClockRefusesToMove() {
        OffsetClock clock = new OffsetClock(BASE, false);
        assertThatThrownBy(() -> clock.set(Instant.parse("2030-01-01T00:00:00Z"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fanmail.test.clock-control");
        assertThat(clock.instant()).isEqualTo(BASE.instant());
    }
}
