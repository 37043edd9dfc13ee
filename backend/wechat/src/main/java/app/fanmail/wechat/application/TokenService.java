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
import app.fanmail.accounts.api.AccountsStale;
import app.fanmail.kernel.crypto.SecretCipher;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatException.Kind;
import app.fanmail.wechat.domain.AccessTokenRow;
import app.fanmail.wechat.domain.ErrorCodes;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Access tokens, shared by every node through PostgreSQL. A token is refreshed ahead of expiry by
 * exactly one caller: callers in this JVM queue on a per-account lock, and across nodes a short lease
 * on the account's row (taken and released in short transactions) lets one node call WeChat, with no
 * transaction open and no pooled connection held during the call, while the others wait for the stored
 * token. The call itself goes through the {@link TokenEndpoint} port. A node re-reads the row when an account changes on
 * any node ({@link AccountsStale}) and at least every {@code fanmail.wechat.token-cache-ttl} (default 30 s). A refused
 * AppSecret is stored as the account's error with a back-off: no storm of token calls.
 */
@ApplicationScoped
public class TokenService {
    private static final String CONTEXT = "wechat-token:";

    @PersistenceContext(unitName = "wechat")
    EntityManager em;
    @Inject
    AccountDirectory accounts;
    @Inject
    TokenEndpoint endpoint;
    @Inject
    SecretCipher cipher;
    @Inject
    Clock clock;
    @Inject
    TokenService self;
    @Resource(lookup = app.fanmail.kernel.concurrent.FanmailExecutors.BACKGROUND)
    ManagedExecutorService executor;
    @Inject
    AccountEndpoints endpoints;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.token-refresh-margin", defaultValue = "PT5M")
    Duration margin;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.credential-error-backoff", defaultValue = "PT5M")
    Duration backoff;

    /** A token and when it expires. */
    public record Cached(String token, Instant expiresAt) {
    }

    private record Held(Cached cached, Instant at) {
    }

    @Inject
    @ConfigProperty(name = "fanmail.wechat.token-cache-ttl", defaultValue = "PT30S")
    Duration cacheTtl;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.token-refresh-lease", defaultValue = "PT30S")
    Duration leaseDuration;

    private final Map<UUID, Held> cache = new ConcurrentHashMap<>();
    private final Map<UUID, Object> locks = new ConcurrentHashMap<>();

    /** A token valid for at least the refresh margin. */
    public String token(UUID accountId) {
        Cached cached = fromCache(accountId, null);
        if (cached != null) {
            return cached.token();
        }
        return refreshed(accountId, null);
    }

    /** The cached token when it is fresh (no database, no waiting); empty when {@link #token} would have to refresh. */
    public Optional<String> cachedToken(UUID accountId) {
        return Optional.ofNullable(fromCache(accountId, null)).map(Cached::token);
    }

    /** The token without blocking the caller: the cached one at once, else refreshed on Fanmail's background executor. */
    public java.util.concurrent.CompletableFuture<String> tokenAsync(UUID accountId) {
        Optional<String> cached = cachedToken(accountId);
        return cached.isPresent() ? java.util.concurrent.CompletableFuture.completedFuture(cached.get())
                : java.util.concurrent.CompletableFuture.supplyAsync(() -> token(accountId), executor);
    }

    /** {@link #replaceRejected} on Fanmail's background executor. */
    public java.util.concurrent.CompletableFuture<String> replaceRejectedAsync(UUID accountId, String rejected) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> replaceRejected(accountId, rejected), executor);
    }

    /** WeChat refused {@code rejected}: get a different one (forcing a refresh if it is still the current one). */
    public String replaceRejected(UUID accountId, String rejected) {
        cache.remove(accountId);
        return refreshed(accountId, rejected);
    }

    /** The cached token if it is fresh, not the rejected one, and was checked against PostgreSQL within the cache TTL. */
    private Cached fromCache(UUID accountId, String rejected) {
        Held held = cache.get(accountId);
        Instant now = clock.instant();
        if (held == null || !held.at().plus(cacheTtl).isAfter(now) || held.cached().token().equals(rejected)
                || !held.cached().expiresAt().minus(margin).isAfter(now)) {
            return null;
        }
        return held.cached();
    }

    private String refreshed(UUID accountId, String rejected) {
        // single flight in this JVM: one caller per account talks to PostgreSQL/WeChat, the others wait for its result
        synchronized (locks.computeIfAbsent(accountId, k -> new Object())) {
            Cached cached = fromCache(accountId, rejected);
            if (cached != null) {
                return cached.token();
            }
            Cached fresh = current(accountId, rejected);
            cache.put(accountId, new Held(fresh, clock.instant()));
            return fresh.token();
        }
    }

    /**
     * The stored token, or a new one. Across nodes, single flight is a short lease on the account's row: the node
     * that claims it calls WeChat with no transaction open and no connection held, then stores the token; the
     * others poll the row until the token is there or the lease has expired.
     */
    private Cached current(UUID accountId, String rejected) {
        long deadline = System.nanoTime() + 2 * leaseDuration.toNanos();
        while (true) {
            Claim claim = self.claim(accountId, rejected);
            if (claim.token() != null) {
                return claim.token();
            }
            if (claim.lease() != null) {
                return fetchAndStore(accountId, rejected, claim.lease());
            }
            if (System.nanoTime() > deadline) {
                throw new WeChatException(Kind.TRANSIENT, -1, "Another node is refreshing the access token; try again", null);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WeChatException(Kind.TRANSIENT, -1, "Interrupted while waiting for the access token", null, e);
            }
        }
    }

    /** The outcome of looking at the account's row: a usable token, the lease to fetch one, or neither (wait). */
    public record Claim(Cached token, UUID lease) {
    }

    /** Short transaction: use the stored token if someone refreshed already, else take the refresh lease if free. */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, dontRollbackOn = WeChatException.class)
    public Claim claim(UUID accountId, String rejected) {
        em.createNativeQuery("insert into wechat.access_token (account_id) values (?1) on conflict do nothing")
                .setParameter(1, accountId).executeUpdate();
        AccessTokenRow row = em.find(AccessTokenRow.class, accountId, LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        if (row.usable(now, margin)) {
            String stored = cipher.decrypt(row.tokenEncrypted(), CONTEXT + accountId);
            if (!stored.equals(rejected)) {
                return new Claim(new Cached(stored, row.expiresAt()), null);
            }
        }
        if (row.backingOff(now)) {
            throw new WeChatException(Kind.CREDENTIALS_INVALID, row.lastErrorCode() == null ? 0 : row.lastErrorCode(),
                    "Token refresh suspended until " + row.retryAfter() + " after: " + row.lastError(), null);
        }
        if (row.leased(now)) {
            return new Claim(null, null);
        }
        UUID lease = UUID.randomUUID();
        row.lease(lease, now.plus(leaseDuration));
        return new Claim(null, lease);
    }

    private Cached fetchAndStore(UUID accountId, String rejected, UUID lease) {
        TokenEndpoint.Answer answer;
        try {
            AccountCredentials credentials = endpoints.endpoint(accountId).credentials(); // cached, host checked
            answer = endpoint.fetch(credentials, rejected != null); // no transaction is open here
        } catch (RuntimeException e) {
            self.release(accountId, lease);
            throw e;
        }
        return self.store(accountId, lease, answer);
    }

    /** Short transaction: gives the lease back after a failed call. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(UUID accountId, UUID lease) {
        AccessTokenRow row = em.find(AccessTokenRow.class, accountId, LockModeType.PESSIMISTIC_WRITE);
        if (row != null) {
            row.release(lease);
        }
    }

    /** Short transaction: stores WeChat's answer (token, or credential error with back-off) and ends the lease. */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, dontRollbackOn = WeChatException.class)
    public Cached store(UUID accountId, UUID lease, TokenEndpoint.Answer answer) {
        AccessTokenRow row = em.find(AccessTokenRow.class, accountId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) { // the account changed meanwhile and its row was reset
            throw new WeChatException(Kind.TRANSIENT, -1, "The account changed during the token refresh; try again", null);
        }
        Instant now = clock.instant();
        if (!answer.granted()) {
            int errcode = answer.errcode();
            row.release(lease);
            WeChatException failure = ErrorCodes.failure(errcode, answer.errmsg());
            if (failure.kind() == Kind.CREDENTIALS_INVALID || errcode == 40001 || failure.kind() == Kind.PERMISSION) {
                // 40001 from the token endpoint itself means the AppSecret is wrong
                row.failed(errcode, failure.errmsg(), now, backoff);
                throw new WeChatException(Kind.CREDENTIALS_INVALID, errcode, failure.errmsg(), null);
            }
            throw failure;
        }
        row.refreshed(cipher.encrypt(answer.token(), CONTEXT + accountId), now, answer.lifetime());
        return new Cached(answer.token(), now.plus(answer.lifetime()));
    }

    /** The account's token state, for showing connection errors. */
    @Transactional
    public Optional<AccessTokenRow> status(UUID accountId) {
        return Optional.ofNullable(em.find(AccessTokenRow.class, accountId));
    }

    /** An account's secrets or API server changed: drop its token and any back-off, after commit. */
    void accountChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountChanged changed) {
        cache.remove(changed.accountId());
        if (changed.kind() == AccountChanged.Kind.CREATED) {
            return; // nothing to reset yet; a late asynchronous reset would delete the first token and its count
        }
        executor.execute(() -> self.reset(changed.accountId()));
    }

    /**
     * An account changed on some node, or changes may have been missed (ADR 0012): re-read the token row (the node
     * that made the change resets it).
     */
    void accountsStale(@Observes AccountsStale stale) {
        if (stale.everyAccountStale()) {
            cache.clear();
        } else {
            cache.remove(stale.accountId());
        }
    }

    @Transactional
    public void reset(UUID accountId) {
        em.createNativeQuery("delete from wechat.access_token where account_id = ?1").setParameter(1, accountId).executeUpdate();
        cache.remove(accountId);
    }
}
