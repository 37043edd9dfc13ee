package app.fanmail.dispatch.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
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

import app.fanmail.audiences.api.Audiences;
import app.fanmail.audiences.api.Recipient;
import app.fanmail.dispatch.api.FieldValue;
import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.dispatch.api.TemplateContent;
import app.fanmail.dispatch.domain.ClientMsgIds;
import app.fanmail.dispatch.domain.FailureClass;
import app.fanmail.dispatch.domain.RetryPolicy;
import app.fanmail.dispatch.domain.SendFailure;
import app.fanmail.dispatch.domain.TemplateValues;
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
    Audiences audiences;
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

    @Inject
    @ConfigProperty(name = "fanmail.dispatch.sweep-interval", defaultValue = "PT5S")
    Duration sweepInterval;

    /** Below a job's cursor, ready rows (retries come due, a crashed node's leases run out) are looked for this often when the cursor has not reached the end. */
    private static final long TAIL_SWEEP_NANOS = 100_000_000L;

    private RetryPolicy policy;
    /** Per job on this node: the highest id claimed (the next claim reads on from there) and when rows below it were last looked for. */
    private final Map<UUID, long[]> cursors = new ConcurrentHashMap<>();
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
    /** Held by a tick and a flush while they work: a stop waits for it (see {@link #stop}). */
    private final java.util.concurrent.locks.ReentrantLock working = new java.util.concurrent.locks.ReentrantLock();
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
        // a tick or flush still running finishes its transaction before the container goes: cut off mid-way (the
        // transaction manager gone under it), its connection stayed open holding the report cursor's row lock, and no
        // node of the next deployment read a delivery report again
        try {
            if (working.tryLock(30, TimeUnit.SECONDS)) {
                working.unlock();
            } else {
                LOG.warning("A dispatch tick was still running 30 s after shutdown began");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        if (stopping || !working.tryLock()) {
            return;
        }
        try {
            tickLocked();
        } finally {
            working.unlock();
        }
    }

    private void tickLocked() {
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
                List<UUID> ids = active.stream().map(ActiveJob::id).toList();
                holdUntil.keySet().retainAll(ids);
                cursors.keySet().retainAll(ids);
            }
            for (ActiveJob job : active) {
                Instant held = holdUntil.get(job.id());
                if (held != null && held.isAfter(now)) {
                    continue;
                }
                int in = inFlight(job.id());
                if (in <= job.batchSize() / 2) {
                    sendAll(job, claim(job.id(), job.batchSize() - in, now, nanos));
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

    /**
     * Claims up to {@code want} of the job's ready recipients: on from this node's cursor in id order (each claim's cost
     * stays the same however many rows are done), and below it — where retries come due and a crashed node's leases run
     * out — every {@code sweep-interval}, or every 100 ms once the cursor has reached the end of the job.
     */
    List<RecipientRepository.Claimed> claim(UUID jobId, int want, Instant now, long nanos) {
        long[] cursor = cursors.computeIfAbsent(jobId, k -> new long[] {0, nanos});
        List<RecipientRepository.Claimed> claimed = new ArrayList<>(want);
        if (cursor[0] > 0 && nanos - cursor[1] >= sweepInterval.toNanos()) {
            cursor[1] = nanos;
            claimed.addAll(recipients.claim(jobId, want, now, cursor[0] + 1, true));
        }
        if (claimed.size() < want) {
            List<RecipientRepository.Claimed> on = recipients.claim(jobId, want - claimed.size(), now, cursor[0], false);
            claimed.addAll(on);
            if (claimed.size() < want && cursor[0] > 0 && nanos - cursor[1] >= TAIL_SWEEP_NANOS) {
                cursor[1] = nanos;
                claimed.addAll(recipients.claim(jobId, want - claimed.size(), now, cursor[0] + 1, true));
            }
        }
        for (RecipientRepository.Claimed c : claimed) {
            cursor[0] = Math.max(cursor[0], c.id());
        }
        return claimed;
    }

    /** Renders the claimed recipients' values (from the job's snapshot when a field needs the fan or the list) and sends each. */
    void sendAll(ActiveJob job, List<RecipientRepository.Claimed> claimed) {
        Map<Long, Recipient> members = members(job, claimed);
        for (RecipientRepository.Claimed c : claimed) {
            send(job, c, members);
        }
    }

    /**
     * The claimed recipients' members of the job's snapshot by seq (one read), when a field takes its value from the fan
     * or the uploaded list; null when no field does.
     */
    Map<Long, Recipient> members(ActiveJob job, List<RecipientRepository.Claimed> claimed) {
        boolean needed = job.content().fields().values().stream().anyMatch(v -> v.source() == FieldValue.Source.FAN_REMARK
                || v.source() == FieldValue.Source.TAG_NAMES || v.source() == FieldValue.Source.CSV_COLUMN);
        if (!needed) {
            return null;
        }
        long[] seqs = claimed.stream().mapToLong(RecipientRepository.Claimed::seq).toArray();
        Map<Long, Recipient> bySeq = new HashMap<>();
        for (Recipient r : audiences.recipients(job.snapshotId(), seqs)) {
            bySeq.put(r.seq(), r);
        }
        return bySeq;
    }

    private void send(ActiveJob job, RecipientRepository.Claimed c, Map<Long, Recipient> members) {
        TemplateContent content = job.content();
        Recipient member = members == null ? null : members.get(c.seq());
        TemplateValues.Rendered rendered = member == null
                ? TemplateValues.render(content.fields(), c.openid(), null, null, null)
                : TemplateValues.render(content.fields(), c.openid(), member.remark(), member.tagNames(), member.csvRow());
        if (rendered.missingField() != null || (member == null && members != null)) {
            // the snapshot no longer holds the recipient (or its value): nothing to send, never reached WeChat
            queue(new RecipientRepository.Result(c.id(), job.id(), RecipientState.FAILED, null, null, member == null
                    ? "The recipient is no longer in the job's audience snapshot." : "No value for field " + rendered.missingField() + ".",
                    true, c.firstUse(), null, true, now()));
            return;
        }
        Map<String, String> data = rendered.values();
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
        working.lock(); // not while a stop waits for the work in progress (a tick flushes while it holds it: reentrant)
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
            working.unlock();
            flushing.set(false);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
