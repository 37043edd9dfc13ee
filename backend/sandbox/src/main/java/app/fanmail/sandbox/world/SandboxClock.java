package app.fanmail.sandbox.world;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.function.LongSupplier;

/**
 * System time plus an adjustable offset. Days and months are China Standard Time, as WeChat counts quotas.
 */
public final class SandboxClock {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final LongSupplier system;
    private volatile long offsetMillis;

    public SandboxClock() {
        this(System::currentTimeMillis);
    }

    public SandboxClock(LongSupplier system) {
        this.system = system;
    }

    public long millis() {
        return system.getAsLong() + offsetMillis;
    }

    public long seconds() {
        return millis() / 1000;
    }

    public Instant now() {
        return Instant.ofEpochMilli(millis());
    }

    public LocalDate today() {
        return now().atZone(CHINA).toLocalDate();
    }

    public YearMonth month() {
        return YearMonth.from(now().atZone(CHINA));
    }

    public synchronized void advance(Duration d) {
        offsetMillis += d.toMillis();
    }

    public synchronized void set(Instant instant) {
        offsetMillis = instant.toEpochMilli() - system.getAsLong();
    }

    public synchronized void reset() {
        offsetMillis = 0;
    }

    public long offsetMillis() {
        return offsetMillis;
    }
}
