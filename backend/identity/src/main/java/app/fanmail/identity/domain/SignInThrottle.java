package app.fanmail.identity.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@code maxFailures} failed sign-ins for one username, or
 * four times as many from one address, within {@code window}, further attempts are refused until
 * the oldest failure leaves the window. Kept in memory per node (a restart forgets it), which
 * bounds online guessing without letting an attacker lock accounts for long.
 */
public final class SignInThrottle {
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public SignInThrottle(int maxFailures, Duration window) {
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** How long the caller must wait, or empty when the attempt may proceed. */
    public Optional<Duration> retryAfter(String username, String address, Instant now) {
        Optional<Duration> byUser = wait("u:" + username, maxFailures, now);
        Optional<Duration> byAddress = wait("a:" + address, maxFailures * 4, now);
        if (byUser.isPresent() && byAddress.isPresent()) {
            return byUser.get().compareTo(byAddress.get()) >= 0 ? byUser : byAddress;
        }
        return byUser.isPresent() ? byUser : byAddress;
    }

    public void failed(String username, String address, Instant now) {
        record("u:" + username, now);
        record("a:" + address, now);
        if (failures.size() > 100_000) {
            failures.entrySet().removeIf(e -> prune(e.getValue(), now).isEmpty());
        }
    }

    public void succeeded(String username) {
        failures.remove("u:" + username);
    }

    private void record(String key, Instant now) {
        Deque<Instant> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (q) {
            prune(q, now);
            q.addLast(now);
        }
    }

    private Optional<Duration> wait(String key, int limit, Instant now) {
        Deque<Instant> q = failures.get(key);
        if (q == null) {
            return Optional.empty();
        }
        synchronized (q) {
            prune(q, now);
            if (q.size() < limit) {
                return Optional.empty();
            }
            Instant oldestRelevant = q.stream().skip(q.size() - limit).findFirst().orElseThrow();
            Duration wait = Duration.between(now, oldestRelevant.plus(window));
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        }
    }

    private Deque<Instant> prune(Deque<Instant> q, Instant now) {
        synchronized (q) {
            while (!q.isEmpty() && !q.peekFirst().isAfter(now.minus(window))) {
                q.pollFirst();
            }
            return q;
        }
    }
}
