package app.fanmail.wechat.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import app.fanmail.accounts.api.AccountChanged;
import app.fanmail.accounts.api.AccountCredentials;
import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.accounts.api.AccountStatus;
import app.fanmail.accounts.api.AccountView;
import app.fanmail.accounts.api.AccountsStale;
import app.fanmail.wechat.domain.CallbackVerifier.Keys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The keys to verify pushes with, by AppID, cached: decrypting secrets on every push would cost
 * more than the push itself. Only ACTIVE accounts accept pushes. The cache is dropped when an account changes: at
 * once on the node where the change was made, and on every node when PostgreSQL delivers the change's notification
 * ({@link AccountsStale}, ADR 0012). An entry lives at most {@code fanmail.wechat.callback-cache-ttl} (default 30 s)
 * as a backstop.
 */
@ApplicationScoped
public class CallbackAccounts {
    public record Entry(UUID accountId, String originalId, Keys keys) {
    }

    private record Cached(Optional<Entry> entry, Instant loadedAt) {
    }

    @Inject
    AccountDirectory accounts;
    @Inject
    Clock clock;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.callback-cache-ttl", defaultValue = "PT30S")
    Duration ttl;

    private final Map<String, Cached> byAppId = new ConcurrentHashMap<>();
    /** Bumped on every change: a load that overlapped a change is not kept. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    /** The active account with this AppID; empty for unknown and disabled accounts alike. */
    public Optional<Entry> find(String appId) {
        if (appId == null || appId.length() > 32) {
            return Optional.empty();
        }
        String key = appId.toLowerCase();
        Instant now = clock.instant();
        Cached cached = byAppId.get(key);
        if (cached != null && cached.loadedAt().plus(ttl).isAfter(now)) {
            return cached.entry();
        }
        long before = generation.get();
        Optional<Entry> loaded = load(key);
        if (loaded.isPresent() && generation.get() == before) { // a load that overlapped a change is used once, not kept
            byAppId.put(key, new Cached(loaded, now));
        } else {
            byAppId.remove(key); // unknown AppIDs are not cached: no memory to fill with junk
        }
        return loaded;
    }

    private Optional<Entry> load(String appId) {
        Optional<AccountView> view = accounts.findByAppId(appId);
        if (view.isEmpty() || view.get().status() != AccountStatus.ACTIVE) {
            return Optional.empty();
        }
        Optional<AccountCredentials> credentials = accounts.credentials(view.get().id());
        if (credentials.isEmpty()) {
            return Optional.empty();
        }
        AccountCredentials c = credentials.get();
        return Optional.of(new Entry(c.accountId(), view.get().originalId(),
                new Keys(c.appId(), c.token(), c.encodingAesKey(), c.encryptionMode())));
    }

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) AccountChanged changed) {
        generation.incrementAndGet();
        byAppId.clear();
    }

    /** An account changed on some node, or changes may have been missed (ADR 0012): entries are by AppID, so all go. */
    void forget(@Observes AccountsStale stale) {
        generation.incrementAndGet();
        byAppId.clear();
    }
}
