package app.fanmail.identity.application;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

/** Deletes expired sign-in sessions every 10 minutes. */
@ApplicationScoped
public class SessionPurge {
    private static final Logger LOG = Logger.getLogger(SessionPurge.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    SessionService sessions;

    private ScheduledFuture<?> task;

    void start(@Observes @Priority(200) Startup startup) {
        task = scheduler.scheduleWithFixedDelay(() -> {
            try {
                sessions.purgeExpired();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Purging expired sessions failed", e);
            }
        }, 10, 10, TimeUnit.MINUTES);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
