package app.fanmail.templates.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import app.fanmail.templates.infrastructure.WeChatReadCache.Kind;

class WeChatReadCacheTest {
    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final AtomicInteger calls = new AtomicInteger();
    private final UUID account = UUID.randomUUID();

    private Supplier<String> wechat() {
        return () -> "answer " + calls.incrementAndGet();
    }

    @Test
    void remembersAnAnswerForTheTtlThenAsksAgain() {
        WeChatReadCache cache = new WeChatReadCache(clock, Duration.ofMinutes(5), 10);
        assertThat(cache.get(account, Kind.CATEGORY_CATALOGUE, wechat())).isEqualTo("answer 1");
        clock.now = clock.now.plus(Duration.ofMinutes(5).minusMillis(1));
        assertThat(cache.get(account, Kind.CATEGORY_CATALOGUE, wechat())).isEqualTo("answer 1");
        clock.now = clock.now.plusMillis(1);
        assertThat(cache.get(account, Kind.CATEGORY_CATALOGUE, wechat())).isEqualTo("answer 2");
        assertThat(calls).hasValue(2);
    }

    @Test
    void keepsKindsAndAccountsApart() {
        WeChatReadCache cache = new WeChatReadCache(clock, Duration.ofMinutes(5), 10);
        cache.get(account, Kind.INDUSTRIES, wechat());
        assertThat(cache.get(account, Kind.LIBRARY, wechat())).isEqualTo("answer 2");
        assertThat(cache.get(UUID.randomUUID(), Kind.INDUSTRIES, wechat())).isEqualTo("answer 3");
        assertThat(cache.get(account, Kind.INDUSTRIES, wechat())).isEqualTo("answer 1");
    }

    @Test
    void forgettingAnAccountAsksWeChatAgain() {
        WeChatReadCache cache = new WeChatReadCache(clock, Duration.ofMinutes(5), 10);
        cache.get(account, Kind.INDUSTRIES, wechat());
        cache.forget(account);
        assertThat(cache.get(account, Kind.INDUSTRIES, wechat())).isEqualTo("answer 2");
    }

    @Test
    void neverRemembersAFailure() {
        WeChatReadCache cache = new WeChatReadCache(clock, Duration.ofMinutes(5), 10);
        assertThatThrownBy(() -> cache.get(account, Kind.INDUSTRIES, () -> {
            throw new IllegalStateException("WeChat down");
        })).hasMessage("WeChat down");
        assertThat(cache.get(account, Kind.INDUSTRIES, wechat())).isEqualTo("answer 1");
    }

    @Test
    void remembersAtMostMaxAccountsForgettingTheLeastRecentlyUsed() {
        WeChatReadCache cache = new WeChatReadCache(clock, Duration.ofMinutes(5), 2);
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        cache.get(account, Kind.INDUSTRIES, wechat());
        cache.get(b, Kind.INDUSTRIES, wechat());
        cache.get(account, Kind.INDUSTRIES, wechat()); // account is now the most recently used
        cache.get(c, Kind.INDUSTRIES, wechat());
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get(account, Kind.INDUSTRIES, wechat())).isEqualTo("answer 1");
        assertThat(cache.get(b, Kind.INDUSTRIES, wechat())).isEqualTo("answer 4");
    }

    @Test
    void aZeroTtlTurnsTheCacheOff() {
        WeChatReadCache cache = new WeChatReadCache(clock, Duration.ZERO, 10);
        cache.get(account, Kind.INDUSTRIES, wechat());
        assertThat(cache.get(account, Kind.INDUSTRIES, wechat())).isEqualTo("answer 2");
        assertThat(cache.size()).isZero();
    }
}
