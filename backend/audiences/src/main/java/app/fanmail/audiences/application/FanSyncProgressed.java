package app.fanmail.audiences.application;

/**
 * A run changed (started, a page written, finished, failed, cancelled): fired after the change committed, at most a
 * few times a second per run while it runs. {@code leaseOwner} is set only when the run was just started or resumed
 * on this node: the lease its work goes on under.
 */
public record FanSyncProgressed(FanSyncRun run, String leaseOwner) {
    public boolean started() {
        return leaseOwner != null;
    }
}
