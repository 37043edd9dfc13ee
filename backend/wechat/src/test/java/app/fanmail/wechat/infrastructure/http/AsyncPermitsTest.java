package app.fanmail.wechat.infrastructure.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class AsyncPermitsTest {
    @Test
    void waitersGetPermitsInOrderAndATimedOutWaiterNone() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            AsyncPermits permits = new AsyncPermits("test", 1, timer, Runnable::run);
            assertThat(permits.acquire(0)).isDone();
            CompletableFuture<Void> expires = permits.acquire(TimeUnit.MILLISECONDS.toNanos(50));
            Throwable t = catchThrowable(() -> expires.get(10, TimeUnit.SECONDS));
            assertThat(t).hasCauseInstanceOf(AsyncPermits.PermitTimeoutException.class);
            CompletableFuture<Void> second = permits.acquire(TimeUnit.SECONDS.toNanos(10));
            CompletableFuture<Void> third = permits.acquire(TimeUnit.SECONDS.toNanos(10));
            assertThat(second).isNotDone();
            permits.release();
            assertThat(second).isDone();
            assertThat(third).isNotDone();
            permits.release();
            assertThat(third).isDone();
            permits.release();
            assertThat(permits.inUse()).isZero();
            assertThat(permits.acquire(0)).isDone();
        } finally {
            timer.shutdownNow();
        }
    }
}
