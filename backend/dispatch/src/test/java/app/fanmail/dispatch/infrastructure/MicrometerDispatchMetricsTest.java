package app.fanmail.dispatch.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.fanmail.dispatch.application.ProgressReading;
import app.fanmail.dispatch.application.ProgressSource;
import app.fanmail.dispatch.application.ProgressWatches;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Dispatch's meters as an operator queries them: names, tags, values. */
class MicrometerDispatchMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerDispatchMetrics metrics = new MicrometerDispatchMetrics();
    private final UUID account = UUID.randomUUID();

    @BeforeEach
    void init() {
        metrics.registry = registry;
        metrics.init();
    }

    @Test
    void sendsByOutcomeAndErrcodeAndInFlightPerAccount() {
        metrics.sendStarted(account);
        metrics.sendStarted(account);
        metrics.sendStarted(account);
        assertThat(registry.get("fanmail.dispatch.in.flight").tag("account", account.toString()).gauge().value()).isEqualTo(3);
        metrics.sendFinished(account, "SENT", null);
        metrics.sendFinished(account, "SENT", null);
        metrics.sendFinished(account, "RECIPIENT_FINAL", 43004);
        assertThat(registry.get("fanmail.dispatch.sends").tags("account", account.toString(), "outcome", "SENT", "errcode", "").counter().count())
                .isEqualTo(2);
        assertThat(registry.get("fanmail.dispatch.sends").tags("outcome", "RECIPIENT_FINAL", "errcode", "43004").counter().count()).isEqualTo(1);
        assertThat(registry.get("fanmail.dispatch.in.flight").tag("account", account.toString()).gauge().value()).isZero();
    }

    @Test
    void queueDepthQuotaAndReportLag() {
        metrics.queueDepth(1234);
        assertThat(registry.get("fanmail.dispatch.queue.depth").gauge().value()).isEqualTo(1234);
        metrics.quotaRemaining(account, 9_500);
        assertThat(registry.get("fanmail.dispatch.quota.remaining").tag("account", account.toString()).gauge().value()).isEqualTo(9_500);
        metrics.quotaRemaining(account, 0);
        assertThat(registry.get("fanmail.dispatch.quota.remaining").tag("account", account.toString()).gauge().value()).isZero();
        assertThat(registry.find("fanmail.dispatch.quota.remaining").gauges()).hasSize(1);
        metrics.reportLag(Duration.ofMillis(1500));
        metrics.reportLag(Duration.ofMillis(500));
        metrics.reportLag(Duration.ofMillis(-5)); // clocks apart: not recorded
        var lag = registry.get("fanmail.dispatch.report.lag").timer();
        assertThat(lag.count()).isEqualTo(2);
        assertThat(lag.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(2000);
    }

    @Test
    void progressWatchesAndReads() {
        ProgressSource none = new ProgressSource() {
            @Override
            public Optional<ProgressReading> read(UUID jobId) {
                return Optional.empty();
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
        ProgressWatches watches = new ProgressWatches(none, Clock.systemUTC(), System::nanoTime, Duration.ofMillis(250), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(5));
        metrics.progress(watches);
        watches.subscribe(UUID.randomUUID(), new ProgressWatches.Listener() {
            @Override
            public void item(app.fanmail.dispatch.application.JobProgress progress) {
            }

            @Override
            public void ended() {
            }
        });
        assertThat(registry.get("fanmail.dispatch.progress.watches").gauge().value()).isEqualTo(1);
        watches.tick(); // the job does not exist: read once, the watch ends
        assertThat(registry.get("fanmail.dispatch.progress.reads").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("fanmail.dispatch.progress.watches").gauge().value()).isZero();
    }
}
