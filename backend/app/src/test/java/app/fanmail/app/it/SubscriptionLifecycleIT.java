package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import app.fanmail.testing.FanmailClient;
import app.fanmail.testing.TestServer;
import jakarta.json.JsonObject;

/**
 * GraphQL WebSocket connections end with their session or role even while the client is silent
 * (the tests' server re-checks every second: fanmail.identity.ws-recheck-period), are capped per
 * user, and each runs as the user of its own handshake.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SubscriptionLifecycleIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String ACCOUNT_CHANGED = "{\"id\":\"s\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { accountChanged { kind } }\"}}";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestServer.fanmailWar();
    }

    @ArquillianResource
    URL base;

    private String baseUrl;
    private FanmailClient admin;

    @BeforeEach
    void setUp() {
        baseUrl = base.toString().replaceAll("/$", "");
        admin = FanmailClient.signedInAdmin(baseUrl);
    }

    @Test
    void signingOutEndsASilentSubscription() throws Exception {
        FanmailClient viewer = Users.signedIn(admin, baseUrl, "VIEWER");
        FanmailClient.Subscriptions ws = subscribed(viewer);
        viewer.signOut();
        assertThat(ws.closeCode(WAIT)).isEqualTo(4401);
    }

    @Test
    void disablingTheUserEndsTheirSubscriptions() throws Exception {
        String name = "operator-" + Accounts.hex(6);
        JsonObject user = Users.create(admin, name, "pw-long-enough-1", "OPERATOR").getJsonObject("user");
        FanmailClient operator = new FanmailClient(baseUrl);
        assertThat(operator.signIn(name, "pw-long-enough-1").statusCode()).isEqualTo(200);
        FanmailClient.Subscriptions ws = subscribed(operator);

        update(user.getString("id"), "OPERATOR", false);
        assertThat(ws.closeCode(WAIT)).isEqualTo(4401);
    }

    @Test
    void losingTheRoleEndsTheSubscriptionsOpenedWithIt() throws Exception {
        String name = "operator-" + Accounts.hex(6);
        JsonObject user = Users.create(admin, name, "pw-long-enough-1", "OPERATOR").getJsonObject("user");
        FanmailClient operator = new FanmailClient(baseUrl);
        assertThat(operator.signIn(name, "pw-long-enough-1").statusCode()).isEqualTo(200);
        FanmailClient.Subscriptions ws = subscribed(operator);

        update(user.getString("id"), "VIEWER", true);
        assertThat(ws.closeCode(WAIT)).isEqualTo(4003);
        // the session itself lives on with the new role: a new connection works
        subscribed(operator);
    }

    @Test
    void connectionsPerUserAreCapped() throws Exception {
        FanmailClient viewer = Users.signedIn(admin, baseUrl, "VIEWER");
        List<FanmailClient.Subscriptions> open = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            open.add(acknowledged(viewer));
        }
        FanmailClient.Subscriptions ninth = viewer.openSubscriptions(baseUrl);
        ninth.socket(WAIT);
        assertThat(ninth.closeCode(WAIT)).isEqualTo(4429);

        // another user is not affected
        acknowledged(Users.signedIn(admin, baseUrl, "VIEWER"));

        // closing one makes room again
        open.get(0).socket(WAIT).sendClose(1000, "bye").get();
        assertThat(open.get(0).closeCode(WAIT)).isEqualTo(1000);
        FanmailClient.Subscriptions again = null;
        for (int attempt = 0; attempt < 20 && again == null; attempt++) {
            FanmailClient.Subscriptions candidate = viewer.openSubscriptions(baseUrl);
            candidate.socket(WAIT);
            candidate.send("{\"type\":\"connection_init\"}");
            JsonObject first = candidate.next(WAIT);
            if (first != null && "connection_ack".equals(first.getString("type"))) {
                again = candidate;
            } else {
                // the server had not yet forgotten the closed one: it refused this one with 4429
                assertThat(candidate.closeCode(WAIT)).isEqualTo(4429);
            }
        }
        assertThat(again).isNotNull();
    }

    @Test
    void concurrentHandshakesEachRunAsTheirOwnUser() throws Exception {
        List<FanmailClient> users = List.of(Users.signedIn(admin, baseUrl, "VIEWER"), Users.signedIn(admin, baseUrl, "OPERATOR"), admin);
        List<String> names = new ArrayList<>();
        for (FanmailClient user : users) {
            names.add(user.data("{ viewer { username } }", null).getJsonObject("viewer").getString("username"));
        }
        int perUser = 6;
        ExecutorService pool = Executors.newFixedThreadPool(users.size() * perUser);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<String[]>> seen = new ArrayList<>();
        try {
            for (int u = 0; u < users.size(); u++) {
                FanmailClient user = users.get(u);
                String expected = names.get(u);
                for (int i = 0; i < perUser; i++) {
                    seen.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                            FanmailClient.Subscriptions ws = acknowledged(user);
                            ws.send("{\"id\":\"q\",\"type\":\"subscribe\",\"payload\":{\"query\":\"{ viewer { username } }\"}}");
                            JsonObject next = ws.next(WAIT);
                            ws.socket(WAIT).sendClose(1000, "done");
                            return new String[] {expected, next.getJsonObject("payload").getJsonObject("data").getJsonObject("viewer").getString("username")};
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, pool));
                }
            }
            start.countDown();
            for (CompletableFuture<String[]> answer : seen) {
                String[] pair = answer.get();
                assertThat(pair[1]).isEqualTo(pair[0]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private FanmailClient.Subscriptions acknowledged(FanmailClient client) throws Exception {
        FanmailClient.Subscriptions ws = client.openSubscriptions(baseUrl);
        ws.socket(WAIT);
        ws.send("{\"type\":\"connection_init\"}");
        JsonObject ack = ws.next(WAIT);
        assertThat(ack).isNotNull();
        assertThat(ack.getString("type")).isEqualTo("connection_ack");
        return ws;
    }

    private FanmailClient.Subscriptions subscribed(FanmailClient client) throws Exception {
        FanmailClient.Subscriptions ws = acknowledged(client);
        ws.send(ACCOUNT_CHANGED);
        return ws;
    }

    private void update(String id, String role, boolean enabled) {
        JsonObject updated = admin.data(Users.UPDATE, Map.of("i", Map.of("id", id, "role", role, "enabled", enabled))).getJsonObject("userUpdate");
        assertThat(updated.getJsonArray("userErrors")).as(updated.toString()).isEmpty();
    }
}
