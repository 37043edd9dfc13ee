package app.fanmail.wechat.application;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import app.fanmail.wechat.domain.TokenBucket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A token bucket per account in front of the inbox (per node): {@code fanmail.wechat.callback-rate} verified pushes
 * per second (default 2000: template delivery reports arrive as fast as Fanmail sends) with bursts up to
 * {@code fanmail.wechat.callback-burst} (default 10000). Beyond that a push
 * is answered 503 with Retry-After and not stored; WeChat treats any answer other than 200 as a failure and retries
 * the push (up to 3 times), so a legitimate burst is delivered late rather than lost.
 */
@ApplicationScoped
public class CallbackThrottle {
    @Inject
    Clock clock;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.callback-rate", defaultValue = "2000")
    double rate;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.callback-burst", defaultValue = "10000")
    int burst;

    private final Map<UUID, TokenBucket> buckets = new ConcurrentHashMap<>();

    /** True when the account may store one more push now. */
    public boolean admit(UUID accountId) {
        return buckets.computeIfAbsent(accountId, id -> new TokenBucket(rate, burst, clock.instant())).tryTake(clock.instant());
    }
}
