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
import app.fanmail.kernel.crypto.SecretCipher;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatException.Kind;
import app.fanmail.wechat.domain.AccessTokenRow;
import app.fanmail.wechat.domain.ErrorCodes;
import app.fanmail.wechat.infrastructure.WeChatClients;
import app.fanmail.wechat.infrastructure.WeChatRestClients.TokenApi;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Access tokens, shared by every node through PostgreSQL. A token is refreshed ahead of expiry by
 * exactly one caller: callers in this JVM queue on a per-account lock, and across nodes the
 * refresh happens while holding the account's row lock, so whoever comes next finds the fresh
 * token. stable_token (normal mode) by default; the classic token API by configuration. A refused
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
    WeChatClients clients;
    @Inject
    SecretCipher cipher;
    @Inject
    Clock clock;
    @Inject
    TokenService self;
    @Resource
    ManagedExecutorService executor;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.token-mode", defaultValue = "stable")
    String mode;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.token-refresh-margin", defaultValue = "PT5M")
    Duration margin;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.credential-error-backoff", defaultValue = "PT5M")
    Duration backoff;

    /** A token and when it expires. */
    public record Cached(String token, Instant expiresAt) {
    }

    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();
    private final Map<UUID, Object> locks = new ConcurrentHashMap<>();

    /** A token valid for at least the refresh margin. */
    public String token(UUID accountId) {
        Cached cached = cache.get(accountId);
        if (cached != null && cached.expiresAt().minus(margin).isAfter(clock.instant())) {
            return cached.token();
        }
        return refreshed(accountId, null);
    }

    /** WeChat refused {@code rejected}: get a different one (forcing a refresh if it is still the current one). */
    public String replaceRejected(UUID accountId, String rejected) {
        cache.remove(accountId);
        return refreshed(accountId, rejected);
    }

    private String refreshed(UUID accountId, String rejected) {
        synchronized (locks.computeIfAbsent(accountId, k -> new Object())) {
            Cached cached = cache.get(accountId);
            if (cached != null && !cached.token().equals(rejected) && cached.expiresAt().minus(margin).isAfter(clock.instant())) {
                return cached.token();
            }
            Cached fresh = self.refreshLocked(accountId, rejected);
            cache.put(accountId, fresh);
            return fresh.token();
        }
    }

    /** Under the account's row lock: use the stored token if someone refreshed already, else fetch one. */
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, dontRollbackOn = WeChatException.class)
    public Cached refreshLocked(UUID accountId, String rejected) {
        em.createNativeQuery("insert into wechat.access_token (account_id) values (?1) on conflict do nothing")
                .setParameter(1, accountId).executeUpdate();
        AccessTokenRow row = em.find(AccessTokenRow.class, accountId, LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        if (row.usable(now, margin)) {
            String stored = cipher.decrypt(row.tokenEncrypted(), CONTEXT + accountId);
            if (!stored.equals(rejected)) {
                return new Cached(stored, row.expiresAt());
            }
        }
        if (row.backingOff(now)) {
            throw new WeChatException(Kind.CREDENTIALS_INVALID, row.lastErrorCode() == null ? 0 : row.lastErrorCode(),
                    "Token refresh suspended until " + row.retryAfter() + " after: " + row.lastError(), null);
        }
        AccountCredentials credentials = accounts.credentials(accountId)
                .orElseThrow(() -> new WeChatException(Kind.OTHER, 0, "No such account", null));
        JsonObject answer;
        try {
            TokenApi api = clients.client(credentials.apiBaseUrl(), TokenApi.class);
            answer = "classic".equals(mode)
                    ? api.token("client_credential", credentials.appId(), credentials.appSecret())
                    : api.stableToken(Json.createObjectBuilder().add("grant_type", "client_credential")
                    .add("appid", credentials.appId()).add("secret", credentials.appSecret())
                    .add("force_refresh", rejected != null).build());
        } catch (ProcessingException | WebApplicationException e) {
            throw new WeChatException(Kind.TRANSIENT, -1, "Token endpoint unreachable: " + e.getMessage(), null, e);
        }
        int errcode = answer.getInt("errcode", 0);
        if (errcode != 0 || !answer.containsKey("access_token")) {
            WeChatException failure = ErrorCodes.failure(errcode, answer.getString("errmsg", ""));
            if (failure.kind() == Kind.CREDENTIALS_INVALID || errcode == 40001 || failure.kind() == Kind.PERMISSION) {
                // 40001 from the token endpoint itself means the AppSecret is wrong
                row.failed(errcode, failure.errmsg(), now, backoff);
                throw new WeChatException(Kind.CREDENTIALS_INVALID, errcode, failure.errmsg(), null);
            }
            throw failure;
        }
        String token = answer.getString("access_token");
        Duration lifetime = Duration.ofSeconds(answer.getJsonNumber("expires_in").longValue());
        row.refreshed(cipher.encrypt(token, CONTEXT + accountId), now, lifetime);
        return new Cached(token, now.plus(lifetime));
    }

    /** The account's token state, for showing connection errors. */
    @Transactional
    public Optional<AccessTokenRow> status(UUID accountId) {
        return Optional.ofNullable(em.find(AccessTokenRow.class, accountId));
    }

    /** An account's secrets or API server changed: drop its token and any back-off, after commit. */
    void accountChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountChanged changed) {
        cache.remove(changed.accountId());
        executor.execute(() -> self.reset(changed.accountId()));
    }

    @Transactional
    public void reset(UUID accountId) {
        em.createNativeQuery("delete from wechat.access_token where account_id = ?1").setParameter(1, accountId).executeUpdate();
        cache.remove(accountId);
    }
}
