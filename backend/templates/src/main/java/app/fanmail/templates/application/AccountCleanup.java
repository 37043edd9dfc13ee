package app.fanmail.templates.application;

import java.util.logging.Level;
import java.util.logging.Logger;

import app.fanmail.accounts.api.AccountChanged;
import app.fanmail.templates.infrastructure.TemplateStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * When an account is deleted, its template data goes with it: the synced library mirrors WeChat
 * and the presets and setup history belong to the account. Runs after the deletion committed.
 */
@ApplicationScoped
public class AccountCleanup {
    private static final Logger LOG = Logger.getLogger(AccountCleanup.class.getName());

    @Inject
    TemplateStore store;
    @Inject
    AccountCleanup self;
    @Resource(lookup = app.fanmail.kernel.concurrent.FanmailExecutors.BACKGROUND)
    ManagedExecutorService executor;

    void accountChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountChanged event) {
        if (event.kind() == AccountChanged.Kind.DELETED) {
            executor.execute(() -> {
                try {
                    self.forget(event.accountId());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not remove the template data of deleted account " + event.accountId(), e);
                }
            });
        }
    }

    @Transactional
    public void forget(java.util.UUID accountId) {
        store.forgetAccount(accountId);
    }
}
