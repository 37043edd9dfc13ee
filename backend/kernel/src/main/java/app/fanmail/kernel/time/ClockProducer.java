package app.fanmail.kernel.time;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one clock every Fanmail component takes business time from, so rules can be tested with a fixed or moved
 * clock. It is the system clock; in test deployments ({@code fanmail.test.clock-control=true}) it can be offset
 * ({@link TestClockResource}); in production the offset stays zero.
 */
@ApplicationScoped
public class ClockProducer {
    @Inject
    @ConfigProperty(name = "fanmail.test.clock-control", defaultValue = "false")
    boolean clockControl;

    @Produces
    @Singleton
    @Typed({Clock.class, OffsetClock.class})
    OffsetClock clock() {
        return new OffsetClock(Clock.systemUTC(), clockControl);
    }
}
