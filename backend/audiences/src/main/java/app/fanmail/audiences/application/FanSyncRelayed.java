package app.fanmail.audiences.application;

/**
 * A fan sync run as stored, read on this node after some node (this one or another) announced that it changed: what
 * subscribers see. Fired outside any transaction, in order per run.
 */
public record FanSyncRelayed(FanSyncRun run) {
}
