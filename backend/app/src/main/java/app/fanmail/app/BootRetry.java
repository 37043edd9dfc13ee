package app.fanmail.app;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs a start-up step that needs PostgreSQL, retrying with exponential backoff (1 s doubling up to 30 s) while the
 * database does not answer, for at most {@code total}; then fails with a clear message. A failure while the
 * database does answer (e.g. a broken migration) fails at once: retrying would not help. One log line per attempt.
 */
final class BootRetry {
    /** Waits; replaceable in tests. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(30);

    private final Duration total;
    private final BooleanSupplier reachable;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    private final Consumer<String> log;

    BootRetry(Duration total, BooleanSupplier reachable, Sleeper sleeper, LongSupplier nanoTime, Consumer<String> log) {
        this.total = total;
        this.reachable = reachable;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
        this.log = log;
    }

    void run(String what, Runnable step) {
        long start = nanoTime.getAsLong();
        Duration delay = FIRST;
        for (int attempt = 1; ; attempt++) {
            try {
                step.run();
                return;
            } catch (RuntimeException e) {
                if (reachable.getAsBoolean()) {
                    throw e;
                }
                Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - start);
                if (elapsed.plus(delay).compareTo(total) > 0) {
                    throw new IllegalStateException(what + ": PostgreSQL did not answer within " + total + " (" + attempt
                            + " attempts); giving up. Last error: " + rootMessage(e), e);
                }
                log.accept(what + ": PostgreSQL does not answer (attempt " + attempt + ": " + rootMessage(e) + "); retrying in "
                        + delay.toSeconds() + " s");
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(what + ": interrupted while waiting for PostgreSQL", e);
                }
                delay = delay.multipliedBy(2).compareTo(MAX) > 0 ? MAX : delay.multipliedBy(2);
            }
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
