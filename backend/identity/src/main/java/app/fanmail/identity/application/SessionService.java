package app.fanmail.identity.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import app.fanmail.identity.domain.PasswordHasher;
import app.fanmail.identity.domain.CredentialRules;
import app.fanmail.identity.domain.SignInThrottle;
import app.fanmail.identity.domain.User;
import app.fanmail.identity.domain.UserSession;
import app.fanmail.kernel.security.Role;
import app.fanmail.kernel.security.Viewer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sign-in, sign-out and resolving a session cookie to a {@link Viewer}. Sessions live in
 * PostgreSQL, so every node sees them, and expire after an idle timeout that slides with use.
 */
@ApplicationScoped
public class SessionService {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Sliding expiry is written at most this often per session, not on every request. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    @PersistenceContext(unitName = "identity")
    EntityManager em;
    @Inject
    PasswordHasher hasher;
    @Inject
    Clock clock;
    @Inject
    @ConfigProperty(name = "fanmail.session.idle-timeout", defaultValue = "PT12H")
    Duration idleTimeout;
    @Inject
    SignInAttempts attempts;
    @Inject
    @ConfigProperty(name = "fanmail.session.max-failures", defaultValue = "5")
    int maxFailures;
    @Inject
    @ConfigProperty(name = "fanmail.session.failure-window", defaultValue = "PT15M")
    Duration failureWindow;
    @Inject
    @ConfigProperty(name = "fanmail.session.max-username-delay", defaultValue = "PT30S")
    Duration maxUsernameDelay;
    @Inject
    @ConfigProperty(name = "fanmail.session.max-address-delay", defaultValue = "PT15M")
    Duration maxAddressDelay;
    @Inject
    @ConfigProperty(name = "fanmail.session.max-concurrent-hashes", defaultValue = "4")
    int maxConcurrentHashes;

    /** Longest username and password a sign-in may send; longer ones are refused before anything else. */
    public static final int USERNAME_INPUT_MAX = 32;
    public static final int PASSWORD_INPUT_MAX = CredentialRules.PASSWORD_MAX * 4;
    /** How long a sign-in waits for a hashing slot before the server answers that it is busy. */
    private static final Duration HASHING_WAIT = Duration.ofSeconds(1);

    private SignInThrottle throttle;
    private Semaphore hashing;

    @PostConstruct
    void init() {
        throttle = new SignInThrottle(
                new SignInThrottle.Rule(maxFailures, Duration.ofSeconds(1), maxUsernameDelay, failureWindow),
                new SignInThrottle.Rule(maxFailures * 2, Duration.ofSeconds(1), maxAddressDelay, failureWindow.multipliedBy(4)));
        hashing = new Semaphore(Math.max(1, maxConcurrentHashes), true);
    }

    public sealed interface SignInResult {
    }

    public record SignedIn(String token, Viewer viewer, Duration maxAge) implements SignInResult {
    }

    public record Refused() implements SignInResult {
    }

    public record Throttled(Duration retryAfter) implements SignInResult {
    }

    /** Too many passwords are being checked at once; try again in a moment. */
    public record Busy() implements SignInResult {
    }

    /** The username or password is longer than any valid one; nothing was looked up. */
    public record TooLong() implements SignInResult {
    }

    /**
     * Signs in. In this order: lengths are capped; the attempt is counted as a failure in
     * PostgreSQL (or refused while its username or address must wait, see {@link SignInThrottle});
     * at most {@code max-concurrent-hashes} passwords are checked at once; a success takes the
     * failure back and starts a session.
     */
    @Transactional
    public SignInResult signIn(String username, String password, String userAgent, String remoteAddr) {
        if (username == null || password == null || username.length() > USERNAME_INPUT_MAX || password.length() > PASSWORD_INPUT_MAX) {
            return new TooLong();
        }
        String name = username.trim().toLowerCase(java.util.Locale.ROOT);
        String address = remoteAddr == null || remoteAddr.length() > 64 ? "?" : remoteAddr;
        Instant now = clock.instant();
        SignInAttempts.Admission admission = attempts.admit(throttle, name, address, now);
        if (!admission.admitted()) {
            return new Throttled(admission.retryAfter().get());
        }
        try {
            if (!hashing.tryAcquire(HASHING_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                attempts.takeBack(name, address);
                return new Busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            attempts.takeBack(name, address);
            return new Busy();
        }
        Optional<User> found;
        boolean ok;
        try {
            found = em.createQuery("select u from User u where u.username = :u", User.class)
                    .setParameter("u", name).getResultStream().findFirst();
            ok = found.isPresent()
                    ? hasher.verify(password, found.get().passwordHash())
                    : hasher.verifyAgainstDecoy(password);
        } finally {
            hashing.release();
        }
        if (!ok || !found.get().enabled()) {
            return new Refused();
        }
        User user = found.get();
        attempts.succeeded(name, address, clock.instant());
        if (hasher.needsRehash(user.passwordHash())) {
            user.replacePassword(hasher.hash(password), now);
        }
        user.signedIn(now);
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        em.persist(new UserSession(hash(token), user.id(), now, idleTimeout, userAgent, address));
        return new SignedIn(token, new Viewer(user.id(), user.username(), user.role(), user.mustChangePassword()), idleTimeout);
    }

    /** The viewer for a cookie token, if the session exists, has not expired and its user is enabled. */
    @Transactional
    public Optional<Viewer> resolve(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<Object[]> rows = em.createQuery(
                        "select s, u.username, u.role, u.mustChangePassword from UserSession s, User u "
                                + "where s.tokenHash = :h and u.id = s.userId and u.enabled = true and s.expiresAt > :now",
                        Object[].class)
                .setParameter("h", hash(token)).setParameter("now", now)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        UserSession session = (UserSession) rows.get(0)[0];
        if (session.lastSeenAt().plus(TOUCH_INTERVAL).isBefore(now)) {
            em.createQuery("update UserSession s set s.lastSeenAt = :now, s.expiresAt = :exp where s.tokenHash = :h")
                    .setParameter("now", now).setParameter("exp", now.plus(idleTimeout)).setParameter("h", hash(token))
                    .executeUpdate();
        }
        return Optional.of(new Viewer(session.userId(), (String) rows.get(0)[1], (Role) rows.get(0)[2], (Boolean) rows.get(0)[3]));
    }

    /**
     * The viewers of the sessions among {@code tokens} that are still alive (not expired, user
     * enabled), by token, without sliding their expiry: an open WebSocket is not use.
     */
    @Transactional
    public java.util.Map<String, Viewer> alive(java.util.Collection<String> tokens) {
        java.util.Map<String, String> tokenByHash = new java.util.HashMap<>();
        for (String token : tokens) {
            if (token != null && !token.isEmpty() && token.length() <= 100) {
                tokenByHash.put(Base64.getEncoder().encodeToString(hash(token)), token);
            }
        }
        java.util.Map<String, Viewer> alive = new java.util.HashMap<>();
        List<String> hashes = List.copyOf(tokenByHash.keySet());
        Instant now = clock.instant();
        for (int from = 0; from < hashes.size(); from += 500) {
            List<byte[]> chunk = hashes.subList(from, Math.min(hashes.size(), from + 500)).stream()
                    .map(h -> Base64.getDecoder().decode(h)).toList();
            List<Object[]> rows = em.createQuery(
                            "select s.tokenHash, s.userId, u.username, u.role from UserSession s, User u "
                                    + "where s.tokenHash in :h and u.id = s.userId and u.enabled = true and s.expiresAt > :now",
                            Object[].class)
                    .setParameter("h", chunk).setParameter("now", now).getResultList();
            for (Object[] row : rows) {
                String token = tokenByHash.get(Base64.getEncoder().encodeToString((byte[]) row[0]));
                alive.put(token, new Viewer((java.util.UUID) row[1], (String) row[2], (Role) row[3]));
            }
        }
        return alive;
    }

    @Transactional
    public void signOut(String token) {
        if (token != null && !token.isEmpty()) {
            em.createQuery("delete from UserSession s where s.tokenHash = :h").setParameter("h", hash(token)).executeUpdate();
        }
    }

    /** Removes expired sessions and forgotten sign-in counters; called periodically. */
    @Transactional
    public int purgeExpired() {
        Instant now = clock.instant();
        int counters = attempts.purge(throttle.perAddress().forgetAfter(), now);
        return counters + em.createQuery("delete from UserSession s where s.expiresAt <= :now")
                .setParameter("now", now).executeUpdate();
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
