package app.fanmail.accounts.graphql;

import java.util.concurrent.Flow;

import app.fanmail.accounts.api.AccountChanged;
import app.fanmail.accounts.application.AccountService;
import app.fanmail.accounts.graphql.AccountTypes.Account;
import app.fanmail.accounts.graphql.AccountTypes.AccountChange;
import app.fanmail.accounts.graphql.AccountTypes.ChangeKind;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/** Turns committed account changes into the live {@code accountChanged} stream. */
@ApplicationScoped
public class AccountChangeFeed {
    @Inject
    AccountService accounts;
    @Resource
    ManagedExecutorService executor;

    private final Flow.Processor<AccountChange, AccountChange> processor = BroadcastProcessor.<AccountChange>create().serialized();

    Multi<AccountChange> changes() {
        return Multi.createFrom().publisher(processor);
    }

    /** After commit, off the committing thread: reading the account needs a transaction of its own. */
    void publish(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountChanged event) {
        executor.execute(() -> emit(event));
    }

    private void emit(AccountChanged event) {
        Account now = event.kind() == AccountChanged.Kind.DELETED ? null
                : accounts.find(event.accountId()).map(Account::of).orElse(null);
        processor.onNext(new AccountChange(ChangeKind.valueOf(event.kind().name()), event.accountId().toString(), now));
    }
}
