package app.fanmail.wechat.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import app.fanmail.accounts.api.AccountChanged;
import app.fanmail.accounts.api.AccountCredentials;
import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.accounts.api.AccountView;
import app.fanmail.accounts.api.AccountsStale;
import app.fanmail.accounts.api.ApiHostPolicy;
import app.fanmail.accounts.api.EncryptionMode;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatException.Kind;

/** The account cache: no directory read per call; host re-checked on every rebuild; dropped on change and after the TTL. */
class AccountEndpointsTest {
    private static final UUID ID = UUID.randomUUID();

    private Instant now = Instant.ofEpochSecond(1_800_000_000L);
    private String baseUrl = "https://api.weixin.qq.com";
    private ApiHostPolicy.Outcome outcome = ApiHostPolicy.Outcome.ALLOWED;
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger checks = new AtomicInteger();

    private AccountEndpoints endpoints() {
        AccountEndpoints e = new AccountEndpoints();
        e.ttl = Duration.ofSeconds(30);
        e.clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        e.accounts = new AccountDirectory() {
            @Override
            public Optional<AccountView> find(UUID accountId) {
                return Optional.empty();
            }

            @Override
            public Optional<AccountView> findByAppId(String appId) {
                return Optional.empty();
            }

            @Override
            public List<AccountView> all() {
                return List.of();
            }

            @Override
            public Optional<AccountCredentials> credentials(UUID accountId) {
                reads.incrementAndGet();
                return accountId.equals(ID)
                        ? Optional.of(new AccountCredentials(ID, "wx1", "secret", "t", null, EncryptionMode.PLAIN, baseUrl))
                        : Optional.empty();
            }
        };
        e.hosts = new ApiHostPolicy() {
            @Override
            public Verdict check(String url, boolean strict) {
                checks.incrementAndGet();
                return new Verdict(outcome, "api.weixin.qq.com:443");
            }

            @Override
            public boolean sandboxEnabled() {
                return false;
            }
        };
        return e;
    }

    @Test
    void servesFromMemoryUntilTheTtlThenReloadsAndRechecksTheHost() {
        AccountEndpoints e = endpoints();
        assertThat(e.endpoint(ID).baseUrl()).isEqualTo("https://api.weixin.qq.com");
        e.endpoint(ID);
        e.endpoint(ID);
        assertThat(reads).hasValue(1);
        assertThat(checks).hasValue(1);
        baseUrl = "https://proxy.example/";
        now = now.plusSeconds(31);
        assertThat(e.endpoint(ID).baseUrl()).isEqualTo("https://proxy.example");
        assertThat(reads).hasValue(2);
        assertThat(checks).hasValue(2);
    }

    @Test
    void anAccountChangeDropsTheEntryAtOnce() {
        AccountEndpoints e = endpoints();
        e.endpoint(ID);
        baseUrl = "https://other.example";
        e.accountChanged(new AccountChanged(AccountChanged.Kind.UPDATED, ID));
        assertThat(e.endpoint(ID).baseUrl()).isEqualTo("https://other.example");
        assertThat(reads).hasValue(2);
    }

    @Test
    void twoNodesBothDropTheEntryWhenTheAccountChangesOnOne() {
        AccountEndpoints changing = endpoints(); // the node where an admin saves the account
        AccountEndpoints other = endpoints(); // another node: it hears of the change only through the cluster channel
        changing.endpoint(ID);
        other.endpoint(ID);
        baseUrl = "https://other.example";
        changing.accountChanged(new AccountChanged(AccountChanged.Kind.UPDATED, ID));
        // every node receives the committed change's notification (the changing one too), well within the TTL
        changing.accountsStale(new AccountsStale(ID));
        other.accountsStale(new AccountsStale(ID));
        assertThat(changing.endpoint(ID).baseUrl()).isEqualTo("https://other.example");
        assertThat(other.endpoint(ID).baseUrl()).isEqualTo("https://other.example");
    }

    @Test
    void missedNotificationsDropEveryEntry() {
        AccountEndpoints e = endpoints();
        e.endpoint(ID);
        baseUrl = "https://other.example";
        e.accountsStale(new AccountsStale(UUID.randomUUID())); // someone else's change: this entry stays
        assertThat(e.endpoint(ID).baseUrl()).isEqualTo("https://api.weixin.qq.com");
        e.accountsStale(AccountsStale.everyAccount()); // the listener reconnected: anything may have changed
        assertThat(e.endpoint(ID).baseUrl()).isEqualTo("https://other.example");
        assertThat(reads).hasValue(2);
    }

    @Test
    void aRefusedHostIsRefusedWithoutSendingAndCheckedAgainOnTheNextCall() {
        outcome = ApiHostPolicy.Outcome.HOST_NOT_ALLOWED;
        AccountEndpoints e = endpoints();
        assertThatThrownBy(() -> e.endpoint(ID)).isInstanceOfSatisfying(WeChatException.class, x -> {
            assertThat(x.kind()).isEqualTo(Kind.PERMISSION);
            assertThat(x.mayHaveBeenProcessed()).isFalse();
        });
        assertThatThrownBy(() -> e.endpoint(ID)).isInstanceOf(WeChatException.class);
        assertThat(checks).hasValue(2);
        outcome = ApiHostPolicy.Outcome.ALLOWED; // e.g. the row was corrected behind Fanmail's back
        assertThat(e.endpoint(ID)).isNotNull();
        assertThat(checks).hasValue(3);
    }

    @Test
    void anUnresolvableHostIsNotRemembered() {
        outcome = ApiHostPolicy.Outcome.DNS_FAILURE;
        AccountEndpoints e = endpoints();
        assertThatThrownBy(() -> e.endpoint(ID)).isInstanceOfSatisfying(WeChatException.class,
                x -> assertThat(x.kind()).isEqualTo(Kind.TRANSIENT));
        outcome = ApiHostPolicy.Outcome.ALLOWED;
        assertThat(e.endpoint(ID)).isNotNull();
        assertThat(checks).hasValue(2);
    }

    @Test
    void unknownAccountsFail() {
        assertThatThrownBy(() -> endpoints().endpoint(UUID.randomUUID())).isInstanceOfSatisfying(WeChatException.class,
                x -> assertThat(x.kind()).isEqualTo(Kind.OTHER));
    }
}
