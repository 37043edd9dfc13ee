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

import app.fanmail.identity.domain.PasswordHasher;
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
    @ConfigProperty(name = "fanmail.session.max-failures", defaultValue = "5")
    int maxFailures;
    @Inject
    @ConfigProperty(name = "fanmail.session.failure-window", defaultValue = "PT15M")
    Duration failureWindow;

    private SignInThrottle throttle;

    @PostConstruct
    void init() {
        throttle = new SignInThrottle(maxFailures, failureWindow);
    }

    public sealed interface SignInResult {
    }

    public record SignedIn(String token, Viewer viewer, Duration maxAge) implements SignInResult {
    }

    public record Refused() implements SignInResult {
    }

    public record Throttled(Duration retryAfter) implements SignInResult {
    }

    @Transactional
    public SignInResult signIn(String username, String password, String userAgent, String remoteAddr) {
        String name = username == null ? "" : username.trim().toLowerCase();
        String address = remoteAddr == null ? "?" : remoteAddr;
        Instant now = clock.instant();
        Optional<Duration> wait = throttle.retryAfter(name, address, now);
        if (wait.isPresent()) {
            return new Throttled(wait.get());
        }
        Optional<User> found = em.createQuery("select u from User u where u.username = :u", User.class)
                .setParameter("u", name).getResultStream().findFirst();
        boolean ok = found.isPresent() && password != null
                ? hasher.verify(password, found.get().passwordHash())
                : hasher.verifyAgainstDecoy(password == null ? "" : password);
        if (!ok || !found.get().enabled()) {
            throttle.failed(name, address, now);
            return new Refused();
        }
        User user = found.get();
        throttle.succeeded(name);
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

    @Transactional
    public void signOut(String token) {
        if (token != null && !token.isEmpty()) {
            em.createQuery("delete from UserSession s where s.tokenHash = :h").setParameter("h", hash(token)).executeUpdate();
        }
    }

    /** Removes expired sessions; called periodically. */
    @Transactional
    public int purgeExpired() {
        return em.createQuery("delete from UserSession s where s.expiresAt <= :now")
                .setParameter("now", clock.instant()).executeUpdate();
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
