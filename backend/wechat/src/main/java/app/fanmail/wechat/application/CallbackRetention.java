package app.fanmail.wechat.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the callback tables from growing forever, on the wechat module's own scheduler (not the server's
 * default one, which serves requests' async work):
 * <ul>
 * <li>raw XML of pushes older than {@code fanmail.wechat.retention.raw-xml} (default P30D) is cleared (the parsed
 * fields stay);</li>
 * <li>inbox rows (including dead letters) older than {@code fanmail.wechat.retention.rows} (default P90D) are
 * deleted, and customer-service windows that closed longer ago than that;</li>
 * <li>replay memory (nonces) whose timestamp left the replay window is purged every minute (and on every run).</li>
 * </ul>
 * Every run works in transactions of at most {@code fanmail.wechat.retention.batch-size} rows (default 5000), every
 * {@code fanmail.wechat.retention.interval} (default PT1H).
 */
@ManagedScheduledExecutorDefinition(name = CallbackRetention.SCHEDULER, maxAsync = 2, hungTaskThreshold = 600_000)
@ApplicationScoped
public class CallbackRetention {
    static final String SCHEDULER = "java:app/concurrent/FanmailWeChatScheduler";
    private static final Logger LOG = Logger.getLogger(CallbackRetention.class.getName());

    @PersistenceContext(unitName = "wechat")
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    CallbackRetention self;
    @Resource(lookup = SCHEDULER)
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "fanmail.wechat.retention.raw-xml", defaultValue = "P30D")
    Duration rawXmlAge;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.retention.rows", defaultValue = "P90D")
    Duration rowsAge;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.retention.interval", defaultValue = "PT1H")
    Duration interval;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.retention.batch-size", defaultValue = "5000")
    int batchSize;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.callback-replay-window", defaultValue = "PT5M")
    Duration replayWindow;

    private ScheduledFuture<?> retention;
    private ScheduledFuture<?> nonces;
    private volatile boolean stopping;

    void start(@Observes @Priority(400) Startup startup) {
        long every = Math.max(1000, interval.toMillis());
        retention = scheduler.scheduleWithFixedDelay(this::runSafely, Math.min(every, 60_000), every, TimeUnit.MILLISECONDS);
        nonces = scheduler.scheduleWithFixedDelay(this::purgeNoncesSafely, 60, 60, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (retention != null) {
            retention.cancel(false);
        }
        if (nonces != null) {
            nonces.cancel(false);
        }
    }

    private void runSafely() {
        try {
            Result r = run();
            if (r.rawXmlCleared() + r.rowsDeleted() + r.windowsDeleted() > 0) {
                LOG.info(() -> "Callback retention: raw XML cleared on " + r.rawXmlCleared() + " row(s), " + r.rowsDeleted()
                        + " inbox row(s) and " + r.windowsDeleted() + " closed window(s) deleted");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Callback retention failed; next run in " + interval, e);
        }
    }

    private void purgeNoncesSafely() {
        try {
            drain(() -> self.purgeNonces(clock.instant().minus(replayWindow).minusSeconds(60)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Purging the callback replay memory failed", e);
        }
    }

    /** What one run did. */
    public record Result(long rawXmlCleared, long rowsDeleted, long windowsDeleted) {
    }

    /** One full run: every batch until nothing is left to do. */
    public Result run() {
        Instant now = clock.instant();
        Instant rawCutoff = now.minus(rawXmlAge);
        Instant rowCutoff = now.minus(rowsAge);
        long rows = drain(() -> self.deleteRows(rowCutoff));
        long raw = drain(() -> self.clearRawXml(rawCutoff));
        long windows = drain(() -> self.deleteWindows(rowCutoff));
        drain(() -> self.purgeNonces(now.minus(replayWindow).minusSeconds(60)));
        return new Result(raw, rows, windows);
    }

    private long drain(IntSupplier batch) {
        long total = 0;
        int n;
        do {
            if (stopping) { // undeploying: the next run finishes the work
                return total;
            }
            n = batch.getAsInt();
            total += n;
        } while (n >= batchSize);
        return total;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int clearRawXml(Instant cutoff) {
        return em.createNativeQuery("update wechat.callback_inbox set raw_xml = null where id in (select id from wechat.callback_inbox "
                        + "where raw_xml is not null and received_at < ?1 limit ?2 for update skip locked)")
                .setParameter(1, cutoff).setParameter(2, batchSize).executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int deleteRows(Instant cutoff) {
        return em.createNativeQuery("delete from wechat.callback_inbox where id in (select id from wechat.callback_inbox "
                        + "where received_at < ?1 limit ?2 for update skip locked)")
                .setParameter(1, cutoff).setParameter(2, batchSize).executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int deleteWindows(Instant cutoff) {
        return em.createNativeQuery("delete from wechat.service_window where ctid in (select ctid from wechat.service_window "
                        + "where expires_at < ?1 limit ?2 for update skip locked)")
                .setParameter(1, cutoff).setParameter(2, batchSize).executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int purgeNonces(Instant before) {
        return em.createNativeQuery("delete from wechat.callback_nonce where ctid in (select ctid from wechat.callback_nonce "
                        + "where ts < ?1 limit ?2)")
                .setParameter(1, before.getEpochSecond()).setParameter(2, batchSize).executeUpdate();
    }
}
