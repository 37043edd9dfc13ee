package app.fanmail.dispatch.application;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * What a job's change asks for once it has committed: the engine looks at the jobs again at its next tick (a pause
 * stops claims within a tick, not a refresh; seen before the commit, the old state would be read). And work a job's
 * creation asks for that need not hold up the caller: refreshing the planner's statistics of the
 * recipient table after a large load runs once the creating transaction has committed, on the engine's executor (a
 * rolled-back creation asks for nothing). Concurrent requests while one runs are folded into it.
 */
@ApplicationScoped
public class DispatchAfterCommit {
    private static final Logger LOG = Logger.getLogger(DispatchAfterCommit.class.getName());

    /** Fired inside the creating transaction. */
    public record RecipientsLoaded() {
    }

    /** Fired inside a transaction that started, resumed, paused or cancelled a job. */
    public record JobMoved() {
    }

    @Inject
    Event<JobMoved> moved;
    @Inject
    SendEngine engine;

    @Inject
    Event<RecipientsLoaded> loaded;
    @Inject
    JobRepository jobs;
    @Resource(lookup = SendEngine.EXECUTOR)
    ManagedScheduledExecutorService executor;

    private final AtomicBoolean analyzing = new AtomicBoolean();

    /** Call inside the transaction that loaded the recipients. */
    public void analyzeRecipients() {
        loaded.fire(new RecipientsLoaded());
    }

    /** Call inside the transaction that changed a job's state: once it has committed the engine looks again at its next tick, not its next refresh. */
    public void kickEngine() {
        moved.fire(new JobMoved());
    }

    void moved(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobMoved event) {
        engine.kick();
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) RecipientsLoaded event) {
        if (!analyzing.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    jobs.analyzeRecipients();
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "Could not refresh the recipient table's statistics", e);
                } finally {
                    analyzing.set(false);
                }
            });
        } catch (RuntimeException e) {
            analyzing.set(false);
            LOG.log(Level.FINE, "Could not hand the statistics refresh off", e);
        }
    }
}
