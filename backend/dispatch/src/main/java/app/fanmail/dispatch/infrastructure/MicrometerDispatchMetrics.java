package app.fanmail.dispatch.infrastructure;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import app.fanmail.dispatch.application.DispatchMetrics;
import app.fanmail.dispatch.application.ProgressWatches;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Dispatch's meters in WildFly's Micrometer registry (the {@code micrometer} layer; Prometheus format on the management
 * interface at {@code /metrics}). Names as Prometheus shows them: {@code fanmail_dispatch_sends_total{account, outcome,
 * errcode}}, {@code fanmail_dispatch_in_flight{account}}, {@code fanmail_dispatch_queue_depth},
 * {@code fanmail_dispatch_report_lag_seconds} (count, sum, max and buckets), {@code fanmail_dispatch_quota_remaining{account}},
 * {@code fanmail_dispatch_progress_watches}, {@code fanmail_dispatch_progress_reads_total}. Per node.
 */
@ApplicationScoped
public class MicrometerDispatchMetrics implements DispatchMetrics {
    @Inject
    MeterRegistry registry;

    private final Map<String, Counter> sends = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicLong> quota = new ConcurrentHashMap<>();
    private final AtomicLong queued = new AtomicLong();
    private Timer reportLag;

    @PostConstruct
    void init() {
        Gauge.builder("fanmail.dispatch.queue.depth", queued, AtomicLong::doubleValue)
                .description("QUEUED recipients of unfinished dispatch jobs (all nodes), read every few seconds").register(registry);
        reportLag = Timer.builder("fanmail.dispatch.report.lag").description("From a recipient written SENT to its delivery report")
                .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofMinutes(1),
                        Duration.ofMinutes(5), Duration.ofMinutes(30))
                .register(registry);
    }

    @Override
    public void sendStarted(UUID accountId) {
        inFlight(accountId).incrementAndGet();
    }

    private AtomicInteger inFlight(UUID accountId) {
        return inFlight.computeIfAbsent(accountId, a -> {
            AtomicInteger n = new AtomicInteger();
            Gauge.builder("fanmail.dispatch.in.flight", n, AtomicInteger::doubleValue).tag("account", a.toString())
                    .description("Sends of the account waiting for WeChat's answer on this node").register(registry);
            return n;
        });
    }

    @Override
    public void sendFinished(UUID accountId, String outcome, Integer errcode) {
        inFlight(accountId).decrementAndGet();
        String code = errcode == null ? "" : errcode.toString();
        sends.computeIfAbsent(accountId + "|" + outcome + "|" + code, k -> Counter.builder("fanmail.dispatch.sends")
                .description("Template sends finished on this node, by outcome (SENT or the failure's class) and WeChat errcode")
                .tag("account", accountId.toString()).tag("outcome", outcome).tag("errcode", code).register(registry)).increment();
    }

    @Override
    public void reportLag(Duration lag) {
        if (reportLag != null && !lag.isNegative()) {
            reportLag.record(lag);
        }
    }

    @Override
    public void quotaRemaining(UUID accountId, long remaining) {
        quota.computeIfAbsent(accountId, a -> {
            AtomicLong n = new AtomicLong();
            Gauge.builder("fanmail.dispatch.quota.remaining", n, AtomicLong::doubleValue).tag("account", a.toString())
                    .description("The account's daily template quota left, as last read").register(registry);
            return n;
        }).set(remaining);
    }

    @Override
    public void queueDepth(long queued) {
        this.queued.set(queued);
    }

    @Override
    public void progress(ProgressWatches watches) {
        Gauge.builder("fanmail.dispatch.progress.watches", watches, ProgressWatches::watched)
                .description("Dispatch jobs whose progress this node polls (one reader each, whatever the number of subscribers)").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("fanmail.dispatch.progress.reads", watches, ProgressWatches::reads)
                .description("Progress reads made by this node").register(registry);
    }
}
