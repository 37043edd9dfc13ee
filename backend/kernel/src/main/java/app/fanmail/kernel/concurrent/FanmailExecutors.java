package app.fanmail.kernel.concurrent;

import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedThreadFactoryDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Defines Fanmail's own executor for background work (token refreshes and resets, inbox publishing, account cleanup,
 * sandbox mirroring), so none of it queues on the server's shared DefaultManagedExecutorService (4 threads in
 * WildFly's default configuration) and none of it competes with the threads that complete WeChat calls. Inject with
 * {@code @Resource(lookup = FanmailExecutors.BACKGROUND) ManagedExecutorService executor}. Work that holds a thread for
 * good (the cluster change listener) takes a thread of its own from {@link #THREADS} instead of an executor slot.
 */
@ManagedExecutorDefinition(name = FanmailExecutors.BACKGROUND, maxAsync = 4, hungTaskThreshold = 600_000)
@ManagedThreadFactoryDefinition(name = FanmailExecutors.THREADS)
@ApplicationScoped
public class FanmailExecutors {
    /** JNDI name of the background executor. */
    public static final String BACKGROUND = "java:app/concurrent/FanmailBackgroundExecutor";
    /** JNDI name of Fanmail's thread factory, for dedicated long-running threads. */
    public static final String THREADS = "java:app/concurrent/FanmailThreadFactory";
}
