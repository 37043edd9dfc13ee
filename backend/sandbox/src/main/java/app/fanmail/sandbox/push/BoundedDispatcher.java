package app.fanmail.sandbox.push;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs jobs on a shared executor (in the server: the container's ManagedExecutorService) with at most
 * {@code maxConcurrency} at a time and at most {@code capacity} waiting. Each job is a short task of its own,
 * so no executor thread is held between jobs. An asynchronous job ({@link #submitAsync}) keeps its slot until the
 * stage it returns completes, but no thread: that is how pushes are bounded in flight while on the wire.
 */
public final class BoundedDispatcher {

    private static final Logger LOG = Logger.getLogger(BoundedDispatcher.class.getName());

    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final Executor executor;
    private final int maxConcurrency;
    private final BlockingQueue<Supplier<? extends CompletionStage<?>>> queue;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    public BoundedDispatcher(Executor executor, int maxConcurrency, int capacity) {
        this.executor = executor;
        this.maxConcurrency = Math.max(1, maxConcurrency);
        this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
    }

    /** Queues a job; false when the queue is full (the caller records the drop). */
    public boolean submit(Runnable job) {
        return submitAsync(() -> {
            job.run();
            return DONE;
        });
    }

    /** Queues a job that holds its slot until its stage completes; false when the queue is full. */
    public boolean submitAsync(Supplier<? extends CompletionStage<?>> job) {
        if (!queue.offer(job)) {
            rejected.incrementAndGet();
            return false;
        }
        pump();
        return true;
    }

    private void pump() {
        while (true) {
            int running = inFlight.get();
            if (running >= maxConcurrency || queue.isEmpty()) {
                return;
            }
            if (!inFlight.compareAndSet(running, running + 1)) {
                continue;
            }
            Supplier<? extends CompletionStage<?>> job = queue.poll();
            if (job == null) {
                inFlight.decrementAndGet();
                continue;
            }
            try {
                executor.execute(() -> run(job));
            } catch (RejectedExecutionException e) {
                LOG.log(Level.WARNING, "executor rejected a sandbox job; running it on the caller", e);
                run(job); // decrements inFlight and pumps again
                return;
            }
        }
    }

    private void run(Supplier<? extends CompletionStage<?>> job) {
        CompletionStage<?> stage;
        try {
            stage = job.get();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sandbox job failed", e);
            stage = null;
        }
        if (stage == null) {
            release();
            return;
        }
        stage.whenComplete((result, error) -> {
            if (error != null) {
                LOG.log(Level.WARNING, "sandbox job failed", error);
            }
            release();
        });
    }

    private void release() {
        completed.incrementAndGet();
        inFlight.decrementAndGet();
        pump();
    }

    public int queued() {
        return queue.size();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public long completed() {
        return completed.get();
    }

    public long rejected() {
        return rejected.get();
    }

    public int maxConcurrency() {
        return maxConcurrency;
    }
}
