package app.fanmail.dispatch.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.fanmail.dispatch.api.FieldValue;
import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.dispatch.api.TemplateContent;
import app.fanmail.dispatch.domain.ClientMsgIds;
import app.fanmail.dispatch.domain.FailureClass;
import app.fanmail.dispatch.domain.RetryPolicy;
import app.fanmail.dispatch.domain.SendFailure;
import app.fanmail.kernel.queue.Backoff;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

/**
 * Sends the recipients of SENDING jobs. One tick thread per node, every {@code fanmail.dispatch.tick} (PT0.02S):
 * refreshes the active jobs (every {@code fanmail.dispatch.job-refresh}, at once after a kick); for each job whose
 * recipients in flight on this node fell to half its batch size, claims up to the batch size from the work queue
 * (a short transaction: lease, SENDING, the key's first use) and starts each send through the non-blocking facade —
 * no transaction is open and no thread waits while WeChat answers. Completions only queue their result; results are
 * written in batches (one statement per {@code fanmail.dispatch.flush-size} results, or after
 * {@code fanmail.dispatch.flush-interval}). Delivery reports are read every {@code fanmail.dispatch.report-interval}.
 * In flight per account across nodes is bounded by the facade's per-account limits; per job and node by the batch size.
 */
@ApplicationScoped
@ManagedScheduledExecutorDefinition(name = SendEngine.EXECUTOR, maxAsync = 3, hungTaskThreshold = 600_000)
public class SendEngine {
    static final String EXECUTOR = "java:app/concurrent/FanmailDispatchExecutor";
    private static final Logger LOG = Logger.getLogger(SendEngine.class.getName());

    @Resource(lookup = EXECUTOR)
    ManagedScheduledExecutorService executor;
    @Inject
    JobRepository jobs;
    @Inject
    RecipientRepository recipients;
    @Inject
    TemplateSender sender;
    @Inject
    DeliveryReportSource reports;
    @Inject
    Clock clock;
    @Inject
    DispatchMetrics metrics = DispatchMetrics.NONE;
    @Inject
    @ConfigProperty(name = "fanmail.dispatch.enabled", defaultValue = "true")
    boolean enabled;
    @Inject
    @ConfigProperty(name = "fanmail.dispatch.tick", defaultValue = "PT0.02S")
    Duration tick;
    @Inject
    @ConfigProperty(name = "fanmail.dispatch.job-refresh", defaultValue = "PT1S")
    Duration jobRefresh;
    @Inject
    @ConfigProperty(name = "fanmail.dispatch.flush-size", defaultValue = "200")
    int flushSize;
    @Inject
    @ConfigProperty(name = "fanmail.dispatch.flush-interval", defaultValue = "PT0.05S")
    Duration flushInterval;
    @Inject
    @ConfigProperty(name = "fanmail.dispatch.report-interval", defaultValue = "PT0.2S")
    Duration reportInterval;
    @Inject
    @ConfigProperty(name = "fanmail.dispatch.max-attempts", defaultValue = "8")
    int maxAttempts;
    @Inject
    @ConfigProperty(name = "fanmail.dispatch.retry-backoff", defaultValue = "PT2S")
    Duration retryBackoff;
    @Inject
    @ConfigProperty(name = "fanmail.dispatch.retry-backoff-max", defaultValue = "PT1M")
    Duration retryBackoffMax;
    @Inject
    @ConfigProperty(name = "fanmail.dispatch.throttle-backoff", defaultValue = "PT10S")
    Duration throttleBackoff;

    private RetryPolicy policy;
    private volatile List<ActiveJob> active = List.of();
    private volatile long lastRefresh;
    private volatile long lastReports;
    private final AtomicBoolean refreshNow = new AtomicBoolean(true);
    private final Map<UUID, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    /** Jobs this node does not claim for until then: throttled, or paused for the quota and not yet refreshed. */
    private final Map<UUID, Instant> holdUntil = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<RecipientRepository.Result> results = new ConcurrentLinkedQueue<>();
    private final AtomicInteger buffered = new AtomicInteger();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private volatile long oldestBuffered;
    private final ConcurrentLinkedQueue<Runnable> jobActions = new ConcurrentLinkedQueue<>();
    private volatile boolean stopping;
    private ScheduledFuture<?> ticking;

    @PostConstruct
    void init() {
        Duration max = retryBackoffMax.compareTo(retryBackoff) < 0 ? retryBackoff : retryBackoffMax;
        policy = new RetryPolicy(new Backoff(retryBackoff, max, Math.max(1, maxAttempts)), throttleBackoff);
    }

    void start(@Observes @Priority(700) Startup startup) {
        if (enabled) {
            ticking = executor.scheduleWithFixedDelay(this::tick, 0, Math.max(5, tick.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (ticking != null) {
            ticking.cancel(false);
        }
    }

    /** A job was started or resumed: look for work at the next tick instead of the next refresh. */
    public void kick() {
        refreshNow.set(true);
    }

    /** Recipients of the job in flight on this node. */
    int inFlight(UUID jobId) {
        AtomicInteger n = inFlight.get(jobId);
        return n == null ? 0 : n.get();
    }

    void tick() {
        try {
            Instant now = now();
            long nanos = System.nanoTime();
            if (buffered.get() > 0 && nanos - oldestBuffered >= flushInterval.toNanos()) {
                flush();
            }
            for (Runnable a; (a = jobActions.poll()) != null; ) {
                a.run();
            }
            if (refreshNow.getAndSet(false) || nanos - lastRefresh >= jobRefresh.toNanos()) {
                lastRefresh = nanos;
                active = jobs.activate(now);
                holdUntil.keySet().retainAll(active.stream().map(ActiveJob::id).toList());
            }
            for (ActiveJob job : active) {
                Instant held = holdUntil.get(job.id());
                if (held != null && held.isAfter(now)) {
                    continue;
                }
                int in = inFlight(job.id());
                if (in <= job.batchSize() / 2) {
                    List<RecipientRepository.Claimed> claimed = recipients.claim(job.id(), job.batchSize() - in, now);
                    for (RecipientRepository.Claimed c : claimed) {
                        send(job, c);
                    }
                }
            }
            if (nanos - lastReports >= reportInterval.toNanos()) {
                lastReports = nanos;
                int read;
                int rounds = 0;
                do {
                    read = recipients.consumeReports(reports, DeliveryReportSource.MAX_READ, now);
                } while (read == DeliveryReportSource.MAX_READ && ++rounds < 10);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A dispatch tick failed; the next one tries again (claimed recipients are retried after their lease)", e);
        }
    }

    private void send(ActiveJob job, RecipientRepository.Claimed c) {
        TemplateContent content = job.content();
        Map<String, String> data = new LinkedHashMap<>();
        content.fields().forEach((key, v) -> data.put(key, v.source() == FieldValue.Source.FIXED ? v.text() : c.values().getOrDefault(key, "")));
        TemplateSender.Outgoing message = new TemplateSender.Outgoing(job.accountId(), c.openid(), content.templateId(), content.url(),
                content.miniProgramAppId(), content.miniProgramPagePath(), ClientMsgIds.of(job.id(), c.seq()), data);
        inFlight.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
        metrics.sendStarted(job.accountId());
        CompletionStage<String> stage;
        try {
            stage = sender.send(message, c.firstUse() ? null : c.firstAttemptAt());
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((msgid, error) -> {
            try {
                completed(job, c, msgid, error);
            } finally {
                inFlight.get(job.id()).decrementAndGet();
            }
        });
    }

    /** Runs on the facade's completion thread: decides and queues the result, never touches the database. */
    void completed(ActiveJob job, RecipientRepository.Claimed c, String msgid, Throwable error) {
        Instant now = now();
        if (error == null) {
            metrics.sendFinished(job.accountId(), "SENT", null);
            queue(new RecipientRepository.Result(c.id(), job.id(), RecipientState.SENT, msgid, null, null, true, false, null, true, now));
            return;
        }
        SendFailure f = failureOf(error);
        metrics.sendFinished(job.accountId(), f.failureClass().name(), f.errcode());
        RetryPolicy.Decision d = policy.decide(f, c.attempts() + 1, now);
        boolean notSent = f.failureClass() != FailureClass.MAY_HAVE_BEEN_SENT;
        boolean clearKey = c.firstUse() && notSent;
        if (d instanceof RetryPolicy.Retry r) {
            if (f.failureClass() == FailureClass.THROTTLED) {
                holdUntil.put(job.id(), r.notBefore());
            }
            queue(new RecipientRepository.Result(c.id(), job.id(), RecipientState.QUEUED, null, f.errcode(), f.errmsg(), r.counted(), clearKey,
                    r.notBefore(), false, now));
        } else if (d instanceof RetryPolicy.Final fin) {
            queue(new RecipientRepository.Result(c.id(), job.id(), fin.state(), null, f.errcode(), f.errmsg(), true, false, null, true, now));
        } else if (d instanceof RetryPolicy.PauseJob p) {
            holdUntil.put(job.id(), p.until());
            metrics.quotaRemaining(job.accountId(), 0);
            queue(new RecipientRepository.Result(c.id(), job.id(), RecipientState.QUEUED, null, f.errcode(), f.errmsg(), false, clearKey, null, false, now));
            jobActions.add(() -> jobs.pauseForQuota(job.id(), p.until(), f.errcode() + " " + f.errmsg(), now()));
        } else {
            holdUntil.put(job.id(), Instant.MAX);
            queue(new RecipientRepository.Result(c.id(), job.id(), RecipientState.QUEUED, null, f.errcode(), f.errmsg(), false, clearKey, null, false, now));
            jobActions.add(() -> jobs.fail(job.id(), f.errcode() + " " + f.errmsg(), now()));
        }
    }

    /** The failure a stage ended with; anything unexpected counts as "may have been sent" (the safe side). */
    static SendFailure failureOf(Throwable error) {
        Throwable e = error;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof SendFailedException s) {
            return s.failure();
        }
        return new SendFailure(FailureClass.MAY_HAVE_BEEN_SENT, -1, String.valueOf(e));
    }

    private void queue(RecipientRepository.Result r) {
        results.add(r);
        if (buffered.getAndIncrement() == 0) {
            oldestBuffered = System.nanoTime();
        }
        if (buffered.get() >= flushSize && !stopping) {
            try {
                executor.execute(this::flush);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Could not hand a result flush off; the tick flushes", e);
            }
        }
    }

    /** Writes the queued results, at most {@code flush-size} per statement; one flusher at a time. */
    void flush() {
        if (!flushing.compareAndSet(false, true)) {
            return;
        }
        try {
            while (buffered.get() > 0) {
                List<RecipientRepository.Result> batch = new ArrayList<>(flushSize);
                for (RecipientRepository.Result r; batch.size() < flushSize && (r = results.poll()) != null; ) {
                    batch.add(r);
                }
                if (batch.isEmpty()) {
                    return;
                }
                oldestBuffered = System.nanoTime();
                buffered.addAndGet(-batch.size());
                try {
                    recipients.write(batch, now());
                } catch (RuntimeException e) {
                    // not written: the rows keep their lease and are claimed again when it runs out (same key, same first use)
                    LOG.log(Level.WARNING, "Could not write " + batch.size() + " send results; those recipients are retried after their lease", e);
                    return;
                }
                if (buffered.get() < flushSize) {
                    return;
                }
            }
        } finally {
            flushing.set(false);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
