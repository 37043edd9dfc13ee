package app.fanmail.audiences.application;

/**
 * A run changed (started, a page written, finished, failed, cancelled): fired after the change committed, at most a
 * few times a second per run while it runs. {@code started} is true when the run was just started or resumed.
 */
public record FanSyncProgressed(FanSyncRun run, boolean started) {
}
