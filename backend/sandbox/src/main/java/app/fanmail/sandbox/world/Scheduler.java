package app.fanmail.sandbox.world;

/** Runs a task later (in the server: the ManagedScheduledExecutorService; in tests: by hand or at once). */
@FunctionalInterface
public interface Scheduler {

    void schedule(Runnable task, long delayMs);
}
