package app.fanmail.kernel.cluster;

import java.util.Optional;

import jakarta.persistence.EntityManager;

/**
 * Cross-node cache invalidation over PostgreSQL LISTEN/NOTIFY (ADR 0012). A module announces a change in the
 * transaction that makes it; PostgreSQL delivers the notification to every listening node when (and only if) that
 * transaction commits, and each node's {@link ClusterListener} fires a {@link ClusterChange}.
 */
public final class ClusterChannel {
    /** The one channel every node listens on. */
    public static final String CHANNEL = "fanmail_changes";
    /** PostgreSQL refuses payloads of 8000 bytes or more; topics and keys are short ids. */
    static final int MAX_PAYLOAD = 1000;

    private ClusterChannel() {
    }

    /**
     * NOTIFYs every node, in the caller's transaction (run through the module's own EntityManager, so on the
     * transaction's connection): delivered at commit, never on rollback.
     */
    public static void announce(EntityManager em, String topic, String key) {
        em.createNativeQuery("select 1 from pg_notify(?1, ?2)").setParameter(1, CHANNEL).setParameter(2, payload(topic, key))
                .getSingleResult();
    }

    /** {@code topic:key}; the topic must not contain a colon. */
    public static String payload(String topic, String key) {
        if (topic == null || topic.isEmpty() || topic.indexOf(':') >= 0 || key == null) {
            throw new IllegalArgumentException("topic without ':' and a key are required");
        }
        String payload = topic + ":" + key;
        if (payload.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload too long for NOTIFY");
        }
        return payload;
    }

    /** The change a payload names; empty for payloads not written by {@link #payload}. */
    public static Optional<ClusterChange> parse(String payload) {
        int colon = payload == null ? -1 : payload.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(new ClusterChange(payload.substring(0, colon), payload.substring(colon + 1)));
    }
}
