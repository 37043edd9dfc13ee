package app.fanmail.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class BootRetryTest {
    private final AtomicLong nanos = new AtomicLong();
    private final List<Duration> slept = new ArrayList<>();
    private final List<String> logged = new ArrayList<>();
    private boolean databaseUp;

    private BootRetry retry(Duration total) {
        return new BootRetry(total, () -> databaseUp, d -> {
            slept.add(d);
            nanos.addAndGet(d.toNanos());
        }, nanos::get, logged::add);
    }

    @Test
    void migrationsWaitForPostgresWithGrowingDelaysAndOneLinePerAttempt() {
        AtomicInteger calls = new AtomicInteger();
        retry(Duration.ofMinutes(5)).run("Database migrations", () -> {
            if (calls.incrementAndGet() < 4) {
                throw new IllegalStateException("Unable to obtain connection", new java.sql.SQLException("Connection refused"));
            }
        });
        assertThat(calls).hasValue(4);
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(logged).hasSize(3).allSatisfy(line -> assertThat(line).contains("PostgreSQL does not answer", "Connection refused"));
    }

    @Test
    void aBrokenMigrationOnAReachableDatabaseFailsAtOnce() {
        databaseUp = true;
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry(Duration.ofMinutes(5)).run("Database migrations", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("syntax error in V3");
        })).hasMessage("syntax error in V3");
        assertThat(calls).hasValue(1);
        assertThat(slept).isEmpty();
    }

    @Test
    void givesUpClearlyAfterTheConfiguredTotal() {
        assertThatThrownBy(() -> retry(Duration.ofMinutes(1)).run("Database migrations", () -> {
            throw new IllegalStateException("Connection refused");
        })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PostgreSQL did not answer within PT1M").hasMessageContaining("giving up");
        assertThat(slept.stream().mapToLong(Duration::toSeconds).sum()).isLessThanOrEqualTo(60);
        assertThat(slept).last().isEqualTo(Duration.ofSeconds(16));
    }
}
