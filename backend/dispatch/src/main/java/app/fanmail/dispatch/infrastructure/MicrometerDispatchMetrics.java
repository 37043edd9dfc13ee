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
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Dispatch's meters in WildFly's Micrometer registry (the {@code micrometer} layer; Prometheus format on the management
 * interface at {@code /metrics}). Names as Prometheus shows them: {@code fanmail_dispatch_sends_total{account, outcome,
 * errcode}}, {@code fanmail_dispatch_in_flight{account}}, {@code fanmail_dispatch_queue_depth},
 * {@code fanmail_dispatch_report_lag_seconds} (count, sum, max), {@code fanmail_dispatch_quota_remaining{account}},
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

    // Registered through the registry's own methods, not meter builders: WildFly 39 hands the deployment a per-deployment
    // wrapper registry that forwards those methods (adding a WF_DEPLOYMENT tag) but keeps builder registrations to itself.
    @PostConstruct
    void init() {
        registry.gauge("fanmail.dispatch.queue.depth", Tags.empty(), queued, AtomicLong::doubleValue);
        reportLag = registry.timer("fanmail.dispatch.report.lag", Tags.empty());
    }

    @Override
    public void sendStarted(UUID accountId) {
        inFlight(accountId).incrementAndGet();
    }

    private AtomicInteger inFlight(UUID accountId) {
        return inFlight.computeIfAbsent(accountId, a -> {
            AtomicInteger n = new AtomicInteger();
            registry.gauge("fanmail.dispatch.in.flight", Tags.of("account", a.toString()), n, AtomicInteger::doubleValue);
            return n;
        });
    }

    @Override
    public void sendFinished(UUID accountId, String outcome, Integer errcode) {
        inFlight(accountId).decrementAndGet();
        String code = errcode == null ? "" : errcode.toString();
        sends.computeIfAbsent(accountId + "|" + outcome + "|" + code, k -> registry.counter("fanmail.dispatch.sends",
                Tags.of("account", accountId.toString(), "outcome", outcome, "errcode", code))).increment();
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
            registry.gauge("fanmail.dispatch.quota.remaining", Tags.of("account", a.toString()), n, AtomicLong::doubleValue);
            return n;
        }).set(remaining);
    }

    /**
     * Takes this deployment's meters out of the server's registry: it outlives a redeployment, and a gauge keeps only a
     * weak reference to what it reads, so a meter left behind would read the old deployment's objects (NaN once they
     * are collected) and shadow the new deployment's meter of the same name.
     */
    @PreDestroy
    void close() {
        registry.getMeters().stream().filter(m -> m.getId().getName().startsWith("fanmail.dispatch.")).toList().forEach(registry::remove);
    }

    @Override
    public void queueDepth(long queued) {
        this.queued.set(queued);
    }

    @Override
    public void progress(ProgressWatches watches) {
        registry.gauge("fanmail.dispatch.progress.watches", Tags.empty(), watches, ProgressWatches::watched);
        registry.more().counter("fanmail.dispatch.progress.reads", Tags.empty(), watches, ProgressWatches::reads);
    }
}
