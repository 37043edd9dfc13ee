package app.fanmail.wechat.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.fanmail.accounts.api.AccountChanged;
import app.fanmail.accounts.api.AccountsStale;
import app.fanmail.accounts.api.AccountCredentials;
import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.accounts.api.AccountStatus;
import app.fanmail.accounts.api.AccountView;

class CallbackAccountsTest {
    private static final UUID ID = UUID.randomUUID();

    private Instant now = Instant.ofEpochSecond(1_800_000_000L);
    private String token = "token-1";
    private AccountStatus status = AccountStatus.ACTIVE;

    private final AccountDirectory directory = new AccountDirectory() {
        @Override
        public Optional<AccountView> find(UUID accountId) {
            return findByAppId("wx1");
        }

        @Override
        public Optional<AccountView> findByAppId(String appId) {
            return appId.equals("wx1") ? Optional.of(new AccountView(ID, "A", "gh_1", "wx1", null, false, null, null, null, status, null,
                    true, true, false, now, now)) : Optional.empty();
        }

        @Override
        public List<AccountView> all() {
            return List.of();
        }

        @Override
        public Optional<AccountCredentials> credentials(UUID accountId) {
            return Optional.of(currentCredentials());
        }
    };

    private AccountCredentials currentCredentials() {
        return new AccountCredentials(ID, "wx1", "secret", token, null, app.fanmail.accounts.api.EncryptionMode.PLAIN, "https://api.weixin.qq.com");
    }

    private CallbackAccounts accounts() {
        CallbackAccounts a = new CallbackAccounts();
        a.accounts = directory;
        a.ttl = Duration.ofSeconds(30);
        a.clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        return a;
    }

    @Test
    void aTokenRotatedOnAnotherNodeIsFollowedWithinTheTtl() {
        CallbackAccounts accounts = accounts();
        assertThat(accounts.find("wx1").orElseThrow().keys().token()).isEqualTo("token-1");
        token = "token-2"; // changed on another node: no AccountChanged event here
        now = now.plusSeconds(29);
        assertThat(accounts.find("wx1").orElseThrow().keys().token()).as("cached within the TTL").isEqualTo("token-1");
        now = now.plusSeconds(2);
        assertThat(accounts.find("wx1").orElseThrow().keys().token()).as("reloaded after the TTL").isEqualTo("token-2");
    }

    @Test
    void aTokenRotatedOnAnotherNodeIsFollowedWhenItsNotificationArrives() {
        CallbackAccounts thisNode = accounts();
        assertThat(thisNode.find("wx1").orElseThrow().keys().token()).isEqualTo("token-1");
        token = "token-2"; // committed on another node; PostgreSQL delivers its NOTIFY here as AccountsStale
        thisNode.forget(new AccountsStale(ID));
        assertThat(thisNode.find("wx1").orElseThrow().keys().token()).isEqualTo("token-2");
    }

    @Test
    void aChangeOnThisNodeIsFollowedAtOnce() {
        CallbackAccounts accounts = accounts();
        accounts.find("wx1");
        token = "token-2";
        accounts.forget(new AccountChanged(AccountChanged.Kind.UPDATED, ID));
        assertThat(accounts.find("wx1").orElseThrow().keys().token()).isEqualTo("token-2");
    }

    @Test
    void disabledAccountsAcceptNoPushesLikeUnknownOnes() {
        CallbackAccounts accounts = accounts();
        assertThat(accounts.find("wx1")).isPresent();
        status = AccountStatus.DISABLED;
        accounts.forget(new AccountChanged(AccountChanged.Kind.UPDATED, ID));
        assertThat(accounts.find("wx1")).isEmpty();
        assertThat(accounts.find("wx2")).isEmpty();
    }
}
