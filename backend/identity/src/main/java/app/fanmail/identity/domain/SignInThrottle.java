package app.fanmail.identity.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The rules that slow down password guessing. Every attempt is counted as a failure before its
 * password is checked (a success takes its count back), per username and per client address. Up to
 * {@link Rule#freeFailures} failures cost nothing; each further one doubles the wait before the
 * next attempt, from {@link Rule#firstDelay} up to {@link Rule#maxDelay}; a counter quiet for
 * {@link Rule#forgetAfter} starts again at zero. An attempt that has to wait is refused without
 * being counted, so hammering a username does not lengthen its delay.
 * <p>
 * Per address the delays grow long (a single guesser is slowed to a few guesses an hour); per
 * username they stay short and capped, so a distributed guesser is slowed too but nobody can lock
 * the right password out for more than {@code maxDelay} at a time; and addresses from which the
 * user has signed in before skip the per-username delay altogether.
 */
public final class SignInThrottle {
    /** How one kind of counter (per username, per address) slows down. */
    public record Rule(int freeFailures, Duration firstDelay, Duration maxDelay, Duration forgetAfter) {
        public Rule {
            if (freeFailures < 1 || firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0 || forgetAfter.isNegative()) {
                throw new IllegalArgumentException("Bad sign-in throttle rule: " + freeFailures + ", " + firstDelay + ", " + maxDelay + ", " + forgetAfter);
            }
        }
    }

    /** Failures counted so far for one key, and when the last one was. */
    public record Counter(int failures, Instant lastFailureAt) {
        public static final Counter NONE = new Counter(0, Instant.EPOCH);
    }

    private final Rule perUsername;
    private final Rule perAddress;

    public SignInThrottle(Rule perUsername, Rule perAddress) {
        this.perUsername = perUsername;
        this.perAddress = perAddress;
    }

    public Rule perUsername() {
        return perUsername;
    }

    public Rule perAddress() {
        return perAddress;
    }

    /**
     * How long this attempt must wait, or empty when it may go ahead.
     *
     * @param knownAddress the user has signed in from this address before: the username's delay does not apply
     */
    public Optional<Duration> retryAfter(Counter username, Counter address, boolean knownAddress, Instant now) {
        Duration wait = knownAddress ? Duration.ZERO : wait(perUsername, username, now);
        Duration byAddress = wait(perAddress, address, now);
        if (byAddress.compareTo(wait) > 0) {
            wait = byAddress;
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** The username's counter after one more failure. */
    public Counter usernameFailed(Counter counter, Instant now) {
        return failed(perUsername, counter, now);
    }

    /** The address's counter after one more failure. */
    public Counter addressFailed(Counter counter, Instant now) {
        return failed(perAddress, counter, now);
    }

    static Duration wait(Rule rule, Counter counter, Instant now) {
        if (counter == null || counter.failures() < rule.freeFailures() || forgotten(rule, counter, now)) {
            return Duration.ZERO;
        }
        Duration until = Duration.between(now, counter.lastFailureAt().plus(delay(rule, counter.failures())));
        return until.isNegative() ? Duration.ZERO : until;
    }

    /** The delay after {@code failures} failures: the first one past the free ones waits {@code firstDelay}. */
    static Duration delay(Rule rule, int failures) {
        int doublings = failures - rule.freeFailures();
        if (doublings < 0) {
            return Duration.ZERO;
        }
        if (doublings >= 40) {
            return rule.maxDelay();
        }
        Duration delay = rule.firstDelay().multipliedBy(1L << doublings);
        return delay.compareTo(rule.maxDelay()) > 0 ? rule.maxDelay() : delay;
    }

    private static Counter failed(Rule rule, Counter counter, Instant now) {
        if (counter == null || forgotten(rule, counter, now)) {
            return new Counter(1, now);
        }
        return new Counter(counter.failures() == Integer.MAX_VALUE ? Integer.MAX_VALUE : counter.failures() + 1, now);
    }

    private static boolean forgotten(Rule rule, Counter counter, Instant now) {
        return !counter.lastFailureAt().plus(rule.forgetAfter()).isAfter(now);
    }
}
