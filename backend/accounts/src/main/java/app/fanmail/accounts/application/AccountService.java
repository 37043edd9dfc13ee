package app.fanmail.accounts.application;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.accounts.api.AccountChanged;
import app.fanmail.accounts.api.AccountCredentials;
import app.fanmail.accounts.api.AccountDeletionGuard;
import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.accounts.api.AccountRegistration;
import app.fanmail.accounts.api.AccountStatus;
import app.fanmail.accounts.api.AccountView;
import app.fanmail.accounts.api.ApiHostPolicy;
import app.fanmail.accounts.api.ApiHostPolicy.Verdict;
import app.fanmail.accounts.api.ApiTarget;
import app.fanmail.accounts.domain.AccountRules;
import app.fanmail.accounts.domain.AccountRules.AccountProfile;
import app.fanmail.accounts.domain.OfficialAccount;
import app.fanmail.kernel.cluster.ClusterChannel;
import app.fanmail.kernel.crypto.SecretCipher;
import app.fanmail.kernel.graphql.UserError;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

/**
 * Creating, changing and deleting official accounts. Validates everything before writing, so a
 * refused change writes nothing; secrets are encrypted before they reach the entity.
 */
@ApplicationScoped
@Transactional
public class AccountService implements AccountDirectory, AccountRegistration {
    static final String APP_SECRET = "appSecret";
    static final String TOKEN = "token";
    static final String AES_KEY = "encodingAesKey";

    @PersistenceContext(unitName = "accounts")
    EntityManager em;
    @Inject
    SecretCipher cipher;
    @Inject
    Clock clock;
    @Inject
    Endpoints endpoints;
    @Inject
    Event<AccountChanged> changed;
    @Inject
    Instance<AccountDeletionGuard> guards;
    @Inject
    ApiHostPolicy hosts;

    public record NewSecrets(String appSecret, String token, String encodingAesKey) {
    }

    public record AccountPage(List<AccountView> accounts, boolean hasNext, long total) {
    }

    public AccountView create(AccountProfile requested, NewSecrets secrets) {
        AccountProfile profile = withoutDefaultUrl(requested);
        List<UserError> errors = profile.problems();
        AccountRules.checkAppSecret(secrets.appSecret(), errors);
        AccountRules.checkToken(secrets.token(), errors);
        String aesKey = AccountRules.trimToNull(secrets.encodingAesKey());
        if (aesKey != null) {
            AccountRules.checkAesKey(aesKey, errors);
        }
        AccountRules.checkAesKeyPresent(profile.encryptionMode(), aesKey != null, AES_KEY, errors);
        checkDestination(profile, errors);
        if (errors.isEmpty() && appIdTaken(profile.appId(), null)) {
            errors.add(appIdTakenError(profile.appId()));
        }
        if (!errors.isEmpty()) {
            throw new UserErrorsException(errors);
        }
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        OfficialAccount account = new OfficialAccount(id, profile, now);
        account.replaceAppSecret(cipher.encrypt(secrets.appSecret(), OfficialAccount.secretContext(id, APP_SECRET)), now);
        account.replaceToken(cipher.encrypt(secrets.token(), OfficialAccount.secretContext(id, TOKEN)), now);
        if (aesKey != null) {
            account.replaceEncodingAesKey(cipher.encrypt(aesKey, OfficialAccount.secretContext(id, AES_KEY)), now);
        }
        em.persist(account);
        flushGuardingAppId(profile.appId());
        announce(AccountChanged.Kind.CREATED, id);
        return view(account);
    }

    @Override
    public AccountView register(NewAccount a) {
        return create(AccountProfile.of(a.name(), a.originalId(), a.appId(), a.type(), a.verified(), a.encryptionMode(), a.apiTarget(),
                a.apiBaseUrl()), new NewSecrets(a.appSecret(), a.token(), a.encodingAesKey()));
    }

    @Override
    public java.util.Set<UUID> existing(java.util.Collection<UUID> accountIds) {
        if (accountIds.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(em.createQuery("select a.id from OfficialAccount a where a.id in :ids", UUID.class)
                .setParameter("ids", accountIds).getResultList());
    }

    @Override
    public java.util.List<AccountView> all() {
        return em.createQuery("select a from OfficialAccount a order by a.createdAt", OfficialAccount.class).getResultList()
                .stream().map(this::view).toList();
    }

    /**
     * Changes an account's settings. Changing where its secrets go (API target or effective base URL)
     * is for admins only, needs the secrets entered again (the AppSecret and Token, and the
     * EncodingAESKey when the account has one or its mode needs one) and an allowed host. Secrets given
     * without such a change replace the stored ones.
     */
    public AccountView update(UUID id, AccountProfile requested, NewSecrets given, Role actor) {
        AccountProfile profile = withoutDefaultUrl(requested);
        OfficialAccount account = locked(id);
        NewSecrets secrets = given == null ? new NewSecrets(null, null, null) : given;
        String appSecret = AccountRules.trimToNull(secrets.appSecret());
        String token = AccountRules.trimToNull(secrets.token());
        String aesKey = AccountRules.trimToNull(secrets.encodingAesKey());
        List<UserError> errors = profile.problems();
        boolean redirects = profile.apiTarget() != null && (profile.apiTarget() != account.apiTarget()
                || !endpoints.apiBaseUrl(profile.apiTarget(), profile.apiBaseUrl()).equals(endpoints.apiBaseUrl(account.apiTarget(), account.apiBaseUrl())));
        if (redirects) {
            if (actor == null || !actor.includes(Role.ADMIN)) {
                errors.add(UserError.of("DESTINATION_CHANGE_FORBIDDEN", profile.apiTarget() != account.apiTarget() ? "apiTarget" : "apiBaseUrl",
                        "Only an admin can change where an account's secrets are sent (API target and base URL)."));
            } else {
                String why = "Changing the API target or base URL needs the account's secrets entered again.";
                if (appSecret == null) {
                    errors.add(UserError.of("SECRETS_REQUIRED", APP_SECRET, why));
                }
                if (token == null) {
                    errors.add(UserError.of("SECRETS_REQUIRED", TOKEN, why));
                }
                boolean needsKey = account.encodingAesKeyEncrypted() != null
                        || (profile.encryptionMode() != null && profile.encryptionMode().needsAesKey());
                if (aesKey == null && needsKey) {
                    errors.add(UserError.of("SECRETS_REQUIRED", AES_KEY, why));
                }
                checkDestination(profile, errors);
            }
        }
        if (appSecret != null) {
            AccountRules.checkAppSecret(appSecret, errors);
        }
        if (token != null) {
            AccountRules.checkToken(token, errors);
        }
        if (aesKey != null) {
            AccountRules.checkAesKey(aesKey, errors);
        }
        AccountRules.checkAesKeyPresent(profile.encryptionMode(), aesKey != null || account.encodingAesKeyEncrypted() != null,
                "encryptionMode", errors);
        if (errors.isEmpty() && appIdTaken(profile.appId(), id)) {
            errors.add(appIdTakenError(profile.appId()));
        }
        if (!errors.isEmpty()) {
            throw new UserErrorsException(errors);
        }
        Instant now = clock.instant();
        account.apply(profile, now);
        if (appSecret != null) {
            account.replaceAppSecret(cipher.encrypt(appSecret, OfficialAccount.secretContext(id, APP_SECRET)), now);
        }
        if (token != null) {
            account.replaceToken(cipher.encrypt(token, OfficialAccount.secretContext(id, TOKEN)), now);
        }
        if (aesKey != null) {
            account.replaceEncodingAesKey(cipher.encrypt(aesKey, OfficialAccount.secretContext(id, AES_KEY)), now);
        }
        flushGuardingAppId(profile.appId());
        announce(AccountChanged.Kind.UPDATED, id);
        return view(account);
    }

    /** The sandbox must be enabled for a SANDBOX account, and the effective API base URL allowed to receive secrets. */
    private void checkDestination(AccountProfile profile, List<UserError> errors) {
        if (profile.apiTarget() == null || errors.stream().anyMatch(e -> "apiBaseUrl".equals(e.field()))) {
            return;
        }
        if (profile.apiTarget() == ApiTarget.SANDBOX && !hosts.sandboxEnabled()) {
            errors.add(UserError.of("SANDBOX_DISABLED", "apiTarget",
                    "The WeChat sandbox is disabled on this server (fanmail.sandbox.enabled); choose WECHAT."));
            return;
        }
        Verdict verdict = hosts.check(endpoints.apiBaseUrl(profile.apiTarget(), profile.apiBaseUrl()), false);
        switch (verdict.outcome()) {
            case ALLOWED -> {
            }
            case PRIVATE_ADDRESS -> errors.add(UserError.of("API_HOST_PRIVATE", "apiBaseUrl", verdict.hostPort()
                    + " is a loopback, link-local or private address; secrets go there only when fanmail.wechat.private-api-hosts lists it."));
            case INVALID_URL -> errors.add(UserError.of("API_BASE_URL_INVALID", "apiBaseUrl",
                    "The API base URL is an http(s) URL without query, e.g. https://api.weixin.qq.com."));
            default -> errors.add(UserError.of("API_HOST_NOT_ALLOWED", "apiBaseUrl", "Fanmail does not send secrets to "
                    + verdict.hostPort() + ": the server's configuration (fanmail.wechat.allowed-api-hosts) does not allow it."));
        }
    }

    /** Replaces the secrets given (non-null); the others stay as they are. */
    public AccountView replaceSecrets(UUID id, NewSecrets secrets) {
        OfficialAccount account = locked(id);
        List<UserError> errors = new ArrayList<>();
        String appSecret = AccountRules.trimToNull(secrets.appSecret());
        String token = AccountRules.trimToNull(secrets.token());
        String aesKey = AccountRules.trimToNull(secrets.encodingAesKey());
        if (appSecret == null && token == null && aesKey == null) {
            errors.add(UserError.of("SECRET_REQUIRED", null, "Give at least one secret to replace."));
        }
        if (appSecret != null) {
            AccountRules.checkAppSecret(appSecret, errors);
        }
        if (token != null) {
            AccountRules.checkToken(token, errors);
        }
        if (aesKey != null) {
            AccountRules.checkAesKey(aesKey, errors);
        }
        if (!errors.isEmpty()) {
            throw new UserErrorsException(errors);
        }
        Instant now = clock.instant();
        if (appSecret != null) {
            account.replaceAppSecret(cipher.encrypt(appSecret, OfficialAccount.secretContext(id, APP_SECRET)), now);
        }
        if (token != null) {
            account.replaceToken(cipher.encrypt(token, OfficialAccount.secretContext(id, TOKEN)), now);
        }
        if (aesKey != null) {
            account.replaceEncodingAesKey(cipher.encrypt(aesKey, OfficialAccount.secretContext(id, AES_KEY)), now);
        }
        announce(AccountChanged.Kind.UPDATED, id);
        return view(account);
    }

    public AccountView setStatus(UUID id, AccountStatus status) {
        if (status == null) {
            throw new UserErrorsException("STATUS_REQUIRED", "status", "Choose ACTIVE or DISABLED.");
        }
        OfficialAccount account = locked(id);
        account.changeStatus(status, clock.instant());
        announce(AccountChanged.Kind.UPDATED, id);
        return view(account);
    }

    /**
     * Deletes the account unless a module's guard vetoes it (work in flight for it, e.g. a running
     * send). Data other modules keep for the account is not a reason to refuse: each module removes
     * it after this commits, on {@link AccountChanged} DELETED, and sweeps what a lost event left (ADR 0010).
     */
    public UUID delete(UUID id) {
        OfficialAccount account = locked(id);
        List<String> reasons = new ArrayList<>();
        for (AccountDeletionGuard guard : guards) {
            guard.blocksDeletion(id).ifPresent(reasons::add);
        }
        if (!reasons.isEmpty()) {
            throw new UserErrorsException("ACCOUNT_IN_USE", "id",
                    "The account is still in use: " + String.join(", ", reasons) + ". Remove those first or disable the account.");
        }
        em.remove(account);
        announce(AccountChanged.Kind.DELETED, id);
        return id;
    }

    /**
     * Tells this node's modules after commit ({@link AccountChanged}), and every node's caches through PostgreSQL
     * NOTIFY in this transaction: delivered when it commits, never if it rolls back (ADR 0012).
     */
    private void announce(AccountChanged.Kind kind, UUID id) {
        ClusterChannel.announce(em, AccountChangeRelay.TOPIC, id.toString());
        changed.fire(new AccountChanged(kind, id));
    }

    public AccountPage list(int first, Optional<List<String>> after, String search) {
        String pattern = search == null || search.isBlank() ? null : "%" + escapeLike(search.trim().toLowerCase()) + "%";
        String where = pattern == null ? "" : " and (lower(a.name) like :p escape '\\' or a.appId like :p escape '\\' or a.originalId like :p escape '\\')";
        String keyset = after.isPresent() ? " and (lower(a.name) > :n or (lower(a.name) = :n and a.id > :id))" : "";
        var query = em.createQuery("select a from OfficialAccount a where 1 = 1" + where + keyset
                + " order by lower(a.name), a.id", OfficialAccount.class).setMaxResults(first + 1);
        var count = em.createQuery("select count(a) from OfficialAccount a where 1 = 1" + where, Long.class);
        if (pattern != null) {
            query.setParameter("p", pattern);
            count.setParameter("p", pattern);
        }
        if (after.isPresent()) {
            query.setParameter("n", after.get().get(0));
            try {
                query.setParameter("id", UUID.fromString(after.get().get(1)));
            } catch (IllegalArgumentException e) {
                throw new UserErrorsException("CURSOR_INVALID", "after", "The cursor is not one this list produced.");
            }
        }
        List<OfficialAccount> rows = query.getResultList();
        boolean hasNext = rows.size() > first;
        List<AccountView> views = (hasNext ? rows.subList(0, first) : rows).stream().map(this::view).toList();
        return new AccountPage(views, hasNext, count.getSingleResult());
    }

    @Override
    public Optional<AccountView> find(UUID accountId) {
        return Optional.ofNullable(em.find(OfficialAccount.class, accountId)).map(this::view);
    }

    @Override
    public Optional<AccountView> findByAppId(String appId) {
        return byAppId(AccountRules.normalizeId(appId)).map(this::view);
    }

    @Override
    public Optional<AccountCredentials> credentials(UUID accountId) {
        return Optional.ofNullable(em.find(OfficialAccount.class, accountId)).map(a -> new AccountCredentials(
                a.id(), a.appId(),
                cipher.decrypt(a.appSecretEncrypted(), OfficialAccount.secretContext(a.id(), APP_SECRET)),
                cipher.decrypt(a.tokenEncrypted(), OfficialAccount.secretContext(a.id(), TOKEN)),
                a.encodingAesKeyEncrypted() == null ? null
                        : cipher.decrypt(a.encodingAesKeyEncrypted(), OfficialAccount.secretContext(a.id(), AES_KEY)),
                a.encryptionMode(), endpoints.apiBaseUrl(a.apiTarget(), a.apiBaseUrl())));
    }

    /** The target's default URL is not stored as an override, so it keeps following the configuration. */
    private AccountProfile withoutDefaultUrl(AccountProfile p) {
        if (p.apiBaseUrl() == null || p.apiTarget() == null || !p.apiBaseUrl().equals(endpoints.apiBaseUrl(p.apiTarget(), null))) {
            return p;
        }
        return new AccountProfile(p.name(), p.originalId(), p.appId(), p.type(), p.verified(), p.encryptionMode(), p.apiTarget(), null);
    }

    private AccountView view(OfficialAccount a) {
        return new AccountView(a.id(), a.name(), a.originalId(), a.appId(), a.type(), a.verified(), a.encryptionMode(),
                a.apiTarget(), endpoints.apiBaseUrl(a.apiTarget(), a.apiBaseUrl()), a.status(), endpoints.callbackUrl(a.appId()),
                a.appSecretEncrypted() != null, a.tokenEncrypted() != null, a.encodingAesKeyEncrypted() != null,
                a.createdAt(), a.updatedAt());
    }

    private OfficialAccount locked(UUID id) {
        OfficialAccount account = id == null ? null : em.find(OfficialAccount.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            throw new UserErrorsException("NOT_FOUND", "id", "No such account.");
        }
        return account;
    }

    private Optional<OfficialAccount> byAppId(String appId) {
        return em.createQuery("select a from OfficialAccount a where a.appId = :a", OfficialAccount.class)
                .setParameter("a", appId).getResultStream().findFirst();
    }

    private boolean appIdTaken(String appId, UUID except) {
        return byAppId(appId).filter(a -> !a.id().equals(except)).isPresent();
    }

    private static UserError appIdTakenError(String appId) {
        return UserError.of("APP_ID_TAKEN", "appId", "Another account already uses AppID " + appId + ".");
    }

    /** A concurrent create with the same AppID loses on the unique index; report it like the pre-check does. */
    private void flushGuardingAppId(String appId) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (String.valueOf(rootMessage(e)).contains("official_account_app_id_uq")) {
                throw new UserErrorsException(appIdTakenError(appId));
            }
            throw e;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
