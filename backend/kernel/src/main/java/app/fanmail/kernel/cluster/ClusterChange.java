package app.fanmail.kernel.cluster;

/**
 * Something a module announced with {@link ClusterChannel#announce} was committed, on this node or another: fired on
 * every node (the one that made the change too), on the listener's thread. Observers drop cached copies and return at
 * once; the module that announced the topic usually turns it into its own api event.
 *
 * @param topic the announcing module's name for the kind of change (e.g. {@code account})
 * @param key   what changed (e.g. an id)
 */
public record ClusterChange(String topic, String key) {
}
