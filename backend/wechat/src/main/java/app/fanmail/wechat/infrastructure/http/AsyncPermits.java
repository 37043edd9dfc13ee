package app.fanmail.wechat.infrastructure.http;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A semaphore whose waiters hold no thread: {@link #acquire} answers a future that completes when a permit is free,
 * or fails with {@link PermitTimeoutException} after the timeout (FIFO; a timed-out waiter never gets a permit).
 */
final class AsyncPermits {
    private final String name;
    private final int max;
    private final ScheduledExecutorService timer;
    private final Executor completions;
    private final ArrayDeque<CompletableFuture<Void>> waiters = new ArrayDeque<>();
    private int used;

    AsyncPermits(String name, int max, ScheduledExecutorService timer, Executor completions) {
        if (max < 1) {
            throw new IllegalArgumentException(name + ": at least 1 permit");
        }
        this.name = name;
        this.max = max;
        this.timer = timer;
        this.completions = completions;
    }

    CompletableFuture<Void> acquire(long timeoutNanos) {
        CompletableFuture<Void> waiter;
        synchronized (this) {
            if (used < max && waiters.isEmpty()) {
                used++;
                return CompletableFuture.completedFuture(null);
            }
            if (timeoutNanos <= 0) {
                return CompletableFuture.failedFuture(new PermitTimeoutException(name + ": all " + max + " permits in use"));
            }
            waiter = new CompletableFuture<>();
            waiters.add(waiter);
        }
        timer.schedule(() -> {
            boolean expired;
            synchronized (this) {
                expired = waiters.remove(waiter);
            }
            if (expired) {
                waiter.completeExceptionally(new PermitTimeoutException(name + ": no permit free within "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (all " + max + " in use)"));
            }
        }, timeoutNanos, TimeUnit.NANOSECONDS);
        return waiter;
    }

    void release() {
        CompletableFuture<Void> next;
        synchronized (this) {
            next = waiters.poll();
            if (next == null) {
                used--;
            }
        }
        if (next != null) {
            completions.execute(() -> next.complete(null)); // the permit passes on; the waiter continues on another thread
        }
    }

    synchronized int inUse() {
        return used;
    }

    /** No permit within the checkout timeout: nothing was sent. */
    static final class PermitTimeoutException extends RuntimeException {
        PermitTimeoutException(String message) {
            super(message, null, false, false);
        }
    }
}
