package app.fanmail.accounts.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import app.fanmail.accounts.api.AccountsStale;
import app.fanmail.kernel.cluster.ClusterChange;
import app.fanmail.kernel.cluster.ClusterChangesMissed;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;

/** What the cluster channel says about accounts, in the caches' terms. */
class AccountChangeRelayTest {
    private final List<AccountsStale> fired = new ArrayList<>();

    private AccountChangeRelay relay() {
        AccountChangeRelay relay = new AccountChangeRelay();
        relay.stale = new Event<>() {
            @Override
            public void fire(AccountsStale event) {
                fired.add(event);
            }

            @Override
            public <U extends AccountsStale> CompletionStage<U> fireAsync(U event) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <U extends AccountsStale> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Event<AccountsStale> select(Annotation... qualifiers) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <U extends AccountsStale> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <U extends AccountsStale> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
                throw new UnsupportedOperationException();
            }
        };
        return relay;
    }

    @Test
    void anAccountsChangeMakesThatAccountStale() {
        UUID id = UUID.randomUUID();
        AccountChangeRelay relay = relay();
        relay.changed(new ClusterChange(AccountChangeRelay.TOPIC, id.toString()));
        relay.changed(new ClusterChange("template", id.toString())); // another module's topic: not ours
        assertThat(fired).containsExactly(new AccountsStale(id));
        assertThat(fired.get(0).concerns(id)).isTrue();
        assertThat(fired.get(0).concerns(UUID.randomUUID())).isFalse();
    }

    @Test
    void missedNotificationsOrAnUnreadableKeyMakeEveryAccountStale() {
        AccountChangeRelay relay = relay();
        relay.missed(new ClusterChangesMissed());
        relay.changed(new ClusterChange(AccountChangeRelay.TOPIC, "not-a-uuid"));
        assertThat(fired).containsExactly(AccountsStale.everyAccount(), AccountsStale.everyAccount());
        assertThat(fired.get(0).everyAccountStale()).isTrue();
        assertThat(fired.get(0).concerns(UUID.randomUUID())).isTrue();
    }
}
