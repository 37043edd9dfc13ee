package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import app.fanmail.accounts.api.AccountRegistration;
import app.fanmail.accounts.api.AccountRegistration.NewAccount;
import app.fanmail.accounts.api.AccountType;
import app.fanmail.accounts.api.ApiTarget;
import app.fanmail.accounts.api.EncryptionMode;
import app.fanmail.kernel.cluster.ClusterChannel;
import app.fanmail.kernel.cluster.ClusterListener;
import app.fanmail.testing.TestServer;
import app.fanmail.wechat.application.AccountEndpoints;
import app.fanmail.wechat.application.CallbackAccounts;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;

/**
 * Cross-node cache invalidation (ADR 0012), inside the server: "another node" is a plain JDBC transaction on the same
 * database that changes an account and NOTIFYs as the accounts module does; this node's caches (30 s TTL) must follow
 * at once. And a lost listening connection must drop every cache, since notifications may have been missed meanwhile.
 */
@ExtendWith(ArquillianExtension.class)
class ClusterInvalidationIT {
    private static final int HTTP_PORT = 8080 + Integer.getInteger("jboss.socket.binding.port-offset",
            Integer.getInteger("fanmail.test.port-offset", 100));
    private static final String API = "http://127.0.0.1:" + HTTP_PORT + "/wechat-sandbox";

    @Deployment
    static WebArchive fanmail() {
        WebArchive war = TestServer.fanmailWar().addClasses(ClusterInvalidationIT.class, Heard.class);
        war.addAsLibrary(new File(org.assertj.core.api.Assertions.class.getProtectionDomain().getCodeSource().getLocation().getPath()));
        return war;
    }

    @Inject
    AccountRegistration registration;
    @Inject
    AccountEndpoints endpoints;
    @Inject
    CallbackAccounts callbackAccounts;
    @Inject
    ClusterListener listener;
    @Inject
    Heard heard;

    /** The cluster changes this node has heard, in the order its listener delivered them. */
    @jakarta.enterprise.context.ApplicationScoped
    public static class Heard {
        private final java.util.Set<String> keys = java.util.concurrent.ConcurrentHashMap.newKeySet();

        void heard(@jakarta.enterprise.event.Observes app.fanmail.kernel.cluster.ClusterChange change) {
            keys.add(change.topic() + "|" + change.key());
        }

        boolean has(String topic, String key) {
            return keys.contains(topic + "|" + key);
        }
    }

    /**
     * Waits until this node has handled every notification committed so far (the account's own creation among them):
     * notifications arrive in commit order, so once a marker sent now has been heard, so has everything before it.
     */
    private void quiet() throws Exception {
        String marker = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select 1 from pg_notify(?, ?)")) {
            ps.setString(1, ClusterChannel.CHANNEL);
            ps.setString(2, ClusterChannel.payload("it-marker", marker));
            ps.executeQuery().close();
        }
        awaitWithin(30_000, () -> heard.has("it-marker", marker));
    }
    @Resource(lookup = "java:jboss/datasources/FanmailDS")
    DataSource dataSource;

    private record Acc(UUID id, String appId) {
    }

    private Acc account() {
        String appId = "wx" + hex(16);
        UUID id = registration.register(new NewAccount("Cluster " + hex(4), "gh_" + hex(12), appId, hex(32), "Tok" + hex(6), null,
                AccountType.SERVICE, true, EncryptionMode.PLAIN, ApiTarget.WECHAT, API)).id();
        return new Acc(id, appId);
    }

    /** Another node's transaction: changes the row behind this node's back, and NOTIFYs in it unless told not to. */
    private void changeElsewhere(Acc acc, String sql, boolean notify) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, acc.id());
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            if (notify) {
                try (PreparedStatement ps = c.prepareStatement("select 1 from pg_notify(?, ?)")) {
                    ps.setString(1, ClusterChannel.CHANNEL);
                    ps.setString(2, ClusterChannel.payload("account", acc.id().toString()));
                    ps.executeQuery().close();
                }
            }
            c.commit();
        }
    }

    @Test
    void aChangeCommittedOnAnotherNodeReachesThisNodesCachesAtOnce() throws Exception {
        awaitWithin(30_000, () -> listener.listens() > 0); // listening, so the notification cannot be missed
        Acc acc = account();
        assertThat(endpoints.endpoint(acc.id()).baseUrl()).isEqualTo(API);
        assertThat(callbackAccounts.find(acc.appId())).isPresent();

        changeElsewhere(acc, "update accounts.official_account set api_base_url = api_base_url || '/moved', status = 'DISABLED' "
                + "where id = ?", true);

        // far less than the caches' 30 s TTL: only the notification can have done it
        awaitWithin(10_000, () -> endpoints.endpoint(acc.id()).baseUrl().equals(API + "/moved"));
        awaitWithin(10_000, () -> callbackAccounts.find(acc.appId()).isEmpty());
    }

    @Test
    void aLostListenerConnectionDropsTheCaches() throws Exception {
        // the listener drops every cache when it starts listening (it may have missed changes before): on a busy
        // machine that can happen after this test began, so wait for it before filling the cache
        awaitWithin(30_000, () -> listener.listens() > 0);
        Acc acc = account();
        quiet(); // the account's own creation notice must not drop the cache filled next
        assertThat(endpoints.endpoint(acc.id()).baseUrl()).isEqualTo(API);
        // a change whose notification this node never gets (as if sent while it was not listening)
        changeElsewhere(acc, "update accounts.official_account set api_base_url = api_base_url || '/missed' where id = ?", false);
        assertThat(endpoints.endpoint(acc.id()).baseUrl()).as("still cached").isEqualTo(API);

        int pid = listener.backendPid();
        long listens = listener.listens();
        assertThat(pid).isPositive();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select pg_terminate_backend(?)")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next() && rs.getBoolean(1)).isTrue();
            }
        }

        awaitWithin(10_000, () -> listener.listens() > listens);
        assertThat(listener.backendPid()).isPositive().isNotEqualTo(pid);
        assertThat(endpoints.endpoint(acc.id()).baseUrl()).as("every cache dropped on reconnection").isEqualTo(API + "/missed");
    }

    private static void awaitWithin(long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within " + millis + " ms").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static String hex(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(Integer.toHexString(ThreadLocalRandom.current().nextInt(16)));
        }
        return b.toString();
    }
}
