package app.fanmail.kernel.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.fanmail.app.db.JdbcEntityManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Cross-node cache invalidation (ADR 0012) against a real PostgreSQL: two listeners stand for two nodes, a third
 * connection for the node that changes an account in a transaction.
 */
class ClusterNotificationsDbTest {
    private static final String LISTENING = "(listening)";
    private static final PgNotificationListener.Timing FAST =
            new PgNotificationListener.Timing(Duration.ofMillis(200), Duration.ofMillis(20), Duration.ofMillis(200));

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    /** One simulated node: what its listener saw, in order. */
    private static final class Node implements AutoCloseable {
        final BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        final PgNotificationListener listener;

        Node() {
            listener = new PgNotificationListener(dataSource::getConnection, ClusterChannel.CHANNEL, new PgNotificationListener.Handler() {
                @Override
                public void notified(String payload) {
                    seen.add(payload);
                }

                @Override
                public void listening() {
                    seen.add(LISTENING);
                }
            }, FAST, Thread::new);
            listener.start();
        }

        String next() throws InterruptedException {
            String s = seen.poll(10, TimeUnit.SECONDS);
            assertThat(s).as("an event within 10 s").isNotNull();
            return s;
        }

        @Override
        public void close() {
            listener.close();
        }
    }

    private Node a;
    private Node b;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void nodes() throws Exception {
        a = new Node();
        b = new Node();
        assertThat(a.next()).isEqualTo(LISTENING);
        assertThat(b.next()).isEqualTo(LISTENING);
    }

    @AfterEach
    void closeNodes() {
        a.close();
        b.close();
    }

    /** What the accounts module does: NOTIFY in the transaction that changes the account. */
    private static void change(String key, boolean commit) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            ClusterChannel.announce(JdbcEntityManager.over(c), "account", key);
            if (commit) {
                c.commit();
            } else {
                c.rollback();
            }
        }
    }

    @Test
    void aCommittedChangeReachesEveryNodeAndARolledBackOneNone() throws Exception {
        change("rolled-back", false);
        change("committed", true);
        // notifications arrive in commit order: had the rolled-back one been sent, it would come first
        assertThat(a.next()).isEqualTo("account:committed");
        assertThat(b.next()).isEqualTo("account:committed");
        assertThat(ClusterChannel.parse("account:committed")).contains(new ClusterChange("account", "committed"));
    }

    @Test
    void aLostConnectionReconnectsAndSaysChangesWereMissed() throws Exception {
        int pid = a.listener.backendPid();
        assertThat(pid).isPositive();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select pg_terminate_backend(?)")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next() && rs.getBoolean(1)).isTrue();
            }
        }
        // node a: reconnected, and says so (its caches must go); it listens on a new connection
        assertThat(a.next()).isEqualTo(LISTENING);
        assertThat(a.listener.backendPid()).isPositive().isNotEqualTo(pid);
        change("after-reconnect", true);
        assertThat(a.next()).isEqualTo("account:after-reconnect");
        assertThat(a.listener.listens()).isEqualTo(2);
        // node b never lost its connection: it sees the change and nothing else
        assertThat(b.next()).isEqualTo("account:after-reconnect");
        assertThat(b.listener.listens()).isEqualTo(1);
    }

    @Test
    void payloadsWithoutATopicAreNoChange() {
        assertThat(ClusterChannel.parse("no-topic")).isEmpty();
        assertThat(ClusterChannel.parse(":x")).isEmpty();
        assertThat(ClusterChannel.payload("account", "42")).isEqualTo("account:42");
    }
}
