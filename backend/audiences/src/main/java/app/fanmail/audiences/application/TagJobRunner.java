package app.fanmail.audiences.application;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.fanmail.audiences.domain.TagAction;
import app.fanmail.audiences.domain.TagBatchSplitter;
import app.fanmail.audiences.domain.TagBatchSplitter.FailureKind;
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
 * Works off the chunks of running bulk tag jobs: up to {@code fanmail.audiences.tagging-in-flight} workers (default 4,
 * at most 16) each claim one chunk at a time from the chunk work queue (lease; another node's chunks are skipped until
 * its lease runs out), call WeChat with no transaction open — splitting a refused batch to find the openids WeChat
 * refused — and write the chunk's results in one short transaction. A retryable failure (WeChat busy, throttled) backs
 * the chunk off; a failure of the job itself (the tag is gone, no permission) fails the job. Jobs resume after a
 * restart: a sweep every {@code fanmail.audiences.tagging-sweep-interval} (default PT10S) and the start-up claim what
 * is ready; the sweep also hands the {@link TagJobPreparer} the PREPARING jobs whose node died. Runs on its own executor: a job of a million fans must not hold Fanmail's shared background executor.
 */
@ApplicationScoped
@ManagedScheduledExecutorDefinition(name = TagJobRunner.EXECUTOR, maxAsync = TagJobRunner.MAX_IN_FLIGHT + 1, hungTaskThreshold = 600_000)
public class TagJobRunner {
    static final String EXECUTOR = "java:app/concurrent/FanmailTaggingExecutor";
    static final int MAX_IN_FLIGHT = 16;
    private static final Logger LOG = Logger.getLogger(TagJobRunner.class.getName());
    /** Progress of one job is announced to every node at most this often (and always when it ends). */
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    @Resource(lookup = EXECUTOR)
    ManagedScheduledExecutorService executor;
    @Inject
    TagJobRepository jobs;
    @Inject
    TagGateway gateway;
    @Inject
    TagJobPreparer preparer;
    @Inject
    Clock clock;
    @Inject
    @ConfigProperty(name = "fanmail.audiences.tagging-in-flight", defaultValue = "4")
    int inFlight;
    @Inject
    @ConfigProperty(name = "fanmail.audiences.tagging-sweep-interval", defaultValue = "PT10S")
    Duration sweepInterval;

    private final AtomicInteger workers = new AtomicInteger();
    private final AtomicLong kicks = new AtomicLong();
    private final Map<java.util.UUID, Long> lastPublished = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private ScheduledFuture<?> sweep;

    void start(@Observes @Priority(600) Startup startup) {
        long every = Math.max(100, sweepInterval.toMillis());
        sweep = executor.scheduleWithFixedDelay(this::sweep, 0, every, TimeUnit.MILLISECONDS);
    }

    /** Takes over the preparations of jobs whose node died, then looks for ready chunks. */
    void sweep() {
        try {
            preparer.sweep();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not look for tag jobs left preparing; the next sweep tries again", e);
        }
        kick();
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (sweep != null) {
            sweep.cancel(false);
        }
    }

    int inFlight() {
        return Math.max(1, Math.min(MAX_IN_FLIGHT, inFlight));
    }

    /** Makes sure enough workers look for ready chunks (after a job started, and by the sweep). */
    public void kick() {
        kicks.incrementAndGet();
        while (!stopping) {
            int n = workers.get();
            if (n >= inFlight()) {
                return;
            }
            if (workers.compareAndSet(n, n + 1)) {
                try {
                    executor.execute(this::work);
                } catch (RuntimeException e) {
                    workers.decrementAndGet();
                    LOG.log(Level.WARNING, "Could not start a tagging worker; the sweep tries again", e);
                    return;
                }
            }
        }
    }

    private void work() {
        long seen = kicks.get();
        try {
            while (!stopping) {
                seen = kicks.get();
                List<Long> claimed = jobs.claim(1, clock.instant());
                if (claimed.isEmpty()) {
                    return;
                }
                process(claimed.get(0));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A tagging worker stopped; its chunk is retried when its lease runs out", e);
        } finally {
            workers.decrementAndGet();
            if (!stopping && kicks.get() != seen) {
                kick(); // a job started while this worker found nothing
            }
        }
    }

    /** Does one claimed chunk. */
    void process(long chunkId) {
        Optional<TagJobRepository.ChunkWork> found = jobs.chunk(chunkId);
        if (found.isEmpty()) {
            return;
        }
        TagJobRepository.ChunkWork w = found.get();
        Optional<TagJobView> after;
        try {
            if (!w.running() || w.items().isEmpty()) {
                after = jobs.complete(chunkId, Map.of(), clock.instant());
            } else {
                boolean untag = w.action() == TagAction.UNTAG;
                TagBatchSplitter.Outcome outcome = TagBatchSplitter.run(w.items().stream().map(TagJobRepository.Item::openid).toList(), batch -> {
                    try {
                        gateway.tag(w.accountId(), w.tagId(), batch, untag);
                        return null;
                    } catch (TagGateway.Refused e) {
                        return e.failure();
                    }
                });
                if (outcome.stopped() == null) {
                    after = jobs.complete(chunkId, outcome.results(), clock.instant());
                } else if (outcome.stopped().kind() == FailureKind.RETRY) {
                    after = jobs.retryLater(chunkId, outcome.stopped(), clock.instant());
                } else {
                    after = jobs.failJob(w.jobId(), outcome.stopped(), clock.instant());
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Tag job chunk " + chunkId + " failed; it is retried later", e);
            after = jobs.retryLater(chunkId, new TagBatchSplitter.Failure(FailureKind.RETRY, -1, String.valueOf(e.getMessage())), clock.instant());
        }
        after.ifPresent(this::publish);
    }

    private void publish(TagJobView job) {
        long now = System.nanoTime();
        Long last = lastPublished.get(job.id());
        if (job.status().finished()) {
            lastPublished.remove(job.id());
        } else if (last != null && now - last < PROGRESS_EVERY_NANOS) {
            return;
        } else {
            lastPublished.put(job.id(), now);
        }
        try {
            jobs.announce(job.id());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Could not announce the progress of tag job " + job.id(), e);
        }
    }
}
