package app.fanmail.wechat.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: holds up to {@code burst} permits, refilled at {@code ratePerSecond}. Not thread-safe on its
 * own; callers synchronize on the bucket.
 */
public final class TokenBucket {
    private final double ratePerSecond;
    private final double burst;
    private double permits;
    private Instant last;

    public TokenBucket(double ratePerSecond, int burst, Instant now) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1");
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.permits = burst;
        this.last = now;
    }

    /** Takes one permit if there is one. */
    public synchronized boolean tryTake(Instant now) {
        if (now.isAfter(last)) {
            double elapsed = Duration.between(last, now).toNanos() / 1e9;
            permits = Math.min(burst, permits + elapsed * ratePerSecond);
            last = now;
        }
        if (permits >= 1) {
            permits -= 1;
            return true;
        }
        return false;
    }
}
