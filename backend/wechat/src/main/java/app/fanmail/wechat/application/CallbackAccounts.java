package app.fanmail.wechat.application;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import app.fanmail.accounts.api.AccountChanged;
import app.fanmail.accounts.api.AccountCredentials;
import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.accounts.api.AccountView;
import app.fanmail.wechat.domain.CallbackVerifier.Keys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * The keys to verify pushes with, by AppID, cached: decrypting secrets on every push would cost
 * more than the push itself. Dropped when the account changes.
 */
@ApplicationScoped
public class CallbackAccounts {
    public record Entry(UUID accountId, String originalId, Keys keys) {
    }

    @Inject
    AccountDirectory accounts;

    private final Map<String, Optional<Entry>> byAppId = new ConcurrentHashMap<>();

    public Optional<Entry> find(String appId) {
        if (appId == null || appId.length() > 32) {
            return Optional.empty();
        }
        String key = appId.toLowerCase();
        Optional<Entry> cached = byAppId.get(key);
        if (cached != null) {
            return cached;
        }
        Optional<Entry> loaded = load(key);
        loaded.ifPresent(e -> byAppId.put(key, loaded)); // unknown AppIDs are not cached: no memory to fill with junk
        return loaded;
    }

    private Optional<Entry> load(String appId) {
        Optional<AccountView> view = accounts.findByAppId(appId);
        if (view.isEmpty()) {
            return Optional.empty();
        }
        AccountCredentials c = accounts.credentials(view.get().id()).orElseThrow();
        return Optional.of(new Entry(c.accountId(), view.get().originalId(),
                new Keys(c.appId(), c.token(), c.encodingAesKey(), c.encryptionMode())));
    }

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) AccountChanged changed) {
        byAppId.clear();
    }
}
