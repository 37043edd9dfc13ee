package app.fanmail.wechat.infrastructure.http;

/**
 * A rate limit as a virtual queue (GCRA): each call reserves the next free slot, {@code 1/rate} apart, with a burst
 * of up to {@code burst} slots; the answer is how long the caller must wait (0 = go now). A reservation that would
 * wait longer than allowed is not taken. Uses monotonic nanoseconds, never the wall clock.
 */
final class RateGate {
    private final long intervalNanos;
    private final long burstNanos;
    private long next; // the theoretical arrival time of the next call at the sustained rate

    RateGate(double ratePerSecond, int burst, long nowNanos) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1");
        }
        this.intervalNanos = Math.max(1, (long) (1e9 / ratePerSecond));
        this.burstNanos = intervalNanos * (burst - 1);
        this.next = nowNanos;
    }

    /** Reserves a slot: the nanoseconds to wait before using it, or -1 (nothing reserved) when that exceeds {@code maxWaitNanos}. */
    synchronized long reserve(long nowNanos, long maxWaitNanos) {
        long tat = Math.max(next, nowNanos);
        long wait = Math.max(0, tat - burstNanos - nowNanos);
        if (wait > maxWaitNanos) {
            return -1;
        }
        next = tat + intervalNanos;
        return wait;
    }
}
