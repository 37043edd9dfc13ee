package app.fanmail.accounts.infrastructure;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import app.fanmail.accounts.api.AccountChanged;
import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.kernel.concurrent.FanmailExecutors;
import app.fanmail.kernel.persistence.AccountData;
import app.fanmail.kernel.persistence.AccountDataSchema;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Removes the rows other modules keep for deleted accounts (ADR 0010), in every schema a module contributes as an
 * {@link AccountDataSchema}: every table of it with an {@code account_id} column. After a deletion committed, each
 * module's rows of the account go, then a sweep removes its rows of any other account that no longer exists (an
 * after-commit event is lost when the node stops in between, and rows can arrive for an account while it is
 * deleted). The sweep also runs at start-up. Each module is cleaned in a transaction of its own, and one module's
 * failure does not keep the others' rows; all of it is idempotent.
 *
 * <p>It lives in accounts because the deletion event and the question "which of these accounts still exist" are
 * accounts'; the kernel, below every module, cannot see them.
 */
@ApplicationScoped
public class AccountDataCleanup {
    private static final Logger LOG = Logger.getLogger(AccountDataCleanup.class.getName());

    @Inject
    Instance<AccountDataSchema> contributed;
    @Inject
    AccountDirectory accounts;
    @Inject
    AccountDataCleanup self;
    @Resource(lookup = FanmailExecutors.BACKGROUND)
    ManagedExecutorService executor;

    void accountChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountChanged event) {
        if (event.kind() == AccountChanged.Kind.DELETED) {
            executor.execute(() -> deleted(event.accountId()));
        }
    }

    void started(@Observes @Priority(500) Startup startup) {
        executor.execute(this::sweepAll);
    }

    /** Each module forgets the account, then sweeps. */
    void deleted(UUID accountId) {
        for (AccountDataSchema module : schemas()) {
            run(module, () -> {
                self.forget(module, accountId);
                self.sweep(module);
            });
        }
    }

    /** Each module sweeps the rows of accounts that no longer exist. */
    void sweepAll() {
        for (AccountDataSchema module : schemas()) {
            run(module, () -> self.sweep(module));
        }
    }

    /** The contributed schemas, in name order. */
    List<AccountDataSchema> schemas() {
        return contributed.stream().sorted(Comparator.comparing(AccountDataSchema::schema)).toList();
    }

    /** Removes the account's rows in the module's schema; returns how many. */
    @Transactional
    public int forget(AccountDataSchema module, UUID accountId) {
        return AccountData.forget(module.entityManager(), module.schema(), accountId);
    }

    /** Removes the module's rows of every account that no longer exists; returns how many accounts that were. */
    @Transactional
    public int sweep(AccountDataSchema module) {
        Set<UUID> gone = AccountData.sweep(module.entityManager(), module.schema(), accounts::existing);
        if (!gone.isEmpty()) {
            LOG.info(() -> "Removed the " + module.schema() + " data of " + gone.size() + " deleted account(s)");
        }
        return gone.size();
    }

    private static void run(AccountDataSchema module, Runnable cleanup) {
        try {
            cleanup.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not remove the " + module.schema()
                    + " data of deleted accounts; the next deletion or start-up sweeps again", e);
        }
    }
}
