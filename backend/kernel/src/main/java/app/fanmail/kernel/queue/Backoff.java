package app.fanmail.kernel.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential back-off between attempts: {@code first} after the first failure, doubling, at most {@code max}; after
 * {@code maxAttempts} failed attempts a row is dead-lettered instead.
 */
public record Backoff(Duration first, Duration max, int maxAttempts) {
    public Backoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || max.compareTo(first) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("back-off needs 0 <= first <= max and at least one attempt");
        }
    }

    /** The wait after the {@code failedAttempts}-th failure (1 = the first). */
    public Duration after(int failedAttempts) {
        if (failedAttempts <= 1) {
            return first;
        }
        int doublings = Math.min(failedAttempts - 1, 30);
        Duration wait = first.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 || wait.isNegative() ? max : wait;
    }

    /** Whether the {@code attempt}-th failed attempt is the last one allowed. */
    public boolean exhausted(int failedAttempts) {
        return failedAttempts >= maxAttempts;
    }
}
