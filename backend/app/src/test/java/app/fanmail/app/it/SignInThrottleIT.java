package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

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
import jakarta.json.Json;

/**
 * Sign-in throttling against the running server. The tests' server trusts loopback as its proxy,
 * so each test picks its own client addresses with {@code X-Forwarded-For}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignInThrottleIT {

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
    void parallelGuessesAreEachCountedBeforeAnyPasswordIsChecked() throws Exception {
        String name = "target-" + Accounts.hex(6);
        Users.create(admin, name, "correct-password-1", "VIEWER");
        String attacker = randomAddress();
        int guesses = 12;
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < guesses; i++) {
                String password = "wrong-password-" + i;
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return signIn(new FanmailClient(baseUrl), name, password, attacker);
                }, pool));
            }
            start.countDown();
            int refused = 0;
            int throttled = 0;
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> res = answer.get();
                if (res.statusCode() == 401) {
                    refused++;
                } else {
                    assertThat(res.statusCode()).as(res.body()).isEqualTo(429);
                    assertThat(res.body()).contains("TOO_MANY_ATTEMPTS");
                    assertThat(res.headers().firstValue("Retry-After")).isPresent();
                    throttled++;
                }
            }
            // 5 failures per username are free; the others had to wait, and each checked guess was counted
            assertThat(refused).isGreaterThanOrEqualTo(5).isLessThan(guesses);
            assertThat(throttled).isEqualTo(guesses - refused);
            assertThat(failures("u:" + name)).isEqualTo(refused);
            assertThat(failures("a:" + attacker)).isEqualTo(refused);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theRightPasswordStillSignsInFromItsOwnAddressWhileAnotherGuesses() {
        String name = "owner-" + Accounts.hex(6);
        Users.create(admin, name, "correct-password-1", "OPERATOR");
        String home = randomAddress();
        assertThat(signIn(new FanmailClient(baseUrl), name, "correct-password-1", home).statusCode()).isEqualTo(200);

        String attacker = randomAddress();
        FanmailClient guesser = new FanmailClient(baseUrl);
        HttpResponse<String> last = null;
        for (int i = 0; i < 10 && (last == null || last.statusCode() != 429); i++) {
            last = signIn(guesser, name, "wrong-password-" + i, attacker);
        }
        assertThat(last.statusCode()).isEqualTo(429);
        // the per-username delay is short and capped, not a 15-minute lock
        assertThat(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 30L);

        HttpResponse<String> owner = signIn(new FanmailClient(baseUrl), name, "correct-password-1", home);
        assertThat(owner.statusCode()).as(owner.body()).isEqualTo(200);
        assertThat(owner.headers().firstValue("Set-Cookie")).isPresent();
    }

    @Test
    void overlongCredentialsAreRefusedBeforeAnythingElse() throws Exception {
        String address = randomAddress();
        HttpResponse<String> longName = signIn(new FanmailClient(baseUrl), "a".repeat(10_000), "whatever-password", address);
        assertThat(longName.statusCode()).isEqualTo(400);
        assertThat(longName.body()).contains("CREDENTIALS_TOO_LONG");
        HttpResponse<String> longPassword = signIn(new FanmailClient(baseUrl), "admin", "p".repeat(100_000), address);
        assertThat(longPassword.statusCode()).isEqualTo(400);
        assertThat(failures("a:" + address)).isZero();
    }

    @Test
    void theAddressForwardedByTheTrustedProxyIsTheOneCounted() throws Exception {
        // loopback is the tests' trusted proxy: the forwarded address is the one counted
        String address = randomAddress();
        assertThat(signIn(new FanmailClient(baseUrl), "nobody-" + Accounts.hex(4), "wrong-password-x", address).statusCode()).isEqualTo(401);
        assertThat(failures("a:" + address)).isEqualTo(1);
    }

    private HttpResponse<String> signIn(FanmailClient client, String username, String password, String address) {
        String body = Json.createObjectBuilder().add("username", username).add("password", password).build().toString();
        return client.send(HttpRequest.newBuilder(client.uri("/api/session"))
                .header("Content-Type", "application/json").header("X-Fanmail-Csrf", "1").header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String randomAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "198.18." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    private static int failures(String key) throws Exception {
        try (Connection c = DriverManager.getConnection(System.getProperty("fanmail.test.db.url"),
                System.getProperty("fanmail.test.db.user"), System.getProperty("fanmail.test.db.password"));
             PreparedStatement ps = c.prepareStatement("select failures from identity.sign_in_counter where counter_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }
}
