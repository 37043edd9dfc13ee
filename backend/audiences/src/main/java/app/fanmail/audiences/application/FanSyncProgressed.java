package app.fanmail.audiences.application;

/**
 * A run changed (started, a page written, finished, failed, cancelled) on this node: fired in the transaction of a
 * start or cancel, or after a step committed, at most a few times a second per run while it runs.
 * {@link FanSyncProgressRelay} announces it to every node, where subscribers see the run's stored state
 * ({@link FanSyncRelayed}). {@code leaseOwner} is set only when the run was just started or resumed on this node: the
 * lease its work goes on under.
 */
public record FanSyncProgressed(FanSyncRun run, String leaseOwner) {
    public boolean started() {
        return leaseOwner != null;
    }
}
