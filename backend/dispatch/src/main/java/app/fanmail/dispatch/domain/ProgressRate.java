package app.fanmail.dispatch.domain;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Sends per second over a sliding window, from samples of a job's stored "done" count (recipients in a final send
 * state) taken on a monotonic clock: (newest done − oldest done) ÷ the seconds between them, the oldest being the last
 * sample at or before the window's start (so the rate spans about the whole window once there is history). Not thread
 * safe: one poller owns it.
 */
public final class ProgressRate {
    private final long windowNanos;
    private final ArrayDeque<long[]> samples = new ArrayDeque<>(); // {nanos, done}

    public ProgressRate(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.windowNanos = window.toNanos();
    }

    /** A reading of {@code done} at {@code nanos} (System.nanoTime-like, never going back). */
    public void add(long nanos, long done) {
        long[] last = samples.peekLast();
        if (last != null && done < last[1]) {
            samples.clear(); // cannot happen for one job's final states; start over rather than report a negative rate
        }
        samples.addLast(new long[] {nanos, done});
        // drop samples older than the window, keeping one at or before its start
        while (samples.size() > 2) {
            long[] first = samples.pollFirst();
            long[] second = samples.peekFirst();
            if (nanos - second[0] < windowNanos) {
                samples.addFirst(first);
                break;
            }
        }
    }

    /** Done per second over the window; 0 with fewer than two samples. */
    public double perSecond() {
        if (samples.size() < 2) {
            return 0;
        }
        long[] first = samples.peekFirst();
        long[] last = samples.peekLast();
        long nanos = last[0] - first[0];
        return nanos <= 0 ? 0 : (last[1] - first[1]) * 1e9 / nanos;
    }

    public void reset() {
        samples.clear();
    }

    /**
     * Seconds until every recipient is done at {@code perSecond}, rounded up; null when not knowable: the job is not
     * sending (paused, planned, ended…: pass {@code sending} false), nothing is measured yet (rate 0). 0 when nothing remains.
     */
    public static Integer etaSeconds(boolean sending, long remaining, double perSecond) {
        if (!sending) {
            return null;
        }
        if (remaining <= 0) {
            return 0;
        }
        if (perSecond <= 0 || Double.isNaN(perSecond)) {
            return null;
        }
        double s = Math.ceil(remaining / perSecond);
        return s >= Integer.MAX_VALUE ? null : (int) s;
    }
}
