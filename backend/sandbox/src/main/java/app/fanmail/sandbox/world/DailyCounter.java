package app.fanmail.sandbox.world;

import java.time.LocalDate;

/** A count that starts again at 00:00 China Standard Time. Not thread-safe: used under the account lock. */
final class DailyCounter {

    private LocalDate day;
    private long count;

    /** Adds one if below {@code limit}; false when the day's quota is used up. */
    boolean tryAcquire(long limit, LocalDate today) {
        roll(today);
        if (count >= limit) {
            return false;
        }
        count++;
        return true;
    }

    long used(LocalDate today) {
        roll(today);
        return count;
    }

    void clear() {
        count = 0;
    }

    private void roll(LocalDate today) {
        if (!today.equals(day)) {
            day = today;
            count = 0;
        }
    }
}
