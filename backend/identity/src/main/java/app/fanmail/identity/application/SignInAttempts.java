package app.fanmail.identity.application;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import app.fanmail.identity.domain.SignInThrottle;
import app.fanmail.identity.domain.SignInThrottle.Counter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The sign-in counters in PostgreSQL. Each method is its own short transaction, committed before
 * the password is hashed: the counter rows are locked (in key order) while an attempt is admitted
 * and counted, so N parallel guesses are N counted failures on every node, and no lock is held
 * while hashing.
 */
@ApplicationScoped
public class SignInAttempts {
    /** How long a successful sign-in keeps an address known for its user. */
    static final Duration KNOWN_ADDRESS_TTL = Duration.ofDays(90);

    @PersistenceContext(unitName = "identity")
    EntityManager em;

    /** The outcome of admitting an attempt: the wait when refused, else empty (and the failure is counted). */
    public record Admission(Optional<Duration> retryAfter) {
        public boolean admitted() {
            return retryAfter.isEmpty();
        }
    }

    /** Refuses the attempt if it must wait; otherwise counts it as a failure for the username and the address. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Admission admit(SignInThrottle throttle, String username, String address, Instant now) {
        String userKey = "u:" + username;
        String addressKey = "a:" + address;
        em.createNativeQuery("insert into identity.sign_in_counter (counter_key, failures, last_failure_at) "
                        + "values (?1, 0, ?3), (?2, 0, ?3) on conflict (counter_key) do nothing")
                .setParameter(1, addressKey).setParameter(2, userKey).setParameter(3, Timestamp.from(Instant.EPOCH))
                .executeUpdate();
        Map<String, Counter> counters = lock(addressKey, userKey);
        Counter user = counters.getOrDefault(userKey, Counter.NONE);
        Counter addr = counters.getOrDefault(addressKey, Counter.NONE);
        boolean known = !em.createNativeQuery("select 1 from identity.sign_in_known_address "
                        + "where username = ?1 and address = ?2 and last_success_at > ?3")
                .setParameter(1, username).setParameter(2, address).setParameter(3, Timestamp.from(now.minus(KNOWN_ADDRESS_TTL)))
                .getResultList().isEmpty();
        Optional<Duration> wait = throttle.retryAfter(user, addr, known, now);
        if (wait.isPresent()) {
            return new Admission(wait);
        }
        store(userKey, throttle.usernameFailed(user, now));
        store(addressKey, throttle.addressFailed(addr, now));
        return new Admission(Optional.empty());
    }

    /** Takes back an admitted attempt's failure (the server was too busy to check it). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void takeBack(String username, String address) {
        em.createNativeQuery("update identity.sign_in_counter set failures = greatest(failures - 1, 0) "
                        + "where counter_key in (?1, ?2)")
                .setParameter(1, "a:" + address).setParameter(2, "u:" + username).executeUpdate();
    }

    /**
     * The right password: the username's failures are cleared, the address only gets this
     * attempt's failure back (signing in to one's own account must not reset the guesses against
     * others), and the address becomes known for this user.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void succeeded(String username, String address, Instant now) {
        em.createNativeQuery("delete from identity.sign_in_counter where counter_key = ?1")
                .setParameter(1, "u:" + username).executeUpdate();
        em.createNativeQuery("update identity.sign_in_counter set failures = greatest(failures - 1, 0) where counter_key = ?1")
                .setParameter(1, "a:" + address).executeUpdate();
        em.createNativeQuery("insert into identity.sign_in_known_address (username, address, last_success_at) values (?1, ?2, ?3) "
                        + "on conflict (username, address) do update set last_success_at = excluded.last_success_at")
                .setParameter(1, username).setParameter(2, address).setParameter(3, Timestamp.from(now)).executeUpdate();
    }

    /** Deletes counters quiet for longer than {@code forgetAfter} and addresses unused for 90 days. */
    @Transactional
    public int purge(Duration forgetAfter, Instant now) {
        int counters = em.createNativeQuery("delete from identity.sign_in_counter where last_failure_at < ?1")
                .setParameter(1, Timestamp.from(now.minus(forgetAfter))).executeUpdate();
        int known = em.createNativeQuery("delete from identity.sign_in_known_address where last_success_at < ?1")
                .setParameter(1, Timestamp.from(now.minus(KNOWN_ADDRESS_TTL))).executeUpdate();
        return counters + known;
    }

    private Map<String, Counter> lock(String addressKey, String userKey) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select counter_key, failures, last_failure_at from identity.sign_in_counter "
                        + "where counter_key in (?1, ?2) order by counter_key for update")
                .setParameter(1, addressKey).setParameter(2, userKey).getResultList();
        Map<String, Counter> counters = new HashMap<>();
        for (Object[] row : rows) {
            counters.put((String) row[0], new Counter(((Number) row[1]).intValue(), instant(row[2])));
        }
        return counters;
    }

    private void store(String key, Counter counter) {
        em.createNativeQuery("update identity.sign_in_counter set failures = ?2, last_failure_at = ?3 where counter_key = ?1")
                .setParameter(1, key).setParameter(2, counter.failures()).setParameter(3, Timestamp.from(counter.lastFailureAt()))
                .executeUpdate();
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }
}
