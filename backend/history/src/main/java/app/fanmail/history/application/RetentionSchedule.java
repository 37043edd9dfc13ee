package app.fanmail.history.application;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

/**
 * Runs the {@link Retention} purge in the background: {@code fanmail.history.retention-first-run} (default PT10M) after
 * start-up, then every {@code fanmail.history.retention-interval} (default P1D). Every node runs it; concurrent purges
 * skip each other's jobs (skip locked), so nothing is purged twice.
 */
@ApplicationScoped
public class RetentionSchedule {
    private static final Logger LOG = Logger.getLogger(RetentionSchedule.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    Retention retention;
    @Inject
    @ConfigProperty(name = "fanmail.history.retention-first-run", defaultValue = "PT10M")
    Duration firstRun;
    @Inject
    @ConfigProperty(name = "fanmail.history.retention-interval", defaultValue = "P1D")
    Duration interval;

    private ScheduledFuture<?> task;

    void start(@Observes @Priority(800) Startup startup) {
        task = scheduler.scheduleWithFixedDelay(() -> {
            try {
                retention.purge();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The history retention purge failed; it runs again in " + interval, e);
            }
        }, Math.max(0, firstRun.toMillis()), Math.max(60_000, interval.toMillis()), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
