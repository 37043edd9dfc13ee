package app.fanmail.dispatch.infrastructure;

import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import app.fanmail.accounts.api.AccountChanged;
import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.kernel.persistence.AccountData;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Removes the dispatch module's rows of deleted accounts (ADR 0010): every table of the {@code dispatch}
 * schema with an {@code account_id} column. After a deletion committed, the account's rows go in
 * this module's own transaction, then a sweep removes rows of any other account that no longer
 * exists (an after-commit event is lost when the node stops in between, and rows can arrive for
 * an account while it is deleted). The sweep also runs at start-up. Both are idempotent.
 */
@ApplicationScoped
public class AccountDataCleanup {
    static final String SCHEMA = "dispatch";
    private static final Logger LOG = Logger.getLogger(AccountDataCleanup.class.getName());

    @PersistenceContext(unitName = "dispatch")
    EntityManager em;
    @Inject
    AccountDirectory accounts;
    @Inject
    AccountDataCleanup self;
    @Resource(lookup = app.fanmail.kernel.concurrent.FanmailExecutors.BACKGROUND)
    ManagedExecutorService executor;

    void accountChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountChanged event) {
        if (event.kind() == AccountChanged.Kind.DELETED) {
            executor.execute(() -> run(() -> {
                self.forget(event.accountId());
                self.sweep();
            }));
        }
    }

    void started(@Observes @Priority(500) Startup startup) {
        executor.execute(() -> run(self::sweep));
    }

    /** Removes the account's rows; returns how many. */
    @Transactional
    public int forget(UUID accountId) {
        return AccountData.forget(em, SCHEMA, accountId);
    }

    /** Removes the rows of every account that no longer exists; returns how many accounts that were. */
    @Transactional
    public int sweep() {
        Set<UUID> gone = AccountData.sweep(em, SCHEMA, accounts::existing);
        if (!gone.isEmpty()) {
            LOG.info(() -> "Removed the dispatch data of " + gone.size() + " deleted account(s)");
        }
        return gone.size();
    }

    private static void run(Runnable cleanup) {
        try {
            cleanup.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not remove the dispatch data of deleted accounts; the next deletion or start-up sweeps again", e);
        }
    }
}
