package app.fanmail.accounts.application;

import java.util.UUID;

import app.fanmail.accounts.api.AccountsStale;
import app.fanmail.kernel.cluster.ClusterChange;
import app.fanmail.kernel.cluster.ClusterChangesMissed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Turns the kernel's cluster notifications about accounts ({@link AccountService} announces each change in its
 * transaction) into {@link AccountsStale} events for the modules that cache account data, on every node.
 */
@ApplicationScoped
public class AccountChangeRelay {
    /** The topic of account changes on the kernel's cluster channel; the key is the account id. */
    public static final String TOPIC = "account";

    @Inject
    Event<AccountsStale> stale;

    void changed(@Observes ClusterChange change) {
        if (!TOPIC.equals(change.topic())) {
            return;
        }
        UUID id;
        try {
            id = UUID.fromString(change.key());
        } catch (IllegalArgumentException e) {
            stale.fire(AccountsStale.everyAccount()); // not ours to judge: be safe
            return;
        }
        stale.fire(new AccountsStale(id));
    }

    void missed(@Observes ClusterChangesMissed missed) {
        stale.fire(AccountsStale.everyAccount());
    }
}
