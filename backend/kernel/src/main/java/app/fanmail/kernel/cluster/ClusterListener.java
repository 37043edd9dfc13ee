package app.fanmail.kernel.cluster;

import javax.sql.DataSource;

import app.fanmail.kernel.concurrent.FanmailExecutors;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

/**
 * This node's ear on {@link ClusterChannel#CHANNEL}: one connection taken from Fanmail's datasource for good, one
 * thread of Fanmail's own thread factory ({@link FanmailExecutors#THREADS}, not the server's default executor). Each
 * notification becomes a {@link ClusterChange} event, each (re)connection a {@link ClusterChangesMissed} event.
 */
@ApplicationScoped
public class ClusterListener {
    @Resource(lookup = "java:jboss/datasources/FanmailDS")
    DataSource dataSource;
    @Resource(lookup = FanmailExecutors.THREADS)
    ManagedThreadFactory threads;
    @Inject
    Event<ClusterChange> changes;
    @Inject
    Event<ClusterChangesMissed> missed;

    private PgNotificationListener listener;

    void start(@Observes @Priority(100) Startup startup) {
        listener = new PgNotificationListener(dataSource::getConnection, ClusterChannel.CHANNEL, new PgNotificationListener.Handler() {
            @Override
            public void notified(String payload) {
                ClusterChannel.parse(payload).ifPresent(changes::fire);
            }

            @Override
            public void listening() {
                missed.fire(new ClusterChangesMissed());
            }
        }, PgNotificationListener.Timing.DEFAULT, threads);
        listener.start();
    }

    @PreDestroy
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    /** The PostgreSQL backend process of the listening connection; 0 while not listening (diagnostics and tests). */
    public int backendPid() {
        return listener == null ? 0 : listener.backendPid();
    }

    /** How many times this node started listening (1 + reconnections). */
    public long listens() {
        return listener == null ? 0 : listener.listens();
    }
}
