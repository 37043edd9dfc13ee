package app.fanmail.dispatch.application;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.fanmail.kernel.cluster.ClusterChange;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

/**
 * Live progress on this node: the {@link ProgressWatches} of jobs with subscribers and the {@link JobChangeFeed} of
 * accounts with subscribers, ticked every {@code fanmail.dispatch.progress-interval} on one thread of the module's own
 * scheduled executor; every {@code fanmail.dispatch.queue-depth-interval} it also reads the queue depth for the metrics.
 * Job state changes reach it from every node through the cluster channel (topic {@value #TOPIC}, key
 * {@code <account id>/<job id>}, announced by a trigger on {@code dispatch.job_event}).
 */
@ApplicationScoped
@ManagedScheduledExecutorDefinition(name = ProgressHub.EXECUTOR, maxAsync = 4, hungTaskThreshold = 600_000)
public class ProgressHub {
    static final String EXECUTOR = "java:app/concurrent/FanmailDispatchProgressExecutor";
    /** The cluster-channel topic of job state changes. */
    public static final String TOPIC = "dispatch-job";
    private static final Logger LOG = Logger.getLogger(ProgressHub.class.getName());

    @Resource(lookup = EXECUTOR)
    ManagedScheduledExecutorService executor;
    @Inject
    ProgressSource source;
    @Inject
    Clock clock;
    @Inject
    DispatchMetrics metrics;
    @Inject
    @ConfigProperty(name = "fanmail.dispatch.progress-interval", defaultValue = "PT0.25S")
    Duration interval;
    @Inject
    @ConfigProperty(name = "fanmail.dispatch.progress-idle-interval", defaultValue = "PT1S")
    Duration idleInterval;
    @Inject
    @ConfigProperty(name = "fanmail.dispatch.progress-heartbeat", defaultValue = "PT1S")
    Duration heartbeat;
    @Inject
    @ConfigProperty(name = "fanmail.dispatch.progress-rate-window", defaultValue = "PT5S")
    Duration rateWindow;
    @Inject
    @ConfigProperty(name = "fanmail.dispatch.queue-depth-interval", defaultValue = "PT5S")
    Duration queueDepthInterval;

    private ProgressWatches watches;
    private JobChangeFeed feed;
    private ScheduledFuture<?> ticking;
    private volatile long lastQueueDepth = Long.MIN_VALUE;

    @PostConstruct
    void init() {
        watches = new ProgressWatches(source, clock, System::nanoTime, interval, idleInterval, heartbeat, rateWindow);
        feed = new JobChangeFeed(source, clock, System::nanoTime, heartbeat);
        metrics.progress(watches);
    }

    void start(@Observes Startup startup) {
        ticking = executor.scheduleWithFixedDelay(this::tick, interval.toMillis(), Math.max(10, interval.toMillis()), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (ticking != null) {
            ticking.cancel(false);
        }
    }

    void tick() {
        try {
            watches.tick();
            feed.tick();
            long now = System.nanoTime();
            if (lastQueueDepth == Long.MIN_VALUE || now - lastQueueDepth >= queueDepthInterval.toNanos()) {
                lastQueueDepth = now;
                metrics.queueDepth(source.queued());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "A progress tick failed; the next one tries again", e);
        }
    }

    /**
     * Where subscribers' items are handed on (rendered and written to their sockets), so the poller never waits for
     * them: a job's 500 subscribers cost it one read per tick whatever their rendering takes.
     */
    public java.util.concurrent.Executor delivery() {
        return executor;
    }

    /** Follows a job's progress (see {@link ProgressWatches}); the first item comes at once. */
    public ProgressWatches.Handle watch(UUID jobId, ProgressWatches.Listener listener) {
        ProgressWatches.Handle h = watches.subscribe(jobId, listener);
        if (h.started()) {
            try {
                executor.execute(() -> watches.pollIfDue(jobId));
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Could not read a new watch at once; the next tick does", e);
            }
        }
        return h;
    }

    /** Follows the account's job changes (see {@link JobChangeFeed}); run the returned action to stop. */
    public Runnable jobChanges(UUID accountId, Consumer<JobProgress> listener) {
        return feed.subscribe(accountId, listener);
    }

    /** A job changed state on some node: watched jobs are read at the next tick, the job lists hear of it. */
    void changed(@Observes ClusterChange change) {
        if (!TOPIC.equals(change.topic())) {
            return;
        }
        int slash = change.key().indexOf('/');
        try {
            UUID account = UUID.fromString(change.key().substring(0, slash));
            UUID job = UUID.fromString(change.key().substring(slash + 1));
            watches.poke(job);
            feed.changed(account, job);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Ignored a malformed dispatch job change: " + change.key(), e);
        }
    }

    /** Jobs polled on this node now (one reader each, whatever the number of subscribers). */
    public int watchedJobs() {
        return watches.watched();
    }

    /** Subscribers of the job's progress on this node. */
    public int subscribers(UUID jobId) {
        return watches.subscribers(jobId);
    }

    /** Accounts (or "all") whose job changes someone follows on this node. */
    public int watchedAccounts() {
        return feed.accounts();
    }

    /** Progress reads made on this node so far. */
    public long progressReads() {
        return watches.reads();
    }
}
