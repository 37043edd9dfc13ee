package app.fanmail.kernel.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A UTC clock that is a base clock plus an offset. The offset can only be changed when test clock control is
 * enabled ({@code fanmail.test.clock-control=true}); in production it stays zero and setting it is refused.
 */
public final class OffsetClock extends Clock {
    private final Clock base;
    private final boolean controllable;
    private volatile Duration offset = Duration.ZERO;

    public OffsetClock(Clock base, boolean controllable) {
        this.base = Objects.requireNonNull(base, "base");
        this.controllable = controllable;
    }

    /** Whether the offset may be changed (test deployments only). */
    public boolean controllable() {
        return controllable;
    }

    public Duration offset() {
        return offset;
    }

    /** Moves this clock so that it reads {@code instant} now; refused unless controllable. */
    public synchronized void set(Instant instant) {
        setOffset(Duration.between(base.instant(), instant));
    }

    /** Sets the offset from the base clock (zero resets it); refused unless controllable. */
    public synchronized void setOffset(Duration newOffset) {
        Objects.requireNonNull(newOffset, "offset");
        if (!controllable) {
            throw new IllegalStateException("the clock can only be moved when fanmail.test.clock-control=true (test deployments)");
        }
        offset = newOffset;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new Clock() { // a view in another zone that follows this clock's offset
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return OffsetClock.this.withZone(other);
            }

            @Override
            public Instant instant() {
                return OffsetClock.this.instant();
            }
        };
    }

    @Override
    public long millis() {
        return base.millis() + offset.toMillis();
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }
}
