package app.fanmail.audiences.application;

/** Tells every node that a fan sync run changed (the kernel's cluster channel), so each shows its stored state. */
public interface FanSyncAnnouncements {
    /**
     * Announces the run in the caller's transaction (delivered when it commits, never on rollback), or in a
     * transaction of its own when there is none.
     */
    void announce(long runId);
}
