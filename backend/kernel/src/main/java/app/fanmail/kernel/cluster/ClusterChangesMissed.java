package app.fanmail.kernel.cluster;

/**
 * This node (re)started listening for {@link ClusterChange}s: whatever was announced while it was not listening (at
 * start-up, or while its connection was lost) has not reached it, so every cache of data other nodes can change must
 * be dropped. Fired on the listener's thread.
 */
public record ClusterChangesMissed() {
}
