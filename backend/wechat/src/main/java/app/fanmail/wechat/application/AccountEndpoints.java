package app.fanmail.wechat.application;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import app.fanmail.accounts.api.AccountChanged;
import app.fanmail.accounts.api.AccountCredentials;
import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.accounts.api.AccountsStale;
import app.fanmail.accounts.api.ApiHostPolicy;
import app.fanmail.accounts.api.ApiHostPolicy.Verdict;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatException.Kind;
import app.fanmail.wechat.domain.ErrorCodes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Each account's API base URL and credentials, in memory: a WeChat call costs no database round trip and no
 * decryption. The allowed-host check ({@link ApiHostPolicy}, strict: the name must resolve to an allowed address) runs
 * when an entry is built, so at least every {@code fanmail.wechat.account-cache-ttl} (default 30 s) per account. Only
 * allowed endpoints are kept: a refused or unresolvable host is checked again on the next call (those calls fail before
 * sending anything, so they are no hot path), and a cached entry only ever sends to the base URL that was checked. An
 * entry is dropped on this node as soon as its account changes (after the transaction), and on every node when
 * PostgreSQL delivers the change's notification ({@link AccountsStale}, ADR 0012), like {@link CallbackAccounts} and
 * {@link TokenService}; the TTL is the backstop.
 */
@ApplicationScoped
public class AccountEndpoints {
    /** Where and as whom to call WeChat for one account. */
    public record Endpoint(UUID accountId, String baseUrl, URI base, AccountCredentials credentials) {
    }

    private record Cached(Endpoint endpoint, Instant loadedAt) {
    }

    @Inject
    AccountDirectory accounts;
    @Inject
    ApiHostPolicy hosts;
    @Inject
    Clock clock;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.account-cache-ttl", defaultValue = "PT30S")
    Duration ttl;

    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();
    /** Bumped on every change: a load that overlapped a change is used once but not kept. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    /** The account's endpoint; a WeChatException when there is no such account or its host is not allowed. */
    public Endpoint endpoint(UUID accountId) {
        Instant now = clock.instant();
        Cached cached = cache.get(accountId);
        if (cached == null || !cached.loadedAt().plus(ttl).isAfter(now)) {
            cached = load(accountId, now);
        }
        return cached.endpoint();
    }

    private Cached load(UUID accountId, Instant now) {
        long before = generation.get();
        AccountCredentials credentials = accounts.credentials(accountId)
                .orElseThrow(() -> new WeChatException(Kind.OTHER, 0, "No such account", null));
        String baseUrl = stripSlash(credentials.apiBaseUrl());
        Verdict verdict = hosts.check(baseUrl, true);
        if (!verdict.allowed()) {
            cache.remove(accountId);
            throw ErrorCodes.refusedHost(verdict);
        }
        Cached cached = new Cached(new Endpoint(accountId, baseUrl, URI.create(baseUrl), credentials), now);
        if (generation.get() == before) {
            cache.put(accountId, cached);
        }
        return cached;
    }

    private static String stripSlash(String url) {
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Drops the account's entry on this node once the change is committed (or rolled back: re-reading is harmless). */
    void accountChanged(@Observes(during = TransactionPhase.AFTER_COMPLETION) AccountChanged changed) {
        generation.incrementAndGet();
        cache.remove(changed.accountId());
    }

    /** An account changed on some node (or changes may have been missed): drop its entry, or every entry. */
    void accountsStale(@Observes AccountsStale stale) {
        generation.incrementAndGet();
        if (stale.everyAccountStale()) {
            cache.clear();
        } else {
            cache.remove(stale.accountId());
        }
    }
}
